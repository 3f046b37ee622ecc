"""Talent reviews, box history, talent pools and succession (issue 6).

Bands are stored as the engine encodes them (0 low, 1 middle, 2 high; RULES.md §5): performance 0 di bawah,
1 sesuai, 2 di atas ekspektasi; potential 0 rendah, 1 menengah, 2 tinggi. A box is 1-9, 0 not placed.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from talenta.core.models import TimeStampedModel

PERFORMANCE_BANDS = [(0, _("below expectations")), (1, _("meets expectations")), (2, _("above expectations"))]
POTENTIAL_BANDS = [(0, _("low")), (1, pgettext_lazy("potential", "medium")), (2, _("high"))]


class ReviewStatus(models.TextChoices):
    PREPARING = "preparing", _("Preparing")
    OPEN = "open", _("Open")
    FINAL = "final", _("Final")


class ReviewSession(TimeStampedModel):
    """A talent review: a period, an organisation subtree, a facilitator and members who calibrate.

    Opening it snapshots the engine's bands and boxes for every employee of the subtree (ReviewEntry);
    finalising locks it and writes each employee's box for the year into BoxHistory.
    """

    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    organisation = models.ForeignKey(
        "org.Organisation", on_delete=models.PROTECT, related_name="reviews", verbose_name=_("organisation")
    )
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="facilitated_reviews"
    )
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="reviews")
    status = models.CharField(_("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PREPARING)
    ruleset = models.CharField(_("rule set"), max_length=40, blank=True)
    employees = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    finalised_at = models.DateTimeField(null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-year", "-created_at"]
        verbose_name = _("talent review")

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"


class ReviewEntry(models.Model):
    """One employee in a review: the engine's raw bands and box, and the calibrated ones."""

    session = models.ForeignKey(ReviewSession, on_delete=models.CASCADE, related_name="entries")
    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="review_entries")
    agency = models.ForeignKey("org.Organisation", on_delete=models.PROTECT, related_name="+")
    job_kind = models.CharField(max_length=16)
    gender = models.CharField(max_length=1)
    golongan = models.CharField(max_length=6)
    performance_score = models.FloatField(null=True)
    potential_score = models.FloatField(null=True)
    raw_performance = models.SmallIntegerField(null=True, choices=PERFORMANCE_BANDS)
    raw_potential = models.SmallIntegerField(null=True, choices=POTENTIAL_BANDS)
    raw_box = models.SmallIntegerField(default=0)
    performance = models.SmallIntegerField(null=True, choices=PERFORMANCE_BANDS)
    potential = models.SmallIntegerField(null=True, choices=POTENTIAL_BANDS)
    box = models.SmallIntegerField(default=0, db_index=True)
    reason = models.TextField(blank=True)
    calibrated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    calibrated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("talent review row")
        constraints = [models.UniqueConstraint(fields=["session", "employee"], name="review_entry_unique")]
        indexes = [models.Index(fields=["session", "box"], name="review_entry_box")]

    def __str__(self) -> str:
        return f"{self.session_id}: {self.employee_id} box {self.box}"

    @property
    def job_kind_label(self) -> str:
        from talenta.people.models import JobKind

        return str(dict(JobKind.choices).get(self.job_kind, self.job_kind))

    @property
    def calibrated(self) -> bool:
        return self.box != self.raw_box or (self.performance, self.potential) != (
            self.raw_performance,
            self.raw_potential,
        )


class Calibration(models.Model):
    """One change to an entry's bands, with its reason (the audit trail of a review)."""

    entry = models.ForeignKey(ReviewEntry, on_delete=models.CASCADE, related_name="calibrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    from_performance = models.SmallIntegerField(null=True)
    from_potential = models.SmallIntegerField(null=True)
    to_performance = models.SmallIntegerField(null=True)
    to_potential = models.SmallIntegerField(null=True)
    reason = models.TextField()

    class Meta:
        verbose_name = _("calibration")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        before, after = (self.from_performance, self.from_potential), (self.to_performance, self.to_potential)
        return f"{self.entry_id}: {before} -> {after}"


class BoxHistory(models.Model):
    """An employee's box for a year, as finalised by a talent review."""

    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="box_history")
    year = models.PositiveSmallIntegerField()
    box = models.SmallIntegerField()
    performance = models.SmallIntegerField(null=True)
    potential = models.SmallIntegerField(null=True)
    session = models.ForeignKey(ReviewSession, null=True, on_delete=models.SET_NULL, related_name="+")
    ruleset = models.CharField(max_length=40)

    class Meta:
        verbose_name = _("box history")
        ordering = ["employee_id", "year"]
        constraints = [models.UniqueConstraint(fields=["employee", "year"], name="box_history_unique_year")]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.year}: {self.box}"


class PoolLevel(models.TextChoices):
    JPT = "jpt", _("JPT")
    ADMINISTRATOR = "administrator", _("Administrator")
    PENGAWAS = "pengawas", _("Pengawas")
    FUNGSIONAL = "fungsional", _("Functional")


class DecisionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")


class PoolStatus(models.TextChoices):
    """A pool proposal's decision: confirmed, declined with a reason, or still proposed (issue 23)."""

    PROPOSED = "proposed", _("Proposed")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")


class PoolMember(TimeStampedModel):
    """Talent pool membership for a year (boxes 7-9 of a finalised review), per level; box 9 also national."""

    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="pools")
    year = models.PositiveSmallIntegerField()
    level = models.CharField(max_length=16, choices=PoolLevel.choices)
    box = models.SmallIntegerField()
    national = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=PoolStatus.choices, default=PoolStatus.PROPOSED)
    session = models.ForeignKey(ReviewSession, null=True, on_delete=models.SET_NULL, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(max_length=1000, blank=True)  # why it was declined

    class Meta:
        verbose_name = _("talent pool member")
        constraints = [models.UniqueConstraint(fields=["employee", "year"], name="pool_member_unique_year")]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.year}: {self.level} ({self.status})"


class Readiness(models.TextChoices):
    NOW = "now", _("Ready now")
    ONE_TWO = "1-2", _("Ready in 1-2 years")
    THREE_PLUS = "3+", _("Ready in 3+ years")


class SuccessionCandidate(TimeStampedModel):
    """A nominated successor for a key position, with the basis of their fit and readiness."""

    position = models.ForeignKey("people.Position", on_delete=models.CASCADE, related_name="candidates")
    employee = models.ForeignKey("people.Employee", on_delete=models.CASCADE, related_name="nominations")
    rank = models.PositiveSmallIntegerField(default=1)
    derived_readiness = models.CharField(max_length=4, choices=Readiness.choices, blank=True)
    readiness = models.CharField(_("readiness"), max_length=4, choices=Readiness.choices, blank=True)
    readiness_reason = models.TextField(blank=True)
    emergency = models.BooleanField(_("emergency successor"), default=False)
    status = models.CharField(max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.PROPOSED)
    jpm_target = models.FloatField(null=True)
    fit = models.FloatField(null=True)
    box = models.SmallIntegerField(default=0)
    basis = models.JSONField(default=dict)
    nominated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("successor")
        ordering = ["position_id", "rank", "pk"]
        constraints = [models.UniqueConstraint(fields=["position", "employee"], name="candidate_unique")]

    def __str__(self) -> str:
        return f"{self.position_id}: #{self.rank} {self.employee_id}"
