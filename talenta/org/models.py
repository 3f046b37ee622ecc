"""The organisation tree (national > province > regency/city > OPD > unit) and the users bound to it."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from talenta.core.models import TimeStampedModel

NATIONAL_CODE = "ID"


class OrgKind(models.TextChoices):
    NATIONAL = "nasional", _("National")
    PROVINCE = "provinsi", _("Province")
    REGENCY = "kabupaten", _("Regency")
    CITY = "kota", _("City")
    OPD = "opd", _("Regional agency (OPD)")
    UNIT = "unit", _("Unit")


# Which kinds may sit under which: the tree is national > province > regency/city > OPD > unit,
# and a province government has OPDs of its own.
ALLOWED_PARENTS = {
    OrgKind.NATIONAL: set(),
    OrgKind.PROVINCE: {OrgKind.NATIONAL},
    OrgKind.REGENCY: {OrgKind.PROVINCE},
    OrgKind.CITY: {OrgKind.PROVINCE},
    # A national OPD is a central agency such as BPSDM Kemendagri itself.
    OrgKind.OPD: {OrgKind.NATIONAL, OrgKind.PROVINCE, OrgKind.REGENCY, OrgKind.CITY},
    OrgKind.UNIT: {OrgKind.OPD, OrgKind.UNIT},
}
GOVERNMENT_KINDS = {OrgKind.PROVINCE, OrgKind.REGENCY, OrgKind.CITY}


class Organisation(TimeStampedModel):
    """A node of the organisation tree.

    ``path`` is a materialised path of codes (``/ID/64/64.71/64.71.03/``) so that a whole subtree is one
    indexed prefix query (``path__startswith``). It is set from the parent on save; codes are unique in
    the system (Kemendagri codes for regions, ``64.71.03`` style for OPDs and units).
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=16, choices=OrgKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children", verbose_name=_("parent")
    )
    path = models.CharField(max_length=400, editable=False, db_index=True)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["path"]
        indexes = [
            # LIKE 'prefix%' on PostgreSQL needs the pattern operator class to use an index.
            models.Index(fields=["path"], name="org_path_like", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def clean(self) -> None:
        parent_kind = self.parent.kind if self.parent_id else None
        allowed = ALLOWED_PARENTS.get(OrgKind(self.kind), set())
        if (parent_kind is None and allowed) or (parent_kind is not None and parent_kind not in allowed):
            raise ValidationError(
                {
                    "parent": _("A %(kind)s cannot sit under %(parent)s.")
                    % {"kind": self.get_kind_display(), "parent": parent_kind or "-"}
                }
            )

    def compute_path(self) -> str:
        prefix = self.parent.path if self.parent_id else "/"
        return f"{prefix}{self.code}/"

    def save(self, *args, **kwargs) -> None:
        self.path = self.compute_path()
        self.depth = self.path.count("/") - 2
        super().save(*args, **kwargs)

    def is_within(self, other: Organisation) -> bool:
        """True when this node is ``other`` or below it."""
        return self.path.startswith(other.path)

    def child_code(self, path: str) -> str | None:
        """Code of this node's child on the way to ``path`` (a node below it), None for the node itself."""
        parts = path[len(self.path) :].split("/", 1)
        return parts[0] if path.startswith(self.path) and parts[0] else None

    def ancestors_and_self(self) -> list[str]:
        """Codes from the root down to this node, read off the path (no query)."""
        return [c for c in self.path.split("/") if c]


class Role(models.TextChoices):
    NATIONAL_ADMIN = "national_admin", _("National admin (BPSDM Kemendagri)")
    PROVINCE_ADMIN = "province_admin", _("Province admin (BPSDM Provinsi)")
    REGENCY_ADMIN = "regency_admin", _("Regency/city admin (BKPSDM)")
    OPD_OFFICER = "opd_officer", _("OPD HR officer")
    EMPLOYEE = "employee", _("Employee")


class User(AbstractUser):
    """A login, bound to one organisation node (its scope) with one role.

    An employee-role user is also linked to their employee record and sees only themself.
    """

    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.EMPLOYEE)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name=_("organisation"),
    )
    employee = models.OneToOneField(
        "people.Employee",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
        verbose_name=_("employee"),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def clean(self) -> None:
        super().clean()
        if self.role == Role.EMPLOYEE and not self.employee_id and not self.is_superuser:
            raise ValidationError({"employee": _("An employee login must be linked to an employee.")})
        if self.role != Role.EMPLOYEE and not self.organisation_id and not self.is_superuser:
            raise ValidationError({"organisation": _("An admin login must be bound to an organisation.")})
