"""Learning records (JP), the training catalogue and yearly budgets (RULES.md §7)."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from talenta.core.models import TimeStampedModel


class Route(models.TextChoices):
    CLASSROOM = "klasikal", _("classroom")
    NON_CLASSROOM = "nonklasikal", _("non-classroom")


class LearningStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    ATTENDED = "attended", _("attended")


class LearningRecord(TimeStampedModel):
    """One learning activity of an employee. ``jp`` is what the record states (1 JP = 45 minutes);
    ``form`` and ``type`` take the rule set's values (BENTUK and JENIS)."""

    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="learning")
    title = models.CharField(_("title"), max_length=255)
    form = models.CharField(_("form"), max_length=40, blank=True)
    route = models.CharField(_("route"), max_length=12, choices=Route.choices, blank=True)
    type = models.CharField(_("type"), max_length=40, blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    jp = models.DecimalField(_("JP"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)])
    provider = models.CharField(_("provider"), max_length=255, blank=True)
    certificate_no = models.CharField(_("certificate number"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=LearningStatus.choices, default=LearningStatus.ATTENDED
    )
    programme = models.ForeignKey("Programme", null=True, blank=True, on_delete=models.SET_NULL, related_name="records")

    class Meta:
        verbose_name = _("learning record")
        ordering = ["-start"]
        indexes = [models.Index(fields=["employee", "start"], name="learning_emp_start")]
        constraints = [
            models.UniqueConstraint(fields=["employee", "title", "start"], name="learning_unique"),
        ]

    def clean(self) -> None:
        if self.end and self.end < self.start:
            raise ValidationError({"end": _("The end date is before the start date.")})


class Programme(TimeStampedModel):
    """A catalogue programme: what it costs, how many seats a year, which competencies it raises."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    owner = models.ForeignKey(
        "org.Organisation", on_delete=models.PROTECT, related_name="programmes", verbose_name=_("owner")
    )
    form = models.CharField(_("form"), max_length=40, blank=True)
    route = models.CharField(_("route"), max_length=12, choices=Route.choices, blank=True)
    type = models.CharField(_("type"), max_length=40, blank=True)
    jp = models.DecimalField(_("JP"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)])
    cost = models.BigIntegerField(_("cost per participant (Rp)"), validators=[MinValueValidator(0)])
    capacity = models.PositiveIntegerField(_("seats per year"))
    eligible_job_kinds = models.JSONField(_("eligible job kinds"), default=list, blank=True)
    priority_codes = models.JSONField(_("RKPD/RPJMD priorities"), default=list, blank=True)

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ProgrammeCompetency(models.Model):
    """A competency a programme raises and by how many levels."""

    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="raises")
    competency = models.ForeignKey("competency.Competency", on_delete=models.PROTECT, related_name="+")
    levels = models.PositiveSmallIntegerField(_("levels gained"), validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("programme competency")
        constraints = [models.UniqueConstraint(fields=["programme", "competency"], name="raise_unique")]

    def __str__(self) -> str:
        return f"{self.programme_id}:{self.competency_id}+{self.levels}"


class Budget(TimeStampedModel):
    """The yearly development budget (pagu) of an organisation, in rupiah."""

    organisation = models.ForeignKey("org.Organisation", on_delete=models.PROTECT, related_name="budgets")
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.BigIntegerField(_("pagu (Rp)"), validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("budget")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["organisation", "year"], name="budget_unique")]


class PlanStatus(models.TextChoices):
    PENDING = "pending", _("waiting")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class PlanRun(TimeStampedModel):
    """One run of the development planner for an organisation's year: its parameters and its result.

    ``result`` keeps the planner's JSON (the CLI's --json object) so the page and the export show exactly
    what was computed, with the rule-set version.
    """

    organisation = models.ForeignKey("org.Organisation", on_delete=models.PROTECT, related_name="plan_runs")
    year = models.PositiveSmallIntegerField(_("year"))
    user = models.ForeignKey("org.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.PENDING)
    message = models.TextField(blank=True)
    result = models.JSONField(default=dict, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey("org.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("development plan run")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.year} ({self.status})"


class IdpStatus(models.TextChoices):
    PROPOSED = "diajukan", _("proposed")
    APPROVED = "disetujui", _("approved")
    REJECTED = "ditolak", _("rejected")
    CANCELLED = "dibatalkan", _("cancelled")


OPEN_IDP = (IdpStatus.PROPOSED, IdpStatus.APPROVED)


class IdpItem(TimeStampedModel):
    """An item of an employee's individual development plan (IDP) for a year: a catalogue programme, or
    another activity (a form of the rule set, JP, estimated cost, provider), with the competency it serves and
    the reason; proposed by the employee (or loaded from the agency's spreadsheet), decided by the OPD's HR
    officer, an admin above, or the head of the employee's unit (issue 22; RULES.md §8 aspect 4)."""

    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="idp")
    year = models.PositiveSmallIntegerField(_("year"))
    programme = models.ForeignKey(Programme, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    activity = models.CharField(_("activity"), max_length=255, blank=True)
    form = models.CharField(_("form"), max_length=40, blank=True)
    competency = models.ForeignKey("competency.Competency", on_delete=models.PROTECT, related_name="+")
    jp = models.DecimalField(_("JP"), max_digits=6, decimal_places=2, validators=[MinValueValidator(0)])
    cost = models.BigIntegerField(_("estimated cost (Rp)"), default=0, validators=[MinValueValidator(0)])
    provider = models.CharField(_("provider"), max_length=255, blank=True)
    reason = models.TextField(_("reason"), max_length=2000, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=IdpStatus.choices, default=IdpStatus.PROPOSED)
    decided_by = models.ForeignKey("org.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decision_note = models.TextField(_("reason of the decision"), max_length=2000, blank=True)
    seen_at = models.DateTimeField(null=True, blank=True)  # when the employee saw the decision

    class Meta:
        verbose_name = _("IDP item")
        verbose_name_plural = _("IDP items")
        ordering = ["-year", "status", "pk"]
        indexes = [models.Index(fields=["employee", "year"], name="idp_employee_year")]
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(programme__isnull=False) | ~models.Q(activity="")), name="idp_programme_or_activity"
            ),
        ]

    def __str__(self) -> str:
        return f"IDP {self.employee_id} {self.year} {self.title}"

    @property
    def title(self) -> str:
        return self.programme.name if self.programme_id and self.programme else self.activity
