"""What the programmes achieved (issue 5): per programme, the attended participants of a year, what they
cost, and the gap levels a later assessment shows closed, hence the cost per gap level closed.

A participant counts as measured when they have an assessment before the programme started and one after
it ended; the levels closed are, per competency the programme raises, the rise between the two
assessments, at most the levels the programme promises. Four queries whatever the size.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date

from talenta.competency.models import Assessment, AssessmentScore
from talenta.org.models import Organisation
from talenta.people.models import Employee

from .models import LearningRecord, ProgrammeCompetency


@dataclass
class ProgrammeImpact:
    code: str
    name: str
    attended: int = 0
    cost: float = 0.0
    measured: int = 0
    measured_cost: float = 0.0
    levels_closed: int = 0

    @property
    def cost_per_level(self) -> float | None:
        return self.measured_cost / self.levels_closed if self.levels_closed else None


def programme_impact(org: Organisation, year: int) -> list[ProgrammeImpact]:
    """Per programme attended in ``year`` by employees of ``org`` (the caller checked the scope)."""
    people = Employee.objects.filter(org_path__startswith=org.path)
    records = list(
        LearningRecord.objects.filter(
            employee__in=people, status="attended", programme__isnull=False, start__year=year
        ).values_list("employee_id", "programme_id", "start", "end", "programme__code", "programme__name",
                      "programme__cost")
    )  # fmt: skip
    if not records:
        return []
    raises: dict[int, dict[int, int]] = {}
    for pid, cid, levels in ProgrammeCompetency.objects.filter(programme_id__in={r[1] for r in records}).values_list(
        "programme_id", "competency_id", "levels"
    ):
        raises.setdefault(pid, {})[cid] = levels
    who = {r[0] for r in records}
    dates: dict[int, list[tuple[date, int]]] = {}
    for emp, aid, when in (
        Assessment.objects.filter(employee__in=people)
        .order_by("employee_id", "date")
        .values_list("employee_id", "id", "date")
    ):
        if emp in who:
            dates.setdefault(emp, []).append((when, aid))
    levels: dict[int, dict[int, int]] = {}
    for aid, cid, level in AssessmentScore.objects.filter(assessment__employee__in=people).values_list(
        "assessment_id", "competency_id", "level"
    ):
        levels.setdefault(aid, {})[cid] = level
    out: dict[str, ProgrammeImpact] = {}
    for emp, pid, start, end, code, name, cost in records:
        row = out.setdefault(code, ProgrammeImpact(code, name))
        row.attended += 1
        row.cost += float(cost)
        history = dates.get(emp, [])
        when = [d for d, _a in history]
        before = bisect_left(when, start) - 1  # the latest assessment before the start
        after = bisect_right(when, end or start)  # the first one after the end
        if before < 0 or after >= len(history):
            continue
        was, now = levels.get(history[before][1], {}), levels.get(history[after][1], {})
        row.measured += 1
        row.measured_cost += float(cost)
        row.levels_closed += sum(
            min(promised, max(0, now.get(cid, 0) - was.get(cid, 0))) for cid, promised in raises.get(pid, {}).items()
        )
    return sorted(out.values(), key=lambda r: r.code)
