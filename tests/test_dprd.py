"""DPRD members and orientation: imports, what the ministry/province sees, certificates, scope."""

import pytest

from talenta.dprd.models import Attendance, DprdBody, DprdMember
from tests.imports.helpers import run, xlsx
from tests.imports.test_roundtrip import DPRD_HEADER, ORIENT_HEADER
from tests.pdfs import pdf_text

pytestmark = pytest.mark.django_db


def member(region, name, **kw):
    row = dict(
        zip(
            DPRD_HEADER,
            [region, "2024-2029", name, "L", "Partai A", "Fraksi A", "Komisi I", "anggota", "aktif", "", "", "", ""],
            strict=True,
        )
    )
    row.update(kw)
    return [row[h] for h in DPRD_HEADER]


@pytest.fixture
def dprd(region):
    r = run(
        "dprd",
        xlsx(
            [
                DPRD_HEADER,
                member("64.71", "Andi Pratama", KURSI=45),
                member("64.71", "Budi Hartono"),
                member("64.09", "Citra Lestari", JENIS_KELAMIN="P", KURSI=25),
                member("64.71", "Salah Periode", PERIODE="2024-2028"),
                member("64.71", "Salah Jabatan", JABATAN="bendahara"),
                member("31.71", "Di luar lingkup"),
                member("64.71", "Kursi Lain", KURSI=40),
            ]
        ),
        actor=region["users"]["kaltim"],
    )
    assert (r.created, r.rejected) == (3, 4), r.errors
    assert r.errors[-1].column == "KURSI"
    o = run(
        "dprd_orientasi",
        xlsx(
            [
                ORIENT_HEADER,
                [
                    "OR-64-1",
                    "orientasi",
                    1,
                    "2025-02-10",
                    "2025-02-14",
                    "Samarinda",
                    32,
                    8,
                    "64.71",
                    "2024-2029",
                    "Andi Pratama",
                    "Y",
                    "445/OR/2025/001",
                ],
                [
                    "OR-64-1",
                    "orientasi",
                    1,
                    "2025-02-10",
                    "2025-02-14",
                    "Samarinda",
                    32,
                    8,
                    "64.09",
                    "2024-2029",
                    "Citra Lestari",
                    "N",
                    "",
                ],
                [
                    "OR-64-1",
                    "orientasi",
                    1,
                    "2025-02-10",
                    "2025-02-14",
                    "Samarinda",
                    32,
                    8,
                    "64.71",
                    "2024-2029",
                    "Tidak Ada",
                    "Y",
                    "",
                ],
            ]
        ),
        actor=region["users"]["kaltim"],
    )
    assert (o.created, o.rejected) == (2, 1) and o.errors[0].column == "NAMA"
    return region


def test_imports_record_members_seats_and_attendance(dprd):
    assert DprdBody.objects.get(region__code="64.71").seats == 45
    assert DprdMember.objects.count() == 3 and Attendance.objects.filter(attended=True).count() == 1


def test_province_sees_its_regencies_and_certificates(dprd, client):
    client.force_login(dprd["users"]["kaltim"])
    page = client.get("/dprd/64/")
    rows = {r.body.region.code: r for r in page.context["rows"]}
    assert (rows["64.71"].recorded, rows["64.71"].oriented, rows["64.71"].jp_per_member) == (2, 1, 20.0)
    assert (rows["64.09"].recorded, rows["64.09"].oriented) == (1, 0)
    assert {m.name for m in page.context["missing"]} == {"Budi Hartono", "Citra Lestari"}
    att = Attendance.objects.get(attended=True)
    pdf = client.get(f"/dprd/sertifikat/{att.pk}.pdf")
    text = pdf_text(pdf.content)
    assert pdf["Content-Type"] == "application/pdf" and "Andi Pratama" in text and "SERTIFIKAT" in text
    body = client.get("/api/dprd/64/summary").json()
    assert body["term"] == "2024-2029" and {d["region"] for d in body["dprd"]} == {"64.71", "64.09"}


def test_regency_sees_only_its_own(dprd, client):
    client.force_login(dprd["users"]["ppu"])
    assert client.get("/dprd/64.71/").status_code == 404
    att = Attendance.objects.get(attended=True)
    assert client.get(f"/dprd/sertifikat/{att.pk}.pdf").status_code == 404
    names = {m.name for m in client.get("/dprd/64.09/").context["missing"]}
    assert names == {"Citra Lestari"}


def test_the_list_of_every_member_with_filters_and_orientation_status(dprd, client):
    """Issue 23: every member of the DPRDs under the organisation, filtered by DPRD, faction, status and
    orientation, scoped; the summary links templates as templates and exports as exports; an OPD's page
    has no DPRD link."""
    client.force_login(dprd["users"]["kaltim"])
    page = client.get("/dprd/64/anggota/")
    assert [m.name for m in page.context["page"]] == ["Citra Lestari", "Andi Pratama", "Budi Hartono"]  # by region
    html = page.content.decode()
    assert "sudah orientasi (1 program)" in html and "Semua fraksi" in html
    assert [m.name for m in client.get("/dprd/64/anggota/?orientasi=belum").context["page"]] == [
        "Citra Lestari",
        "Budi Hartono",
    ]
    assert [m.name for m in client.get("/dprd/64/anggota/?dprd=64.09").context["page"]] == ["Citra Lestari"]
    assert [m.name for m in client.get("/dprd/64/anggota/?q=budi").context["page"]] == ["Budi Hartono"]
    summary = client.get("/dprd/64/").content.decode()
    assert "/impor/dprd/templat.xlsx" in summary and "Ekspor" in summary and "/dprd/64/anggota/" in summary
    client.force_login(dprd["users"]["ppu"])
    assert [m.name for m in client.get("/dprd/64.09/anggota/").context["page"]] == ["Citra Lestari"]
    assert client.get("/dprd/64.71/anggota/").status_code == 404
    client.force_login(dprd["users"]["opd"])
    assert "/dprd/" not in client.get("/organisasi/64.71.02/").content.decode()
