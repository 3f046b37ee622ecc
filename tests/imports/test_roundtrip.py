"""Export then import changes nothing, for every kind, as xlsx and as csv."""

from datetime import date
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command

from talenta.imports.registry import KINDS
from tests.imports.helpers import run, xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(region):
    nip = region["bpp"].nip
    run(
        "asesmen",
        xlsx(
            [
                ["NIP", "TANGGAL", "SUMBER", "POTENSI", "INTEGRITAS", "KOMUNIKASI"],
                [nip, "2025-06-10", "AC", 77.25, 3, 2],
            ]
        ),
    )
    run(
        "kinerja",
        xlsx([["NIP", "TAHUN", "HASIL_KERJA", "PERILAKU_KERJA", "NILAI_SKP"], [nip, 2025, "sesuai", "di atas", 85]]),
    )
    run(
        "pelatihan",
        xlsx(
            [
                ["NIP", "NAMA_KEGIATAN", "TANGGAL_MULAI", "JP", "BENTUK", "JENIS"],
                [nip, "E-learning SPBE", date(2025, 2, 1), 3.5, "e-learning", "teknis"],
            ]
        ),
    )
    run("disiplin", xlsx([["NIP", "TINGKAT", "TMT_MULAI"], [nip, "ringan", "2023-01-01"]]))
    run(
        "penghargaan",
        xlsx([["NIP", "JENIS", "NAMA", "TANGGAL", "NOMOR_SK"], [nip, "tim kerja", "Tim SPBE", "2024-02-01", "1/2024"]]),
    )
    run("kompetensi", xlsx([["KODE", "NAMA", "JENIS"], ["T.TIK.01", "SPBE", "teknis"]]))
    run(
        "katalog",
        xlsx(
            [
                ["KODE", "NAMA", "JP", "BIAYA", "KAPASITAS", "KOMPETENSI", "SASARAN", "PRIORITAS"],
                ["K1", "SPBE", 32, 4000000, 50, "T.TIK.01+2;KOMUNIKASI+1", "Pelaksana;Ahli Muda", "R1"],
            ]
        ),
    )
    run("anggaran", xlsx([["KODE_UNIT", "TAHUN", "PAGU"], ["64.71", 2026, 900000000]]))
    run(
        "dprd",
        xlsx(
            [
                DPRD_HEADER,
                [
                    "64.71",
                    "2024-2029",
                    "Hj. Siti Aminah",
                    "P",
                    "Partai A",
                    "Fraksi A",
                    "Komisi I",
                    "ketua",
                    "aktif",
                    "",
                    "0812",
                    "siti@example.id",
                    45,
                ],
            ]
        ),
    )
    run(
        "dprd_orientasi",
        xlsx(
            [
                ORIENT_HEADER,
                [
                    "OR-64-2025-1",
                    "orientasi",
                    1,
                    "2025-02-10",
                    "2025-02-14",
                    "Samarinda",
                    32,
                    8,
                    "64.71",
                    "2024-2029",
                    "Hj. Siti Aminah",
                    "Y",
                    "445/OR/2025/001",
                ],
            ]
        ),
    )
    post = region["bpp"].position
    abk = ["KODE_UNIT", "JABATAN", "URAIAN_TUGAS", "SATUAN_HASIL", "VOLUME", "PERIODE", "NORMA_WAKTU"]
    tasks = [["Menyusun telaahan staf", "dokumen", 12.5, "bulan", 90], ["Rapat koordinasi", "rapat", 2, "minggu", 60]]
    r = run("abk", xlsx([abk, *[[post.organisation.code, post.name, *t] for t in tasks]]))
    assert r.created == 2, r.errors
    r = run(
        "kepala_daerah",
        xlsx([["KODE_WILAYAH", "NAMA", "JABATAN", "TANGGAL_PELANTIKAN", "AKHIR_MASA_JABATAN"],
              ["64.71", "H. Rahmad, S.E.", "Wali Kota", "2025-02-20", "2030-02-20"],
              ["64.71", "Bagus Susetyo", "wakil walikota", "2025-02-20", ""]]),
    )  # fmt: skip
    assert r.created == 2, r.errors
    r = run(
        "riwayat_jabatan",
        xlsx([["NIP", "KODE_UNIT", "JABATAN", "JENIS_JABATAN", "TMT_JABATAN", "NOMOR_SK", "NOMOR_PERSETUJUAN"],
              [nip, post.organisation.code, "Pengelola Kepegawaian", "Pelaksana", "2016-01-04", "800/3/2016", ""],
              [nip, post.organisation.code, post.name, post.job_kind, "2021-05-03", "800/9/2021", "100.2/77"]]),
    )  # fmt: skip
    assert r.created == 2, r.errors
    other = region["bpp2"].position
    r = run(
        "plt",
        xlsx([["NIP", "KODE_UNIT", "JABATAN", "JENIS", "TMT_MULAI", "TMT_SELESAI"],
              [nip, other.organisation.code, other.name, "Plt", "2026-01-05", "2026-03-31"]]),
    )  # fmt: skip
    assert r.created == 1, r.errors
    r = run(
        "idp",
        xlsx([["NIP", "TAHUN", "KODE_PROGRAM", "KEGIATAN", "KOMPETENSI", "BENTUK", "JP", "BIAYA", "STATUS", "ALASAN"],
              [nip, 2026, "", "Magang di BKN", "T.TIK.01", "magang", 40, 2500000, "diajukan", "SPBE"],
              [nip, 2026, "", "Kursus daring", "KOMUNIKASI", "e-learning", 6, "", "ditolak", "Sudah ada di katalog"]]),
    )  # fmt: skip
    assert r.created == 2, r.errors
    return region


