"""The one path access control missed: a nomination of another government's employee. Candidates come from
the position's government, and no list shows a candidate from elsewhere or outside the viewer's scope."""

import pytest

from talenta.core.errors import NotFound
from talenta.talent import succession
from talenta.talent.models import SuccessionCandidate
from tests.talent.helpers import SANGAT_BAIK, assess, key_position_world, person, rate

pytestmark = pytest.mark.django_db


@pytest.fixture
def key(region):
    world = key_position_world(region)
    # A strong Pengawas of PPU: eligible by every rule, but of another government.
    world["outsider"] = person(
        "64.09.01", "Sari Penajam", job_kind="Pengawas", position="Kepala Seksi Umum", golongan="III/d"
    )
    assess(world["outsider"], potential=90, levels=3)
    rate(world["outsider"], 2026, SANGAT_BAIK)
    return world


def test_a_province_admin_cannot_nominate_another_governments_employee(key):
    with pytest.raises(NotFound):
        succession.nominate(actor=key["users"]["kaltim"], position=key["position"], nip=key["outsider"].nip)
    _version, suggested = succession.suggest(actor=key["users"]["kaltim"], position=key["position"])
    assert key["outsider"].nip not in {f.nip for f in suggested} and suggested


def test_an_old_cross_government_nomination_is_invisible_and_untouchable(client, key):
    c = SuccessionCandidate.objects.create(position=key["position"], employee=key["outsider"], rank=1)
    client.force_login(key["users"]["balikpapan"])
    nip = key["outsider"].nip
    for url in (
        f"/suksesi/jabatan/{key['position'].pk}/",
        f"/api/positions/{key['position'].pk}/candidates",
        "/api/organisations/64.71/succession",
        "/organisasi/64.71/suksesi/?format=csv",
    ):
        r = client.get(url)
        assert r.status_code == 200, url
        body = r.getvalue() if r.streaming else r.content
        assert nip.encode() not in body, url
    assert client.post(f"/suksesi/kandidat/{c.pk}/", {"action": "remove"}).status_code == 404
    assert client.post(f"/suksesi/kandidat/{c.pk}/", {"status": "confirmed", "readiness": "now"}).status_code == 404
    c.refresh_from_db()
    assert c.status == "proposed"


def test_the_own_governments_candidate_is_listed(client, key):
    c = succession.nominate(actor=key["users"]["balikpapan"], position=key["position"], nip=key["strong"].nip)
    client.force_login(key["users"]["balikpapan"])
    assert key["strong"].nip in client.get(f"/suksesi/jabatan/{key['position'].pk}/").content.decode()
    assert client.post(f"/suksesi/kandidat/{c.pk}/", {"action": "remove"}).status_code == 302
    assert not SuccessionCandidate.objects.filter(pk=c.pk).exists()
