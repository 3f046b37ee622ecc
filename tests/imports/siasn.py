"""Files in the layout of SIASN's "Export Data ASN" (67 columns A..BO), with invented people."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

import xlsxwriter

from talenta.people.siasn import SIASN_COLUMNS


def person(nip: str, name: str, **cells: Any) -> dict[str, Any]:
    """One row: every personal column filled as SIASN fills it (apostrophes, numbers), the rest from ``cells``."""
    row: dict[str, Any] = {c: "" for c in SIASN_COLUMNS}
    row.update(
        {
            "PNS ID": f"A8ACA7{nip[-6:]}F2E1",
            "NIP BARU": f"'{nip}",
            "NIP LAMA": "'" + nip[:9],
            "NAMA": name,
            "TEMPAT LAHIR ID": 6471,
            "TEMPAT LAHIR NAMA": "BALIKPAPAN",
            "TANGGAL LAHIR": date(int(nip[:4]), int(nip[4:6]), int(nip[6:8])),
            "JENIS KELAMIN": "F" if nip[14] == "2" else "M",
            "AGAMA ID": 1,
            "AGAMA NAMA": "Islam",
            "JENIS KAWIN ID": 2,
            "JENIS KAWIN NAMA": "Menikah",
            "NIK": "'6471" + nip[2:14],
            "NOMOR HP": 81234567000 + int(nip[-3:]),
            "EMAIL": f"{name.split()[0].lower()}@contoh.id",
            "EMAIL GOV": "",
            "ALAMAT": "Jl. Jenderal Sudirman No. 1",
            "NPWP NOMOR": "'091234567",
            "BPJS": "'",
            "JENIS PEGAWAI ID": 4,
            "JENIS PEGAWAI NAMA": "PNS Daerah Kab/Kota",
            "KEDUDUKAN HUKUM ID": 1,
            "KEDUDUKAN HUKUM NAMA": "Aktif",
            "STATUS CPNS PNS": "P",
            "KARTU ASN VIRTUAL": f"KAV{nip[-5:]}",
            "GOL AKHIR NAMA": "III/b",
            "TINGKAT PENDIDIKAN NAMA": "S-1/Sarjana",
            "PENDIDIKAN NAMA": "S-1 Ilmu Pemerintahan",
            "INSTANSI INDUK NAMA": "Pemerintah Kota Balikpapan",
            "SATUAN KERJA INDUK NAMA": "Pemerintah Kota Balikpapan",
            "IS VALID NIK": "true",
        }
    )
    row.update(cells)
    return row


def siasn_xlsx(rows: list[dict[str, Any]], *, eselon: bool = False, extra: tuple[str, ...] = ()) -> bytes:
    """The export as an xlsx: one sheet named like the source csv, header on row 1, dates as date cells."""
    header = [*SIASN_COLUMNS, *(("ESELON ID", "ESELON NAMA") if eselon else ()), *extra]
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True})
    ws = wb.add_worksheet("pns_6471")
    when = wb.add_format({"num_format": "dd-mm-yyyy"})
    ws.write_row(0, 0, header)
    for i, row in enumerate(rows, start=1):
        for j, col in enumerate(header):
            value = row.get(col, "")
            if isinstance(value, date):
                ws.write_datetime(i, j, __import__("datetime").datetime(value.year, value.month, value.day), when)
            elif isinstance(value, (int, float)) and not isinstance(value, bool):
                ws.write_number(i, j, value)
            elif value != "":
                ws.write_string(i, j, str(value))
    wb.close()
    return buf.getvalue()


def siasn_csv(rows: list[dict[str, Any]], *, sep: str = ";", eselon: bool = False) -> bytes:
    """The export as its raw csv: dates written dd-mm-yyyy."""
    header = [*SIASN_COLUMNS, *(("ESELON ID", "ESELON NAMA") if eselon else ())]
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=sep)
    w.writerow(header)
    for row in rows:
        w.writerow([v.strftime("%d-%m-%Y") if isinstance(v, date) else v for v in (row.get(c, "") for c in header)])
    return buf.getvalue().encode("utf-8")
