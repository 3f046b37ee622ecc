"""Indonesian texts of the analytics strings (merged into translate_id.ID)."""

ANALYTICS = {
    "Analytics": "Analitik",
    "Measures": "Ukuran",
    "Latest assessment of %(d)s against the position's standard.": "Asesmen terakhir tanggal %(d)s dibandingkan dengan standar kompetensi jabatan.",
    "Older than the validity window: reassess.": "Melewati masa berlaku: perlu asesmen ulang.",
    "No assessment: no JPM.": "Belum ada asesmen: JPM belum dapat dihitung.",
    "Talent box": "Kotak talenta",
    "Performance": "Kinerja",
    "Potential": "Potensial",
    "SKP %(y)s: %(p)s.": "SKP %(y)s: %(p)s.",
    "No SKP: no box.": "Belum ada SKP: kotak belum dapat ditentukan.",
    "Qualification": "Kualifikasi",
    "20 JP": "20 JP",
    "met": "terpenuhi",
    "not met": "belum terpenuhi",
    "PPPK: counted, at most 24 JP a year.": "PPPK: dihitung, paling banyak 24 JP setahun.",
    "PNS/CPNS: at least 20 JP a year.": "PNS/CPNS: paling sedikit 20 JP setahun.",
    "Basis: rule set %(v)s. IP ASN uses the SKP, technical training (at least 20 JP) of the year before, seminars "
    "of the two years before, leadership or functional training at any time, and the worst penalty of the last "
    "five years.": "Dasar: set aturan %(v)s. IP ASN memakai SKP dan pelatihan teknis (paling sedikit 20 JP) tahun sebelumnya, "
    "seminar dua tahun sebelumnya, pelatihan kepemimpinan atau fungsional kapan pun, dan hukuman disiplin "
    "terberat lima tahun terakhir.",
    "Download one row per employee": "Unduh satu baris per pegawai",
    "%(a)s assessed": "%(a)s sudah diases",
    "Mean JPM": "Rata-rata JPM",
    "Mean IP ASN": "Rata-rata IP ASN",
    "20 JP met (PNS/CPNS)": "Memenuhi 20 JP (PNS/CPNS)",
    "%(c)s of %(n)s; see who is short": "%(c)s dari %(n)s; lihat yang belum memenuhi",
    "Nine boxes": "Sembilan kotak talenta",
    "%(n)s employees without a box (no SKP or no potential score).": "%(n)s pegawai belum masuk kotak (belum ada SKP atau skor potensial).",
    "Talent pool: %(n)s": "Kelompok rencana suksesi: %(n)s",
    "IP ASN categories": "Kategori IP ASN",
    "Below this organisation": "Di bawah organisasi ini",
    "Talent pool": "Kelompok rencana suksesi",
    "20 JP met": "Memenuhi 20 JP",
    "Basis: rule set %(v)s; each employee's latest assessment and SKP, learning records of the year.": "Dasar: set aturan %(v)s; asesmen dan SKP terakhir tiap pegawai, riwayat pengembangan kompetensi tahun ini.",
    "Box": "Kotak",
    "analytics": "analitik",
    "Your login is not linked to an organisation or an employee yet.": "Akun Anda belum terhubung ke organisasi atau data pegawai.",
    "No employees in %(org)s.": "Tidak ada pegawai di %(org)s.",
    "No budget (anggaran) for %(org)s in %(year)s: import one or give --budget.": "Tidak ada anggaran untuk %(org)s tahun %(year)s: impor anggaran atau isi --budget.",
    "done": "selesai",
    "failed": "gagal",
    "development plan run": "perhitungan rencana pengembangan",
    "The planner is working; this page updates by itself.": "Perencana sedang bekerja; halaman ini diperbarui sendiri.",
    "bound %(b)s; status %(st)s": "batas atas %(b)s; status %(st)s",
    "Cost": "Biaya",
    "of Rp %(b)s": "dari Rp %(b)s",
    "of %(n)s employees": "dari %(n)s pegawai",
    "Gap levels closed": "Level kesenjangan tertutup",
    "nomination order: %(g)s (plan +%(p)s%%)": "urutan usulan: %(g)s (rencana +%(p)s%%)",
    "Participants (.xlsx)": "Peserta (.xlsx)",
    "%(n)s assignments; rule set %(v)s": "%(n)s penugasan; set aturan %(v)s",
    "Per programme": "Per program",
    "Programme": "Program",
    "Participants": "Peserta",
    "Seats": "Kuota",
    "Per OPD": "Per OPD",
    "Gaps closed per competency": "Kesenjangan tertutup per kompetensi",
    "Gap levels": "Level kesenjangan",
    "Closed": "Tertutup",
    "Development plan": "Rencana pengembangan kompetensi",
    "Compute the plan": "Hitung rencana",
    "How the plan is chosen": "Cara rencana dipilih",
    "The plan closes as many competency gap levels as the budget can buy and brings every PNS to 20 JP, within the "
    "seats of each programme, at most the given number of programmes and JP per employee, and 24 JP a year for PPPK. "
    "Among plans of equal value the cheaper wins. The usual nomination order (best value per rupiah first) is "
    "computed beside it.": "Rencana menutup sebanyak mungkin level kesenjangan kompetensi yang dapat dibiayai anggaran dan membawa setiap "
    "PNS mencapai 20 JP, dalam batas kuota tiap program, jumlah program dan JP per pegawai yang ditetapkan, serta "
    "24 JP setahun untuk PPPK. Di antara rencana yang sama nilainya, yang lebih murah dipilih. Urutan usulan yang "
    "biasa (nilai per rupiah terbaik lebih dahulu) dihitung sebagai pembanding.",
    "Anggaran: Rp %(a)s.": "Anggaran: Rp %(a)s.",
    "No anggaran recorded for this year: give a budget.": "Belum ada anggaran untuk tahun ini: isi anggaran.",
    "Earlier runs": "Perhitungan sebelumnya",
    "Budget (Rp), blank = the anggaran": "Anggaran (Rp), kosong = pagu tercatat",
    "Keep each OPD within its own pagu": "Setiap OPD dalam batas pagunya sendiri",
    "Value of one PNS reaching 20 JP (lambda)": "Nilai satu PNS mencapai 20 JP (lambda)",
    "Programmes per employee at most": "Program per pegawai paling banyak",
    "Added JP per employee at most": "Tambahan JP per pegawai paling banyak",
    "Time limit (seconds)": "Batas waktu (detik)",
    "development plan": "rencana pengembangan",
    "This organisation has more than %(n)s employees: open the analytics of a province or a regency below it, or "
    "use <code>talenta export analitik</code>.":
        "Organisasi ini memiliki lebih dari %(n)s pegawai: buka analitik provinsi atau kabupaten/kota di bawahnya, "
        "atau gunakan <code>talenta export analitik</code>.",
    "Organisation code, e.g. 64.71.02": "Kode organisasi, mis. 64.71.02",
}
