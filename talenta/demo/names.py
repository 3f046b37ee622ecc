"""Indonesian name parts, majors and titles for the demo region (invented people, common names)."""

MALE = (
    "Agus", "Budi", "Hendra", "Rudi", "Andi", "Dedi", "Eko", "Fajar", "Gunawan", "Hadi", "Irwan", "Joko",
    "Kurniawan", "Lukman", "Muhammad", "Nur", "Rahmat", "Sugeng", "Taufik", "Wahyu", "Yusuf", "Zainal",
    "Arif", "Bambang", "Dimas", "Fikri", "Hasan", "Ilham", "Rizky", "Slamet", "Syahrul", "Teguh", "Yudi",
    "Abdul", "Ahmad", "Bayu", "Daeng", "Firman", "Haris", "Iqbal", "Samsul", "Reza", "Aditya", "Imam",
)
FEMALE = (
    "Siti", "Sri", "Dewi", "Nur", "Rina", "Ratna", "Wulan", "Yuliana", "Fitri", "Indah", "Lestari",
    "Maya", "Novita", "Putri", "Rahmawati", "Sari", "Tri", "Wahyuni", "Yanti", "Ayu", "Dian", "Eka",
    "Fatimah", "Hj. Aminah", "Intan", "Kartika", "Lina", "Mega", "Nurul", "Puspita", "Rosita", "Sulastri",
    "Anisa", "Desi", "Evi", "Herlina", "Irma", "Nia", "Rika", "Suryani", "Vera", "Winda", "Zahra",
)
FAMILY = (
    "Saputra", "Pratama", "Hidayat", "Santoso", "Wijaya", "Setiawan", "Nugroho", "Kusuma", "Siregar",
    "Nasution", "Harahap", "Lubis", "Simanjuntak", "Pardede", "Rahman", "Hakim", "Syahputra", "Permana",
    "Susanto", "Wibowo", "Purnomo", "Hartono", "Suharto", "Sembiring", "Tarigan", "Pohan", "Daulay",
    "Mappasessu", "Lamasse", "Bakri", "Latief", "Husain", "Ardiansyah", "Firmansyah", "Kurnia",
    "Anggraini", "Maharani", "Safitri", "Utami", "Handayani", "Puspitasari", "Ramadhani", "Aryani",
    "Sinaga", "Manurung", "Panjaitan", "Tampubolon", "Sitompul", "Matondang", "Arsyad", "Baso", "Daeng",
)
MAJORS = {
    "SMA": ("IPA", "IPS", "Administrasi Perkantoran", "Akuntansi", "Teknik Komputer dan Jaringan"),
    "D3": ("Akuntansi", "Manajemen Informatika", "Keperawatan", "Kebidanan", "Teknik Sipil", "Administrasi"),
    "D4": ("Akuntansi Sektor Publik", "Keperawatan", "Teknik Sipil", "Manajemen Pemerintahan"),
    "S1": ("Ilmu Pemerintahan", "Ilmu Hukum", "Akuntansi", "Manajemen", "Teknik Sipil", "Pendidikan",
           "Kesehatan Masyarakat", "Teknik Informatika", "Ilmu Administrasi Negara", "Ekonomi Pembangunan",
           "Kedokteran", "Keperawatan", "Perencanaan Wilayah dan Kota", "Agribisnis"),
    "S2": ("Magister Administrasi Publik", "Magister Manajemen", "Magister Hukum", "Magister Ilmu Pemerintahan",
           "Magister Perencanaan Pembangunan", "Magister Kesehatan Masyarakat", "Magister Pendidikan"),
    "S3": ("Doktor Ilmu Administrasi", "Doktor Ilmu Pemerintahan", "Doktor Manajemen"),
}
TITLES = {
    "D3": ("A.Md.", "A.Md.Kep.", "A.Md.Ak."),
    "D4": ("S.Tr.Ak.", "S.Tr.Kep.", "S.ST."),
    "S1": ("S.E.", "S.Sos.", "S.H.", "S.T.", "S.Kom.", "S.Pd.", "S.IP.", "S.KM.", "S.Ked."),
    "S2": ("M.Si.", "M.M.", "M.H.", "M.AP.", "M.Pd.", "M.Kes.", "M.T."),
    "S3": ("M.Si.", "M.M."),
}
