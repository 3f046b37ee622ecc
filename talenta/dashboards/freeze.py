"""The regional head's term, the freeze on replacing officials and the acting officials of a government
(RULES.md §11). Selectors: the caller has checked the region is in scope."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q

from talenta.core.rulesets import active_ruleset
from talenta.engine import pembina as pb
from talenta.engine.rules import RuleSet
from talenta.org.models import GOVERNMENT_KINDS, PRINCIPAL_OFFICES, Organisation, RegionalHead
from talenta.people.models import ActingAssignment, ActingKind, PositionChange
from talenta.talent.succession import government_employees


def government_of_path(org: Organisation) -> Organisation | None:
    """The province, regency or city that ``org`` is or belongs to (one query), None above them."""
    if org.kind in GOVERNMENT_KINDS:
        return org
    codes = org.ancestors_and_self()
    return (
        Organisation.objects.filter(code__in=codes, kind__in=GOVERNMENT_KINDS).order_by("-depth").first()
        if codes
        else None
    )


def rules_of(ruleset: RuleSet | None = None) -> pb.PembinaRules:
    rules = (ruleset or active_ruleset()).pembina
    if rules is None:  # a rule set without [pembina]: RULES.md §11's defaults
        rules = pb.parse_pembina(
            {
                "freeze_months": 6,
                "report_working_days": 7,
                "covered_families": ["jpt", "administrator", "pengawas"],
                "covered_duties": ["kepala_puskesmas", "kepala_sekolah"],
                "acting_max_months": 3,
                "acting_extension_months": 3,
                "acting_extensions": 1,
            }  # fmt: skip
        )
    return rules


@dataclass(frozen=True)
class Term:
    """A government's current head (None: none recorded), the deputy, and the freeze of RULES.md §11."""

    region: Organisation
    head: RegionalHead | None
    deputy: RegionalHead | None
    freeze_start: date | None
    freeze_until: date | None
    today: date

    @property
    def frozen(self) -> bool:
        return (
            self.freeze_until is not None
            and self.freeze_start is not None
            and self.freeze_start <= self.today <= self.freeze_until
        )

    @property
    def days_left(self) -> int:
        """Days of the freeze still to run, today included (0 once it is over)."""
        return (self.freeze_until - self.today).days + 1 if self.frozen and self.freeze_until else 0


def term(region: Organisation, *, today: date, rules: pb.PembinaRules | None = None) -> Term:
    """The head in office on ``today`` (latest inaugurated, term not ended) and the freeze from their
    inauguration (one query)."""
    rules = rules or rules_of()
    heads = [
        h
        for h in RegionalHead.objects.filter(region=region, inaugurated__lte=today).order_by("-inaugurated", "pk")
        if h.term_end is None or h.term_end >= today
    ]
    head = next((h for h in heads if h.office in PRINCIPAL_OFFICES), None)
    deputy = next((h for h in heads if h.office not in PRINCIPAL_OFFICES), None)
    if head is None:
        return Term(region, None, deputy, None, None, today)
    return Term(region, head, deputy, head.inaugurated, pb.period_end(head.inaugurated, rules.freeze_months), today)


@dataclass(frozen=True)
class Replacement:
    """A replacement inside the freeze without the minister's approval: who, into which position, from when,
    and the day by which it must be reported (``overdue`` once passed)."""

    change: PositionChange
    deadline: date
    overdue: bool


def _covered_q(rules: pb.PembinaRules) -> Q:
    kinds = [code for code, k in active_ruleset().job_kinds.items() if k.family in rules.covered_families]
    return Q(job_kind__in=kinds) | Q(position__added_duty__in=sorted(rules.covered_duties))


def replacements_needing_approval(t: Term, *, rules: pb.PembinaRules | None = None) -> list[Replacement]:
    """Moves into covered positions of the government's own staff with a TMT inside the freeze window and no
    approval number, earliest first (one query). Empty when no head is recorded."""
    if t.freeze_start is None or t.freeze_until is None:
        return []
    rules = rules or rules_of()
    qs = (
        PositionChange.objects.filter(
            _covered_q(rules), tmt__gte=t.freeze_start, tmt__lte=t.freeze_until, approval_no=""
        )  # fmt: skip
        .filter(government_employees(t.region))  # its own staff: a governor is not a regency's pembina
        .select_related("employee", "organisation__parent")
        .order_by("tmt", "employee__nip")
    )
    out = []
    for change in qs:
        deadline = pb.add_working_days(change.tmt, rules.report_working_days)
        out.append(Replacement(change, deadline, t.today > deadline))
    return out


@dataclass(frozen=True)
class Acting:
    """An ongoing Plt/Plh: whole months so far, the last day of its first mandate and of its longest term with
    every extension (RULES.md §11). A Plt past that last day is over the cap."""

    item: ActingAssignment
    months: int
    first_until: date
    cap_until: date
    today: date

    @property
    def over_cap(self) -> bool:
        return self.item.kind == ActingKind.PLT and self.today > self.cap_until

    @property
    def needs_extension(self) -> bool:
        """Past the first mandate but within the cap: it holds only with its extension."""
        return self.item.kind == ActingKind.PLT and self.first_until < self.today <= self.cap_until


def acting_officials(org: Organisation, *, today: date, rules: pb.PembinaRules | None = None) -> list[Acting]:
    """Ongoing acting officials in positions of ``org``'s subtree on ``today``, longest first (one query)."""
    rules = rules or rules_of()
    qs = (
        ActingAssignment.objects.filter(position__organisation__path__startswith=org.path, start__lte=today)
        .filter(Q(end__isnull=True) | Q(end__gte=today))
        .select_related("employee", "position__organisation__parent")
        .order_by("start", "pk")
    )
    return [
        Acting(
            a,
            pb.months_between(a.start, today),
            pb.period_end(a.start, rules.acting_max_months),
            pb.period_end(a.start, rules.acting_cap_months),
            today,
        )
        for a in qs
    ]
