"""Talent review sessions (issue 6, item 1): open, calibrate, finalise; distributions; box movement.

A session's entries are a snapshot of the engine's bands for every employee of its subtree when it opens;
members change the bands with a reason (each change kept in Calibration); finalising locks the session
and writes each placed employee's box for the year into BoxHistory and the pool members (boxes 7-9).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
from django.db import transaction
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from talenta.analytics.population import compute, load_population
from talenta.core.bulk import analyze, bulk_insert
from talenta.core.errors import ApplicationError, NotFound, PermissionDenied
from talenta.core.jobs import when_lost
from talenta.core.models import audit
from talenta.core.rulesets import active_ruleset
from talenta.core.scoping import Scope
from talenta.engine import measures as m
from talenta.engine import succession as s
from talenta.org.models import Organisation, User
from talenta.org.selectors import opd_codes_under, opd_on_path
from talenta.people.models import Employee

from .models import BoxHistory, Calibration, PoolMember, PoolStatus, ReviewEntry, ReviewSession, ReviewStatus


def _require_admin_over(actor, org: Organisation) -> Scope:
    scope = Scope.for_user(actor)
    if not scope.contains_path(org.path):
        raise NotFound(_("Organisation %(code)s not found.") % {"code": org.code})
    return scope


def review_create(*, actor, name: str, year: int, org: Organisation, members: list[User]) -> ReviewSession:
    """A new session in the preparing state; once committed the worker prepares it (:func:`review_prepare`)."""
    _require_admin_over(actor, org)
    name = name.strip()
    if not name:
        raise ApplicationError(_("Give the review a name."), {"field": "name"})
    if not 2000 <= year <= 2100:
        raise ApplicationError(_("The year must be between 2000 and 2100."), {"field": "year"})
    outside = [u.username for u in members if not Scope.for_user(u).contains_path(org.path)]
    if outside:
        raise ApplicationError(
            _("These users cannot see %(org)s and cannot be members: %(users)s")
            % {"org": org.name, "users": ", ".join(outside)},
            {"field": "members"},
        )
    with transaction.atomic():
        session = ReviewSession.objects.create(name=name, year=year, organisation=org, facilitator=actor)
        session.members.set(members)
        audit(actor=actor, action="review.create", obj=session, detail={"org": org.code, "year": year})
        transaction.on_commit(lambda: prepare_review_task.enqueue(session.pk))
    return session


def review_retry(*, actor, session: ReviewSession) -> None:
    """Prepare again a session whose preparation failed (its facilitator or an admin over it)."""
    _require_admin_over(actor, session.organisation)
    if session.status != ReviewStatus.PREPARING or not session.error:
        raise ApplicationError(_("Only a review whose preparation failed can be prepared again."))
    with transaction.atomic():
        ReviewSession.objects.filter(pk=session.pk).update(error="")
        audit(actor=actor, action="review.retry", obj=session)
        transaction.on_commit(lambda: prepare_review_task.enqueue(session.pk))


def review_member_candidates(actor) -> QuerySet[User]:
    """Who may sit on the actor's reviews: admins of the actor's subtree and of the organisations above it (a
    province admin may sit on a regency's review); :func:`review_create` checks each sees the organisation."""
    scope = Scope.for_user(actor)
    above = [c for c in (scope.path or "").split("/") if c]
    return (
        User.objects.filter(is_active=True)
        .filter(Q(organisation__path__startswith=scope.path or "-") | Q(organisation__code__in=above))
        .exclude(pk=actor.pk)
        .exclude(role="employee")
        .order_by("username")
    )


def latest_box_year(org: Organisation) -> int | None:
    """The latest year a finalised review recorded boxes for in ``org``'s subtree."""
    return BoxHistory.objects.filter(employee__org_path__startswith=org.path).aggregate(y=Max("year"))["y"]


@task()
def prepare_review_task(session_id: int) -> int:
    """The worker's entry point for a review started on the page: the snapshot of the engine's boxes; an error
    is shown on the session page (the session stays in preparing)."""
    try:
        return review_prepare(session_id)
    except Exception as exc:
        ReviewSession.objects.filter(pk=session_id).update(error=f"{type(exc).__name__}: {exc}"[:2000])
        raise


@when_lost(prepare_review_task)
def _review_lost(args: list, kwargs: dict, message: str) -> None:
    """A session still preparing whose task died says so (one that already holds an error keeps it)."""
    ReviewSession.objects.filter(pk=args[0], status=ReviewStatus.PREPARING, error="").update(error=message[:2000])


def review_prepare(session_id: int, *, today: date | None = None) -> int:
    """Snapshot the engine's bands and boxes into the session's entries; opens the session."""
    session = ReviewSession.objects.select_related("organisation").get(pk=session_id)
    if session.status != ReviewStatus.PREPARING:
        return session.employees
    org = session.organisation
    rules = active_ruleset()
    tables = m.tables_for(rules)
    today = today or timezone.localdate()
    pop = load_population(employees=Q(org_path__startswith=org.path), rules=rules, year=session.year, today=today)
    r = compute(pop, tables)
    extra = {
        pk: (g, gol)
        for pk, g, gol in Employee.objects.filter(org_path__startswith=org.path)
        .values_list("id", "gender", "golongan")
        .iterator(20000)
    }
    opds = opd_codes_under(org)  # the OPD of each employee, else the organisation itself
    agency = [opds.get(opd_on_path(p, opds, ""), org.pk) for p in pop.org_path]

    def band(v) -> int | None:
        return None if v < 0 else int(v)

    def num(v) -> float | None:
        return None if v != v else round(float(v), 2)

    rows = (
        (
            session.pk,
            int(pop.ids[i]),
            agency[i],
            pop.job_kind[i],
            *extra[int(pop.ids[i])],
            num(r.performance_score[i]),
            num(r.potential_score[i]),
            band(r.performance_band[i]),
            band(r.potential_band[i]),
            int(r.engine_box[i]),
            band(r.performance_band[i]),
            band(r.potential_band[i]),
            int(r.engine_box[i]),
            "",
        )
        for i in range(len(pop))
    )
    fields = (
        "session",
        "employee",
        "agency",
        "job_kind",
        "gender",
        "golongan",
        "performance_score",
        "potential_score",
        "raw_performance",
        "raw_potential",
        "raw_box",
        "performance",
        "potential",
        "box",
        "reason",
    )
    with transaction.atomic():
        n = bulk_insert(ReviewEntry, fields, rows)
        ReviewSession.objects.filter(pk=session.pk).update(
            status=ReviewStatus.OPEN, employees=n, ruleset=r.ruleset, error=""
        )
    analyze(ReviewEntry)
    return n


def review_get(*, actor, pk: int) -> ReviewSession:
    """A session whose organisation is in the actor's scope."""
    scope = Scope.for_user(actor)
    session = ReviewSession.objects.select_related("organisation", "facilitator").filter(pk=pk).first()
    if session is None or not scope.contains_path(session.organisation.path):
        raise NotFound(_("Talent review not found."))
    return session


def reviews_for(*, actor):
    scope = Scope.for_user(actor)
    if not scope.is_admin:
        return ReviewSession.objects.none()
    return ReviewSession.objects.filter(organisation__path__startswith=scope.path).select_related(
        "organisation", "facilitator"
    )


def can_calibrate(actor, session: ReviewSession) -> bool:
    return session.status == ReviewStatus.OPEN and (
        actor.pk == session.facilitator_id or session.members.filter(pk=actor.pk).exists()
    )


def calibrate(
    *, actor, session: ReviewSession, entry_id: int, performance: int | None, potential: int | None, reason: str
) -> ReviewEntry:
    """Set an entry's calibrated bands; a reason is required for every change."""
    if session.status != ReviewStatus.OPEN:
        raise PermissionDenied(_("This review is not open: its boxes can no longer change."))
    if not can_calibrate(actor, session):
        raise PermissionDenied(_("Only the facilitator and the members of this review can calibrate."))
    for value, field in ((performance, "performance"), (potential, "potential")):
        if value is not None and value not in (0, 1, 2):
            raise ApplicationError(_("A band is 0, 1 or 2."), {"field": field})
    reason = reason.strip()
    tables = m.tables_for(active_ruleset())
    box = 0 if performance is None or potential is None else int(tables.boxes[performance, potential])
    with transaction.atomic():
        entry = (
            ReviewEntry.objects.select_for_update()
            .select_related("employee")
            .filter(pk=entry_id, session=session, employee__org_path__startswith=session.organisation.path)
            .first()
        )
        if entry is None:
            raise NotFound(_("This employee is not in the review."))
        if (performance, potential) == (entry.performance, entry.potential):
            raise ApplicationError(_("Nothing changed."), {"field": "performance"})
        if not reason:
            raise ApplicationError(_("Give the reason for this change."), {"field": "reason"})
        Calibration.objects.create(
            entry=entry,
            user=actor,
            from_performance=entry.performance,
            from_potential=entry.potential,
            to_performance=performance,
            to_potential=potential,
            reason=reason,
        )
        entry.performance, entry.potential, entry.box = performance, potential, box
        entry.reason, entry.calibrated_by, entry.calibrated_at = reason, actor, timezone.now()
        entry.save(update_fields=["performance", "potential", "box", "reason", "calibrated_by", "calibrated_at"])
        audit(
            actor=actor,
            action="review.calibrate",
            obj=entry,
            detail={"session": session.pk, "nip": entry.employee.nip, "box": [entry.raw_box, box], "reason": reason},
        )
    return entry


def review_finalise(*, actor, session: ReviewSession) -> int:
    """Lock the session; write BoxHistory for the year and propose pool members. Returns the boxes written."""
    if session.status != ReviewStatus.OPEN:
        raise PermissionDenied(_("Only an open review can be finalised."))
    if actor.pk != session.facilitator_id:
        raise PermissionDenied(_("Only the facilitator can finalise the review."))
    rules = active_ruleset()
    tables, st = m.tables_for(rules), s.succession_tables(rules)
    family = {code: k.family for code, k in rules.job_kinds.items()}
    placed = list(
        session.entries.filter(box__gt=0).values_list("employee_id", "box", "performance", "potential", "job_kind")
    )
    with transaction.atomic():
        ReviewSession.objects.filter(pk=session.pk, status=ReviewStatus.OPEN).update(
            status=ReviewStatus.FINAL, finalised_at=timezone.now(), finalised_by=actor
        )
        in_session = session.entries.values("employee_id")
        BoxHistory.objects.filter(year=session.year, employee_id__in=in_session).delete()
        n = bulk_insert(
            BoxHistory,
            ("employee", "year", "box", "performance", "potential", "session", "ruleset"),
            ((e, session.year, b, p, q, session.pk, session.ruleset) for e, b, p, q, _k in placed),
        )
        # Decided members (confirmed, or declined with a reason) keep their decision; proposals are redone.
        confirmed = set(
            PoolMember.objects.filter(
                year=session.year, employee_id__in=in_session, status__in=[PoolStatus.CONFIRMED, PoolStatus.DECLINED]
            ).values_list("employee_id", flat=True)
        )
        PoolMember.objects.filter(year=session.year, employee_id__in=in_session).exclude(
            employee_id__in=confirmed
        ).delete()
        now = timezone.now()
        pool = [row for row in placed if tables.pool[row[1]]]
        bulk_insert(
            PoolMember,
            ("employee", "year", "level", "box", "national", "status", "reason", "session", "created_at", "updated_at"),
            (
                (
                    e,
                    session.year,
                    st.pool_levels[family[k]],
                    b,
                    bool(tables.national_pool[b]),
                    "proposed",
                    "",
                    session.pk,
                    now,
                    now,
                )
                for e, b, _p, _q, k in pool
                if e not in confirmed
            ),
        )
        # A decided member keeps the decision but follows the final box (or leaves the pool).
        for e, b, _p, _q, _k in pool:
            if e in confirmed:
                PoolMember.objects.filter(employee_id=e, year=session.year).update(
                    box=b, national=bool(tables.national_pool[b])
                )
        left = confirmed - {row[0] for row in pool}
        PoolMember.objects.filter(year=session.year, employee_id__in=left).delete()
        audit(actor=actor, action="review.finalise", obj=session, detail={"boxes": n, "pool": len(pool)})
    return n


@dataclass(frozen=True)
class Distribution:
    boxes: list[int]  # index = box, 0 = not placed
    placed: int
    by_gender: list[tuple[str, list[int]]]
    by_job_family: list[tuple[str, list[int]]]
    by_agency: list[tuple[str, str, list[int]]]
    warnings: list[tuple[int, float, float]]

    def share(self, box: int) -> float:
        return 100.0 * self.boxes[box] / self.placed if self.placed else 0.0


def _counts(rows, key_index: int) -> dict:
    out: dict = {}
    for row in rows:
        out.setdefault(row[key_index], [0] * 10)[row[-2]] += row[-1]
    return out


def review_distribution(session: ReviewSession) -> Distribution:
    """Calibrated boxes by box, gender, job family and agency, with the rule set's guideline warnings (3 queries)."""
    rules = active_ruleset()
    st = s.succession_tables(rules)
    family = {code: k.family for code, k in rules.job_kinds.items()}
    entries = session.entries.order_by()
    by_kind = list(entries.values_list("gender", "job_kind", "box").annotate(n=Count("id")))
    by_agency = list(entries.values_list("agency__code", "agency__name", "box").annotate(n=Count("id")))
    boxes = [0] * 10
    gender: dict = {}
    fam: dict = {}
    for g, kind, box, n in by_kind:
        boxes[box] += n
        gender.setdefault(g, [0] * 10)[box] += n
        fam.setdefault(family.get(kind, kind), [0] * 10)[box] += n
    agencies: dict = {}
    for code, name, box, n in by_agency:
        agencies.setdefault((code, name), [0] * 10)[box] += n
    return Distribution(
        boxes=boxes,
        placed=sum(boxes[1:]),
        by_gender=sorted(gender.items()),
        by_job_family=sorted(fam.items()),
        by_agency=[(c, nm, v) for (c, nm), v in sorted(agencies.items())],
        warnings=s.box_warnings(boxes, st),
    )


def box_movement(*, actor, org: Organisation, year_from: int, year_to: int):
    """Transition matrix of finalised boxes between two years for the subtree (employees with both)."""
    _require_admin_over(actor, org)
    rows = BoxHistory.objects.filter(
        employee__org_path__startswith=org.path, year__in=(year_from, year_to)
    ).values_list("employee_id", "year", "box")
    before: dict[int, int] = {}
    after: dict[int, int] = {}
    for e, y, b in rows:
        (before if y == year_from else after)[e] = b
    both = sorted(set(before) & set(after))
    return s.transition_matrix(
        np.array([before[e] for e in both], dtype=np.int64), np.array([after[e] for e in both], dtype=np.int64)
    ), len(both)


def last_changes(entry_ids) -> dict[int, Calibration]:
    """The latest calibration of each entry (who changed it, when, why), for the rows of a page: one query."""
    out: dict[int, Calibration] = {}
    for cal in (
        Calibration.objects.filter(entry_id__in=list(entry_ids))
        .select_related("user")
        .order_by("entry_id", "-at", "-pk")
    ):
        out.setdefault(cal.entry_id, cal)
    return out
