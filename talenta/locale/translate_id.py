"""Indonesian translations of the UI strings, applied to locale/id/LC_MESSAGES/django.po.

Run ``python locale/translate_id.py`` after ``talenta makemessages -l id``, then ``make messages``.
Keeping them here (not only in the .po) lets a reviewer read every string in one place.
"""

from pathlib import Path

import polib

try:  # run as a script from any directory
    from id_analytics import ANALYTICS
    from id_development import DEVELOPMENT, PLURAL_DEVELOPMENT
    from id_governance import GOVERNANCE, PLURAL_GOVERNANCE
    from id_imports import IMPORTS, PLURAL_IMPORTS
    from id_pembina import PEMBINA, PLURAL_PEMBINA
    from id_security import PLURAL_SECURITY, SECURITY
    from id_talent import TALENT
except ImportError:  # pragma: no cover
    from talenta.locale.id_analytics import ANALYTICS
    from talenta.locale.id_development import DEVELOPMENT, PLURAL_DEVELOPMENT
    from talenta.locale.id_governance import GOVERNANCE, PLURAL_GOVERNANCE
    from talenta.locale.id_imports import IMPORTS, PLURAL_IMPORTS
    from talenta.locale.id_pembina import PEMBINA, PLURAL_PEMBINA
    from talenta.locale.id_security import PLURAL_SECURITY, SECURITY
    from talenta.locale.id_talent import TALENT

