import re
from datetime import date

import pytest

from talenta.competency.models import Assessment, AssessmentScore, Competency
from talenta.learning.models import LearningRecord
from talenta.people.models import DisciplinePenalty, PerformanceRating


def test_login_page_and_login(client, region):
    r = client.get("/login/")
    assert r.status_code == 200 and b'name="username"' in r.content
    r = client.post("/login/", {"username": "balikpapan", "password": "s3cret-pass"})
    assert r.status_code == 302
    home = client.get("/")  # an admin lands on what needs attention in their scope
    assert home.status_code == 200 and "Perlu perhatian" in home.content.decode()


def test_wrong_password_is_told(client, region):
    r = client.post("/login/", {"username": "balikpapan", "password": "nope"})
    assert r.status_code == 200 and "error" in r.content.decode()


def test_org_browser_counts_employees_per_child(client, region):
    client.force_login(region["users"]["kaltim"])
    r = client.get("/organisasi/64/")
    assert r.status_code == 200
    children = {n.organisation.code: n.employees for n in r.context["children"]}
    assert children["64.71"] == 2 and children["64.09"] == 1 and children["64.01"] == 0
    assert r.context["total"] == 3
    r = client.get("/organisasi/64.71/")
    assert {n.organisation.code: n.employees for n in r.context["children"]} == {"64.71.01": 1, "64.71.02": 1}
    assert [a.code for a in r.context["ancestors"]] == ["64"]  # nothing above the user's scope


def test_employee_list_search_and_filters(client, region):
    client.force_login(region["users"]["kaltim"])
    names = lambda r: [e.name for e in r.context["page"]]  # noqa: E731
    assert names(client.get("/pegawai/?q=rahma")) == ["Siti Rahmawati"]
    assert names(client.get(f"/pegawai/?q={region['ppu'].nip}")) == ["Rudi Hartono"]
    assert names(client.get("/pegawai/?org=64.71")) == ["Andi Saputra", "Siti Rahmawati"]
    assert names(client.get("/pegawai/?job_kind=TERAMPIL")) == ["Andi Saputra"]
    assert names(client.get("/pegawai/?status=PPPK")) == []
    r = client.get("/pegawai/?q=rudi", HTTP_HX_REQUEST="true")
    assert r.templates[0].name == "people/_rows.html"


def test_employee_list_queries_are_bounded(client, region, django_assert_max_num_queries):
    from tests.factories import employee

    for i in range(30):
        employee("64.71.02", name=f"Pegawai {i:02d}")
    client.force_login(region["users"]["kaltim"])
    with django_assert_max_num_queries(8):
        r = client.get("/pegawai/")
    assert len(r.context["page"]) == 33


def test_profile_shows_standard_assessment_skp_learning_discipline(client, region, django_assert_max_num_queries):
    e = region["bpp"]
    a = Assessment.objects.create(employee=e, date=date(2025, 5, 1), source="Assessment Center BKD", potential_score=82)
    AssessmentScore.objects.create(assessment=a, competency=Competency.objects.get(code="INTEGRITAS"), level=3)
    PerformanceRating.objects.create(
        employee=e,
        year=2025,
        hasil_kerja="sesuai",
        perilaku="di_atas",
        predikat="Baik",
        score=85,
        ruleset="permenpan-2020.4",
    )
    today = date.today()
    LearningRecord.objects.create(
        employee=e,
        title="Pelayanan Prima",
        start=date(today.year, 1, 10),
        jp=24,
        type="teknis",
        form="pelatihan klasikal",
    )
    LearningRecord.objects.create(employee=e, title="Seminar lama", start=date(today.year - 1, 3, 1), jp=8)
    DisciplinePenalty.objects.create(employee=e, level="ringan", start=date(2023, 1, 1), end=date(2023, 3, 31))
    client.force_login(region["users"]["balikpapan"])
    with django_assert_max_num_queries(26):  # a fixed number: profile, histories (planned apart), the measures' inputs,
        # the position history and acting assignments, the units of the move form
        r = client.get(f"/pegawai/{e.nip}/")
    p = r.context["p"]
    integritas = next(s for s in p.standard if s.code == "INTEGRITAS")
    assert (integritas.required, integritas.actual, integritas.gap) == (1, 3, 0)
    assert next(s for s in p.standard if s.code == "KOMUNIKASI").actual is None
    assert r.context["m"].jp == 24.0  # the JP of the year is the measure, one figure everywhere
    html = r.content.decode()
    for text in ("Siti Rahmawati", "Analis Kebijakan Ahli Pertama", "Baik", "Pelayanan Prima", "24 JP"):
        assert text in html


