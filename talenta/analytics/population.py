"""From the database to the engine: the arrays of a population (an organisation subtree or one employee).

A fixed number of queries whatever the size (employees, standards, latest assessments and their scores,
SKP, learning, discipline), each read once, straight into NumPy arrays. Basis of every measure, for the
"basis" notes: the latest assessment; the latest SKP for the box; for the IP ASN of year Y the windows of
the rule set (``RuleSet.ip_windows``, RULES.md §6), ending on 31 December of Y: the SKP of Y-1 (numeric
score if any, else predikat), technical training JP within the last 12 months, a seminar or workshop within
the last 24, leadership or functional training at any time, the worst penalty within the last five years.
"""

from __future__ import annotations

from contextlib import nullcontext
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from django.db import connection, transaction
from django.db.models import Case, F, FloatField, Max, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Cast

from talenta.competency.models import Assessment, AssessmentScore, Competency, PositionStandard
from talenta.core.columnar import fetch_columns, queryset_sql
from talenta.core.dbfuncs import DaysSince
from talenta.engine import measures as m
from talenta.engine.rules import JOB_FAMILIES, RATINGS, RuleSet
from talenta.learning.models import LearningRecord
from talenta.people.models import (
    DisciplinePenalty,
    Employee,
    PerformanceRating,
    Position,
    Recognition,
    RecognitionKind,
)
from talenta.talent.models import BoxHistory

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
    organisation_ids: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def __len__(self) -> int:
        return len(self.ids)


def _codes(field: str, values, default: int = -1) -> Case:
    """A column's text values as their index in ``values`` (``default`` for anything else)."""
    return Case(*[When(**{field: v}, then=Value(k)) for k, v in enumerate(values)], default=Value(default))


def _columns(qs, types: str) -> list[np.ndarray]:
    return fetch_columns(*queryset_sql(qs.order_by()), types)


class _Rows:
    """Id -> row of ``ids``, vectorised: ``rows(ids_asked, *cols)`` gives the rows of the ids found and the
    matching entries of ``cols`` (ids not in ``ids`` are dropped)."""

    def __init__(self, ids: np.ndarray) -> None:
        self.sorter = np.argsort(ids, kind="stable")
        self.sorted = ids[self.sorter]

    def __call__(self, emp: np.ndarray, *cols: np.ndarray) -> tuple[np.ndarray, ...]:
        pos = np.minimum(np.searchsorted(self.sorted, emp), max(len(self.sorted) - 1, 0))
        ok = self.sorted[pos] == emp if len(self.sorted) else np.zeros(len(emp), dtype=bool)
        return (self.sorter[pos[ok]], *(c[ok] for c in cols))


def load_population(
    *,
    employees: Q,
    rules: RuleSet,
    year: int,
    today: date,
    identity: bool = True,
    everyone: bool = False,
    facts: bool = True,
) -> Population:
    """Build the engine inputs for the employees matched by ``employees`` (a Q on Employee).

    Every table is aggregated per employee in the database and read as NumPy columns (``fetch_columns``:
    binary COPY on PostgreSQL), so a country's population costs a few bytes per value and no Python
    object per row. ``identity`` also reads NIP, name, unit, position and path (in NIP order; otherwise
    rows are in no particular order and only ``ids`` and ``organisation_ids`` say who and where).
    ``everyone`` says the filter matches every employee (the national node): the histories are then read
    without joining the employee table. The histories come from the per-employee facts when they are built
    for ``year`` and the rule set (refreshed first for the population's changed employees), else from the
    history tables themselves; ``facts=False`` forces the latter. Both give the same arrays.
    """
    scope = Employee.objects.filter(employees)
    emp_filter = Q() if everyone else Q(employee__in=scope.values("id"))
    from talenta.analytics import facts as employee_facts  # the facts are written by this module's readers

    kw = {"rules": rules, "year": year, "today": today, "identity": identity}
    pg = connection.vendor == "postgresql"
    with transaction.atomic() if pg else nullcontext(), connection.cursor() as cur:
        if pg:  # per-employee aggregates of millions of rows: in memory (SET LOCAL needs the transaction)
            cur.execute("SET LOCAL work_mem = '256MB'")
        use_facts = facts and employee_facts.refresh(year, rules, None if everyone else scope)
        return _load(scope, emp_filter, everyone, **kw, use_facts=use_facts)


