"""Coordination between regions: the library of good practices (Rakornas follow-up, issue 7 part 3)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from talenta.core.models import TimeStampedModel


class PracticeTheme(models.TextChoices):
    TALENT = "talenta", _("Talent management and merit system")
    COMPETENCY = "kompetensi", _("Competency development")
    JOBS = "jabatan", _("Job governance")
    DPRD = "dprd", _("DPRD members")
    DIGITAL = "digital", _("Digital HR services")
    OTHER = "lainnya", _("Other")


class GoodPractice(TimeStampedModel):
    """An innovation one region shares with the others; visible to every user once published."""

    title = models.CharField(_("title"), max_length=255)
    organisation = models.ForeignKey(
        "org.Organisation", on_delete=models.PROTECT, related_name="practices", verbose_name=_("region or agency")
    )
    theme = models.CharField(_("theme"), max_length=12, choices=PracticeTheme.choices)
    description = models.TextField(_("description"))
    results = models.TextField(_("results"), blank=True)
    published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["-published_at", "-created_at"]

    def __str__(self) -> str:
        return self.title


class PracticeAttachment(TimeStampedModel):
    """A file attached to a good practice, stored under MEDIA_ROOT (outside the web root), served by a view."""

    practice = models.ForeignKey(GoodPractice, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=255)
    stored = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)

    def __str__(self) -> str:
        return self.filename