def test_profile_speaks_indonesian_by_default_and_english_on_request(client, region):
    client.force_login(region["users"]["balikpapan"])
    html = client.get(f"/pegawai/{region['bpp'].nip}/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "Riwayat SKP" in html and 'lang="id"' in html  # an English browser still gets Indonesian
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get(f"/pegawai/{region['bpp'].nip}/").content.decode()
    assert "SKP history" in html and 'lang="en"' in html


@pytest.mark.parametrize("path", ["/api/docs", "/api/openapi.json"])
def test_api_docs_are_served(client, region, path):
    client.force_login(region["users"]["nasional"])
    assert client.get(path).status_code == 200


def test_static_assets_are_local(client, region):
    client.force_login(region["users"]["nasional"])
    html = client.get("/organisasi/ID/").content.decode()
    assert "/static/talenta/vendor/htmx.min.js" in html
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html


def test_unit_filter_becomes_a_searchable_list_of_names_for_large_scopes(client, region, monkeypatch):
    import talenta.org.selectors as sel

    client.force_login(region["users"]["kaltim"])
    assert 'select name="org"' in client.get("/pegawai/").content.decode()
    monkeypatch.setattr(sel, "MAX_OPTIONS", 1)
    html = client.get("/pegawai/").content.decode()
    assert 'select name="org"' not in html and 'input name="org" list="org-options"' in html
    assert '<option value="64.71">Kota Balikpapan</option>' in html  # picked by name, sent as the code


def test_analytics_of_a_huge_scope_shows_figures_and_points_lists_to_the_export(client, region, monkeypatch):
    import talenta.analytics.rollup as ru

    client.force_login(region["users"]["nasional"])
    monkeypatch.setattr(ru, "MAX_LISTED", 2)
    r = client.get("/organisasi/ID/analitik/")
    assert r.context["t"].employees == 3  # the figures come from the roll-up whatever the size
    r = client.get("/organisasi/ID/analitik/daftar/?kotak=5")
    assert "talenta export analitik" in r.content.decode() and "page" not in r.context


def test_errors_are_talentas_own_pages_in_indonesian_with_a_way_back(client, region, rf):
    """Issue 23: with debug off (the production setting, and the tests') a 404 and a 500 are Talenta's pages."""
    from django.test import Client
    from django.views.defaults import server_error

    client.force_login(region["users"]["balikpapan"])
    r = client.get("/tidak-ada/")
    page = r.content.decode()
    assert r.status_code == 404 and "Halaman tidak ditemukan" in page and 'href="/"' in page and "Talenta" in page
    assert client.get("/pegawai/000000000000000000/").status_code == 404
    r = server_error(rf.get("/"))
    page = r.content.decode()
    assert r.status_code == 500 and "Terjadi kesalahan" in page and 'href="/"' in page
    assert "app.css" in page  # styled like the rest, though it renders without the request's context
    anonymous = Client()
    assert anonymous.get("/favicon.ico")["Location"].endswith("talenta/favicon.svg")


def test_admins_find_the_api_documentation_in_the_menu(client, region):
    client.force_login(region["users"]["balikpapan"])
    assert 'href="/api/docs"' in client.get("/").content.decode()
    client.force_login(region["users"]["opd"])
    assert 'href="/api/docs"' not in client.get("/").content.decode()


def test_the_analytics_people_list_says_not_assessed_and_names_its_filter(client, region):
    client.force_login(region["users"]["balikpapan"])
    page = client.get("/organisasi/64.71/analitik/daftar/?jp=tidak").content.decode()
    assert not re.search(r"\bnan\b", page)  # no raw NaN for a missing JPM
    assert "belum diases" in page and "belum memenuhi 20 JP" in page and "jp = tidak" not in page
    assert "belum ada kotak" in client.get("/organisasi/64.71/analitik/daftar/?kotak=0").content.decode()


def test_api_endpoints_are_grouped_under_their_tags():
    """Issue 23: the API documentation groups each endpoint under the tag a reader would look for."""
    from talenta.config.api import api

    tags = {
        (path, method): op.get("tags", [])
        for path, ops in api.get_openapi_schema()["paths"].items()
        for method, op in ops.items()
    }
    assert tags[("/api/actions", "get")] == ["follow-up"]
    assert tags[("/api/organisations/{code}/ninebox", "get")] == ["talent"]
    assert tags[("/api/reviews/{pk}", "get")] == ["talent"]
    assert tags[("/api/organisations/{code}/succession", "get")] == ["succession"]
    assert tags[("/api/idp", "post")] == ["development"]
