"""Vacancy forecast: holders reaching the retirement age (BUP) within 1, 2 and 5 years, key positions first."""

from datetime import date

import pytest

from talenta.org.models import Organisation
from talenta.people.models import Employee, Position
from talenta.talent.selectors import vacancy_forecast
from tests.factories import employee
from tests.factories import nip as make_nip

pytestmark = pytest.mark.django_db


def test_forecast_counts_and_orders_key_positions_first(region, client):
    today = date(2026, 11, 27)
    # BUP 58 for a pelaksana: born 1969-06-01 retires 2027-07-01 (within 1 year); 1970-10-10 -> 2028-11-01 (2 years).
    soon = employee(
        "64.71.02",
        name="Segera Pensiun",
        nip=make_nip(birth=date(1969, 6, 1), tmt=date(1995, 3, 1)),
        position="Pengadministrasi Umum",
        job_kind="Pelaksana",
        education="SMA",
        golongan="III/b",
    )
    key = employee(
        "64.71.01.01",
        name="Kepala Bidang",
        nip=make_nip(birth=date(1970, 10, 10), tmt=date(1996, 3, 1)),
        position="Kepala Bidang Pengembangan",
        job_kind="Administrator",
        golongan="IV/a",
    )
    Position.objects.filter(pk=key.position_id).update(is_key=True)
    assert (soon.retirement_date, key.retirement_date) == (date(2027, 7, 1), date(2028, 11, 1))
    counts, key_counts, items = vacancy_forecast(
        actor=region["users"]["balikpapan"], org=Organisation.objects.get(code="64.71"), today=today
    )
    assert counts == {1: 1, 2: 2, 5: 2} and key_counts == {1: 0, 2: 1, 5: 1}
    assert [v.name for v in items] == ["Kepala Bidang", "Segera Pensiun"]
    client.force_login(region["users"]["balikpapan"])
    assert client.get("/organisasi/64.71/pensiun/").status_code == 200
    body = client.get("/api/organisations/64.71/vacancies").json()
    assert body["positions"][0]["key"] is True
    assert "Segera Pensiun" in client.get("/organisasi/64.71/pensiun/?format=csv").getvalue().decode("utf-8-sig")
    client.force_login(region["users"]["ppu"])
    assert client.get("/organisasi/64.71/pensiun/").status_code == 404
    assert Employee.objects.count() == 5


def test_the_forecast_page_filters_pages_and_downloads_what_it_shows(region, client):
    """Issue 23: a search, the OPD, the job level, the horizon and key positions only; 50 rows a page; the
    units named with their OPD; the download has every row the filter keeps (the full list without one)."""
    for k in range(60):
        employee(
            "64.71.02" if k % 2 else "64.71.01.01",
            name=f"Pensiun {k:02d}",
            nip=make_nip(birth=date(1969, 1, 1 + k % 28), tmt=date(1995, 3, 1)),
            position="Pengadministrasi Umum" if k % 3 else "Analis Kebijakan",
            job_kind="Pelaksana" if k % 3 else "Ahli Muda",
            education="S1",
            golongan="III/b",
        )
    client.force_login(region["users"]["balikpapan"])
    page = client.get("/organisasi/64.71/pensiun/")
    assert page.context["page"].paginator.count == 60 and len(page.context["page"].object_list) == 50
    html = page.content.decode()
    assert "Semua OPD" in html and "Semua jenis jabatan" in html and "page=2" in html
    opd = Organisation.objects.get(code="64.71.01")
    assert opd.name in html  # a unit of 64.71.01 is named with its OPD
    only = client.get("/organisasi/64.71/pensiun/?opd=64.71.02&jenis=AHLI_MUDA")
    names = {v.name for v in only.context["page"]}
    assert names and all(int(n.split()[1]) % 2 == 1 and int(n.split()[1]) % 3 == 0 for n in names)
    assert client.get("/organisasi/64.71/pensiun/?q=Pensiun%2007").context["page"].paginator.count == 1
    rows = client.get("/organisasi/64.71/pensiun/?format=csv").getvalue().decode("utf-8-sig").splitlines()
    assert len(rows) == 61  # the header and every row, not the page
    kept = client.get("/organisasi/64.71/pensiun/?opd=64.71.02&format=csv").getvalue().decode("utf-8-sig")
    assert len(kept.splitlines()) == 31
