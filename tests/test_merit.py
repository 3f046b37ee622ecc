"""Merit self-assessment (RULES.md §8): score and category, fill/submit/verify, scope, evidence, roll-up."""

import pytest

from talenta.core.errors import ApplicationError, PermissionDenied
from talenta.core.models import AuditLog
from talenta.engine.merit import load_framework, merit_total
from talenta.indices import services
from talenta.indices.models import MeritAssessment
from talenta.org.models import Organisation

CATS = load_framework()["meta"]["categories"]


@pytest.mark.parametrize(
    "scores, total, category",
    [
        ([1] * 10, 100, "I Buruk"),
        ([4] * 10, 400, "IV Sangat Baik"),
        ([2, 2, 2, 1], 175, "II Kurang"),
        ([3, 2, 2, 3], 250, "III Baik"),
        ([3, 3, 3, 4], 325, "IV Sangat Baik"),
        ([3, 3, 3, 3, 4], 320, "III Baik"),
    ],
)
def test_total_and_category(scores, total, category):
    assert merit_total(scores, CATS) == (total, category)


def test_framework_has_the_eight_aspects():
    assert [a["code"] for a in load_framework()["aspects"]] == [
        "PERENCANAAN",
        "PENGADAAN",
        "KARIER",
        "PROMOSI",
        "KINERJA",
        "PENGGAJIAN",
        "PERLINDUNGAN",
        "SISTEM_INFORMASI",
    ]


@pytest.mark.django_db
def test_fill_submit_verify_with_reasons_and_scope(region, client):
    bpp = Organisation.objects.get(code="64.71")
    with pytest.raises(PermissionDenied):
        services.assessment_open(actor=region["users"]["ppu"], org=bpp, year=2025)
    a = services.assessment_open(actor=region["users"]["balikpapan"], org=bpp, year=2025)
    indicators = list(a.framework.indicators.all())
    assert len(indicators) == 12
    with pytest.raises(ApplicationError):
        services.assessment_submit(actor=region["users"]["balikpapan"], assessment=a)  # nothing scored yet
    for ind in indicators:
        services.score_save(actor=region["users"]["balikpapan"], assessment=a, indicator=ind, score=3)
    services.assessment_submit(actor=region["users"]["balikpapan"], assessment=a)
    assert (float(a.total), a.category, a.status) == (300.0, "III Baik", "diajukan")
    with pytest.raises(ApplicationError):
        services.score_save(actor=region["users"]["balikpapan"], assessment=a, indicator=indicators[0], score=4)
    with pytest.raises(PermissionDenied):  # the agency itself cannot verify
        services.assessment_verify(actor=region["users"]["balikpapan"], assessment=a, changes={})
    with pytest.raises(ApplicationError, match="PK1|reason|alasan"):
        services.assessment_verify(actor=region["users"]["kaltim"], assessment=a, changes={indicators[0].pk: (1, " ")})
    services.assessment_verify(
        actor=region["users"]["kaltim"],
        assessment=a,
        changes={indicators[0].pk: (1, "Belum ada dokumen rencana kebutuhan.")},
    )
    a.refresh_from_db()
    assert a.status == "terverifikasi" and float(a.total) == pytest.approx(100 * (3 * 11 + 1) / 12, abs=0.01)
    client.force_login(region["users"]["kaltim"])
    page = client.get("/merit/64/").content.decode()
    assert "Kota Balikpapan" in page and a.category in page
    form = client.get("/merit/64.71/2025/").content.decode()
    assert "Belum ada dokumen rencana kebutuhan." in form and "Pengembangan karier" in form
    client.force_login(region["users"]["ppu"])
    assert client.get("/merit/64.71/2025/").status_code == 404


@pytest.mark.django_db
def test_web_fill_with_evidence_file_and_system_evidence(region, client):
    client.force_login(region["users"]["balikpapan"])
    client.post("/merit/64.71/", {"year": 2025})
    a = MeritAssessment.objects.get()
    ind = a.framework.indicators.get(code="KR3")
    page = client.get("/merit/64.71/2025/").content.decode()
    assert "20 JP" in page  # what Talenta already knows, beside the indicator
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.post(
        "/merit/64.71/2025/",
        {
            "action": "save",
            f"score_{ind.pk}": "2",
            f"evidence_{ind.pk}": "Rekap JP",
            f"file_{ind.pk}": SimpleUploadedFile("rekap.pdf", b"%PDF-1.4 x"),
        },
    )
    s = a.scores.get(indicator=ind)
    assert (s.self_score, s.evidence, s.evidence_filename) == (2, "Rekap JP", "rekap.pdf") and s.evidence_file
    r = client.post(
        "/merit/64.71/2025/",
        {"action": "save", f"score_{ind.pk}": "3", f"file_{ind.pk}": SimpleUploadedFile("x.exe", b"MZ")},
    )
    assert r.status_code == 200 and a.scores.get(indicator=ind).self_score == 2
    # The evidence file opens from the form, for the agency and for the verifier above, not outside scope.
    url = f"/merit/64.71/2025/bukti/{ind.pk}/"
    assert url in client.get("/merit/64.71/2025/").content.decode()
    assert b"".join(client.get(url).streaming_content) == b"%PDF-1.4 x"
    client.force_login(region["users"]["ppu"])
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_verifier_returns_a_form_for_revision_and_the_scores_stay_visible(region, client):
    """Issue 23: returned with a note, the form is a draft again with its scores; after submission the chosen
    score is shown as text, not as a greyed-out radio button."""
    a = services.assessment_open(
        actor=region["users"]["balikpapan"], org=Organisation.objects.get(code="64.71"), year=2025
    )
    for ind in a.framework.indicators.all():
        services.score_save(actor=region["users"]["balikpapan"], assessment=a, indicator=ind, score=3)
    services.assessment_submit(actor=region["users"]["balikpapan"], assessment=a)
    client.force_login(region["users"]["kaltim"])
    form = client.get("/merit/64.71/2025/").content.decode()
    assert "Skor mandiri: 3" in form and 'value="return"' in form
    r = client.post("/merit/64.71/2025/", {"action": "return", "note": " "})
    assert "Sebutkan apa yang perlu diperbaiki." in r.content.decode()
    client.post("/merit/64.71/2025/", {"action": "return", "note": "Lampirkan SK pola karier."})
    a.refresh_from_db()
    assert a.status == "draf" and a.scores.count() == a.framework.indicators.count() and a.total is None
    client.force_login(region["users"]["balikpapan"])
    form = client.get("/merit/64.71/2025/").content.decode()
    assert "Lampirkan SK pola karier." in form and "Dikembalikan untuk diperbaiki" in form
    services.assessment_submit(actor=region["users"]["balikpapan"], assessment=a)
    a.refresh_from_db()
    assert a.status == "diajukan" and a.returned_note == ""
    assert AuditLog.objects.filter(action="merit_return").exists()


