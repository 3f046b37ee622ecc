from datetime import date

import pytest

from talenta.core.errors import ApplicationError, NotFound
from talenta.people.models import Position
from talenta.talent import succession
from talenta.talent.models import BoxHistory, SuccessionCandidate

from .helpers import key_position_world, person

TODAY = date(2026, 11, 28)


@pytest.fixture
def key(region):
    return key_position_world(region)


def test_suggestions_are_the_eligible_ranked_by_fit(key):
    version, fits = succession.suggest(actor=key["users"]["balikpapan"], position=key["position"], today=TODAY)
    assert version
    assert [f.name for f in fits] == ["Rina Kuat", "Dedi Cukup"]  # III/b, retiring and pelaksana left out
    strong, weaker = fits
    # Pengawas standard is level 2 and they scored 3 on it: against the administrator's level 3 standard
    # only what the assessment measured counts.
    assert strong.jpm_target == 100.0 and strong.max_gap == 0 and strong.readiness == "now"
    assert weaker.gaps == {"INTEGRITAS": 2, "KOMUNIKASI": 1} and weaker.readiness == "1-2"
    assert weaker.jpm_target == pytest.approx(100 * 24 / 27, abs=0.01)
    assert strong.fit > weaker.fit
    assert strong.box == 9 and strong.box_source == "engine"


def test_a_finalised_review_box_replaces_the_computed_one(key):
    BoxHistory.objects.create(employee=key["strong"], year=2026, box=5, ruleset="x")
    _v, fits = succession.suggest(actor=key["users"]["balikpapan"], position=key["position"], today=TODAY)
    strong = next(f for f in fits if f.name == "Rina Kuat")
    assert strong.box == 5 and strong.box_source == "review 2026"


def test_nominating_keeps_the_basis_and_rejects_the_ineligible(key):
    actor = key["users"]["balikpapan"]
    c = succession.nominate(actor=actor, position=key["position"], nip=key["weaker"].nip, today=TODAY)
    assert (c.rank, c.derived_readiness, c.readiness, c.status) == (1, "1-2", "1-2", "proposed")
    assert c.basis["gaps"] == {"INTEGRITAS": 2, "KOMUNIKASI": 1} and c.basis["ruleset"]
    assert c.basis["assessment"] == "2026-03-01"
    c2 = succession.nominate(actor=actor, position=key["position"], nip=key["strong"].nip, today=TODAY)
    assert c2.rank == 2
    with pytest.raises(ApplicationError, match="golongan"):
        succession.nominate(actor=actor, position=key["position"], nip=key["low_rank"].nip, today=TODAY)
    with pytest.raises(ApplicationError, match="sudah dicalonkan"):
        succession.nominate(actor=actor, position=key["position"], nip=key["strong"].nip, today=TODAY)
    with pytest.raises(NotFound):  # Penajam's employee is outside Balikpapan's scope
        succession.nominate(actor=actor, position=key["position"], nip=key["ppu"].nip, today=TODAY)
    _v, fits = succession.suggest(actor=actor, position=key["position"], today=TODAY)
    assert fits == []  # both eligible people are nominated


def test_readiness_override_needs_a_reason_and_one_emergency_successor(key):
    actor = key["users"]["balikpapan"]
    a = succession.nominate(actor=actor, position=key["position"], nip=key["weaker"].nip, today=TODAY)
    b = succession.nominate(actor=actor, position=key["position"], nip=key["strong"].nip, today=TODAY)
    with pytest.raises(ApplicationError) as exc:
        succession.candidate_update(
            actor=actor, candidate=a, readiness="now", reason="", emergency=False, status="proposed", rank=1
        )
    assert exc.value.field == "readiness_reason"
    succession.candidate_update(
        actor=actor, candidate=a, readiness="now", reason="Plt. 6 bulan", emergency=True, status="confirmed", rank=2
    )
    succession.candidate_update(
        actor=actor, candidate=b, readiness="now", reason="", emergency=True, status="confirmed", rank=1
    )
    a.refresh_from_db()
    assert (a.readiness, a.derived_readiness, a.readiness_reason) == ("now", "1-2", "Plt. 6 bulan")
    assert not a.emergency  # b became the emergency successor
    assert SuccessionCandidate.objects.filter(emergency=True).get() == b


