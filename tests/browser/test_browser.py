"""End-to-end in a real browser: Debian's Chromium driven by Playwright against the live server."""

import os
import shutil

import pytest
from playwright.sync_api import expect

from tests.factories import small_region

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        CHROMIUM is None,
        reason="Debian's chromium is not installed (make test installs it "
        "with apt-get where it can); browser tests skipped",
    ),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture
def page(monkeypatch, tmp_path):
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls in the test body are still
    # plain synchronous calls, so the async-safety guard does not apply.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
        pg = context.new_page()
        # The Content-Security-Policy allows no inline script: any page that needed one would log a violation.
        violations: list[str] = []
        pg.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
        yield pg
        assert not violations, violations
        if os.environ.get("TALENTA_SCREENSHOTS"):
            pg.screenshot(path=os.path.join(os.environ["TALENTA_SCREENSHOTS"], "last.png"), full_page=True)
        browser.close()
        # The ORM calls made while Playwright's loop ran got their own connection (Django keeps connections
        # per async context): close it here, or PostgreSQL cannot drop the test database at the end.
        from django.db import connections

        connections.close_all()


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", "s3cret-pass")
    page.click("button[type=submit]")


def test_admin_logs_in_searches_and_opens_a_profile(page, live_server, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = small_region()
    log_in(page, live_server, "balikpapan")
    page.wait_for_url(f"{live_server.url}/")  # admins land on what needs their attention
    page.goto(f"{live_server.url}/organisasi/64.71/")
    assert page.locator("h1").inner_text().startswith("Kota Balikpapan")
    page.click("text=Pegawai >> nth=0")
    page.fill("input[name=q]", "Siti")
    expect(page.locator("#rows tbody tr")).to_have_count(1)
    page.click("text=Siti Rahmawati")
    page.wait_for_url(f"**/pegawai/{world['bpp'].nip}/")
    assert "Standar kompetensi dan asesmen terakhir" in page.content()
    assert page.locator("text=Analis Kebijakan Ahli Pertama").count() >= 1
    # Another regency's employee stays out of reach even by typing the address.
    response = page.goto(f"{live_server.url}/pegawai/{world['ppu'].nip}/")
    assert response.status == 404


def test_language_switch_to_english(page, live_server, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = small_region()
    log_in(page, live_server, "pegawai")
    page.wait_for_url("**/pengembangan-saya/")
    page.goto(f"{live_server.url}/pegawai/{world['bpp'].nip}/")
    assert "Riwayat SKP" in page.content()
    page.select_option("select[name=language]", "en")
    page.wait_for_selector("text=SKP history")
    assert page.locator("html").get_attribute("lang") == "en"


def test_good_practice_shared_then_found_by_another_region(page, live_server, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    small_region()
    log_in(page, live_server, "balikpapan")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/praktik-baik/baru/")
    page.fill("input[name=title]", "Klinik Karier ASN")
    page.fill("input[name=organisation]", "64.71")
    page.select_option("select[name=theme]", "talenta")
    page.fill("textarea[name=description]", "Konsultasi karier bulanan untuk pegawai.")
    page.click("button[type=submit]")
    page.wait_for_selector("text=Klinik Karier ASN")
    page.click("button:has-text('Terbitkan')")
    page.wait_for_load_state()
    page.click("text=Keluar")
    log_in(page, live_server, "ppu")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/praktik-baik/?q=karier")
    assert page.locator("text=Klinik Karier ASN").count() == 1


def test_province_marks_a_follow_up_action_done(page, live_server, settings):
    from datetime import date

    from talenta.coordination.followup import recommendation_create

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    small_region()
    rec = recommendation_create(
        actor=None,
        meeting="Rakornas BPSDM 2025, Balikpapan",
        year=2025,
        number=1,
        text="Perkuat jejaring BPSDM provinsi.",
        theme="kompetensi",
        level="provinsi",
        due_date=date(2030, 1, 1),
    )
    item = rec.actions.get(organisation__code="64")
    log_in(page, live_server, "kaltim")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/tindak-lanjut/aksi/{item.pk}/")
    page.select_option("select[name=status]", "selesai")
    page.fill("input[name=owner]", "Kepala BPSDM")
    page.fill("textarea[name=evidence]", "Forum jejaring bulanan sejak Maret.")
    page.click("button[type=submit]")
    page.wait_for_url(f"**/tindak-lanjut/{rec.pk}/")
    item.refresh_from_db()
    assert item.status == "selesai" and item.owner == "Kepala BPSDM"


def test_agency_fills_and_submits_its_merit_self_assessment(page, live_server, settings):
    from talenta.indices.models import MeritAssessment

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    small_region()
    log_in(page, live_server, "balikpapan")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/merit/64.71/")
    page.click("button:has-text('Isi penilaian mandiri')")
    page.wait_for_url("**/merit/64.71/*/")
    for radio in page.locator("input[type=radio][value='3']").all():
        radio.check()
    page.click("button:has-text('Ajukan untuk verifikasi')")
    page.wait_for_load_state()
    a = MeritAssessment.objects.get()
    assert (a.status, float(a.total), a.category) == ("diajukan", 300.0, "III Baik")


def test_province_sees_dprd_orientation_of_its_regencies(page, live_server, settings):
    from tests.imports.helpers import run, xlsx
    from tests.imports.test_roundtrip import DPRD_HEADER

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    small_region()
    run(
        "dprd",
        xlsx(
            [DPRD_HEADER, ["64.09", "2024-2029", "Citra Lestari", "P", "", "", "", "anggota", "aktif", "", "", "", 25]]
        ),
    )
    log_in(page, live_server, "kaltim")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/dprd/64/")
    assert page.locator("text=Kabupaten Penajam Paser Utara").count() >= 1
    assert page.locator("text=Citra Lestari").count() == 1  # listed as not yet oriented


def test_a_talent_review_calibration_in_the_browser(page, live_server, settings):
    from talenta.talent.models import Calibration, ReviewSession
    from tests.talent.helpers import BAIK, SANGAT_BAIK, assess, rate

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = small_region()
    rate(world["bpp"], 2026, SANGAT_BAIK)
    assess(world["bpp"], potential=85)
    rate(world["bpp2"], 2026, BAIK)
    assess(world["bpp2"], potential=50)
    log_in(page, live_server, "balikpapan")
    page.wait_for_url(f"{live_server.url}/")  # admins land on what needs their attention
    page.goto(f"{live_server.url}/organisasi/64.71/")
    page.goto(f"{live_server.url}/talenta/review/")
    page.fill("input[name=name]", "Rapat Talenta Kota Balikpapan")
    page.fill("input[name=year]", "2026")
    page.fill("input[name=org]", "64.71")
    page.click("text=Buka rapat talenta")
    page.wait_for_selector("#entries")  # prepared in the background, then the review opens
    session = ReviewSession.objects.get()
    entry = session.entries.get(employee=world["bpp2"])
    row = page.locator(f"#entry-{entry.pk}")
    assert row.locator(".boxnum").inner_text() == "5"
    row.locator("select[name=performance]").select_option("2")
    row.locator("button").click()  # no reason: refused, the row says why
    page.wait_for_selector(f"#entry-{entry.pk} .error")
    assert "Tuliskan alasan" in page.locator(f"#entry-{entry.pk} .error").inner_text()
    row = page.locator(f"#entry-{entry.pk}")
    row.locator("select[name=performance]").select_option("2")
    row.locator("input[name=reason]").fill("Capaian IKU melampaui target")
    row.locator("button").click()
    expect(page.locator(f"#entry-{entry.pk} .boxnum")).to_have_text("7")
    assert Calibration.objects.get(entry=entry).reason == "Capaian IKU melampaui target"
    page.on("dialog", lambda d: d.accept())
    page.click("text=Finalkan rapat talenta")
    page.wait_for_selector("text=kotak dikunci")
    assert ReviewSession.objects.get().status == "final"


def test_a_succession_nomination_in_the_browser(page, live_server, settings):
    from talenta.talent.models import SuccessionCandidate
    from tests.talent.helpers import key_position_world

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    world = key_position_world(small_region())
    log_in(page, live_server, "balikpapan")
    page.wait_for_url(f"{live_server.url}/")  # admins land on what needs their attention
    page.goto(f"{live_server.url}/organisasi/64.71/")
    page.goto(f"{live_server.url}/organisasi/64.71/suksesi/")
    page.click("text=Kepala Bidang Pengembangan Kompetensi")
    page.wait_for_selector("text=Usulan kandidat")
    page.locator("tr", has_text="Rina Kuat").locator("text=Calonkan").click()
    page.wait_for_selector("tr[id^=cand-]")  # the page comes back with the nomination
    c = SuccessionCandidate.objects.get()
    assert c.employee == world["strong"] and c.readiness == "now"
    form = page.locator(f"#cand-{c.pk}")
    form.locator("select[name=readiness]").select_option("3+")
    form.locator("text=Simpan").click()  # another readiness than the derived one needs a reason
    page.wait_for_selector("ul.messages li.error")
    form = page.locator(f"#cand-{c.pk}")
    form.locator("select[name=readiness]").select_option("3+")
    form.locator("input[name=readiness_reason]").fill("Baru 1 tahun di jabatan pengawas")
    form.locator("select[name=status]").select_option("confirmed")
    form.locator("text=Simpan").click()
    page.wait_for_selector("ul.messages li.success")
    c.refresh_from_db()
    assert (c.readiness, c.status, c.readiness_reason) == ("3+", "confirmed", "Baru 1 tahun di jabatan pengawas")


def test_an_officer_edits_an_abk_task_and_sees_the_need_change(page, live_server, settings):
    from talenta.governance.models import AbkTask
    from tests.factories import nip as make_nip
    from tests.imports.helpers import PEGAWAI_HEADER, pegawai_row, run, xlsx
    from tests.test_abk import ABK_HEADER, EXAMPLE, POST

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    small_region()
    run("pegawai", xlsx([PEGAWAI_HEADER, pegawai_row(make_nip(), "Ani", JABATAN=POST)]))
    run("abk", xlsx([ABK_HEADER, *EXAMPLE]))
    first = AbkTask.objects.get(task=EXAMPLE[0][2])
    log_in(page, live_server, "balikpapan")
    page.wait_for_url(f"{live_server.url}/")
    page.goto(f"{live_server.url}/organisasi/64.71/peta-jabatan/")
    page.click(f"text={POST}")
    need = page.locator("[data-figure=need]")
    expect(need).to_have_text("1")  # 72,780 minutes: raw 0.97
    row = page.locator(f"#row-{first.pk}")
    row.locator("input[name=volume]").fill("7000")  # 140,000 + 17,280 + 7,500 = 164,780: raw 2.20
    expect(need).to_have_text("2")  # as typed, before saving
    expect(row.locator(f"#w-{first.pk}")).to_have_text("140.000")
    assert AbkTask.objects.get(pk=first.pk).volume == 2400
    page.click("button:has-text('Simpan tabel')")
    page.wait_for_selector("text=0 ditambahkan, 1 diubah, 0 dihapus")
    expect(page.locator("[data-figure=need]")).to_have_text("2")
    assert AbkTask.objects.get(pk=first.pk).volume == 7000


def test_each_role_lands_on_its_home(page, live_server, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    small_region()
    for username in ("nasional", "kaltim", "balikpapan", "ppu", "opd"):
        page.context.clear_cookies()
        log_in(page, live_server, username)
        page.wait_for_url(f"{live_server.url}/")
        assert page.locator("h1").inner_text().startswith("Perlu perhatian"), username
        if username in ("balikpapan", "ppu"):  # a government: its budget of the year is not entered yet
            expect(page.locator("#perhatian-budget_missing")).to_be_visible()
            page.click("#perhatian-no_skp a")
            page.wait_for_url("**/analitik/")
    page.context.clear_cookies()
    log_in(page, live_server, "pegawai")
    page.wait_for_url("**/pengembangan-saya/")


def test_an_employee_proposes_the_officer_approves_and_the_employee_sees_it(page, live_server, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    from talenta.learning.models import Programme
    from talenta.org.models import Organisation, Role
    from tests.factories import user

    world = small_region()
    user("andi", Role.EMPLOYEE, employee=world["bpp2"])  # a nurse of the OPD the officer "opd" serves
    Programme.objects.create(
        code="K-KOM",
        name="Komunikasi Efektif",
        owner=Organisation.objects.get(code="64.71"),
        jp=24,
        cost=1_500_000,
        capacity=30,
    )
    log_in(page, live_server, "andi")
    page.wait_for_url("**/pengembangan-saya/")
    page.select_option("select[name=programme]", "K-KOM")
    page.select_option("select[name=competency]", "KOMUNIKASI")
    page.fill("textarea[name=reason]", "Melayani pasien dengan lebih baik")
    page.click("#usul button[type=submit]")
    expect(page.locator("#idp")).to_contain_text("diajukan")
    page.context.clear_cookies()
    log_in(page, live_server, "opd")
    page.wait_for_url(f"{live_server.url}/")
    page.click("#perhatian-idp_waiting a")
    page.wait_for_url("**/idp/")
    expect(page.locator("main")).to_contain_text("Komunikasi Efektif")
    page.click("button[value=disetujui]")
    expect(page.locator("ul.messages")).to_contain_text("Keputusan dicatat")
    page.context.clear_cookies()
    log_in(page, live_server, "andi")
    page.wait_for_url("**/pengembangan-saya/")
    expect(page.locator("[id^=keputusan-]")).to_contain_text("disetujui")
    expect(page.locator("#idp")).to_contain_text("disetujui")


def test_every_page_fits_a_phone(page, live_server, settings):
    """Issue 23: at 390 px wide no page is wider than the screen (tables scroll inside their card, the header
    wraps and its menu scrolls, the nine boxes fit), for an admin and for an employee."""
    from tests.talent.helpers import place_in_boxes

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    place_in_boxes(small_region())
    page.set_viewport_size({"width": 390, "height": 844})
    wide = {}

    def check(path):
        page.goto(f"{live_server.url}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 391:
            wide[path] = width

    log_in(page, live_server, "balikpapan")
    page.wait_for_url(f"{live_server.url}/")
    for path in (
        "/",
        "/pegawai/",
        "/organisasi/64.71/",
        "/organisasi/64.71/sembilan-kotak/?tahun=2026",
        "/organisasi/64.71/pergerakan-kotak/",
        "/organisasi/64.71/suksesi/",
        "/organisasi/64.71/pensiun/",
        "/organisasi/64.71/rencana/",
        "/organisasi/64.71/analitik/",
        "/organisasi/64.71/peta-jabatan/",
        "/talenta/review/",
        "/impor/",
        "/impor/pegawai/",
        "/jejak/",
        "/tindak-lanjut/",
    ):
        check(path)
    assert page.locator("header.top .right button.link").is_visible()  # "Keluar" is on the screen
    page.click("header.top .right button.link")
    log_in(page, live_server, "pegawai")
    page.wait_for_url(f"{live_server.url}/pengembangan-saya/")
    check("/pengembangan-saya/")
    assert not wide, wide
