"""Reading the histories of a population from the history tables: one aggregate query per table, straight
into NumPy arrays, per employee. What both the per-employee facts (``facts``, which keep the result) and the
population loader (``population``, which reads the facts or, failing them, these) are made of."""

from __future__ import annotations

from datetime import date

import numpy as np
from django.db import connection
from django.db.models import Case, F, FloatField, Max, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Cast

from talenta.competency.models import Assessment, AssessmentScore
from talenta.core.columnar import fetch_columns, queryset_sql
from talenta.core.dbfuncs import DaysSince
from talenta.engine.rules import RATINGS, RuleSet
from talenta.learning.models import LearningRecord
from talenta.people.models import PerformanceRating

LEADERSHIP_RANK = {"PKP": 0, "PKA": 1, "PKN II": 2, "PKN I": 3}


def codes(field: str, values, default: int = -1) -> Case:
    """A column's text values as their index in ``values`` (``default`` for anything else)."""
    return Case(*[When(**{field: v}, then=Value(k)) for k, v in enumerate(values)], default=Value(default))


def query_columns(qs, types: str) -> list[np.ndarray]:
    return fetch_columns(*queryset_sql(qs.order_by()), types)


class Rows:
    """Id -> row of ``ids``, vectorised: ``rows(ids_asked, *cols)`` gives the rows of the ids found and the
    matching entries of ``cols`` (ids not in ``ids`` are dropped)."""

    def __init__(self, ids: np.ndarray) -> None:
        self.sorter = np.argsort(ids, kind="stable")
        self.sorted = ids[self.sorter]

    def __call__(self, emp: np.ndarray, *cols: np.ndarray) -> tuple[np.ndarray, ...]:
        pos = np.minimum(np.searchsorted(self.sorted, emp), max(len(self.sorted) - 1, 0))
        ok = self.sorted[pos] == emp if len(self.sorted) else np.zeros(len(emp), dtype=bool)
        return (self.sorter[pos[ok]], *(c[ok] for c in cols))


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
    e_id, e_org, e_pos, e_status, e_edu, e_tmt = query_columns(
        scope.values(
            c0=F("id"),
            c1=F("organisation_id"),
            c2=F("position_id"),
            c3=codes("status", ["PPPK"]),
            c4=codes("education", rules.education_levels),
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
    rows_of = Rows(h["id"])
    # Latest assessment per employee (dates are unique per employee: the latest date wins).
    a_emp, a_id, a_day, a_pot = query_columns(assessment_query(emp_filter, FAR), "iiif")
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
        at, scored = Rows(packed[0])(a_id, a_rows)  # each latest assessment's row among the packed ones
        for w in range(words):
            h["words"][scored, w] = packed[1 + w][at]
    s_rows, *skp = rows_of(*query_columns(skp_query(emp_filter, year, rules), "iiif"))
    for name, col in zip(("skp_latest", "skp_prev", "skp_score"), skp, strict=True):
        h[name][s_rows] = col
    l_rows, *learning = rows_of(*query_columns(learning_query(emp_filter, year, rules), "ifffii"))
    for name, col in zip(("jp", "technical_jp", "seminar", "functional", "leadership"), learning, strict=True):
        h[name][l_rows] = col
    return h


def assessment_query(emp_filter: Q, today: date) -> QuerySet:
    """Every assessment of the population: employee, id, age in days, potential score."""
    return Assessment.objects.filter(emp_filter).values(
        c0=F("employee_id"), c1=F("id"), c2=DaysSince("date", today), c3=Cast("potential_score", FloatField())
    )


def skp_query(emp_filter: Q, year: int, rules: RuleSet) -> QuerySet:
    """Per employee: the latest SKP up to ``year`` for the box (encoded year*16 + hasil*4 + perilaku, so MAX
    picks it); the ratings and numeric score of the year IP ASN uses (RULES.md §6: Y - ``skp_year_offset``)."""
    code = codes("hasil_kerja", RATINGS) * 4 + codes("perilaku", RATINGS)
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
