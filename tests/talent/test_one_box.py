"""One talent box per employee and year: the finalised review's where one covers the employee, else the
engine's, and every reader (nine-box page, analytics page, analitik export, roll-up, API, profile) agrees."""

import csv
import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from talenta.analytics.selectors import employee_measures
from talenta.org.models import Organisation
from talenta.talent import reviews

from .helpers import BAIK, SANGAT_BAIK, assess, rate

pytestmark = pytest.mark.django_db
Y = date.today().year


@pytest.fixture
def finalised(region):
    """Siti in box 9 and Andi in box 5 by the engine; a review calibrates Andi to box 7 and is finalised."""
    rate(region["bpp"], Y - 1, SANGAT_BAIK)
    assess(region["bpp"], potential=85, when=date(Y - 1, 3, 1))
    for who in ("bpp2", "ppu"):
        rate(region[who], Y - 1, BAIK)
        assess(region[who], potential=50, when=date(Y - 1, 3, 1))
    users = region["users"]
    s = reviews.review_create(
        actor=users["balikpapan"], name="Rapat talenta", year=Y, org=Organisation.objects.get(code="64.71"), members=[]
    )
    reviews.review_prepare(s.pk)
    s.refresh_from_db()
    entry = s.entries.get(employee=region["bpp2"])
    assert entry.box == 5
    reviews.calibrate(
        actor=users["balikpapan"], session=s, entry_id=entry.pk, performance=2, potential=1, reason="Kinerja luar biasa"
    )
    reviews.review_finalise(actor=users["balikpapan"], session=s)
    return region


def test_every_reader_shows_the_reviewed_box(finalised, client, tmp_path):
    region = finalised
    andi = region["bpp2"]
    client.force_login(region["users"]["kaltim"])

    nine = client.get(f"/organisasi/64.71/sembilan-kotak/?tahun={Y}").context["nb"]
    assert nine.population.nip == []  # the grid is counted without reading names
    listed = client.get(f"/organisasi/64.71/sembilan-kotak/?tahun={Y}&kotak=7").context["nb"]
    assert listed.counts == nine.counts and listed.population.nip  # the box's people, the same figures
    analytics = client.get(f"/organisasi/64.71/analitik/?tahun={Y}").context["t"]
    out = StringIO()
    call_command("rollup", "--org", "64.71", "--year", str(Y), "--json", stdout=out)
    rolled = json.loads(out.getvalue())["total"]
    api = client.get(f"/api/organisations/64.71/rollup?year={Y}").json()["total"]
    assert nine.counts[7] == analytics.boxes[7] == rolled["boxes"]["7"] == api["boxes"]["7"] == 1
    assert nine.counts[5] == analytics.boxes[5] == rolled["boxes"]["5"] == api["boxes"]["5"] == 0
    assert nine.counts[9] == analytics.boxes[9] == rolled["boxes"]["9"] == 1
    assert analytics.pool == rolled["pool"] == 2 and analytics.reviewed == rolled["reviewed"] == 2
    assert "2 kotak dari rapat talenta final" in client.get(f"/organisasi/64.71/analitik/?tahun={Y}").content.decode()

    path = tmp_path / "analitik.csv"
    call_command("export", "analitik", "--org", "64.71", "--year", str(Y), "--out", str(path), stdout=StringIO())
    with path.open(encoding="utf-8-sig") as fh:
        rows = {r["NIP"]: r for r in csv.DictReader(fh)}
    assert (rows[andi.nip]["KOTAK"], rows[andi.nip]["SUMBER_KOTAK"], rows[andi.nip]["KELOMPOK_TALENTA"]) == (
        "7",
        "review",
        "Ya",
    )

    m = employee_measures(andi, year=Y)
    assert (m.box, m.box_source, m.engine_box, m.in_pool) == (7, "review", 5, True)
    body = client.get(f"/api/employees/{andi.nip}/measures?year={Y}").json()
    assert (body["box"], body["box_source"]) == (7, "review")
    if Y == date.today().year:  # the profile shows this year's measures
        html = client.get(f"/pegawai/{andi.nip}/").content.decode()
        assert "Dari rapat talenta final" in html and "kotak 5" in html


def test_outside_the_review_the_engine_box_stands_and_says_so(finalised, tmp_path):
    rudi = finalised["ppu"]  # Penajam: not in Balikpapan's review
    m = employee_measures(rudi, year=Y)
    assert (m.box, m.box_source) == (5, "mesin")
    path = tmp_path / "ppu.csv"
    call_command("export", "analitik", "--org", "64.09", "--year", str(Y), "--out", str(path), stdout=StringIO())
    with path.open(encoding="utf-8-sig") as fh:
        (row,) = list(csv.DictReader(fh))
    assert (row["KOTAK"], row["SUMBER_KOTAK"]) == ("5", "mesin")
    assert employee_measures(finalised["bpp2"], year=Y - 1).box_source in ("mesin", "")  # another year