FAR = date(2200, 1, 1)  # dates are kept as whole days before this day: positive, so -1 can mean "none"


def history_dtype(words: int) -> np.dtype:
    """One employee's facts, independent of the day: who they are and what their histories say.

    ``status`` 0 = PPPK; ``education`` indexes the rule set's list; days count back from ``FAR``
    (-1: no date); the latest assessment (``a_*``, -1: none) with its levels packed 3 bits per slot into
    ``words``; SKP codes as ``skp_query`` gives them, learning figures as ``learning_query`` does.
    """
    return np.dtype(
        [
            ("id", "<i4"), ("org", "<i4"), ("pos", "<i4"), ("status", "i1"), ("education", "i1"),
            ("tmt", "<i4"), ("a_id", "<i4"), ("a_day", "<i4"), ("a_pot", "<f8"), ("skp_latest", "<i4"),
            ("skp_prev", "<i4"), ("skp_score", "<f8"), ("jp", "<f8"), ("technical_jp", "<f8"), ("seminar", "i1"),
            ("functional", "i1"), ("leadership", "<i2"), ("words", "<i8", (words,)),
        ]
    )  # fmt: skip


def read_histories(
    scope: QuerySet, emp_filter: Q, everyone: bool, *, rules: RuleSet, year: int, comp_ids: np.ndarray
) -> np.ndarray:
    """The employees of ``scope`` and their histories, read from the history tables (one row each, in id
    order); the latest assessment's level of ``comp_ids[j]`` is packed into slot j."""
    e_id, e_org, e_pos, e_status, e_edu, e_tmt = _columns(
        scope.values(
            c0=F("id"),
            c1=F("organisation_id"),
            c2=F("position_id"),
            c3=_codes("status", ["PPPK"]),
            c4=_codes("education", rules.education_levels),
            c5=DaysSince("tmt_cpns", FAR),
        ),
        "iiiiii",
    )
    order = np.argsort(e_id, kind="stable")
    words = -(-len(comp_ids) // PACK)
    h = np.zeros(len(e_id), dtype=history_dtype(words))
    columns = {"id": e_id, "org": e_org, "pos": e_pos, "status": e_status, "education": e_edu, "tmt": e_tmt}
    for name, col in columns.items():
        h[name] = col[order]
    rows_of = _Rows(h["id"])
    # Latest assessment per employee (dates are unique per employee: the latest date wins).
    a_emp, a_id, a_day, a_pot = _columns(assessment_query(emp_filter, FAR), "iiif")
    by = np.lexsort((a_day, a_emp))
    first = np.ones(len(by), dtype=bool)
    first[1:] = a_emp[by][1:] != a_emp[by][:-1]
    latest = by[first]
    a_rows, a_id, a_day, a_pot = rows_of(a_emp[latest], a_id[latest], a_day[latest], a_pot[latest])
    for name, default in (("a_id", -1), ("a_day", -1), ("a_pot", -1), ("skp_latest", -1), ("skp_prev", -1),
                          ("skp_score", -1), ("leadership", -1)):  # fmt: skip
        h[name] = default
    h["a_id"][a_rows], h["a_day"][a_rows], h["a_pot"][a_rows] = a_id, a_day, a_pot
    if words and len(a_rows):
        packed = _packed_scores(None if everyone else scope, comp_ids, words)
        at, scored = _Rows(packed[0])(a_id, a_rows)  # each latest assessment's row among the packed ones
        for w in range(words):
            h["words"][scored, w] = packed[1 + w][at]
    s_rows, *skp = rows_of(*_columns(skp_query(emp_filter, year, rules), "iiif"))
    for name, col in zip(("skp_latest", "skp_prev", "skp_score"), skp, strict=True):
        h[name][s_rows] = col
    l_rows, *learning = rows_of(*_columns(learning_query(emp_filter, year, rules), "ifffii"))
    for name, col in zip(("jp", "technical_jp", "seminar", "functional", "leadership"), learning, strict=True):
        h[name][l_rows] = col
    return h


def _load(
    scope: QuerySet,
    emp_filter: Q,
    everyone: bool,
    *,
    rules: RuleSet,
    year: int,
    today: date,
    identity: bool,
    use_facts: bool,
) -> Population:
    kinds = list(rules.job_kinds)
    # Standards: one column per competency appearing in any standard of the population's positions.
    standards = PositionStandard.objects.all()
    if not everyone:  # (for everyone, the semi-join with millions of employees would cost more than it saves)
        standards = standards.filter(position__in=scope.values("position_id"))
    s_pos, s_comp, s_level = _columns(
        standards.values(c0=F("position_id"), c1=F("competency_id"), c2=F("level")), "iii"
    )
    comp_ids = np.unique(s_comp)
    codes = dict(Competency.objects.filter(id__in=comp_ids.tolist()).values_list("id", "code"))

    # The employees and their histories: from the facts (talenta/analytics/facts.py) when they are current
    # and hold every competency needed, else from the history tables.
    from talenta.analytics import facts as employee_facts

    ident: list[tuple] = []
    if identity:
        ident = list(
            scope.order_by("nip").values_list(
                "id", "nip", "name", "organisation__code", "position__name", "position__job_kind", "org_path"
            )
        )
    h = employee_facts.read(scope, everyone, comp_ids) if use_facts else None
    slots = comp_ids - 1  # the facts pack competency id c into slot c - 1
    if h is not None and len(h) != (len(ident) if identity else scope.count()):
        h = None  # a record missing (triggers bypassed by a bulk load): read the histories
    if h is None:
        h = read_histories(scope, emp_filter, everyone, rules=rules, year=year, comp_ids=comp_ids)
        slots = np.arange(len(comp_ids))  # packed in comp_ids order
    if identity:
        h = h[_Rows(h["id"])(np.array([r[0] for r in ident], dtype=np.int32))[0]]
    n = len(h)
    e_pos = h["pos"]
    # Job kinds come with the positions (a position's kind can change without its holders changing).
    if identity:
        kind_index = {k: i for i, k in enumerate(kinds)}
        e_kind = np.array([kind_index.get(r[5], -1) for r in ident], dtype=np.int64)
    else:
        held = Position.objects.all() if everyone else Position.objects.filter(id__in=scope.values("position_id"))
        p_id, p_kind = _columns(held.values(c0=F("id"), c1=_codes("job_kind", kinds)), "ii")
        kind_of = np.full(int(max(p_id.max(initial=0), e_pos.max(initial=0))) + 1, -1, dtype=np.int64)
        kind_of[p_id] = p_kind
        e_kind = kind_of[e_pos]

    positions = np.unique(e_pos)
    per_position = np.zeros((len(positions), len(comp_ids)), dtype=np.int8)
    keep = np.isin(s_pos, positions)
    per_position[np.searchsorted(positions, s_pos[keep]), np.searchsorted(comp_ids, s_comp[keep])] = s_level[keep]
    required = per_position[np.searchsorted(positions, e_pos)] if n else np.zeros((0, len(comp_ids)), np.int8)

    today_back = (FAR - today).days
    assessed = h["a_id"] >= 0
    age_days = np.where(assessed, h["a_day"] - today_back, np.nan)
    potential_score = np.where(assessed & (h["a_pot"] >= 0), h["a_pot"], np.nan)
    actual = np.zeros_like(required)
    for j, slot in enumerate(slots.tolist()):  # the latest assessment's levels, 3 bits per slot, 21 per word
        actual[:, j] = (h["words"][:, slot // PACK] >> (3 * (slot % PACK))) & 7

    skp = h["skp_latest"].astype(np.int64)
    hasil = np.where(skp >= 0, (skp >> 2) & 3, -1).astype(np.int8)
    perilaku = np.where(skp >= 0, skp & 3, -1).astype(np.int8)
    prev = h["skp_prev"].astype(np.int64)
    prev_hasil = np.where(prev >= 0, prev >> 2, -1).astype(np.int8)
    prev_perilaku = np.where(prev >= 0, prev & 3, -1).astype(np.int8)
    prev_score = np.where(h["skp_score"] < 0, np.nan, h["skp_score"])

    leadership = h["leadership"].astype(np.int16)
    functional = h["functional"] > 0
    required_rank = np.array(
        [LEADERSHIP_RANK.get(rules.raw["ip_asn"]["leadership_required"].get(k, ""), 99) for k in kinds] + [99],
        dtype=np.int16,
    )[e_kind]
    leadership_ok = leadership >= required_rank
    rows_of = _Rows(h["id"])

    # Discipline: worst level within the window before the year's reference date (RULES.md §6); serving today.
    windows = rules.ip_windows(year)
    d_emp, d_level, d_serving = _columns(
        DisciplinePenalty.objects.filter(emp_filter, start__gte=windows.discipline_from, start__lte=windows.reference)
        .values(c0=F("employee_id"))
        .annotate(
            c1=Max(_codes("level", ["", "ringan", "sedang", "berat"], default=0)),
            c2=Max(
                Case(When(Q(start__lte=today) & (Q(end__isnull=True) | Q(end__gte=today)), then=1), default=Value(0))
            ),
        ),
        "iii",
    )
    d_rows, d_level, d_serving = rows_of(d_emp, d_level, d_serving)
    discipline = np.zeros(n, dtype=np.int8)
    discipline[d_rows] = d_level
    serving = np.zeros(n, dtype=bool)
    serving[d_rows] = d_serving > 0

    # Supporting performance (BKN-2025, RULES.md §5): awards and team assignments within the rule set's window.
    awards = np.zeros(n, dtype=np.int16)
    teams = np.zeros(n, dtype=np.int16)
    if float(rules.raw["talent"]["performance_weights"]["supporting"]):
        since = date(year - int(rules.raw["talent"]["supporting_window_years"]), 12, 31) + timedelta(days=1)
        r_emp, r_awards, r_teams = _columns(
            Recognition.objects.filter(emp_filter, date__gte=since, date__lte=windows.reference)
            .values(c0=F("employee_id"))
            .annotate(
                c1=Sum(Case(When(kind=RecognitionKind.AWARD, then=1), default=Value(0))),
                c2=Sum(Case(When(kind=RecognitionKind.TEAM, then=1), default=Value(0))),
            ),
            "iii",
        )
        r_rows, r_awards, r_teams = rows_of(r_emp, r_awards, r_teams)
        awards[r_rows], teams[r_rows] = r_awards, r_teams

    # The box a finalised talent review gave for the year, where one did (RULES.md §5: it is the box).
    b_emp, b_box = _columns(
        BoxHistory.objects.filter(emp_filter, year=year).values(c0=F("employee_id"), c1=F("box")), "ii"
    )
    b_rows, b_box = rows_of(b_emp, b_box)
    reviewed_box = np.zeros(n, dtype=np.int8)
    reviewed_box[b_rows] = b_box

    family_of_kind = np.array([JOB_FAMILIES.index(rules.job_kinds[k].family) for k in kinds] + [0], dtype=np.int8)
    fam = family_of_kind[e_kind]
    talent = rules.raw["talent"]
    trained = np.where(np.isin(fam, [0, 1, 2]), leadership_ok, functional)
    jp_rows = np.flatnonzero(h["jp"] > 0)
    tmt = h["tmt"]
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
        "education": h["education"].astype(np.int8),
        "years": np.where(tmt >= 0, tmt - today_back, -1) / 365.25,
        "field_match": np.full(n, float(talent["field_match_default"])),
        "training": np.where(trained, 100.0, float(talent["training_score_without"])),
        "discipline": discipline,
        "serving": serving,
        "family": fam,
        "leadership": leadership_ok,
        "functional": functional,
        "technical_jp": h["technical_jp"].astype(np.float64),
        "seminar": h["seminar"] > 0,
        "pppk": h["status"] == 0,
        "learning_employee": jp_rows.astype(np.int64),
        "learning_jp": h["jp"][jp_rows],
        "reviewed_box": reviewed_box,
        "awards": awards,
        "team_assignments": teams,
    }
    pop = Population(
        ids=h["id"].astype(np.int64),
        nip=[r[1] for r in ident],
        name=[r[2] for r in ident],
        unit_code=[r[3] for r in ident],
        position=[r[4] for r in ident],
        job_kind=[r[5] for r in ident],
        org_path=[r[6] for r in ident],
        competency_codes=[codes[int(c)] for c in comp_ids],
        inputs=inputs,
        organisation_ids=h["org"].astype(np.int64),
    )
    if identity:
        pop.assessment_date = [None if np.isnan(a) else today - timedelta(days=int(a)) for a in age_days.tolist()]
        pop.skp_year = [None if s < 0 else s >> 4 for s in skp.tolist()]
    return pop


def assessment_query(emp_filter: Q, today: date) -> QuerySet:
    """Every assessment of the population: employee, id, age in days, potential score."""
    return Assessment.objects.filter(emp_filter).values(
        c0=F("employee_id"), c1=F("id"), c2=DaysSince("date", today), c3=Cast("potential_score", FloatField())
    )


def skp_query(emp_filter: Q, year: int, rules: RuleSet) -> QuerySet:
    """Per employee: the latest SKP up to ``year`` for the box (encoded year*16 + hasil*4 + perilaku, so MAX
    picks it); the ratings and numeric score of the year IP ASN uses (RULES.md §6: Y - ``skp_year_offset``)."""
    code = _codes("hasil_kerja", RATINGS) * 4 + _codes("perilaku", RATINGS)
    skp_year = rules.ip_windows(year).skp_year
    return (
        PerformanceRating.objects.filter(emp_filter, year__lte=year)
        .values(c0=F("employee_id"))
        .annotate(
            c1=Max(F("year") * 16 + code),
            c2=Max(Case(When(year=skp_year, then=code))),
            c3=Max(Case(When(year=skp_year, then=Cast("score", FloatField())))),
        )
    )


def learning_query(emp_filter: Q, year: int, rules: RuleSet) -> QuerySet:
    """Per employee: JP of ``year`` (attended), and for the IP ASN of ``year`` (windows of RULES.md §6, ending
    on 31 December of ``year``): technical JP within the technical window, a seminar within the seminar
    window, functional training and the highest leadership training at any time up to the reference date
    (the classes of training types come from the rule set)."""
    of_class = {c: [t for t, k in rules.learning_types.items() if k == c] for c in set(rules.learning_types.values())}
    jp = Cast("jp", FloatField())
    w = rules.ip_windows(year)
    return (
        LearningRecord.objects.filter(emp_filter, status="attended", start__lte=w.reference)
        .values(c0=F("employee_id"))
        .annotate(
            c1=Sum(Case(When(start__gte=date(year, 1, 1), then=jp), default=Value(0.0))),
            c2=Sum(
                Case(
                    When(start__gte=w.technical_from, type__in=of_class.get("technical", []), then=jp),
                    default=Value(0.0),
                )
            ),
            c3=Max(
                Case(When(start__gte=w.seminar_from, type__in=of_class.get("seminar", []), then=1), default=Value(0))
            ),
            c4=Max(Case(When(type__in=of_class.get("functional", []), then=1), default=Value(0))),
            c5=Max(
                Case(
                    *[When(type=t, then=Value(LEADERSHIP_RANK.get(t, -1))) for t in of_class.get("leadership", [])],
                    default=Value(-1),
                )
            ),
        )
    )


PACK = 21  # competencies per packed 64-bit word of scores (3 bits each)


def _packed_scores(scope: QuerySet | None, comp_ids: np.ndarray, words: int) -> list[np.ndarray]:
    """Per assessment of the population: its id, then ``words`` words of 3-bit levels in ``comp_ids`` order."""
    pg = connection.vendor == "postgresql"
    agg = "BIT_OR" if pg else "SUM"  # the fields are disjoint: OR and SUM agree; SQLite has no BIT_OR
    mapping = ", ".join(f"({int(c)}, {j // PACK}, {8 ** (j % PACK)})" for j, c in enumerate(comp_ids.tolist()))
    scores, assessments = AssessmentScore._meta.db_table, Assessment._meta.db_table
    big = "::bigint" if pg else ""
    cols = ", ".join(
        f"{agg}(CASE WHEN m.w = {w} THEN s.level{big} * m.mult ELSE 0 END) AS c{w + 1}" for w in range(words)
    )
    sql = (
        f"WITH m(cid, w, mult) AS (VALUES {mapping}) "
        f"SELECT s.assessment_id AS c0, {cols} FROM {scores} s JOIN m ON m.cid = s.competency_id "
        "GROUP BY s.assessment_id"
    )
    params: tuple = ()
    if scope is not None:
        emp_sql, params = queryset_sql(scope.order_by().values("id"))
        sql = sql.replace(
            "GROUP BY",
            f"WHERE s.assessment_id IN (SELECT a.id FROM {assessments} a WHERE a.employee_id IN ({emp_sql})) GROUP BY",
        )
    return fetch_columns(sql, params, "i" + "q" * words)


def compute(pop: Population, tables: m.Tables) -> m.Measures:
    """Run the engine over a population (the same call for one employee or a country)."""
    return m.compute_all(pop.inputs, tables)
