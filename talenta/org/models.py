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

    @property
    def display_name(self) -> str:
        """The name, and for a unit the OPD (or government) it belongs to, so no page shows a bare
        "Sekretariat" (issue 23); load ``parent`` with the organisation where it is listed."""
        if self.kind == OrgKind.UNIT and self.parent_id and self.parent is not None:
            return f"{self.name} · {self.parent.name}"
        return self.name

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


class HeadOffice(models.TextChoices):
    """The offices of a regional head (kepala daerah) and deputy."""

    GUBERNUR = "gubernur", _("Governor")
    WAKIL_GUBERNUR = "wakil_gubernur", _("Vice governor")
    BUPATI = "bupati", _("Regent")
    WAKIL_BUPATI = "wakil_bupati", _("Vice regent")
    WALI_KOTA = "wali_kota", _("Mayor")
    WAKIL_WALI_KOTA = "wakil_wali_kota", _("Vice mayor")


# The official Indonesian titles, for documents and files whatever the interface language.
OFFICE_TEXT = {
    HeadOffice.GUBERNUR: "Gubernur",
    HeadOffice.WAKIL_GUBERNUR: "Wakil Gubernur",
    HeadOffice.BUPATI: "Bupati",
    HeadOffice.WAKIL_BUPATI: "Wakil Bupati",
    HeadOffice.WALI_KOTA: "Wali Kota",
    HeadOffice.WAKIL_WALI_KOTA: "Wakil Wali Kota",
}
# The heads themselves (the pembina kepegawaian): their inauguration starts the freeze (RULES.md §11).
PRINCIPAL_OFFICES = {HeadOffice.GUBERNUR, HeadOffice.BUPATI, HeadOffice.WALI_KOTA}
# Which offices a kind of government has.
OFFICES_OF = {
    OrgKind.PROVINCE: {HeadOffice.GUBERNUR, HeadOffice.WAKIL_GUBERNUR},
    OrgKind.REGENCY: {HeadOffice.BUPATI, HeadOffice.WAKIL_BUPATI},
    OrgKind.CITY: {HeadOffice.WALI_KOTA, HeadOffice.WAKIL_WALI_KOTA},
}


class RegionalHead(TimeStampedModel):
    """A regional head (or deputy) of a province, regency or city and their term: inaugurated on a date, the
    term ending on a date when known. The latest inaugurated head of a region whose term has not ended is
    its current pembina kepegawaian (RULES.md §11)."""

    region = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="heads")
    name = models.CharField(_("name"), max_length=255)
    office = models.CharField(_("office"), max_length=16, choices=HeadOffice.choices)
    inaugurated = models.DateField(_("inauguration date"))
    term_end = models.DateField(_("end of term"), null=True, blank=True)

    class Meta:
        verbose_name = _("regional head")
        verbose_name_plural = _("regional heads")
        ordering = ["region", "-inaugurated", "office"]
        constraints = [
            models.UniqueConstraint(fields=["region", "office", "inaugurated"], name="regional_head_unique"),
            models.CheckConstraint(
                condition=models.Q(term_end__isnull=True) | models.Q(term_end__gt=models.F("inaugurated")),
                name="regional_head_term_after",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_office_display()} {self.name}"

    @property
    def title(self) -> str:
        """The official title in Indonesian (``Wali Kota``)."""
        return OFFICE_TEXT[HeadOffice(self.office)]

    def clean(self) -> None:
        allowed = OFFICES_OF.get(self.region.kind) if self.region_id else None
        if allowed is None:
            raise ValidationError({"region": _("A regional head heads a province, regency or city.")})
        if self.term_end is not None and self.inaugurated and self.term_end <= self.inaugurated:
            raise ValidationError({"term_end": _("The end of the term is not after the inauguration.")})
        if self.office not in allowed:
            raise ValidationError({"office": _("This office does not belong to a %(kind)s.")
                                   % {"kind": self.region.get_kind_display()}})  # fmt: skip


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
