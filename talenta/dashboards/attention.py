"""What needs the user's action ("Perlu perhatian", issue 21): one list per role, each item a count and a
link to the page where it is done, every figure inside the user's scope. Each count comes from the selector
of the page it links to (the succession rows, the freeze, the follow-up list, the merit lists), so the
number on the home page is the number the user finds there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from talenta.competency.models import Assessment
from talenta.coordination.followup import action_list
from talenta.core.rulesets import active_ruleset
from talenta.core.scoping import Scope
from talenta.engine.pembina import add_months
from talenta.imports.models import ImportBatch, ImportStatus
from talenta.indices.models import MeritAssessment, MeritStatus
from talenta.learning.idp import idp_waiting
from talenta.learning.models import PlanRun, PlanStatus
from talenta.learning.selectors import org_budget
from talenta.org.models import GOVERNMENT_KINDS, Organisation
from talenta.org.selectors import organisation_root
from talenta.people.models import Employee, PerformanceRating
from talenta.talent.models import ReviewSession, ReviewStatus
from talenta.talent.succession import key_positions

from . import freeze

RECENT_IMPORT_DAYS = 14


@dataclass(frozen=True)
class Item:
    key: str  # stable name of the item (tests, anchors)
    count: int
    text: str  # what is counted (the count is shown beside it)
    url: str
    urgent: bool = False
    counted: bool = True  # False: a thing to do once (the budget of the year), shown without a number


def attention(*, actor, today: date) -> tuple[Organisation, list[Item]]:
    """The root of the actor's scope and what needs their action there, urgent first; empty for employees
    (they land on their own page)."""
    scope = Scope.for_user(actor)
    root = organisation_root(actor=actor)
    if not scope.is_admin:
        return root, []
    items: list[Item] = []
    year = today.year
    path = root.path
    gov = root if root.kind in GOVERNMENT_KINDS else freeze.government_of_path(root)
    rules = freeze.rules_of()

    def add(key: str, count: int, text: str, url: str, urgent: bool = False, counted: bool = True) -> None:
        if count:
            items.append(Item(key, count, text, url, urgent, counted))

    # Imports: checked and waiting for confirmation, or finished lately with rejected rows.
    batches = ImportBatch.objects.filter(scope_path__startswith=path)
    if scope.role != "national_admin":
        batches = batches.filter(user=actor)
    waiting = batches.filter(status=ImportStatus.PREVIEWED).count()
    add(
        "import_waiting",
        waiting,
        ngettext(
            "import checked and waiting for your confirmation",
            "imports checked and waiting for your confirmation",
            waiting,
        ),
        reverse("import-home"),
    )
    rejected = batches.filter(
        status__in=[ImportStatus.PARTIAL, ImportStatus.REJECTED, ImportStatus.UNUSABLE],
        created_at__gte=timezone.now() - timedelta(days=RECENT_IMPORT_DAYS),
    ).count()
    add(
        "import_rejected",
        rejected,
        ngettext("recent import with rejected rows", "recent imports with rejected rows", rejected),
        reverse("import-home"),
    )

    # The regional head's freeze and the acting officials (the government's own staff in the scope).
    if gov is not None:
        t = freeze.term(gov, today=today, rules=rules)
        needing = freeze.replacements_needing_approval(t, rules=rules)
        needing = [x for x in needing if x.change.org_path.startswith(path)]
        add(
            "freeze",
            len(needing),
            ngettext(
                "replacement of an official during the freeze without the minister's approval",
                "replacements of officials during the freeze without the minister's approval",
                len(needing),
            ),
            reverse("briefing", args=[gov.code]) + "#penggantian",
            urgent=True,
        )
    acting = freeze.acting_officials(root, today=today, rules=rules)
    over = sum(1 for a in acting if a.over_cap)
    add(
        "acting_over_cap",
        over,
        ngettext("Plt in office beyond the 6-month cap", "Plt in office beyond the 6-month cap", over),
        reverse("briefing", args=[gov.code]) + "#plt" if gov else reverse("succession", args=[root.code]),
        urgent=True,
    )

    # Key positions: vacant or held by a Plt; the holder retiring within 12 months with no ready successor.
    rows, _bench = key_positions(root, actor=actor, today=today)
    vacant = sum(1 for r in rows if r.vacant)
    add(
        "key_vacant",
        vacant,
        ngettext("key position vacant or held by a Plt", "key positions vacant or held by a Plt", vacant),
        reverse("succession", args=[root.code]),
        urgent=True,
    )
    horizon = add_months(today, 12)
    bare = sum(1 for r in rows if not r.vacant and r.retires_first and r.retires_first <= horizon and not r.ready_now)
    add(
        "key_retiring",
        bare,
        ngettext(
            "key position whose holder retires within 12 months without a ready successor",
            "key positions whose holder retires within 12 months without a ready successor",
            bare,
        ),
        reverse("succession", args=[root.code]),
        urgent=True,
    )

    # Talent reviews to run or to finalise.
    reviews = ReviewSession.objects.filter(organisation__path__startswith=path)
    open_ = reviews.filter(status=ReviewStatus.OPEN).count()
    add(
        "review_open",
        open_,
        ngettext("talent review open, waiting to be finalised", "talent reviews open, waiting to be finalised", open_),
        reverse("review-list") + f"?org={root.code}",
    )
    preparing = reviews.filter(status=ReviewStatus.PREPARING).count()
    add(
        "review_preparing",
        preparing,
        ngettext("talent review being prepared", "talent reviews being prepared", preparing),
        reverse("review-list") + f"?org={root.code}",
    )

    # The development plan and budget of the year.
    pending = PlanRun.objects.filter(organisation__path__startswith=path, year=year, status=PlanStatus.DONE)
    if not PlanRun.objects.filter(organisation=root, year=year, accepted_at__isnull=False).exists():
        computed = pending.filter(organisation=root, accepted_at__isnull=True).count()
        add(
            "plan_unaccepted",
            computed,
            ngettext(
                "development plan of %(y)s computed but not accepted",
                "development plans of %(y)s computed but not accepted",
                computed,
            ),
            reverse("plan-page", args=[root.code]),
        )
    if root.kind in GOVERNMENT_KINDS and org_budget(root, year) is None:
        add(
            "budget_missing",
            1,
            _("The development budget (pagu) of %(y)s is not entered") % {"y": year},
            reverse("import-upload", args=["anggaran"]),
            counted=False,
        )

    # Follow-up of the Rakornas recommendations past their due date.
    late = action_list(actor=actor, overdue=True, today=today).count()
    add(
        "followup_overdue",
        late,
        ngettext("follow-up item past its due date", "follow-up items past their due date", late),
        reverse("recommendations"),
    )

    # The merit self-assessment: this year's to fill (a government), those below to verify.
    if root.kind in GOVERNMENT_KINDS:
        own = MeritAssessment.objects.filter(organisation=root, year=year).values_list("status", flat=True).first()
        if own in (None, MeritStatus.DRAFT):
            add(
                "merit_fill",
                1,
                _("The merit system self-assessment of %(y)s is not submitted") % {"y": year},
                reverse("merit-org", args=[root.code]),
                counted=False,
            )
    verify = (
        MeritAssessment.objects.filter(organisation__path__startswith=path, status=MeritStatus.SUBMITTED)
        .exclude(organisation=root)
        .count()
    )
    add(
        "merit_verify",
        verify,
        ngettext(
            "merit self-assessment waiting for your verification",
            "merit self-assessments waiting for your verification",
            verify,
        ),
        reverse("merit-org", args=[root.code]),
    )

    # Development plans (IDP) proposed by employees of the scope, waiting for a decision.
    idp = idp_waiting(actor).count()
    add(
        "idp_waiting",
        idp,
        ngettext("IDP proposal waiting for your decision", "IDP proposals waiting for your decision", idp),
        reverse("idp-waiting"),
    )

    # Data gaps: no assessment within its validity, no SKP of last year.
    employees = Employee.objects.filter(org_path__startswith=path)
    validity = int(active_ruleset().raw["jpm"].get("assessment_validity_years", 3))
    cutoff = add_months(today, -12 * validity)
    fresh = Assessment.objects.filter(employee__org_path__startswith=path, date__gte=cutoff)
    unassessed = employees.exclude(pk__in=fresh.values("employee_id")).count()
    add(
        "no_assessment",
        unassessed,
        ngettext(
            "employee without an assessment of the last %(y)s years",
            "employees without an assessment of the last %(y)s years",
            unassessed,
        )
        % {"y": validity},
        reverse("org-analytics", args=[root.code]),
    )
    skp = PerformanceRating.objects.filter(employee__org_path__startswith=path, year=year - 1)
    no_skp = employees.exclude(pk__in=skp.values("employee_id")).count()
    add(
        "no_skp",
        no_skp,
        ngettext("employee without the SKP of %(y)s", "employees without the SKP of %(y)s", no_skp) % {"y": year - 1},
        reverse("org-analytics", args=[root.code]),
    )
    items.sort(key=lambda i: not i.urgent)
    return root, items
