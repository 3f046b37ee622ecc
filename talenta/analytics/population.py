"""From the database to the engine: the arrays of a population (an organisation subtree or one employee).

A fixed number of queries whatever the size (employees, standards, latest assessments and their scores,
SKP, learning, discipline), each read once, straight into NumPy arrays. Basis of every measure, for the
"basis" notes: the latest assessment; SKP of the year before the reference year (numeric score if any,
else predikat) for IP ASN and the latest SKP for the box; technical training JP in the year before; a
seminar or workshop in the two years before; leadership or functional training at any time; the worst
penalty in the last five years.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from django.db.models import FloatField, Q
from django.db.models.functions import Cast

from talenta.competency.models import Assessment, AssessmentScore, Competency, PositionStandard
from talenta.core.dbfuncs import DaysSince, Year
from talenta.engine import measures as m
from talenta.engine.rules import JOB_FAMILIES, RATINGS, RuleSet
from talenta.learning.models import LearningRecord
from talenta.people.models import DisciplinePenalty, Employee, PerformanceRating

LEADERSHIP_RANK = {"PKP": 0, "PKA": 1, "PKN II": 2, "PKN I": 3}


@dataclass
class Population:
    """Per-employee identity columns (lists) and engine inputs (arrays), row i = one employee."""

    ids: np.ndarray
    nip: list[str]
    name: list[str]
    unit_code: list[str]
    position: list[str]
    job_kind: list[str]
    org_path: list[str]
    competency_codes: list[str]
    inputs: dict[str, np.ndarray] = field(default_factory=dict)
    assessment_date: list[date | None] = field(default_factory=list)
    skp_year: list[int | None] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.ids)


def load_population(*, employees: Q, rules: RuleSet, year: int, today: date) -> Population:
    """Build the engine inputs for the employees matched by ``employees`` (a Q on Employee)."""
    rows = list(
        Employee.objects.filter(employees)
        .order_by("nip")
        .annotate(days_of_service=DaysSince("tmt_cpns", today))
        .values_list(
            "id",
            "nip",
            "name",
            "organisation__code",
            "position_id",
            "position__name",
            "position__job_kind",
            "status",
            "education",
            "days_of_service",
            "org_path",
        )
    )
    n = len(rows)
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    row_of = {pk: i for i, pk in enumerate(ids.tolist())}
    edu_index = {e: i for i, e in enumerate(rules.education_levels)}
    family = {code: JOB_FAMILIES.index(k.family) for code, k in rules.job_kinds.items()}
    pos_ids = sorted({r[4] for r in rows})
    emp_filter = Q(employee__in=Employee.objects.filter(employees))

    # Standards: one column per competency appearing in any standard of the population's positions.
    std = list(
        PositionStandard.objects.filter(position_id__in=pos_ids).values_list("position_id", "competency_id", "level")
    )
    comp_ids = sorted({c for _, c, _ in std})
    codes = dict(Competency.objects.filter(id__in=comp_ids).values_list("id", "code"))
    col = {c: j for j, c in enumerate(comp_ids)}
    by_position: dict[int, dict[int, int]] = {}
    for pid, cid, level in std:
        by_position.setdefault(pid, {})[col[cid]] = level
    required = np.zeros((n, len(comp_ids)), dtype=np.int8)
    for i, r in enumerate(rows):
        for j, level in by_position.get(r[4], {}).items():
            required[i, j] = level

    # Latest assessment per employee, and its scores. Ages in days and scores as floats come from the
    # database (no per-row date or Decimal conversion in Python).
    latest: dict[int, tuple[int, int, float | None]] = {}
    for emp, aid, age, pot in (
        Assessment.objects.filter(emp_filter)
        .order_by("employee_id", "-date")
        .annotate(age=DaysSince("date", today), pot_f=Cast("potential_score", FloatField()))
        .values_list("employee_id", "id", "age", "pot_f")
    ):
        latest.setdefault(emp, (aid, age, pot))
    actual = np.zeros_like(required)
    assessment_row = {aid: row_of[emp] for emp, (aid, _, _) in latest.items()}
    # Scores of every assessment of the population (a subquery, not a list of ids that grows with the
    # population); those of older assessments are skipped here.
    scores = AssessmentScore.objects.filter(assessment__employee__in=Employee.objects.filter(employees)).order_by()
    for aid, cid, level in scores.values_list("assessment_id", "competency_id", "level").iterator(20000):
        i = assessment_row.get(aid)
        if i is not None and cid in col:
            actual[i, col[cid]] = level
    assessed = np.zeros(n, dtype=bool)
    potential_score = np.full(n, np.nan)
    age_days = np.full(n, np.nan)
    assessment_dates: list[date | None] = [None] * n
    for emp, (_aid, age, pot) in latest.items():
        i = row_of[emp]
        assessed[i] = True
        assessment_dates[i] = today - timedelta(days=age)
        age_days[i] = age
        if pot is not None:
            potential_score[i] = pot

    # SKP: the latest year for the box; the year before the reference year for IP ASN.
    rating = {r: k for k, r in enumerate(RATINGS)}
    hasil = np.full(n, -1, dtype=np.int8)
    perilaku = np.full(n, -1, dtype=np.int8)
    skp_years: list[int | None] = [None] * n
    prev_hasil = np.full(n, -1, dtype=np.int8)
    prev_perilaku = np.full(n, -1, dtype=np.int8)
    prev_score = np.full(n, np.nan)
    for emp, y, h, p, score in (
        PerformanceRating.objects.filter(emp_filter, year__lte=year)
        .order_by("employee_id", "-year")
        .annotate(score_f=Cast("score", FloatField()))
        .values_list("employee_id", "year", "hasil_kerja", "perilaku", "score_f")
    ):
        i = row_of[emp]
        if skp_years[i] is None:
            skp_years[i] = y
            hasil[i], perilaku[i] = rating[h], rating[p]
        if y == year - 1:
            prev_hasil[i], prev_perilaku[i] = rating[h], rating[p]
            prev_score[i] = float(score) if score is not None else np.nan

    # Learning: JP of the reference year (attended), technical JP of the year before, seminars of the two
    # years before, leadership and functional training at any time.
    classes = rules.learning_types
    jp_rows, jp_values = [], []
    technical = np.zeros(n)
    seminar = np.zeros(n, dtype=bool)
    functional = np.zeros(n, dtype=bool)
    leadership = np.full(n, -1, dtype=np.int8)
    # Ints and floats straight from the database (no per-row converters); no ORDER BY, so PostgreSQL does not
    # pick a fast-start plan walking an index for the cursor.
    learning = (
        LearningRecord.objects.filter(emp_filter, status="attended", start__lte=date(year, 12, 31))
        .order_by()
        .annotate(y=Year("start"), jp_f=Cast("jp", FloatField()))
    )
    for emp, start_year, jp, type_ in learning.values_list("employee_id", "y", "jp_f", "type").iterator(20000):
        i = row_of[emp]
        kind = classes.get(type_, "")
        if start_year == year:
            jp_rows.append(i)
            jp_values.append(jp)
        if kind == "technical" and start_year == year - 1:
            technical[i] += jp
        elif kind == "seminar" and year - 2 <= start_year <= year - 1:
            seminar[i] = True
        elif kind == "functional":
            functional[i] = True
        elif kind == "leadership":
            leadership[i] = max(leadership[i], LEADERSHIP_RANK.get(type_, -1))
    required_rank = np.array(
        [LEADERSHIP_RANK.get(rules.raw["ip_asn"]["leadership_required"].get(r[6], ""), 99) for r in rows],
        dtype=np.int16,
    )
    leadership_ok = leadership.astype(np.int16) >= required_rank

    # Discipline: worst level in the last five years; serving one today.
    levels = {"ringan": 1, "sedang": 2, "berat": 3}
    discipline = np.zeros(n, dtype=np.int8)
    serving = np.zeros(n, dtype=bool)
    window = today - timedelta(days=round(365.25 * rules.raw["ip_asn"]["discipline_window_years"]))
    for emp, level, start, end in DisciplinePenalty.objects.filter(emp_filter, start__gte=window).values_list(
        "employee_id", "level", "start", "end"
    ):
        i = row_of[emp]
        discipline[i] = max(discipline[i], levels[level])
        if start <= today and (end is None or end >= today):
            serving[i] = True

    fam = np.array([family[r[6]] for r in rows], dtype=np.int8)
    talent = rules.raw["talent"]
    trained = np.where(np.isin(fam, [0, 1, 2]), leadership_ok, functional)
    years_of_service = np.array([r[9] for r in rows], dtype=np.float64) / 365.25
    inputs = {
        "required": required,
        "actual": actual,
        "assessed": assessed,
        "assessment_age_days": age_days,
        "hasil": hasil,
        "perilaku": perilaku,
        "prev_hasil": prev_hasil,
        "prev_perilaku": prev_perilaku,
        "prev_score": prev_score,
        "assessment_potential": potential_score,
        "education": np.array([edu_index[r[8]] for r in rows], dtype=np.int8),
        "years": years_of_service,
        "field_match": np.full(n, float(talent["field_match_default"])),
        "training": np.where(trained, 100.0, float(talent["training_score_without"])),
        "discipline": discipline,
        "serving": serving,
        "family": fam,
        "leadership": leadership_ok,
        "functional": functional,
        "technical_jp": technical,
        "seminar": seminar,
        "pppk": np.array([r[7] == "PPPK" for r in rows]),
        "learning_employee": np.array(jp_rows, dtype=np.int64),
        "learning_jp": np.array(jp_values),
    }
    return Population(
        ids=ids,
        nip=[r[1] for r in rows],
        name=[r[2] for r in rows],
        unit_code=[r[3] for r in rows],
        position=[r[5] for r in rows],
        job_kind=[r[6] for r in rows],
        org_path=[r[10] for r in rows],
        competency_codes=[codes[c] for c in comp_ids],
        inputs=inputs,
        assessment_date=assessment_dates,
        skp_year=skp_years,
    )


def compute(pop: Population, tables: m.Tables) -> m.Measures:
    """Run the engine over a population (the same call for one employee or a country)."""
    return m.compute_all(pop.inputs, tables)
