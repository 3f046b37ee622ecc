"""The demo region: East Kalimantan province government, Kota Balikpapan and Kabupaten Penajam Paser Utara,
with real-looking OPDs, units and positions of every job kind, and a catalogue of programmes."""

# Governments in the demo, their share of the employees, and the OPD codes' infix.
GOVERNMENTS = (
    ("64", "province", 0.45),
    ("64.71", "city", 0.30),
    ("64.09", "regency", 0.25),
)

# (name suffix, kind of head, units). Units get a Kepala (Administrator or Pengawas) and staff.
OPD_TEMPLATES = (
    ("Sekretariat Daerah", "JPT", ("Bagian Pemerintahan", "Bagian Hukum", "Bagian Organisasi", "Bagian Umum")),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "JPT",
     ("Sekretariat", "Bidang Pengadaan dan Informasi", "Bidang Mutasi dan Promosi", "Bidang Pengembangan Kompetensi")),
    ("Badan Perencanaan Pembangunan Daerah", "JPT",
     ("Sekretariat", "Bidang Perencanaan Ekonomi", "Bidang Perencanaan Infrastruktur", "Bidang Litbang")),
    ("Badan Pendapatan Daerah", "JPT", ("Sekretariat", "Bidang Pajak Daerah", "Bidang Retribusi")),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "JPT",
     ("Sekretariat", "Bidang Anggaran", "Bidang Perbendaharaan", "Bidang Aset")),
    ("Inspektorat", "JPT", ("Sekretariat", "Inspektur Pembantu Wilayah I", "Inspektur Pembantu Wilayah II")),
    ("Dinas Pendidikan dan Kebudayaan", "JPT",
     ("Sekretariat", "Bidang Pembinaan SMA", "Bidang Pembinaan SMK", "Bidang Kebudayaan")),
    ("Dinas Kesehatan", "JPT",
     ("Sekretariat", "Bidang Pelayanan Kesehatan", "Bidang Pencegahan Penyakit", "UPTD Puskesmas")),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "JPT",
     ("Sekretariat", "Bidang Bina Marga", "Bidang Sumber Daya Air", "Bidang Penataan Ruang")),
    ("Dinas Perhubungan", "JPT", ("Sekretariat", "Bidang Lalu Lintas", "Bidang Angkutan")),
    ("Dinas Komunikasi dan Informatika", "JPT", ("Sekretariat", "Bidang Aplikasi Informatika", "Bidang Statistik")),
    ("Dinas Kependudukan dan Pencatatan Sipil", "JPT", ("Sekretariat", "Bidang Pelayanan Pendaftaran Penduduk")),
    ("Rumah Sakit Umum Daerah", "JPT", ("Bagian Umum", "Bidang Pelayanan Medik", "Bidang Keperawatan")),
)
# The province has its own HR development agency; regencies/cities do not.
PROVINCE_EXTRA = (
    ("Badan Pengembangan Sumber Daya Manusia", "JPT",
     ("Sekretariat", "Bidang Sertifikasi Kompetensi", "Bidang Pengembangan Kompetensi Teknis",
      "Bidang Kepemimpinan dan Manajerial")),
)

