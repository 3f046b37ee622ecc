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