ID = {
    "Competencies": "Kompetensi",
    "Managerial": "Manajerial",
    "Socio-cultural": "Sosial kultural",
    "Technical": "Teknis",
    "code": "kode",
    "name": "nama",
    "kind": "jenis",
    "owner": "pemilik",
    "level descriptions": "deskripsi level",
    "competency": "kompetensi",
    "competencies": "kompetensi",
    "Give all five level descriptions or none.": "Isi kelima deskripsi level atau kosongkan semuanya.",
    "A technical competency belongs to an agency.": "Kompetensi teknis harus dimiliki oleh sebuah instansi.",
    "required level": "level standar",
    "position standard": "standar kompetensi jabatan",
    "date": "tanggal",
    "source": "sumber",
    "potential score": "skor potensi",
    "assessment": "asesmen",
    "level": "level",
    "Bahasa Indonesia": "Bahasa Indonesia",
    "English": "Bahasa Inggris",
    "audit log entry": "catatan audit",
    "Learning and development": "Pengembangan kompetensi",
    "classroom": "klasikal",
    "non-classroom": "nonklasikal",
    "planned": "direncanakan",
    "Planned learning": "Rencana pengembangan kompetensi",
    "Import not found.": "Impor tidak ditemukan.",
    "The year is 2000 to 2100.": "Tahun antara 2000 dan 2100.",
    "The budget cannot be negative.": "Anggaran tidak boleh negatif.",
    "The value of reaching 20 JP cannot be negative.": "Nilai pemenuhan 20 JP tidak boleh negatif.",
    "Programmes per employee: 1 to 10.": "Program per pegawai: 1 sampai 10.",
    "Added JP per employee: 1 to 2000.": "Tambahan JP per pegawai: 1 sampai 2000.",
    "The time limit is 1 to 1800 seconds.": "Batas waktu 1 sampai 1800 detik.",
    "The priority weight is 0 to 100.": "Bobot prioritas 0 sampai 100.",
    "the employee is no longer in %(org)s": "pegawai tidak lagi berada di %(org)s",
    "the programme is no longer in the catalogue": "program tidak lagi ada di katalog",
    "already recorded: %(title)s on %(date)s": "sudah tercatat: %(title)s pada %(date)s",
    "and %(n)s more": "dan %(n)s lainnya",
    "%(n)s assignments were not written: %(list)s": "%(n)s penugasan tidak ditulis: %(list)s",
    "From an accepted development plan; the JP count once the training is recorded as attended.": "Dari rencana pengembangan yang telah disetujui; JP-nya dihitung setelah pelatihan tercatat telah diikuti.",
    "attended": "diikuti",
    "title": "judul",
    "form": "bentuk",
    "route": "jalur",
    "type": "jenis",
    "start": "mulai",
    "end": "selesai",
    "JP": "JP",
    "provider": "penyelenggara",
    "certificate number": "nomor sertifikat",
    "status": "status",
    "learning record": "riwayat pengembangan kompetensi",
    "The end date is before the start date.": "Tanggal selesai sebelum tanggal mulai.",
    "cost per participant (Rp)": "biaya per peserta (Rp)",
    "seats per year": "kuota per tahun",
    "eligible job kinds": "sasaran jenis jabatan",
    "RKPD/RPJMD priorities": "prioritas RKPD/RPJMD",
    "programme": "program",
    "programmes": "program",
    "levels gained": "kenaikan level",
    "year": "tahun",
    "pagu (Rp)": "pagu (Rp)",
    "budget": "anggaran",
    "Organisations and users": "Organisasi dan pengguna",
    "National": "Nasional",
    "Province": "Provinsi",
    "Regency": "Kabupaten",
    "City": "Kota",
    "Regional agency (OPD)": "Perangkat daerah (OPD)",
    "Unit": "Unit kerja",
    "parent": "induk",
    "organisation": "organisasi",
    "organisations": "organisasi",
    "A %(kind)s cannot sit under %(parent)s.": "%(kind)s tidak dapat berada di bawah %(parent)s.",
    "National admin (BPSDM Kemendagri)": "Admin nasional (BPSDM Kemendagri)",
    "Province admin (BPSDM Provinsi)": "Admin provinsi (BPSDM Provinsi)",
    "Regency/city admin (BKPSDM)": "Admin kabupaten/kota (BKPSDM)",
    "OPD HR officer": "Pengelola kepegawaian OPD",
    "Employee": "Pegawai",
    "role": "peran",
    "employee": "pegawai",
    "user": "pengguna",
    "users": "pengguna",
    "An employee login must be linked to an employee.": "Akun pegawai harus terhubung ke data pegawai.",
    "An admin login must be bound to an organisation.": "Akun admin harus terikat pada sebuah organisasi.",
    "No organisation in your scope.": "Tidak ada organisasi dalam lingkup Anda.",
    "Organisation %(code)s not found.": "Organisasi %(code)s tidak ditemukan.",
    "employees in this organisation and below": "pegawai di organisasi ini dan di bawahnya",
    "list them": "lihat daftarnya",
    "Code": "Kode",
    "Name": "Nama",
    "Kind": "Jenis",
    "Employees": "Pegawai",
    "No organisations below this one.": "Tidak ada organisasi di bawah organisasi ini.",
    "Employees and positions": "Pegawai dan jabatan",
    "Male": "Laki-laki",
    "Female": "Perempuan",
    "di bawah ekspektasi": "di bawah ekspektasi",
    "sesuai ekspektasi": "sesuai ekspektasi",
    "di atas ekspektasi": "di atas ekspektasi",
    "unit": "unit kerja",
    "position": "jabatan",
    "job kind": "jenis jabatan",
    "job class": "kelas jabatan",
    "key position": "jabatan kunci",
    "positions": "jabatan",
    "title (front)": "gelar depan",
    "title (back)": "gelar belakang",
    "birth date": "tanggal lahir",
    "gender": "jenis kelamin",
    "golongan": "golongan",
    "education": "pendidikan",
    "major": "jurusan",
    "TMT jabatan": "TMT jabatan",
    "TMT CPNS/PPPK": "TMT CPNS/PPPK",
    "retirement date": "tanggal pensiun",
    "employees": "pegawai",
    "work results": "hasil kerja",
    "work behaviour": "perilaku kerja",
    "predikat": "predikat",
    "SKP score": "nilai SKP",
    "rule set": "set aturan",
    "SKP rating": "penilaian SKP",
    "light": "ringan",
    "medium": "sedang",
    "heavy": "berat",
    "from": "mulai",
    "until": "sampai",
    "disciplinary penalty": "hukuman disiplin",
    "Employee %(nip)s not found.": "Pegawai %(nip)s tidak ditemukan.",
    "Unknown unit code %(code)r.": "Kode unit %(code)r tidak dikenal.",
    "Employees and positions belong to an OPD or a unit, not to %(code)s.": "Pegawai dan jabatan berada di OPD atau unit kerja, bukan di %(code)s.",
    "The position needs a name.": "Nama jabatan wajib diisi.",
    "Unknown competency code(s): %(codes)s.": "Kode kompetensi tidak dikenal: %(codes)s.",
    "Status must be PNS, CPNS or PPPK.": "Status harus PNS, CPNS, atau PPPK.",
    "The name is required.": "Nama wajib diisi.",
    "Birth date %(date)s does not match the NIP (%(nip_date)s).": "Tanggal lahir %(date)s tidak sesuai dengan NIP (%(nip_date)s).",
    "Gender must be L or P.": "Jenis kelamin harus L atau P.",
    "Gender %(gender)s does not match the NIP (%(nip_gender)s).": "Jenis kelamin %(gender)s tidak sesuai dengan NIP (%(nip_gender)s).",
    "An employee with NIP %(nip)s already exists.": "Pegawai dengan NIP %(nip)s sudah ada.",
    "Position %(name)s in %(unit)s is %(kind)s, not %(given)s.": "Jabatan %(name)s di %(unit)s berjenis %(kind)s, bukan %(given)s.",
    "NIP must be exactly 18 digits.": "NIP harus tepat 18 digit.",
    "NIP digits 1-8 are not a valid birth date (YYYYMMDD).": "Digit 1-8 NIP bukan tanggal lahir yang sah (YYYYMMDD).",
    "NIP digits 9-14 are not a valid TMT (YYYYMM for PNS, YYYY2n for PPPK).": "Digit 9-14 NIP bukan TMT yang sah (YYYYMM untuk PNS, YYYY2n untuk PPPK).",
    "NIP digit 15 must be 1 (male) or 2 (female).": "Digit ke-15 NIP harus 1 (laki-laki) atau 2 (perempuan).",
    "NIP digit 14 (PPPK appointment round) must be 1-9.": "Digit ke-14 NIP (tahap pengangkatan PPPK) harus 1-9.",
    "The NIP's holder would be under 18 at the TMT it states.": "Menurut NIP ini, pemiliknya belum berusia 18 tahun pada TMT yang tercantum.",
    "The NIP states a date in the future.": "NIP memuat tanggal di masa depan.",
    "Status %(status)s does not match a %(kind)s NIP.": "Status %(status)s tidak sesuai dengan NIP %(kind)s.",
    "Unknown job kind %(value)r.": "Jenis jabatan %(value)r tidak dikenal.",
    "Unknown PPPK golongan %(value)r (I-XVII).": "Golongan PPPK %(value)r tidak dikenal (I-XVII).",
    "Unknown golongan %(value)r (I/a-IV/e).": "Golongan %(value)r tidak dikenal (I/a-IV/e).",
    "Unknown education level %(value)r (SD, SMP, SMA, D1-D4, S1-S3).": "Jenjang pendidikan %(value)r tidak dikenal (SD, SMP, SMA, D1-D4, S1-S3).",
    "The date %(value)s is in the future.": "Tanggal %(value)s berada di masa depan.",
    "Download": "Unduh",
    "Position": "Jabatan",
    "Status": "Status",
    "Golongan": "Golongan",
    "No employee matches.": "Tidak ada pegawai yang cocok.",
    "previous": "sebelumnya",
    "page %(n)s of %(total)s": "halaman %(n)s dari %(total)s",
    "next": "berikutnya",
    "Name or NIP": "Nama atau NIP",
    "All units": "Semua unit",
    "Job kind": "Jenis jabatan",
    "All job kinds": "Semua jenis jabatan",
    "All statuses": "Semua status",
    "Search": "Cari",
    "class": "kelas",
    "Education": "Pendidikan",
    "Birth date": "Tanggal lahir",
    "Retirement (BUP)": "Pensiun (BUP)",
    "Learning hours": "Jam pelajaran",
    "Every PNS is owed at least 20 JP a year (1 JP = 45 minutes).": "Setiap PNS berhak atas paling sedikit 20 JP setahun (1 JP = 45 menit).",
    "Competency standard and latest assessment": "Standar kompetensi dan asesmen terakhir",
    "Assessed on %(d)s (%(s)s).": "Diases pada %(d)s (%(s)s).",
    "Potential score": "Skor potensi",
    "No assessment yet.": "Belum ada asesmen.",
    "Competency": "Kompetensi",
    "Required": "Standar",
    "Actual": "Aktual",
    "Gap": "Kesenjangan",
    "SKP history": "Riwayat SKP",
    "Year": "Tahun",
    "Work results": "Hasil kerja",
    "Work behaviour": "Perilaku kerja",
    "Predikat": "Predikat",
    "Score": "Nilai",
    "No SKP recorded.": "Belum ada SKP.",
    "Learning records": "Riwayat pengembangan kompetensi",
    "Start": "Mulai",
    "Title": "Judul",
    "Type": "Jenis",
    "Form": "Bentuk",
    "No learning recorded.": "Belum ada riwayat pengembangan kompetensi.",
    "Discipline": "Disiplin",
    "No disciplinary penalty recorded.": "Tidak ada hukuman disiplin.",
    "Organisations": "Organisasi",
    "My profile": "Profil saya",
    "Language": "Bahasa",
    "Log out": "Keluar",
    "Competency development of the ASN, by merit": "Pengembangan kompetensi ASN berbasis sistem merit",
    "Log in": "Masuk",
    "Wrong username or password.": "Nama pengguna atau kata sandi salah.",
    "Username": "Nama pengguna",
    "Password": "Kata sandi",
}
ID.update(IMPORTS)
ID.update(ANALYTICS)
ID.update(TALENT)
ID.update(SECURITY)
ID.update(GOVERNANCE)
ID.update(PEMBINA)
ID.update(DEVELOPMENT)
# Strings with a context (pgettext): "Required" is "Standar" for a level and "Wajib" for a column.
CONTEXT = {
    ("column", "Required"): "Wajib",
    ("potential", "medium"): "menengah",
}