DPRD_HEADER = [
    "KODE_WILAYAH",
    "PERIODE",
    "NAMA",
    "JENIS_KELAMIN",
    "PARTAI",
    "FRAKSI",
    "KOMISI",
    "JABATAN",
    "STATUS",
    "TANGGAL_STATUS",
    "TELEPON",
    "EMAIL",
    "KURSI",
]
ORIENT_HEADER = [
    "KODE_PROGRAM",
    "JENIS",
    "ANGKATAN",
    "TANGGAL_MULAI",
    "TANGGAL_SELESAI",
    "TEMPAT",
    "JP_KLASIKAL",
    "JP_ELEARNING",
    "KODE_WILAYAH",
    "PERIODE",
    "NAMA",
    "HADIR",
    "NOMOR_SERTIFIKAT",
]


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_export_then_import_changes_nothing(filled, tmp_path, kind, fmt):
    out = tmp_path / f"{kind}.{fmt}"
    call_command("export", kind, "--org", "64.71" if kind != "katalog" else "ID", "--out", str(out), stdout=StringIO())
    r = run(kind, out.read_bytes(), name=out.name)
    assert r.status in ("completed",) and r.rows > 0, (r.message, r.errors[:3])
    assert (r.created, r.updated, r.rejected) == (0, 0, 0), r.errors[:3]
    assert r.unchanged == r.rows


def test_export_is_scoped_for_a_user(filled, tmp_path):
    out = tmp_path / "p.csv"
    with pytest.raises(Exception, match="not found|tidak ditemukan"):  # in the active language
        call_command(
            "export", "pegawai", "--org", "64.09", "--user", "balikpapan", "--out", str(out), stdout=StringIO()
        )
    call_command("export", "pegawai", "--org", "64.71", "--user", "balikpapan", "--out", str(out), stdout=StringIO())
    body = out.read_text(encoding="utf-8-sig")
    assert filled["bpp"].nip in body and filled["ppu"].nip not in body


def test_xlsx_export_keeps_nip_as_text(filled, tmp_path):
    from python_calamine import CalamineWorkbook

    out = tmp_path / "p.xlsx"
    call_command("export", "pegawai", "--org", "64.71", "--out", str(out), stdout=StringIO())
    rows = CalamineWorkbook.from_filelike(BytesIO(out.read_bytes())).get_sheet_by_index(0).to_python()
    assert isinstance(rows[1][0], str) and len(rows[1][0]) == 18
