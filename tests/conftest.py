from datetime import date

import pytest

from tests.factories import nip as make_nip
from tests.factories import small_region
from tests.imports.helpers import PEGAWAI_HEADER, pegawai_row, run, xlsx

Y = date.today().year
NINE = [
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


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """PBKDF2's deliberate slowness is for production logins, not for building test users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def region(db):
    return small_region()


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    """Background tasks run at once in tests; tests/imports/test_web.py also drives the real queue."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def examples(region):
    """The worked examples of RULES.md as imported files: a box-8 analyst (JPM 92.59) and an IP-67.5 clerk."""
    assert (
        run(
            "jabatan",
            xlsx(
                [
                    ["KODE_UNIT", "JABATAN", "JENIS_JABATAN", *NINE],
                    ["64.71.02", "Analis SDM Aparatur Ahli Muda", "Ahli Muda", *[3] * 9],
                ]
            ),
        ).created
        == 1
    )
    a, b = make_nip(tmt=date(2015, 3, 1)), make_nip(tmt=date(2015, 3, 1))
    r = run(
        "pegawai",
        xlsx(
            [
                PEGAWAI_HEADER,
                pegawai_row(
                    a,
                    "Contoh Kotak",
                    KODE_UNIT="64.71.02",
                    JABATAN="Analis SDM Aparatur Ahli Muda",
                    JENIS_JABATAN="Ahli Muda",
                    GOLONGAN="III/c",
                ),
                pegawai_row(
                    b,
                    "Contoh IP",
                    KODE_UNIT="64.71.02",
                    JABATAN="Pengadministrasi Perkantoran",
                    JENIS_JABATAN="Pelaksana",
                ),
            ]
        ),
    )
    assert r.created == 2, r.errors
    assert (
        run(
            "asesmen",
            xlsx(
                [
                    ["NIP", "TANGGAL", "SUMBER", "POTENSI", *NINE],
                    [a, date(Y - 1, 5, 2), "AC", 85, 3, 3, 3, 3, 3, 3, 3, 2, 2],
                ]
            ),
        ).created
        == 1
    )
    assert (
        run(
            "kinerja",
            xlsx(
                [
                    ["NIP", "TAHUN", "HASIL_KERJA", "PERILAKU_KERJA", "NILAI_SKP"],
                    [a, Y - 1, "sesuai", "sesuai", ""],
                    [b, Y - 1, "sesuai", "sesuai", 85],
                ]
            ),
        ).created
        == 2
    )
    assert (
        run(
            "pelatihan",
            xlsx(
                [
                    ["NIP", "NAMA_KEGIATAN", "TANGGAL_MULAI", "JP", "JENIS"],
                    [a, "Pelatihan Fungsional Analis SDM", date(Y - 2, 3, 1), 60, "fungsional"],
                    [b, "Bimtek Arsip", date(Y, 1, 1), 30, "teknis"],  # in the measured year (RULES.md §6)
                ]
            ),
        ).created
        == 2
    )
    return a, b