def test_bench_strength_counts_a_shared_successor_once(key):
    from talenta.org.models import Organisation

    actor = key["users"]["balikpapan"]
    other = person(
        "64.71.02",
        "Kepala Bidang Yankes",
        job_kind="Administrator",
        position="Kepala Bidang Pelayanan",
        golongan="IV/a",
    )
    Position.objects.filter(pk=other.position_id).update(is_key=True)
    second = Position.objects.get(pk=other.position_id)
    for pos in (key["position"], second):
        c = succession.nominate(actor=actor, position=pos, nip=key["strong"].nip, today=TODAY)
        succession.candidate_update(
            actor=actor, candidate=c, readiness="now", reason="", emergency=False, status="confirmed", rank=1
        )
    rows, bench = succession.key_positions(Organisation.objects.get(code="64.71"))
    assert bench.key_positions == 2 and bench.with_ready_now == 1.0
    assert bench.coverage == pytest.approx(0.5)  # one person for two positions counts 1/2 each
    assert rows[0].position == key["position"]  # its holder retires first


def test_export_suksesi_cli(key, tmp_path):
    from django.core.management import call_command
    from python_calamine import CalamineWorkbook

    actor = key["users"]["balikpapan"]
    succession.nominate(actor=actor, position=key["position"], nip=key["strong"].nip, today=TODAY)
    out = tmp_path / "suksesi.xlsx"
    call_command("export", "suksesi", "--org", "64.71", "--out", str(out))
    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_index(0).to_python()
    header = rows[0]
    assert header == succession.SUKSESI_HEADER
    r = dict(zip(header, rows[1], strict=True))
    assert r["JABATAN"] == "Kepala Bidang Pengembangan Kompetensi" and r["NIP_PEMANGKU"] == key["holder"].nip
    assert r["NIP_KANDIDAT"] == key["strong"].nip and r["KESIAPAN"] == "Siap sekarang" and r["PERINGKAT"] == 1
    assert str(r["TANGGAL_PENSIUN"]).startswith("2027-04-01")


def test_key_position_outside_scope_is_not_found(key):
    with pytest.raises(NotFound):
        succession.key_position_get(actor=key["users"]["ppu"], pk=key["position"].pk)
    with pytest.raises(NotFound):  # not a key position
        succession.key_position_get(actor=key["users"]["balikpapan"], pk=key["strong"].position_id)


def test_holders_and_successors_weigh_more_in_the_development_plan(key):
    from talenta.learning.params import PlanParams
    from talenta.learning.selectors import build_problem
    from talenta.org.models import Organisation

    succession.nominate(actor=key["users"]["balikpapan"], position=key["position"], nip=key["weaker"].nip, today=TODAY)
    setup = build_problem(Organisation.objects.get(code="64.71"), PlanParams(year=2026, budget=1e9), today=TODAY)
    p = setup.problem
    row = {nip: i for i, nip in enumerate(setup.nip)}
    weights = p.employee_weight
    assert weights[row[key["holder"].nip]] == 1.5  # key-position holder (rule set [planner])
    assert weights[row[key["weaker"].nip]] == 2.0  # nominated successor
    assert weights[row[key["strong"].nip]] == 1.0
    # The successor's INTEGRITAS gap is taken against the administrator standard (3), not their own (2).
    j = setup.competency_codes.index("INTEGRITAS")
    assert p.gaps[row[key["weaker"].nip], j] == 2
    assert p.gaps[row[key["strong"].nip], j] == 0


def test_vacancy_forecast_shows_the_bench_of_key_positions(key):
    from talenta.org.models import Organisation
    from talenta.talent.selectors import vacancy_forecast

    actor = key["users"]["balikpapan"]
    c = succession.nominate(actor=actor, position=key["position"], nip=key["strong"].nip, today=TODAY)
    succession.candidate_update(
        actor=actor, candidate=c, readiness="now", reason="", emergency=False, status="confirmed", rank=1
    )
    succession.nominate(actor=actor, position=key["position"], nip=key["weaker"].nip, today=TODAY)
    counts, key_counts, items = vacancy_forecast(actor=actor, org=Organisation.objects.get(code="64.71"), today=TODAY)
    first = items[0]  # key positions first
    assert first.nip == key["holder"].nip and first.is_key
    assert (first.candidates, first.ready_now) == (2, 1)
    assert key_counts[1] == 1
