"""Positions (jabatan), employees and their histories (SKP, discipline). RULES.md §1-2."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from talenta.core.models import TimeStampedModel


class JobKind(models.TextChoices):
    """Job kinds of RULES.md §2; the rule set gives each its family, BUP and default level."""

    JPT_UTAMA = "JPT_UTAMA", "JPT Utama"
    JPT_MADYA = "JPT_MADYA", "JPT Madya"
    JPT_PRATAMA = "JPT_PRATAMA", "JPT Pratama"
    ADMINISTRATOR = "ADMINISTRATOR", "Administrator"
    PENGAWAS = "PENGAWAS", "Pengawas"
    PELAKSANA = "PELAKSANA", "Pelaksana"
    AHLI_UTAMA = "AHLI_UTAMA", "Fungsional Ahli Utama"
    AHLI_MADYA = "AHLI_MADYA", "Fungsional Ahli Madya"
    AHLI_MUDA = "AHLI_MUDA", "Fungsional Ahli Muda"
    AHLI_PERTAMA = "AHLI_PERTAMA", "Fungsional Ahli Pertama"
    PENYELIA = "PENYELIA", "Fungsional Penyelia"
    MAHIR = "MAHIR", "Fungsional Mahir"
    TERAMPIL = "TERAMPIL", "Fungsional Terampil"
    PEMULA = "PEMULA", "Fungsional Pemula"


class EmployeeStatus(models.TextChoices):
    PNS = "PNS", "PNS"
    CPNS = "CPNS", "CPNS"
    PPPK = "PPPK", "PPPK"


class Gender(models.TextChoices):
    MALE = "L", _("Male")
    FEMALE = "P", _("Female")


class Education(models.TextChoices):
    SD = "SD", "SD"
    SMP = "SMP", "SMP"
    SMA = "SMA", "SMA/SMK"
    D1 = "D1", "D1"
    D2 = "D2", "D2"
    D3 = "D3", "D3"
    D4 = "D4", "D4"
    S1 = "S1", "S1"
    S2 = "S2", "S2"
    S3 = "S3", "S3"


class Rating(models.TextChoices):
    """SKP rating of hasil kerja or perilaku kerja (PermenPAN-RB 6/2022)."""

    BELOW = "di_bawah", _("di bawah ekspektasi")
    MEETS = "sesuai", _("sesuai ekspektasi")
    ABOVE = "di_atas", _("di atas ekspektasi")


class AddedDuty(models.TextChoices):
    """Added duties of a functional position that make its replacement need the minister's approval during a
    regional head's freeze (SE Mendagri 100.2.1.3/1575/SJ, RULES.md §11)."""

    PUSKESMAS = "kepala_puskesmas", _("head of a puskesmas")
    SCHOOL = "kepala_sekolah", _("school principal")


class Position(TimeStampedModel):
    """A position (jabatan) in a unit, with its job kind, class and competency standard (SKJ).

    The standard is a set of :class:`talenta.competency.models.PositionStandard` rows; a position
    created without one gets the rule set's default level per job kind for the nine national
    competencies.
    """

    organisation = models.ForeignKey(
        "org.Organisation", on_delete=models.PROTECT, related_name="positions", verbose_name=_("unit")
    )
    name = models.CharField(_("position"), max_length=255)
    job_kind = models.CharField(_("job kind"), max_length=16, choices=JobKind.choices)
    job_class = models.PositiveSmallIntegerField(
        _("job class"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(17)]
    )
    is_key = models.BooleanField(_("key position"), default=False)
    # Anjab (job analysis) fields officers fill, kept short (RULES.md §10).
    # (db_default: the bulk writers of imports and the demo insert positions without naming them)
    summary = models.TextField(_("job summary (ikhtisar jabatan)"), blank=True, max_length=2000, db_default="")
    education_requirement = models.CharField(_("education required"), max_length=255, blank=True, db_default="")
    # A functional position with added duties (RULES.md §11): its replacement falls under the regional
    # head's freeze like a structural one.
    added_duty = models.CharField(
        _("added duty"), max_length=20, blank=True, choices=AddedDuty.choices, default="", db_default=""
    )

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["organisation__path", "name"]
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="position_unique_name")]

    def __str__(self) -> str:
        return self.name


