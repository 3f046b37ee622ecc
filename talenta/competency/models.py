"""Competency dictionary, position standards (SKJ) and assessment history (RULES.md §3-4)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from talenta.core.models import TimeStampedModel

LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class CompetencyKind(models.TextChoices):
    MANAGERIAL = "manajerial", _("Managerial")
    SOCIO_CULTURAL = "sosial_kultural", _("Socio-cultural")
    TECHNICAL = "teknis", _("Technical")


class Competency(TimeStampedModel):
    """A competency of the dictionary with its five level descriptions.

    The nine managerial/socio-cultural ones are national (``owner`` empty, loaded by a data migration
    from the rule set); technical ones are added by an agency (``owner``) with their own codes.
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=CompetencyKind.choices)
    owner = models.ForeignKey(
        "org.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="competencies",
        verbose_name=_("owner"),
    )
    level_descriptions = models.JSONField(_("level descriptions"), default=list, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        verbose_name = _("competency")
        verbose_name_plural = _("competencies")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def clean(self) -> None:
        if len(self.level_descriptions) not in (0, 5):
            raise ValidationError({"level_descriptions": _("Give all five level descriptions or none.")})
        if self.kind == CompetencyKind.TECHNICAL and self.owner_id is None:
            raise ValidationError({"owner": _("A technical competency belongs to an agency.")})


class PositionStandard(models.Model):
    """Required level of one competency for one position (a row of its SKJ)."""

    position = models.ForeignKey("people.Position", on_delete=models.CASCADE, related_name="standard")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("required level"), validators=LEVEL_VALIDATORS)

    class Meta:
        verbose_name = _("position standard")
        constraints = [
            models.UniqueConstraint(fields=["position", "competency"], name="standard_unique"),
            models.CheckConstraint(condition=models.Q(level__gte=1, level__lte=5), name="standard_level_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.position_id}:{self.competency_id}={self.level}"


class Assessment(TimeStampedModel):
    """One competency assessment of an employee (history: a new date adds a row, never overwrites)."""

    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="assessments")
    date = models.DateField(_("date"))
    source = models.CharField(_("source"), max_length=255, blank=True)
    potential_score = models.DecimalField(
        _("potential score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )

    class Meta:
        verbose_name = _("assessment")
        ordering = ["-date"]
        constraints = [models.UniqueConstraint(fields=["employee", "date"], name="assessment_unique_date")]


class AssessmentScore(models.Model):
    """The level (1-5) an assessment found for one competency."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    competency = models.ForeignKey(Competency, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(_("level"), validators=LEVEL_VALIDATORS)

    class Meta:
        verbose_name = _("assessment score")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "competency"], name="score_unique"),
            models.CheckConstraint(condition=models.Q(level__gte=1, level__lte=5), name="score_level_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.assessment_id}:{self.competency_id}={self.level}"