# Functional and staff positions by the OPD's field (a keyword in its name), with job kind and weight.
FUNCTIONAL = {
    "Pendidikan": (("Guru Ahli Pertama", "AHLI_PERTAMA", 6), ("Guru Ahli Muda", "AHLI_MUDA", 5),
                   ("Guru Ahli Madya", "AHLI_MADYA", 2), ("Pengawas Sekolah Ahli Madya", "AHLI_MADYA", 1)),
    "Kesehatan": (("Perawat Terampil", "TERAMPIL", 5), ("Perawat Mahir", "MAHIR", 2),
                  ("Perawat Penyelia", "PENYELIA", 1), ("Dokter Ahli Pertama", "AHLI_PERTAMA", 2),
                  ("Bidan Terampil", "TERAMPIL", 3), ("Epidemiolog Kesehatan Ahli Muda", "AHLI_MUDA", 1)),
    "Rumah Sakit": (("Perawat Terampil", "TERAMPIL", 6), ("Perawat Ahli Pertama", "AHLI_PERTAMA", 3),
                    ("Dokter Ahli Muda", "AHLI_MUDA", 2), ("Dokter Ahli Madya", "AHLI_MADYA", 1),
                    ("Apoteker Ahli Pertama", "AHLI_PERTAMA", 1), ("Pranata Laboratorium Kesehatan Pemula", "PEMULA", 1)),
    "Pekerjaan Umum": (("Teknik Jalan dan Jembatan Ahli Pertama", "AHLI_PERTAMA", 3),
                       ("Teknik Pengairan Ahli Muda", "AHLI_MUDA", 2), ("Penata Ruang Ahli Muda", "AHLI_MUDA", 1)),
    "Inspektorat": (("Auditor Ahli Pertama", "AHLI_PERTAMA", 3), ("Auditor Ahli Muda", "AHLI_MUDA", 2),
                    ("Auditor Ahli Madya", "AHLI_MADYA", 1), ("Auditor Ahli Utama", "AHLI_UTAMA", 0.2)),
    "Perencanaan": (("Perencana Ahli Pertama", "AHLI_PERTAMA", 3), ("Perencana Ahli Muda", "AHLI_MUDA", 2),
                    ("Perencana Ahli Madya", "AHLI_MADYA", 1), ("Perencana Ahli Utama", "AHLI_UTAMA", 0.2)),
    "Sumber Daya Manusia": (("Analis SDM Aparatur Ahli Pertama", "AHLI_PERTAMA", 3),
                            ("Analis SDM Aparatur Ahli Muda", "AHLI_MUDA", 2),
                            ("Widyaiswara Ahli Madya", "AHLI_MADYA", 1), ("Widyaiswara Ahli Utama", "AHLI_UTAMA", 0.3)),
    "Komunikasi": (("Pranata Komputer Ahli Pertama", "AHLI_PERTAMA", 3), ("Pranata Komputer Terampil", "TERAMPIL", 2),
                   ("Statistisi Ahli Muda", "AHLI_MUDA", 1)),
    "Perhubungan": (("Penguji Kendaraan Bermotor Mahir", "MAHIR", 2), ("Penguji Kendaraan Bermotor Pemula", "PEMULA", 1)),
    "": (("Analis Kebijakan Ahli Pertama", "AHLI_PERTAMA", 2), ("Analis Kebijakan Ahli Muda", "AHLI_MUDA", 1),
         ("Arsiparis Terampil", "TERAMPIL", 1), ("Pranata Keuangan APBD Terampil", "TERAMPIL", 1)),
}
STAFF = (("Pengadministrasi Perkantoran", 4), ("Penata Layanan Operasional", 3), ("Pengolah Data dan Informasi", 2),
         ("Operator Layanan Operasional", 2), ("Pengelola Keuangan", 1), ("Pengadministrasi Perkantoran (Pramu Bakti)", 1))

# Technical competencies kept by the BKPSDM of Balikpapan (an agency's own dictionary).
TECHNICAL = (
    ("T.KEU.01", "Pengelolaan Keuangan Daerah"),
    ("T.PBJ.01", "Pengadaan Barang/Jasa Pemerintah"),
    ("T.REN.01", "Perencanaan Pembangunan Daerah"),
    ("T.TIK.01", "Pengelolaan Sistem Pemerintahan Berbasis Elektronik"),
    ("T.SDM.01", "Manajemen ASN"),
    ("T.YAN.01", "Standar Pelayanan Minimal"),
)