PLURAL = {
    "%(n)s employee": ("%(n)s pegawai",),
    "%(shown)s employee": ("%(shown)s pegawai",),
    **PLURAL_IMPORTS,
    **PLURAL_SECURITY,
    **PLURAL_GOVERNANCE,
    **PLURAL_PEMBINA,
    **PLURAL_DEVELOPMENT,
}


def main() -> None:
    path = Path(__file__).parent / "id" / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(path))
    missing = []
    for entry in po:
        if entry.obsolete:  # no longer in the code
            continue
        if entry.msgid_plural:
            if entry.msgid in PLURAL:
                entry.msgstr_plural = dict(enumerate(PLURAL[entry.msgid]))
            else:
                missing.append(entry.msgid)
                entry.msgstr_plural = {0: ""}  # never msgmerge's fuzzy guess: it is another sentence
        elif entry.msgctxt:  # the same English word in another sense (pgettext): its own translation
            entry.msgstr = CONTEXT.get((entry.msgctxt, entry.msgid), "")
            if not entry.msgstr:
                missing.append(f"{entry.msgctxt}|{entry.msgid}")
        elif entry.msgid in ID:
            entry.msgstr = ID[entry.msgid]
        else:
            missing.append(entry.msgid)
            entry.msgstr = ""  # never msgmerge's fuzzy guess (it showed "belum ada data DPRD" for "no data yet")
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.metadata["Language"] = "id"
    po.metadata["Plural-Forms"] = "nplurals=1; plural=0;"
    po.save()
    po.save_as_mofile(str(path.with_suffix(".mo")))
    if missing:
        raise SystemExit("untranslated: " + "; ".join(missing))


if __name__ == "__main__":
    main()