class Employee(TimeStampedModel):
    """A civil servant (PNS/CPNS) or contract civil servant (PPPK).

    Birth date, gender and TMT come from the NIP and must agree with it (validated in
    :func:`talenta.people.services.employee_validate`); the retirement date is derived from the birth
    date and the job kind's BUP and stored because pages and forecasts query it.
    """

    nip = models.CharField("NIP", max_length=18, unique=True)
    name = models.CharField(_("name"), max_length=255)
    title_front = models.CharField(_("title (front)"), max_length=40, blank=True)
    title_back = models.CharField(_("title (back)"), max_length=60, blank=True)
    birth_date = models.DateField(_("birth date"))
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    status = models.CharField(_("status"), max_length=4, choices=EmployeeStatus.choices)
    golongan = models.CharField(_("golongan"), max_length=6)
    education = models.CharField(_("education"), max_length=3, choices=Education.choices)
    major = models.CharField(_("major"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        "org.Organisation", on_delete=models.PROTECT, related_name="employees", verbose_name=_("unit")
    )
    # Denormalised from the unit so that a scope filter is one indexed prefix match, no join (the index is
    # Meta's employee_path_like, which serves equality too: a second one only slows every write).
    org_path = models.CharField(max_length=400, editable=False)
    position = models.ForeignKey(Position, on_delete=models.PROTECT, related_name="holders", verbose_name=_("position"))
    tmt_jabatan = models.DateField(_("TMT jabatan"), null=True, blank=True)
    tmt_cpns = models.DateField(_("TMT CPNS/PPPK"))
    retirement_date = models.DateField(_("retirement date"))
    # SIASN's kedudukan hukum as the rule set's [siasn] keeps it (aktif, tugas_belajar, cltn, ...): some are
    # left out of development plans. Identifiers of SIASN kept for matching back (UU 27/2022: nothing else).
    kedudukan = models.CharField(_("legal status"), max_length=30, blank=True, default="aktif", db_default="aktif")
    nip_lama = models.CharField(_("old NIP"), max_length=30, blank=True, default="", db_default="")
    pns_id = models.CharField(_("SIASN PNS ID"), max_length=64, blank=True, default="", db_default="")
    kartu_asn = models.CharField(_("virtual ASN card"), max_length=64, blank=True, default="", db_default="")

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["name", "nip"]
        # Each index is paid on every insert (an import of 100,000 rows, bench/README.md): the lists' order
        # (name, nip) and the scope prefix. Name search is a case-insensitive substring: no index serves it.
        indexes = [
            models.Index(fields=["org_path"], name="employee_path_like", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["name", "nip"], name="employee_name_nip"),
        ]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.nip})"

    @property
    def full_name(self) -> str:
        front = f"{self.title_front} " if self.title_front else ""
        back = f", {self.title_back}" if self.title_back else ""
        return f"{front}{self.name}{back}"


# The columns a bulk insert of employees fills (demo generator and pegawai import), in this order.
EMPLOYEE_INSERT_FIELDS = (
    "nip", "name", "title_front", "title_back", "birth_date", "gender", "status", "golongan", "education", "major",
    "organisation", "org_path", "position", "tmt_jabatan", "tmt_cpns", "retirement_date", "created_at", "updated_at",
)  # fmt: skip


