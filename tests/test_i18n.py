from pathlib import Path

import polib
from django.utils import translation

import talenta

PO = Path(talenta.__file__).parent / "locale" / "id" / "LC_MESSAGES" / "django.po"


def test_every_string_is_translated_and_the_mo_is_current():
    """The committed .mo must carry exactly what the .po says (run `make messages` after editing)."""
    po = polib.pofile(str(PO))
    mo = {e.msgid: e for e in polib.mofile(str(PO.with_suffix(".mo")))}
    assert po.percent_translated() == 100
    for entry in po.translated_entries():
        assert entry.msgid in mo, entry.msgid
        if entry.msgid_plural:
            assert mo[entry.msgid].msgstr_plural == entry.msgstr_plural
        else:
            assert mo[entry.msgid].msgstr == entry.msgstr


def test_django_serves_the_indonesian_catalogue():
    with translation.override("id"):
        assert translation.gettext("SKP history") == "Riwayat SKP"
    with translation.override("en"):
        assert translation.gettext("SKP history") == "SKP history"
