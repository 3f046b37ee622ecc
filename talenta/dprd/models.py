"""DPRD members and their orientation / pendalaman tugas (RULES.md §9)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from talenta.core.models import TimeStampedModel


class DprdBody(TimeStampedModel):
    """The DPRD of a province, regency or city for one term, with its number of seats."""

    region = models.ForeignKey("org.Organisation", on_delete=models.PROTECT, related_name="dprd")
    term = models.CharField(_("term"), max_length=9)  # "2024-2029"
    seats = models.PositiveSmallIntegerField(_("seats"), null=True, blank=True)

    class Meta:
        verbose_name = _("DPRD")
        constraints = [models.UniqueConstraint(fields=["region", "term"], name="dprd_body_unique")]

    def __str__(self) -> str:
        return f"DPRD {self.region_id} {self.term}"


class MemberPosition(models.TextChoices):
    CHAIR = "ketua", _("chair")
    DEPUTY = "wakil ketua", _("deputy chair")
    MEMBER = "anggota", _("member")


class MemberStatus(models.TextChoices):
    ACTIVE = "aktif", _("active")
    REPLACED = "paw", _("replaced (PAW)")


class DprdMember(TimeStampedModel):
    """A member of a DPRD (personal data: visible only within the region's scope)."""

    body = models.ForeignKey(DprdBody, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("name"), max_length=255)
    gender = models.CharField(_("gender"), max_length=1, blank=True)
    party = models.CharField(_("party"), max_length=120, blank=True)
    faction = models.CharField(_("faction"), max_length=120, blank=True)
    commission = models.CharField(_("commission"), max_length=120, blank=True)
    position = models.CharField(
        _("position"), max_length=12, choices=MemberPosition.choices, default=MemberPosition.MEMBER
    )
    status = models.CharField(_("status"), max_length=6, choices=MemberStatus.choices, default=MemberStatus.ACTIVE)
    status_date = models.DateField(_("status date"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.CharField(_("email"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("DPRD member")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["body", "name"], name="dprd_member_unique")]

    def __str__(self) -> str:
        return self.name


class ProgrammeKind(models.TextChoices):
    ORIENTATION = "orientasi", _("orientation")
    DEEPENING = "pendalaman tugas", _("pendalaman tugas")


class Orientation(TimeStampedModel):
    """An orientation or pendalaman tugas programme (angkatan) with its curriculum hours."""

    code = models.CharField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=ProgrammeKind.choices)
    batch = models.PositiveSmallIntegerField(_("angkatan"), null=True, blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=255, blank=True)
    organiser = models.ForeignKey("org.Organisation", on_delete=models.PROTECT, related_name="+")
    jp_classroom = models.DecimalField(_("JP classroom"), max_digits=6, decimal_places=2, default=0)
    jp_elearning = models.DecimalField(_("JP e-learning"), max_digits=6, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("DPRD orientation")

    def __str__(self) -> str:
        return self.code


class Attendance(TimeStampedModel):
    """A member's attendance of a programme, with the certificate number."""

    orientation = models.ForeignKey(Orientation, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(DprdMember, on_delete=models.CASCADE, related_name="attendance")
    attended = models.BooleanField(_("attended"), default=True)
    certificate_no = models.CharField(_("certificate number"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("DPRD attendance")
        constraints = [models.UniqueConstraint(fields=["orientation", "member"], name="attendance_unique")]
