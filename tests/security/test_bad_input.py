"""Hand-made bad requests to the pages and the API: every one answers 4xx with a message, none a 500
(years out of range, a NUL byte, huge page numbers and ids, text where a number goes, Unicode digits)."""

import pytest

pytestmark = pytest.mark.django_db

GETS = [
    "/api/employees?page=1000000000000",
    "/api/employees?page=0",
    "/api/employees?page=abc",
    "/api/employees?q=ab%00c",
    "/api/organisations/64/rollup?year=99999",
    "/api/organisations/64/rollup?year=-5",
    "/api/organisations/64/ninebox?year=99999999999999999999",
    "/api/organisations/64/vacancies?page=99999999999",
    "/api/positions/1/candidates?limit=1000000000000000000000",
    "/api/merit/64?year=0",
    "/api/practices?q=%00",
    "/api/practices?page=-3",
    "/api/employees/%00",
    "/pegawai/?q=%00",
    "/pegawai/?page=99999999999999999999",
    "/pegawai/?page=abc",
    "/organisasi/64/sembilan-kotak/?tahun=abc",
    "/organisasi/64/sembilan-kotak/?kotak=%C2%B2",
    "/organisasi/64/pergerakan-kotak/?dari=1&ke=99999999",
    "/impor/?page=999999999999",
    "/impor/batch/999999999999999999999999/",
    "/rencana/99999999999999999999999999/",
    "/talenta/review/99999999999999999999/",
    "/merit/64/99999999/",
    "/praktik-baik/?q=%00",
    "/tindak-lanjut/?page=abc",
]

POSTS = [
    ("/organisasi/64/rencana/", {"year": "dua ribu", "budget": "1e400", "lam": "nan", "time_limit": "x"}),
    ("/organisasi/64/rencana/", {"year": "2026", "budget": "99999999999999999999999999", "time_limit": "5"}),
    ("/talenta/review/", {"name": "R", "year": "²⁰²⁶", "organisation": "64"}),
    ("/merit/64/", {"year": "abc"}),
    ("/merit/64/", {"year": "99999999999999999999"}),
    ("/pengaturan/jabatan-struktural/", {"delete": "abc"}),
    ("/tindak-lanjut/", {"year": "x", "number": "-1", "due_date": "31-31-2026"}),
    ("/praktik-baik/baru/", {"title": "A\x00B", "summary": "x"}),
    ("/organisasi/64/kelompok-talenta/", {"member": ["1²", "abc"], "decision": "confirm"}),
]


@pytest.mark.parametrize("url", GETS)
def test_bad_get_parameters_answer_4xx(client, region, url):
    client.force_login(region["users"]["kaltim"])
    response = client.get(url)
    assert 200 <= response.status_code < 500, (url, response.status_code)
    if response.status_code in (400, 422):
        assert response.content  # with a message


@pytest.mark.parametrize(("url", "data"), POSTS)
def test_bad_form_values_answer_4xx(client, region, url, data):
    client.force_login(region["users"]["nasional"])
    response = client.post(url, data)
    assert response.status_code < 500, (url, response.status_code)