@pytest.mark.django_db
def test_merit_api_export_and_framework_editing(region, client):
    bpp = Organisation.objects.get(code="64.71")
    a = services.assessment_open(actor=region["users"]["balikpapan"], org=bpp, year=2025)
    client.force_login(region["users"]["kaltim"])
    body = client.get("/api/merit/64").json()
    assert [(r["organisation"], r["year"], r["status"]) for r in body] == [("64.71", 2025, "draf")]
    assert "64.71" in client.get("/merit/64/ekspor.csv").getvalue().decode("utf-8-sig")
    assert client.get("/merit/kerangka/").status_code == 404  # a province admin does not edit the framework
    client.force_login(region["users"]["ppu"])
    assert client.get("/api/merit/64.71").status_code == 404
    client.force_login(region["users"]["nasional"])
    ind = a.framework.indicators.get(code="SI1")
    client.post(
        "/merit/kerangka/?versi=merit-2018.1",
        {
            f"text_{ind.pk}": "Data kepegawaian mutakhir di SIASN.",
            **{f"c{i}_{ind.pk}": f"Kriteria {i + 1}" for i in range(4)},
        },
    )
    ind.refresh_from_db()
    assert ind.text == "Data kepegawaian mutakhir di SIASN." and ind.criteria[3] == "Kriteria 4"


def test_the_2025_framework_has_the_eight_new_aspects_scored_0_to_4():
    fw = load_framework("merit-2025")
    assert fw["meta"]["regulation"] == "PermenPAN-RB 19/2025" and fw["meta"]["from_year"] == 2026
    assert [a["name"] for a in fw["aspects"]] == [
        "Perencanaan kebutuhan dan standardisasi jabatan",
        "Manajemen talenta",
        "Pengelolaan kinerja",
        "Pengembangan kompetensi",
        "Penguatan budaya kerja dan citra institusi",
        "Penghargaan dan pengakuan",
        "Disiplin, pemberhentian dan upaya administratif",
        "Digitalisasi manajemen ASN",
    ]
    indicators = [i for a in fw["aspects"] for i in a["indicators"]]
    assert len(indicators) == 33 and all(len(i["criteria"]) == 5 and i["status"] == "I" for i in indicators)
    assert merit_total([0, 0, 4, 4], fw["meta"]["categories"], 0, 4) == (200.0, "II Kurang")
    with pytest.raises(ValueError):
        merit_total([5], fw["meta"]["categories"], 0, 4)
    with pytest.raises(ValueError):
        merit_total([0], CATS)  # 0 is not a score of the 2018 framework


def test_framework_is_chosen_by_assessment_year():
    from talenta.engine.merit import framework_for_year

    assert [framework_for_year(y) for y in (2019, 2024, 2025, 2026, 2030)] == ["merit-2018"] * 3 + ["merit-2025"] * 2


@pytest.mark.django_db
def test_2026_uses_the_2025_framework_and_trends_stay_within_one_framework(region, client):
    bpp = Organisation.objects.get(code="64.71")
    admin, verifier = region["users"]["balikpapan"], region["users"]["kaltim"]
    old = services.assessment_open(actor=admin, org=bpp, year=2025)
    new = services.assessment_open(actor=admin, org=bpp, year=2026)
    assert (old.framework.version, new.framework.version) == ("merit-2018.1", "merit-2025.1")
    assert new.framework.indicators.count() == 33
    for a, score in ((old, 3), (new, 0)):
        for ind in a.framework.indicators.all():
            services.score_save(actor=admin, assessment=a, indicator=ind, score=score)
        services.assessment_submit(actor=admin, assessment=a)
    assert (float(new.total), new.category) == (0.0, "I Buruk")
    with pytest.raises(ApplicationError):
        services.score_save(
            actor=admin, assessment=old, indicator=old.framework.indicators.first(), score=0
        )  # submitted, and 0 is outside 1-4 anyway
    first = new.framework.indicators.first()
    services.assessment_verify(actor=verifier, assessment=new, changes={first.pk: (4, "Dokumen Anjab lengkap.")})
    new.refresh_from_db()
    assert float(new.total) == pytest.approx(400 / 33, abs=0.01)
    client.force_login(verifier)
    page = client.get("/merit/64/").content.decode()
    assert page.count('class="grid trend"') == 2  # one trend table per framework
    assert "merit-2018.1" in page and "merit-2025.1" in page
    form = client.get("/merit/64.71/2026/").content.decode()
    assert "PermenPAN-RB 19/2025" in form or "19/2025" in form
    assert 'data-score="0"' in form  # the 0-4 scale, read-only once submitted
