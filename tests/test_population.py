"""The population loader: every table aggregated per employee in the database, read as NumPy columns."""

import struct
from datetime import date
from decimal import Decimal

import numpy as np
import pytest
from django.conf import settings
from django.db.models import Q

from talenta.analytics.histories import PACK
from talenta.analytics.population import load_population
from talenta.competency.models import Assessment, AssessmentScore, Competency, PositionStandard
from talenta.core.columnar import fetch_columns, parse_pg_binary
from talenta.engine.rules import load_ruleset
from talenta.learning.models import LearningRecord
from talenta.people.models import DisciplinePenalty, PerformanceRating
from tests import factories as f

pytestmark = pytest.mark.django_db
TODAY = date(2026, 6, 30)


def _copy_stream(rows, types):
    fmt = {"i": ">i", "q": ">q", "f": ">d"}
    out = b"PGCOPY\n\xff\r\n\x00" + struct.pack(">ii", 0, 0)
    for row in rows:
        out += struct.pack(">h", len(row))
        for v, t in zip(row, types, strict=True):
            body = struct.pack(fmt[t], v)
            out += struct.pack(">i", len(body)) + body
    return out + struct.pack(">h", -1)


def test_binary_copy_is_read_as_columns():
    buf = _copy_stream([(7, 2**40, 1.5), (-1, 3, -0.25)], "iqf")
    a, b, c = parse_pg_binary(buf, "iqf")
    assert a.tolist() == [7, -1] and b.tolist() == [2**40, 3] and c.tolist() == [1.5, -0.25]
    assert a.dtype == np.int32 and b.dtype == np.int64 and c.dtype == np.float64
    assert [x.tolist() for x in parse_pg_binary(_copy_stream([], "if"), "if")] == [[], []]
    with pytest.raises(ValueError, match="fixed width"):
        parse_pg_binary(buf, "iif")
    with pytest.raises(ValueError, match="not a PostgreSQL"):
        parse_pg_binary(b"1,2\n", "ii")


def test_fetch_columns_gives_typed_arrays_and_null_as_minus_one():
    a, b, c = fetch_columns("SELECT 3 AS c0, NULL AS c1, 2.5 AS c2", [], "iqf")
    assert (a.tolist(), b.tolist(), c.tolist()) == ([3], [-1], [2.5])


@pytest.fixture
def person(region):
    """One analyst whose position requires 25 competencies (two packed words of scores), with histories."""
    emp = f.employee("64.71.02", name="Dewi Lestari", position="Analis Data Ahli Pertama")
    comps = [Competency.objects.create(code=f"T.X.{j:02d}", name=f"Teknis {j}", kind="teknis") for j in range(25)]
    for j, c in enumerate(comps):
        PositionStandard.objects.create(position=emp.position, competency=c, level=1 + j % 5)
    old = Assessment.objects.create(employee=emp, date=date(2024, 5, 1), potential_score=Decimal("40"))
    new = Assessment.objects.create(employee=emp, date=date(2025, 5, 1), potential_score=Decimal("77.5"))
    for j, c in enumerate(comps):
        AssessmentScore.objects.create(assessment=old, competency=c, level=1)
        if j != 3:  # one competency not assessed in the latest assessment
            AssessmentScore.objects.create(assessment=new, competency=c, level=5 - j % 5)
    for year, h, p, score in ((2024, "di_bawah", "sesuai", None), (2025, "di_atas", "sesuai", Decimal("91.5"))):
        PerformanceRating.objects.create(
            employee=emp, year=year, hasil_kerja=h, perilaku=p, predikat="x", score=score, ruleset="t"
        )
    records = [
        ("PKP", date(2020, 3, 1), 40, "attended"),
        ("fungsional", date(2019, 3, 1), 30, "attended"),
        ("teknis", date(2025, 2, 1), 12, "attended"),
        ("bimtek", date(2025, 9, 1), 10, "attended"),
        ("seminar", date(2024, 4, 1), 4, "attended"),
        ("teknis", date(2026, 2, 1), 8, "attended"),
        ("workshop", date(2026, 3, 1), 6, "attended"),
        ("teknis", date(2026, 4, 1), 30, "planned"),  # planned: does not count
        ("teknis", date(2027, 1, 5), 30, "attended"),  # after the reference year
    ]
    for i, (type_, start, jp, status) in enumerate(records):
        LearningRecord.objects.create(
            employee=emp, title=f"Kegiatan {i}", type=type_, start=start, jp=Decimal(jp), status=status
        )
    DisciplinePenalty.objects.create(employee=emp, level="ringan", start=date(2023, 1, 1), end=date(2023, 6, 30))
    DisciplinePenalty.objects.create(employee=emp, level="sedang", start=date(2026, 6, 1), end=None)
    DisciplinePenalty.objects.create(employee=emp, level="berat", start=date(2019, 1, 1), end=date(2019, 12, 31))
    return emp, comps


@pytest.mark.parametrize("identity", [True, False])
def test_loader_reads_every_table_per_employee(person, identity):
    emp, comps = person
    rules = load_ruleset(settings.TALENTA_RULESET)
    pop = load_population(
        employees=Q(org_path__startswith="/ID/64/64.71/"), rules=rules, year=2026, today=TODAY, identity=identity
    )
    i = int(np.flatnonzero(pop.ids == emp.pk)[0])
    x = pop.inputs
    assert len(comps) > PACK
    col = {code: j for j, code in enumerate(pop.competency_codes)}
    for j, c in enumerate(comps):
        assert x["required"][i, col[c.code]] == 1 + j % 5
        assert x["actual"][i, col[c.code]] == (0 if j == 3 else 5 - j % 5), c.code
    assert x["assessed"][i] and x["assessment_potential"][i] == 77.5
    assert x["assessment_age_days"][i] == (TODAY - date(2025, 5, 1)).days
    # SKP: latest (2025) for the box, 2025 = the year before 2026 for IP ASN.
    assert (x["hasil"][i], x["perilaku"][i], x["prev_hasil"][i], x["prev_perilaku"][i]) == (2, 1, 2, 1)
    assert x["prev_score"][i] == 91.5
    # Learning: 2026 JP attended = 8 + 6; the IP ASN of 2026 (RULES.md §6, windows ending 31 December 2026):
    # technical JP within 12 months = 8 (not 2025's 12 + 10, not the planned 30, not 2027's); a seminar or
    # workshop within 24 months (the 2026 workshop; the 2024 seminar is too old); functional and PKP at any time.
    assert x["learning_jp"][x["learning_employee"] == i].sum() == 14
    assert x["technical_jp"][i] == 8 and x["seminar"][i] and x["functional"][i]
    pop_2025 = load_population(employees=Q(pk=emp.pk), rules=rules, year=2025, today=TODAY, identity=identity)
    assert pop_2025.inputs["technical_jp"][0] == 22 and pop_2025.inputs["seminar"][0]  # 2025's own, the 2024 seminar
    assert x["discipline"][i] == 2 and x["serving"][i]  # the 2019 penalty is outside the five years
    assert not x["pppk"][i] and x["education"][i] == rules.education_levels.index("S1")
    assert pop.organisation_ids[i] == emp.organisation_id
    if identity:
        assert pop.nip == sorted(pop.nip) and pop.nip[i] == emp.nip and pop.name[i] == "Dewi Lestari"
        assert pop.assessment_date[i] == date(2025, 5, 1) and pop.skp_year[i] == 2025
    else:
        assert list(pop.ids) == sorted(pop.ids) and pop.nip == []
    others = [k for k in range(len(pop)) if k != i]
    assert not x["assessed"][others].any() and (x["hasil"][others] == -1).all()
