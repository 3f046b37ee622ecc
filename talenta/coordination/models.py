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

    class Meta:
        verbose_name = _("good practice file")

    def __str__(self) -> str:
        return self.filename


class ResponsibleLevel(models.TextChoices):
    NATIONAL = "nasional", _("national")
    PROVINCE = "provinsi", _("provinces")
    REGENCY = "kabkota", _("regencies and cities")


class Recommendation(TimeStampedModel):
    """A recommendation of a coordination meeting (e.g. Rakornas 2025 in Balikpapan) for one level of
    government; each organisation of that level gets an action item to follow it up."""

    meeting = models.CharField(_("meeting"), max_length=255)
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("recommendation"))
    theme = models.CharField(_("theme"), max_length=12, choices=PracticeTheme.choices)
    level = models.CharField(_("responsible level"), max_length=10, choices=ResponsibleLevel.choices)
    due_date = models.DateField(_("due date"))

    class Meta:
        verbose_name = _("recommendation")
        ordering = ["-year", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"], name="recommendation_unique")]

    def __str__(self) -> str:
        return f"{self.meeting} #{self.number}"


class ActionStatus(models.TextChoices):
    OPEN = "belum", _("not started")
    PROGRESS = "proses", _("in progress")
    DONE = "selesai", _("done")


class ActionItem(TimeStampedModel):
    """One organisation's follow-up of a recommendation: who owns it, by when, how far, with what evidence."""

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="actions")
    organisation = models.ForeignKey("org.Organisation", on_delete=models.PROTECT, related_name="actions")
    owner = models.CharField(_("owner"), max_length=255, blank=True)
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=8, choices=ActionStatus.choices, default=ActionStatus.OPEN)
    evidence = models.TextField(_("evidence"), blank=True)

    class Meta:
        verbose_name = _("action item")
        ordering = ["due_date", "organisation__code"]
        constraints = [models.UniqueConstraint(fields=["recommendation", "organisation"], name="action_unique")]

    def __str__(self) -> str:
        return f"{self.recommendation} / {self.organisation_id}"


class ActionAttachment(TimeStampedModel):
    """An evidence file of an action item (a decree, minutes, a report), stored under MEDIA_ROOT and served
    by a scoped view; the same upload checks as a good practice's files (issue 23)."""

    action = models.ForeignKey(ActionItem, on_delete=models.CASCADE, related_name="attachments")
    filename = models.CharField(max_length=255)
    stored = models.CharField(max_length=255)
    size = models.PositiveIntegerField()
    content_type = models.CharField(max_length=100)
    uploaded_by = models.ForeignKey("org.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("follow-up evidence file")

    def __str__(self) -> str:
        return self.filename
