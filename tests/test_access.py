"""Scoped access: personal data only inside the user's subtree, checked on the server everywhere."""

import csv
import io

from python_calamine import CalamineWorkbook


def login(client, region, who):
    client.force_login(region["users"][who])
    return client


def csv_nips(response) -> set[str]:
    body = b"".join(response.streaming_content).decode("utf-8-sig")  # with a BOM, for Excel
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[0][0] == "NIP"
    return {r[0] for r in rows[1:]}


def test_anonymous_is_sent_to_login(client, region):
    r = client.get(f"/pegawai/{region['bpp'].nip}/")
    assert r.status_code == 302 and r["Location"].startswith("/login/")
    assert client.get(f"/api/employees/{region['bpp'].nip}").status_code == 401


def test_balikpapan_admin_cannot_see_a_penajam_employee(client, region):
    login(client, region, "balikpapan")
    other = region["ppu"].nip
    assert client.get(f"/pegawai/{other}/").status_code == 404
    r = client.get(f"/api/employees/{other}")
    assert r.status_code == 404 and r.json()["error"]["code"] == "not_found"
    assert other not in csv_nips(client.get("/pegawai/ekspor.csv"))
    assert csv_nips(client.get("/pegawai/ekspor.csv?org=64.09.01")) == set()
    assert client.get("/organisasi/64.09/").status_code == 404
    assert client.get("/api/organisations/64.09").status_code == 404
    listed = {e["nip"] for e in client.get("/api/employees").json()["items"]}
    assert listed == {region["bpp"].nip, region["bpp2"].nip}


def test_balikpapan_admin_sees_own_employees(client, region):
    login(client, region, "balikpapan")
    assert client.get(f"/pegawai/{region['bpp'].nip}/").status_code == 200
    assert client.get(f"/api/employees/{region['bpp'].nip}").json()["employee"]["nip"] == region["bpp"].nip
    assert csv_nips(client.get("/pegawai/ekspor.csv")) == {region["bpp"].nip, region["bpp2"].nip}


def test_xlsx_export_is_scoped_and_keeps_nip_as_text(client, region):
    login(client, region, "ppu")
    r = client.get("/pegawai/ekspor.xlsx")
    assert r.status_code == 200
    with open("/dev/null", "wb"):
        pass
    wb = CalamineWorkbook.from_filelike(io.BytesIO(r.content))
    rows = wb.get_sheet_by_index(0).to_python()
    assert rows[0][:3] == ["NIP", "NAMA", "GELAR_DEPAN"]
    assert [row[0] for row in rows[1:]] == [region["ppu"].nip]


def test_province_admin_sees_its_regencies(client, region):
    login(client, region, "kaltim")
    for key in ("bpp", "bpp2", "ppu"):
        assert client.get(f"/pegawai/{region[key].nip}/").status_code == 200


def test_opd_officer_sees_only_own_opd(client, region):
    login(client, region, "opd")
    assert client.get(f"/pegawai/{region['bpp2'].nip}/").status_code == 200
    assert client.get(f"/pegawai/{region['bpp'].nip}/").status_code == 404
    assert csv_nips(client.get("/pegawai/ekspor.csv")) == {region["bpp2"].nip}


def test_employee_sees_only_themself(client, region):
    login(client, region, "pegawai")
    assert client.get(f"/pegawai/{region['bpp'].nip}/").status_code == 200
    assert client.get(f"/pegawai/{region['bpp2'].nip}/").status_code == 404
    assert client.get(f"/api/employees/{region['bpp2'].nip}").status_code == 404
    assert {e["nip"] for e in client.get("/api/employees").json()["items"]} == {region["bpp"].nip}
    assert client.get("/pegawai/").status_code == 404
    assert client.get("/pegawai/ekspor.csv").status_code == 404
    assert client.get("/organisasi/64.71/").status_code == 404


def test_national_admin_sees_everything(client, region):
    login(client, region, "nasional")
    assert csv_nips(client.get("/pegawai/ekspor.csv")) == {region[k].nip for k in ("bpp", "bpp2", "ppu")}
    assert client.get("/api/organisations/ID").json()["employees"] == 3


def test_login_without_organisation_or_employee_is_told_not_looped(client, db):
    from talenta.org.models import User

    u = User.objects.create(username="baru", role="opd_officer", is_superuser=False)
    client.force_login(u)
    assert client.get("/").status_code == 403