class PerformanceRating(TimeStampedModel):
    """The SKP of one year: the two ratings, the predikat derived by the matrix, an optional score."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="performance")
    year = models.PositiveSmallIntegerField(_("year"))
    hasil_kerja = models.CharField(_("work results"), max_length=8, choices=Rating.choices)
    perilaku = models.CharField(_("work behaviour"), max_length=8, choices=Rating.choices)
    predikat = models.CharField(_("predikat"), max_length=20)
    score = models.DecimalField(
        _("SKP score"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    ruleset = models.CharField(_("rule set"), max_length=40)

    class Meta:
        verbose_name = _("SKP rating")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["employee", "year"], name="skp_unique_year")]


class DisciplineLevel(models.TextChoices):
    LIGHT = "ringan", _("light")
    MEDIUM = "sedang", _("medium")
    HEAVY = "berat", _("heavy")


class DisciplinePenalty(TimeStampedModel):
    """A disciplinary penalty (hukuman disiplin) with its period."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="discipline")
    level = models.CharField(_("level"), max_length=8, choices=DisciplineLevel.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("disciplinary penalty")
        ordering = ["-start"]
        constraints = [
            # One penalty starts on a given day; a re-import with another level is an update, not a second row.
            models.UniqueConstraint(fields=["employee", "start"], name="discipline_unique_start"),
        ]

    def clean(self) -> None:
        if self.end and self.end < self.start:
            raise ValidationError({"end": _("The end date is before the start date.")})


class RecognitionKind(models.TextChoices):
    AWARD = "penghargaan", _("award")
    TEAM = "tim_kerja", _("team assignment")


class Recognition(TimeStampedModel):
    """An award (penghargaan) or a team assignment (SK tim kerja): the supporting performance of BKN-2025
    (RULES.md §5), counted within the rule set's window before the reference date."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="recognitions")
    kind = models.CharField(_("kind"), max_length=12, choices=RecognitionKind.choices)
    name = models.CharField(_("name"), max_length=255)
    date = models.DateField(_("date"))
    decree_no = models.CharField(_("decree number"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("award or team assignment")
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "kind", "name", "date"], name="recognition_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.kind} {self.name} {self.date}"


class StructuralTitleRule(TimeStampedModel):
    """A pattern that places a SIASN structural title ("Kepala Pusat ...") in a job kind, added by the national
    admin; tried before the rule set's ``[siasn] structural_titles``."""

    pattern = models.CharField(_("pattern"), max_length=200)
    job_kind = models.CharField(_("job kind"), max_length=16, choices=JobKind.choices)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("structural title rule")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.pattern} -> {self.job_kind}"

    def clean(self) -> None:
        import re

        try:
            re.compile(self.pattern)
        except re.error as exc:
            raise ValidationError({"pattern": _("Not a valid pattern: %(error)s") % {"error": exc}}) from None


class ChangeSource(models.TextChoices):
    IMPORT = "import", _("employee import")
    HISTORY = "riwayat", _("position history import")
    FORM = "form", _("form")
    ADMIN = "admin", _("administration")


class PositionChange(TimeStampedModel):
    """One entry of an employee's position history (riwayat jabatan): the unit and position they moved into,
    from which date (TMT), by which decree and, during a regional head's freeze, under which approval of the
    minister (RULES.md §11). Appended by every change of an employee's position; never rewritten by one."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="position_history")
    organisation = models.ForeignKey(
        "org.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("unit")
    )
    org_path = models.CharField(max_length=400, editable=False)
    position = models.ForeignKey(Position, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    position_name = models.CharField(_("position"), max_length=255)
    job_kind = models.CharField(_("job kind"), max_length=16, choices=JobKind.choices)
    tmt = models.DateField(_("TMT jabatan"))
    decree_no = models.CharField(_("decree number"), max_length=100, blank=True, default="", db_default="")
    approval_no = models.CharField(
        _("approval number (Minister of Home Affairs)"), max_length=100, blank=True, default="", db_default=""
    )
    source = models.CharField(_("source"), max_length=8, choices=ChangeSource.choices)

    class Meta:
        verbose_name = _("position history entry")
        verbose_name_plural = _("position history")
        ordering = ["employee", "-tmt", "-pk"]
        constraints = [models.UniqueConstraint(fields=["employee", "tmt"], name="position_change_unique_tmt")]
        indexes = [models.Index(fields=["org_path", "tmt"], name="position_change_path_tmt")]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.position_name} {self.tmt}"


class ActingKind(models.TextChoices):
    PLT = "plt", "Plt"
    PLH = "plh", "Plh"


class ActingAssignment(TimeStampedModel):
    """An acting official (Plt: the position is vacant; Plh: its holder is away) in a position, from a date
    until a date or ongoing (``end`` null). A Plt's position counts as vacant for succession and the vacancy
    forecast; the rule set caps a Plt's months (RULES.md §11)."""

    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="acting")
    position = models.ForeignKey(Position, on_delete=models.CASCADE, related_name="acting")
    kind = models.CharField(_("kind"), max_length=3, choices=ActingKind.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("acting official")
        verbose_name_plural = _("acting officials")
        ordering = ["-start", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "position", "start"], name="acting_unique_start"),
            models.CheckConstraint(
                condition=models.Q(end__isnull=True) | models.Q(end__gte=models.F("start")), name="acting_end_after"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.position_id} {self.start}"
