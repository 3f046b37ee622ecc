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
from django.db.models import Case, F, Max, Q, QuerySet, Sum, Value, When

from talenta.competency.models import Competency, PositionStandard
from talenta.engine import measures as m
from talenta.engine.compute import compute_all
from talenta.engine.rules import JOB_FAMILIES, RuleSet
from talenta.people.models import (
    DisciplinePenalty,
    Employee,
    Position,
    Recognition,
    RecognitionKind,
)
from talenta.talent.models import BoxHistory

from . import facts as employee_facts
from . import tasks
from .histories import FAR, LEADERSHIP_RANK, PACK, Rows, codes, query_columns, read_histories


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
    kw = {"rules": rules, "year": year, "today": today, "identity": identity}
    pg = connection.vendor == "postgresql"
    with transaction.atomic() if pg else nullcontext(), connection.cursor() as cur:
        if pg:  # per-employee aggregates of millions of rows: in memory (SET LOCAL needs the transaction)
            cur.execute("SET LOCAL work_mem = '256MB'")
        s = employee_facts.state() if facts else None
        use_facts = facts and employee_facts.refresh(year, rules, None if everyone else scope, s)
        if facts and not use_facts and s is not None and employee_facts.stale(year, rules, s):
            tasks.ask_rebuild(year, rules, s)  # built once, but for another year, rule set or code: rebuild
        return _load(scope, emp_filter, everyone, **kw, use_facts=use_facts)


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
    s_pos, s_comp, s_level = query_columns(
        standards.values(c0=F("position_id"), c1=F("competency_id"), c2=F("level")), "iii"
    )
    comp_ids = np.unique(s_comp)
    code_of = dict(Competency.objects.filter(id__in=comp_ids.tolist()).values_list("id", "code"))

    # The employees and their histories: from the facts (talenta/analytics/facts.py) when they are current
    # and hold every competency needed, else from the history tables.
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
        h = h[Rows(h["id"])(np.array([r[0] for r in ident], dtype=np.int32))[0]]
    n = len(h)
    e_pos = h["pos"]
    # Job kinds come with the positions (a position's kind can change without its holders changing).
    if identity:
        kind_index = {k: i for i, k in enumerate(kinds)}
        e_kind = np.array([kind_index.get(r[5], -1) for r in ident], dtype=np.int64)
    else:
        held = Position.objects.all() if everyone else Position.objects.filter(id__in=scope.values("position_id"))
        p_id, p_kind = query_columns(held.values(c0=F("id"), c1=codes("job_kind", kinds)), "ii")
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
    rows_of = Rows(h["id"])

    # Discipline: worst level within the window before the year's reference date (RULES.md §6); serving today.
    windows = rules.ip_windows(year)
    d_emp, d_level, d_serving = query_columns(
        DisciplinePenalty.objects.filter(emp_filter, start__gte=windows.discipline_from, start__lte=windows.reference)
        .values(c0=F("employee_id"))
        .annotate(
            c1=Max(codes("level", ["", "ringan", "sedang", "berat"], default=0)),
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
        r_emp, r_awards, r_teams = query_columns(
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
    b_emp, b_box = query_columns(
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
        competency_codes=[code_of[int(c)] for c in comp_ids],
        inputs=inputs,
        organisation_ids=h["org"].astype(np.int64),
    )
    if identity:
        pop.assessment_date = [None if np.isnan(a) else today - timedelta(days=int(a)) for a in age_days.tolist()]
        pop.skp_year = [None if s < 0 else s >> 4 for s in skp.tolist()]
    return pop


def compute(pop: Population, tables: m.Tables) -> m.Measures:
    """Run the engine over a population (the same call for one employee or a country)."""
    return compute_all(pop.inputs, tables)
