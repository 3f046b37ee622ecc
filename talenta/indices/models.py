"""Merit-system self-assessment (RULES.md §8): a versioned framework, yearly self-assessments, verification."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from talenta.core.models import TimeStampedModel

SCORE = [MinValueValidator(0), MaxValueValidator(4)]  # each framework narrows it (merit-2018: 1-4)


class MeritFramework(TimeStampedModel):
    """A version of the aspects and indicators (loaded from a rule-set file, editable in the admin)."""

    version = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=255)
    categories = models.JSONField(default=list)  # [[threshold, label], ...]
    from_year = models.PositiveSmallIntegerField(default=2000)  # the first assessment year it applies to
    score_min = models.PositiveSmallIntegerField(default=1)
    score_max = models.PositiveSmallIntegerField(default=4)

    class Meta:
        verbose_name = _("merit framework")

    @property
    def scale(self) -> list[int]:
        return list(range(self.score_min, self.score_max + 1))

    def __str__(self) -> str:
        return self.version


class MeritIndicator(models.Model):
    """One indicator, scored 1-4 against ``criteria`` (four texts), within an aspect."""

    framework = models.ForeignKey(MeritFramework, on_delete=models.CASCADE, related_name="indicators")
    aspect_code = models.CharField(max_length=40)
    aspect_name = models.CharField(max_length=255)
    code = models.CharField(max_length=20)
    text = models.TextField()
    criteria = models.JSONField(default=list)
    evidence_key = models.CharField(max_length=40, blank=True)  # data Talenta already holds for it
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("merit indicator")
        ordering = ["order"]
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="indicator_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.text[:40]}"


class MeritStatus(models.TextChoices):
    DRAFT = "draf", _("draft")
    SUBMITTED = "diajukan", _("submitted")
    VERIFIED = "terverifikasi", _("verified")


class MeritAssessment(TimeStampedModel):
    """An organisation's self-assessment of one year; verified by an admin of the level above."""

    organisation = models.ForeignKey("org.Organisation", on_delete=models.PROTECT, related_name="merit")
    year = models.PositiveSmallIntegerField(_("year"))
    framework = models.ForeignKey(MeritFramework, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=14, choices=MeritStatus.choices, default=MeritStatus.DRAFT)
    submitted_at = models.DateTimeField(null=True, blank=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    total = models.DecimalField(max_digits=6, decimal_places=2, null=True, blank=True)
    category = models.CharField(max_length=40, blank=True)
    # A verifier may return a submitted form for revision with a note (issue 23): shown until resubmitted.
    returned_note = models.TextField(max_length=2000, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("merit self-assessment")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="merit_unique_year")]


class MeritScore(TimeStampedModel):
    """The self score of one indicator, the verifier's score where changed (with the reason), the evidence."""

    assessment = models.ForeignKey(MeritAssessment, on_delete=models.CASCADE, related_name="scores")
    indicator = models.ForeignKey(MeritIndicator, on_delete=models.PROTECT, related_name="+")
    self_score = models.PositiveSmallIntegerField(validators=SCORE)
    verified_score = models.PositiveSmallIntegerField(null=True, blank=True, validators=SCORE)
    reason = models.TextField(blank=True)
    evidence = models.TextField(blank=True)
    evidence_file = models.CharField(max_length=255, blank=True)  # under MEDIA_ROOT
    evidence_filename = models.CharField(max_length=255, blank=True)

    class Meta:
        verbose_name = _("merit score")
        constraints = [models.UniqueConstraint(fields=["assessment", "indicator"], name="merit_score_unique")]

    @property
    def final(self) -> int:
        return self.self_score if self.verified_score is None else self.verified_score
