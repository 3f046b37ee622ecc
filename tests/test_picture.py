"""The national and provincial picture (issue 21, item 2): a row per region with the roll-up's figures,
"no data yet" with the last import, sortable, scoped."""

import pytest
from django.utils import timezone

from talenta.dashboards.picture import picture
from talenta.imports.models import ImportBatch, ImportStatus
from talenta.org.models import Organisation

TODAY = timezone.localdate()


def test_the_province_picture_equals_the_rollup_and_names_regions_without_data(region, client):
    prov = Organisation.objects.get(code="64")
    p = picture(prov, year=TODAY.year, today=TODAY, sort="pegawai")
    rows = {r.code: r for r in p.rows}
    client.force_login(region["users"]["kaltim"])
    roll = {c["code"]: c for c in client.get("/api/organisations/64/rollup").json()["children"]}
    for code in ("64.71", "64.09"):
        assert rows[code].has_data and rows[code].figures.employees == roll[code]["employees"]
        assert rows[code].figures.jp_share == roll[code]["jp_share"]
    assert rows["64"].own and rows["64"].figures.employees == 0  # the province has no staff of its own here
    empty = [r for r in p.rows if not r.has_data]
    assert rows["64.71"] not in empty and len(empty) == len(p.rows) - 2
    # A region that tried and failed has its last import named beside "no data yet".
    quiet = empty[0]
    ImportBatch.objects.create(
        kind="pegawai", filename="p.xlsx", sha256="x", scope_path=quiet.path, status=ImportStatus.REJECTED
    )
    again = {r.code: r for r in picture(prov, year=TODAY.year, today=TODAY).rows}
    assert again[quiet.code].last_import is not None and not again[quiet.code].has_data
    assert again["64.71"].last_import is None
    # Sorted by employees, the regions with data come first, largest first.
    assert [r.code for r in p.rows[:2]] == sorted(("64.71", "64.09"), key=lambda c: -rows[c].figures.employees)
    page = client.get("/organisasi/64/gambaran/?urut=jp20")
    html = page.content.decode()
    assert page.status_code == 200 and "Gambaran provinsi" in html and "Kota Balikpapan" in html
    assert "belum ada data" in html


def test_the_picture_is_for_the_nation_and_provinces_in_scope(region, client):
    client.force_login(region["users"]["balikpapan"])
    assert client.get("/organisasi/64/gambaran/").status_code == 404
    assert client.get("/organisasi/64.71/gambaran/").status_code == 404
    client.force_login(region["users"]["nasional"])
    page = client.get("/organisasi/ID/gambaran/")
    assert page.status_code == 200 and "Gambaran nasional" in page.content.decode()
    with pytest.raises(ValueError):
        picture(Organisation.objects.get(code="64.71"), year=TODAY.year, today=TODAY)
