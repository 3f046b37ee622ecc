import io
import re
from html import unescape
from pathlib import Path

import polib
import pytest
from django.utils import translation
from python_calamine import CalamineWorkbook

import talenta

PO = Path(talenta.__file__).parent / "locale" / "id" / "LC_MESSAGES" / "django.po"


def test_every_string_is_translated_and_the_mo_is_current():
    """The committed .mo must carry exactly what the .po says (run `make messages` after editing)."""
    po = polib.pofile(str(PO))
    mo = {(e.msgctxt, e.msgid): e for e in polib.mofile(str(PO.with_suffix(".mo")))}
    assert po.percent_translated() == 100
    for entry in po.translated_entries():
        key = (entry.msgctxt, entry.msgid)
        assert key in mo, key
        if entry.msgid_plural:
            assert mo[key].msgstr_plural == entry.msgstr_plural
        else:
            assert mo[key].msgstr == entry.msgstr


def test_django_serves_the_indonesian_catalogue():
    with translation.override("id"):
        assert translation.gettext("SKP history") == "Riwayat SKP"
    with translation.override("en"):
        assert translation.gettext("SKP history") == "SKP history"


def _english_msgids() -> list[str]:
    """English sentences of the catalogue whose Indonesian differs: any of them on an Indonesian page means
    a string was marked but not translated where it is shown (a gettext_noop shown raw, a gettext run at
    import time)."""
    po = polib.pofile(str(PO))
    out = []
    for e in po.translated_entries():
        text = e.msgid
        if e.msgid_plural or "%(" in text or "{" in text or e.msgstr == text:
            continue
        if len(text) >= 14 and " " in text and re.search(r"[a-z]{3} [a-z]{2,}", text):
            out.append(text)
    return out


def _visible(html: str) -> str:
    html = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", html)
    text = re.sub(r"(?s)<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", unescape(text))


SKIP = re.compile(r"\.(xlsx|csv|pdf|png|svg|json)$|/api/|/logout|/keluar|/admin/|/batal|/hapus|/static/|\?format=")


@pytest.mark.django_db
def test_every_page_and_template_in_indonesian_shows_no_english_sentence(client, region):
    """Issue 23: walk the pages each role reaches from its home page (one URL per shape), and every blank
    import template's notes and guide, as `id`: no English sentence of the catalogue may show."""
    from talenta.imports.registry import KINDS

    english = _english_msgids()
    assert len(english) > 400  # the check has something to check against

    def shown(text: str) -> list[str]:
        return [m for m in english if m in text]

    found: dict[str, list[str]] = {}
    visited: set[str] = set()
    for role in ("nasional", "kaltim", "balikpapan", "opd", "pegawai"):
        client.force_login(region["users"][role])
        seen_shapes: set[str] = set()
        queue = ["/"]
        while queue and len(seen_shapes) < 80:
            url = queue.pop(0)
            shape = re.sub(r"\d+", "N", url.split("?")[0])
            if shape in seen_shapes or SKIP.search(url):
                continue
            seen_shapes.add(shape)
            visited.add(url)
            r = client.get(url, HTTP_ACCEPT_LANGUAGE="id")
            if r.status_code != 200 or "text/html" not in r.get("Content-Type", ""):
                continue
            html = r.content.decode()
            if hits := shown(_visible(html)):
                found[f"{role} {url}"] = hits
            queue += [h for h in re.findall(r'href="(/[^"#]*)"', html) if not SKIP.search(h)]
    client.force_login(region["users"]["nasional"])
    for kind in KINDS:
        book = CalamineWorkbook.from_filelike(io.BytesIO(client.get(f"/impor/{kind}/templat.xlsx").content))
        guide = " ".join(
            str(c) for name in book.sheet_names[1:] for row in book.get_sheet_by_name(name).to_python() for c in row
        )
        if hits := shown(guide):
            found[f"template {kind}"] = hits
    assert len(visited) > 60  # the walk reached the pages
    assert not found, found


def test_every_import_column_note_is_in_the_catalogue():
    """A note written as a plain string is never extracted, so it would show in English on every
    Indonesian import page and template (issue 23): each one must be a translated msgid."""
    from talenta.imports.registry import KINDS

    po = polib.pofile(str(PO))
    translated = {e.msgid for e in po.translated_entries() if not e.msgctxt}
    with translation.override("en"):  # a lazy note gives its msgid in English
        missing = {
            (kind, col.name, str(col.note))
            for kind, cls in KINDS.items()
            for col in cls.columns
            if col.note and str(col.note) not in translated
        }
    assert not missing
    with translation.override("id"):
        nip = next(c for c in KINDS["pegawai"].columns if c.name == "NIP")
        assert nip.note_text == "18 digit, diformat sebagai teks"