# The catalogue: (code, name, type, form, JP, cost per participant in rupiah, seats, raises, eligible kinds,
# priorities). "raises" is "CODE+levels;...". Eligible job families: J (JPT), A, P (pengawas), F, L (pelaksana).
CATALOGUE = (
    ("PKN2-01", "Pelatihan Kepemimpinan Nasional Tingkat II", "PKN II", "pelatihan klasikal", 390, 45_000_000, 10,
     "PENGAMBILAN_KEPUTUSAN+1;MENGELOLA_PERUBAHAN+1;PEREKAT_BANGSA+1", "J", "RPJMD-1"),
    ("PKA-01", "Pelatihan Kepemimpinan Administrator Angkatan I", "PKA", "pelatihan klasikal", 380, 30_000_000, 30,
     "PENGAMBILAN_KEPUTUSAN+1;KERJASAMA+1;ORIENTASI_HASIL+1", "A", "RPJMD-1"),
    ("PKA-02", "Pelatihan Kepemimpinan Administrator Angkatan II", "PKA", "pelatihan klasikal", 380, 30_000_000, 30,
     "PENGAMBILAN_KEPUTUSAN+1;KERJASAMA+1;ORIENTASI_HASIL+1", "A", "RPJMD-1"),
    ("PKP-01", "Pelatihan Kepemimpinan Pengawas Angkatan I", "PKP", "pelatihan klasikal", 300, 18_000_000, 40,
     "KERJASAMA+1;KOMUNIKASI+1;ORIENTASI_HASIL+1", "P", "RPJMD-1"),
    ("PKP-02", "Pelatihan Kepemimpinan Pengawas Angkatan II", "PKP", "pelatihan klasikal", 300, 18_000_000, 40,
     "KERJASAMA+1;KOMUNIKASI+1;ORIENTASI_HASIL+1", "P", "RPJMD-1"),
    ("PKP-03", "Pelatihan Kepemimpinan Pengawas Angkatan III", "PKP", "pelatihan klasikal", 300, 18_000_000, 40,
     "KERJASAMA+1;KOMUNIKASI+1;ORIENTASI_HASIL+1", "P", "RPJMD-1"),
)
# Shorter programmes generated around competencies: (name, type, form, JP, cost, seats, raises, kinds, priority).
SHORT_COURSES = (
    ("Integritas dan Antikorupsi bagi ASN", "manajerial", "pelatihan klasikal", 24, 2_500_000, 120, "INTEGRITAS+1", "", "RKPD-3"),
    ("Integritas ASN (e-learning)", "manajerial", "e-learning", 12, 350_000, 500, "INTEGRITAS+1", "", "RKPD-3"),
    ("Kerja Sama Tim dan Kolaborasi Lintas OPD", "manajerial", "pelatihan klasikal", 24, 2_750_000, 90, "KERJASAMA+1", "", ""),
    ("Komunikasi Publik dan Kehumasan", "manajerial", "pelatihan klasikal", 32, 3_500_000, 60, "KOMUNIKASI+1", "", "RKPD-2"),
    ("Menulis Naskah Dinas yang Efektif", "manajerial", "e-learning", 16, 400_000, 400, "KOMUNIKASI+1", "L", ""),
    ("Manajemen Kinerja Berorientasi Hasil", "manajerial", "pelatihan klasikal", 30, 3_200_000, 80, "ORIENTASI_HASIL+1", "A,P", "RPJMD-2"),
    ("Coaching Kinerja bagi Pengawas", "manajerial", "coaching", 0, 1_200_000, 60, "ORIENTASI_HASIL+1;PENGEMBANGAN_DIRI+1", "P", ""),
    ("Pelayanan Prima", "teknis", "pelatihan klasikal", 24, 2_400_000, 150, "PELAYANAN_PUBLIK+1", "", "RKPD-2"),
    ("Pelayanan Publik Digital (e-learning)", "teknis", "e-learning", 15, 300_000, 600, "PELAYANAN_PUBLIK+1", "", "RKPD-2"),
    ("Mentoring Pengembangan Diri dan Orang Lain", "manajerial", "mentoring", 0, 800_000, 80, "PENGEMBANGAN_DIRI+1", "A,P", ""),
    ("Manajemen Perubahan dan Reformasi Birokrasi", "manajerial", "pelatihan klasikal", 32, 3_600_000, 60, "MENGELOLA_PERUBAHAN+1", "J,A,P", "RPJMD-2"),
    ("Pengambilan Keputusan Berbasis Data", "manajerial", "pelatihan klasikal", 32, 3_900_000, 60, "PENGAMBILAN_KEPUTUSAN+1", "J,A,P,F", "RPJMD-2"),
    ("Wawasan Kebangsaan dan Moderasi", "sosial kultural", "pelatihan klasikal", 20, 2_000_000, 120, "PEREKAT_BANGSA+1", "", ""),
    ("Wawasan Kebangsaan (e-learning)", "sosial kultural", "e-learning", 10, 250_000, 800, "PEREKAT_BANGSA+1", "", ""),
    ("Pengelolaan Keuangan Daerah (SIPD)", "teknis", "pelatihan klasikal", 40, 4_500_000, 60, "T.KEU.01+2", "F,L", "RKPD-1"),
    ("Bimtek Penatausahaan Keuangan", "bimtek", "bimtek", 24, 3_000_000, 80, "T.KEU.01+1", "F,L", "RKPD-1"),
    ("Sertifikasi Pengadaan Barang/Jasa Tingkat Dasar", "teknis", "pelatihan klasikal", 36, 5_000_000, 50, "T.PBJ.01+2", "A,P,F,L", "RKPD-1"),
    ("Perencanaan dan Penganggaran Daerah", "teknis", "pelatihan klasikal", 40, 4_200_000, 50, "T.REN.01+2", "A,P,F", "RPJMD-1"),
    ("Penyusunan RKPD dan Renja OPD", "bimtek", "bimtek", 24, 2_800_000, 80, "T.REN.01+1", "A,P,F", "RPJMD-1"),
    ("SPBE dan Keamanan Informasi", "teknis", "pelatihan klasikal", 32, 4_000_000, 50, "T.TIK.01+2", "F,L", "RPJMD-3"),
    ("Literasi Digital ASN (e-learning)", "teknis", "e-learning", 12, 200_000, 1000, "T.TIK.01+1", "", "RPJMD-3"),
    ("Manajemen ASN dan Sistem Merit", "teknis", "pelatihan klasikal", 30, 3_300_000, 60, "T.SDM.01+2", "A,P,F", "RPJMD-2"),
    ("Analisis Jabatan dan Beban Kerja", "bimtek", "bimtek", 24, 2_600_000, 60, "T.SDM.01+1", "F,L", ""),
    ("Standar Pelayanan Minimal Daerah", "teknis", "pelatihan klasikal", 24, 2_900_000, 60, "T.YAN.01+1;PELAYANAN_PUBLIK+1", "", "RKPD-2"),
    ("Benchmarking Inovasi Pelayanan ke Daerah Lain", "teknis", "benchmarking", 0, 7_500_000, 25, "PELAYANAN_PUBLIK+1;MENGELOLA_PERUBAHAN+1", "A,P", "RKPD-2"),
    ("Magang di Kementerian Dalam Negeri", "teknis", "magang", 0, 9_000_000, 10, "T.REN.01+1;PENGAMBILAN_KEPUTUSAN+1", "F", ""),
    ("Seminar Nasional Pembangunan IKN", "seminar", "seminar", 8, 1_000_000, 300, "PEREKAT_BANGSA+1", "", "RPJMD-1"),
    ("Workshop Inovasi Daerah", "workshop", "workshop", 16, 1_800_000, 100, "MENGELOLA_PERUBAHAN+1", "", "RKPD-2"),
    ("Pelatihan Fungsional Analis Kebijakan", "fungsional", "pelatihan klasikal", 60, 6_500_000, 30, "PENGAMBILAN_KEPUTUSAN+1;KOMUNIKASI+1", "F", "RPJMD-2"),
    ("Pelatihan Fungsional Perencana", "fungsional", "pelatihan klasikal", 60, 6_000_000, 30, "T.REN.01+2", "F", "RPJMD-1"),
    ("Pelatihan Fungsional Auditor", "fungsional", "pelatihan klasikal", 60, 6_800_000, 30, "INTEGRITAS+1;T.KEU.01+1", "F", "RKPD-3"),
    ("Pelatihan Fungsional Pranata Komputer", "fungsional", "pelatihan klasikal", 50, 5_500_000, 30, "T.TIK.01+2", "F", "RPJMD-3"),
    ("Kursus Bahasa Inggris untuk ASN", "kursus", "pelatihan klasikal", 40, 3_000_000, 40, "KOMUNIKASI+1", "", ""),
    ("Sosialisasi Disiplin PNS (PP 94/2021)", "sosialisasi", "pelatihan klasikal", 8, 500_000, 300, "INTEGRITAS+1", "", ""),
    ("Pelatihan Dasar CPNS", "teknis", "pelatihan klasikal", 270, 12_000_000, 80, "INTEGRITAS+1;PEREKAT_BANGSA+1;KERJASAMA+1", "F,L", ""),
    ("Orientasi PPPK", "teknis", "e-learning", 24, 600_000, 400, "INTEGRITAS+1;PELAYANAN_PUBLIK+1", "F,L", ""),
    ("Pembelajaran Mandiri ASN Corpu", "teknis", "belajar mandiri", 6, 0, 2000, "PENGEMBANGAN_DIRI+1", "", ""),
    ("Komunitas Belajar Perencana", "teknis", "komunitas belajar", 8, 150_000, 100, "T.REN.01+1", "F", ""),
    ("Pelayanan Kesehatan Primer", "teknis", "pelatihan klasikal", 40, 4_800_000, 60, "T.YAN.01+2", "F", "RKPD-4"),
    ("Pembelajaran Berdiferensiasi bagi Guru", "teknis", "pelatihan klasikal", 32, 2_200_000, 150, "T.YAN.01+1;KOMUNIKASI+1", "F", "RKPD-4"),
)
# How many copies (batches, angkatan) of each short course the catalogue holds, so the catalogue has ~60 entries.
SHORT_COURSE_BATCHES = {0: 2, 1: 2, 2: 2, 5: 2, 7: 2, 8: 2, 11: 2, 14: 2, 16: 2, 21: 2, 24: 1, 27: 2, 34: 2, 38: 2, 39: 2}
