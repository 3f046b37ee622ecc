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
}
