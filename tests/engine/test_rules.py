from datetime import date

import pytest

from talenta.engine.rules import RATINGS, RuleSetError, load_ruleset, parse_ruleset

R = load_ruleset()


def test_default_ruleset_has_a_version_and_the_nine_competencies():
    assert R.version == "permenpan-2020.4"
    assert [c[0] for c in R.competencies] == [
        "INTEGRITAS",
        "KERJASAMA",
        "KOMUNIKASI",
        "ORIENTASI_HASIL",
        "PELAYANAN_PUBLIK",
        "PENGEMBANGAN_DIRI",
        "MENGELOLA_PERUBAHAN",
        "PENGAMBILAN_KEPUTUSAN",
        "PEREKAT_BANGSA",
    ]


@pytest.mark.parametrize(
    "hasil, perilaku, predikat",
    [
        ("di_atas", "di_bawah", "Kurang/Misconduct"),
        ("di_atas", "sesuai", "Baik"),
        ("di_atas", "di_atas", "Sangat Baik"),
        ("sesuai", "di_bawah", "Kurang/Misconduct"),
        ("sesuai", "sesuai", "Baik"),
        ("sesuai", "di_atas", "Baik"),
        ("di_bawah", "di_bawah", "Sangat Kurang"),
        ("di_bawah", "sesuai", "Butuh Perbaikan"),
        ("di_bawah", "di_atas", "Butuh Perbaikan"),
    ],
)
def test_skp_matrix_is_rules_table(hasil, perilaku, predikat):
    assert R.predikat_for(hasil, perilaku) == predikat


@pytest.mark.parametrize(
    "kind, bup, level",
    [
        ("JPT_UTAMA", 60, 5),
        ("JPT_MADYA", 60, 5),
        ("JPT_PRATAMA", 60, 4),
        ("ADMINISTRATOR", 58, 3),
        ("PENGAWAS", 58, 2),
        ("PELAKSANA", 58, 1),
        ("AHLI_UTAMA", 65, 4),
        ("AHLI_MADYA", 60, 3),
        ("AHLI_MUDA", 58, 2),
        ("AHLI_PERTAMA", 58, 1),
        ("PENYELIA", 58, 2),
        ("MAHIR", 58, 1),
        ("TERAMPIL", 58, 1),
        ("PEMULA", 58, 1),
    ],
)
def test_job_kinds_bup_and_default_level(kind, bup, level):
    assert (R.job_kind(kind).bup, R.job_kind(kind).default_level) == (bup, level)


def test_retirement_is_first_of_month_after_bup_birthday():
    assert R.retirement_date(date(1990, 2, 15), "PELAKSANA") == date(2048, 3, 1)
    assert R.retirement_date(date(1970, 12, 5), "AHLI_UTAMA") == date(2036, 1, 1)
    assert R.retirement_date(date(1970, 12, 5), "JPT_PRATAMA") == date(2031, 1, 1)


def test_golongan_lists():
    assert len(R.golongan_pns) == 17 and R.golongan_pns[8] == ("III/a", "Penata Muda")
    assert R.golongan_pppk[0] == "I" and R.golongan_pppk[-1] == "XVII" and len(R.golongan_pppk) == 17


def test_an_incomplete_matrix_is_rejected():
    doc = {k: v for k, v in R.raw.items()}
    doc["skp"] = {"predikat": list(R.predikat), "matrix": {r: {"sesuai": "Baik"} for r in RATINGS}}
    with pytest.raises(RuleSetError, match="skp.matrix lacks"):
        parse_ruleset(doc)


def test_a_bad_job_kind_family_is_rejected():
    doc = dict(R.raw)
    doc["job_kinds"] = {"X": {"label": "X", "family": "nope", "bup": 58, "default_level": 1}}
    with pytest.raises(RuleSetError, match="family"):
        parse_ruleset(doc)


def test_unknown_ruleset_name():
    with pytest.raises(RuleSetError, match="no rule set"):
        load_ruleset("does-not-exist")


@pytest.mark.parametrize(
    "written, form",
    [
        ("E-Learning", "e-learning"),
        ("elearning", "e-learning"),
        ("Klasikal", "pelatihan klasikal"),
        ("Studi Banding", "benchmarking"),
        ("MAGANG", "magang"),
        ("telepati", None),
    ],
)
def test_learning_forms_as_written_in_files(written, form):
    assert R.learning_form(written) == form


@pytest.mark.parametrize(
    "written, type_",
    [
        ("Diklatpim Tk. III", "PKA"),
        ("DIKLATPIM TINGKAT IV", "PKP"),
        ("pkn ii", "PKN II"),
        ("Sosial Kultural", "sosial kultural"),
        ("Bimbingan Teknis", "bimtek"),
        ("ngopi", None),
    ],
)
def test_learning_types_as_written_in_files(written, type_):
    assert R.learning_type(written) == type_


def test_ip_asn_windows_end_on_31_december_of_the_year():
    w = R.ip_windows(2026)
    assert w.reference == date(2026, 12, 31)
    assert (w.technical_from, w.seminar_from, w.discipline_from) == (
        date(2026, 1, 1),
        date(2025, 1, 1),
        date(2022, 1, 1),
    )
    assert w.skp_year == 2025 and (w.technical_months, w.seminar_months, w.discipline_years) == (12, 24, 5)


def test_ip_asn_windows_are_validated():
    import tomllib

    from talenta.engine.rules import RULESET_DIR

    doc = tomllib.loads((RULESET_DIR / "permenpan-2020.toml").read_text())
    doc["ip_asn"]["technical_window_months"] = 0
    with pytest.raises(RuleSetError, match="technical_window_months"):
        parse_ruleset(doc)
