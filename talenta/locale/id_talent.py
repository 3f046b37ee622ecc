"""Indonesian texts of talent reviews, pools and succession (merged into translate_id.ID)."""

TALENT = {
    "Talent management": "Manajemen talenta",
    "nine boxes": "sembilan kotak",
    "talent reviews": "rapat talenta",
    "box movement": "pergerakan kotak",
    "talent pools": "kelompok rencana suksesi",
    "succession": "suksesi",
    "below expectations": "di bawah ekspektasi",
    "meets expectations": "sesuai ekspektasi",
    "above expectations": "di atas ekspektasi",
    "low": "rendah",
    "high": "tinggi",
    "Preparing": "Disiapkan",
    "Open": "Berjalan",
    "Final": "Final",
    "talent review": "rapat talenta",
    "JPT": "JPT",
    "Administrator": "Administrator",
    "Pengawas": "Pengawas",
    "Functional": "Fungsional",
    "Proposed": "Usulan",
    "Confirmed": "Terkonfirmasi",
    "Ready now": "Siap sekarang",
    "Ready in 1-2 years": "Siap 1-2 tahun",
    "Ready in 3+ years": "Siap 3+ tahun",
    "readiness": "kesiapan",
    "emergency successor": "pengganti darurat",
    "%(n)s employees placed, %(r)s from a finalised review; %(u)s not placed.": (
        "%(n)s pegawai terpetakan, %(r)s dari rapat talenta final; %(u)s belum terpetakan."
    ),
    "Basis: rule set %(v)s (RULES.md §5); box from a finalised review where there is one.": (
        "Dasar: aturan %(v)s (RULES.md §5); kotak dari rapat talenta final bila ada."
    ),
    "Give the review a name.": "Beri nama rapat talenta.",
    "The year must be between 2000 and 2100.": "Tahun harus antara 2000 dan 2100.",
    "These users cannot see %(org)s and cannot be members: %(users)s": (
        "Pengguna ini tidak dapat melihat %(org)s sehingga tidak bisa menjadi anggota: %(users)s"
    ),
    "Talent review not found.": "Rapat talenta tidak ditemukan.",
    "This review is not open: its boxes can no longer change.": (
        "Rapat talenta ini tidak sedang berjalan: kotaknya tidak dapat diubah lagi."
    ),
    "Only the facilitator and the members of this review can calibrate.": (
        "Hanya fasilitator dan anggota rapat talenta ini yang dapat melakukan kalibrasi."
    ),
    "This employee is not in the review.": "Pegawai ini tidak termasuk dalam rapat talenta.",
    "A band is 0, 1 or 2.": "Tingkat bernilai 0, 1 atau 2.",
    "Nothing changed.": "Tidak ada perubahan.",
    "Give the reason for this change.": "Tuliskan alasan perubahan ini.",
    "Only an open review can be finalised.": "Hanya rapat talenta yang sedang berjalan yang dapat difinalkan.",
    "Only the facilitator can finalise the review.": "Hanya fasilitator yang dapat memfinalkan rapat talenta.",
    "Key position not found.": "Jabatan kunci tidak ditemukan.",
    "%(name)s already holds this position.": "%(name)s sudah menduduki jabatan ini.",
    "%(name)s is already nominated for this position.": "%(name)s sudah dicalonkan untuk jabatan ini.",
    "%(name)s is not eligible for this position: %(reasons)s.": (
        "%(name)s tidak memenuhi syarat untuk jabatan ini: %(reasons)s."
    ),
    "Candidate not found.": "Kandidat tidak ditemukan.",
    "Choose a readiness.": "Pilih kesiapan.",
    "Choose a status.": "Pilih status.",
    "The rank is 1 or more.": "Peringkat minimal 1.",
    "Give the reason for a readiness other than the derived one.": (
        "Tuliskan alasan bila kesiapan berbeda dari hasil perhitungan."
    ),
    "reason for the change": "alasan perubahan",
    "Reason": "Alasan",
    "The review could not be prepared:": "Rapat talenta tidak dapat disiapkan:",
    "Computing every employee's bands and box; this page opens the review when it is ready.": (
        "Menghitung tingkat dan kotak setiap pegawai; halaman ini membuka rapat talenta setelah siap."
    ),
    "Box movement": "Pergerakan kotak",
    "From": "Dari",
    "To": "Ke",
    "Show": "Tampilkan",
    "Employees in both years": "Pegawai di kedua tahun",
    "Moved up": "Naik",
    "Same level": "Tetap",
    "Moved down": "Turun",
    "Boxes of finalised talent reviews (one per employee and year). Up and down follow the nine-box grid of PermenPAN-RB 3/2020: "
    "1, then 2-3, then 4-6, then 7-8, then 9.": (
        "Kotak dari rapat talenta final (satu per pegawai per tahun). Naik dan turun mengikuti kisi sembilan kotak PermenPAN-RB 3/2020: "
        "1, lalu 2-3, lalu 4-6, lalu 7-8, lalu 9."
    ),
    "All of": "Seluruh",
    "All golongan": "Semua golongan",
    "%(n)s employees placed (%(r)s from a finalised review); %(u)s without a box (no SKP or no potential score).": (
        "%(n)s pegawai terpetakan (%(r)s dari rapat talenta final); %(u)s tanpa kotak (tanpa SKP atau skor potensi)."
    ),
    "Box %(b)s: %(n)s employees": "Kotak %(b)s: %(n)s pegawai",
    "Source": "Sumber",
    "review": "rapat talenta",
    "engine": "perhitungan",
    "Nobody in this box.": "Tidak ada pegawai di kotak ini.",
    "Basis: rule set %(v)s (PermenPAN-RB 3/2020 as amended by 20/2025): performance band from the latest SKP predikat, potential band from "
    "the potential score; the box a finalised talent review gave for the year replaces the computed one.": (
        "Dasar: aturan %(v)s (PermenPAN-RB 3/2020 sebagaimana diubah 20/2025): tingkat kinerja dari predikat SKP terakhir, tingkat potensi dari skor "
        "potensi; kotak hasil rapat talenta final tahun itu menggantikan hasil perhitungan."
    ),
    "Talent pools": "Kelompok rencana suksesi",
    "Boxes 7, 8 and 9 of a finalised talent review form the pool for the level each member is prepared for; "
    "box 9 also forms the national pool. A proposal becomes a decision when it is confirmed.": (
        "Kotak 7, 8 dan 9 rapat talenta final membentuk kelompok rencana suksesi untuk jenjang yang disiapkan; "
        "kotak 9 juga masuk kelompok nasional. Usulan menjadi keputusan setelah dikonfirmasi."
    ),
    "confirmed, %(proposed)s proposed": "terkonfirmasi, %(proposed)s usulan",
    "All levels": "Semua jenjang",
    "national pool only (box 9)": "hanya kelompok nasional (kotak 9)",
    "Confirm": "Konfirmasi",
    "Back to proposed": "Kembalikan ke usulan",
    "Nobody in the pool for this year: finalise a talent review first.": (
        "Belum ada anggota kelompok untuk tahun ini: finalkan rapat talenta terlebih dahulu."
    ),
    "Talent reviews": "Rapat talenta",
    "Facilitator": "Fasilitator",
    "Members": "Anggota",
    "finalised %(d)s: the boxes are locked.": "difinalkan %(d)s: kotak dikunci.",
    "Box %(b)s holds %(share)s%% of the placed employees; the rule set's guideline is about %(guide)s%%. "
    "Check the calibration.": (
        "Kotak %(b)s berisi %(share)s%% pegawai terpetakan; pedoman aturan sekitar %(guide)s%%. Periksa kalibrasi."
    ),
    "Distribution": "Sebaran",
    "%(n)s placed, %(u)s without a box.": "%(n)s terpetakan, %(u)s tanpa kotak.",
    "By gender": "Menurut jenis kelamin",
    "By job level": "Menurut jenjang jabatan",
    "By agency": "Menurut perangkat daerah",
    "Agency": "Perangkat daerah",
    "NIP or name": "NIP atau nama",
    "All boxes": "Semua kotak",
    "calibrated only": "hanya yang dikalibrasi",
    "Engine box": "Kotak perhitungan",
    "Nobody matches.": "Tidak ada yang cocok.",
    "Finalise and lock the boxes?": "Finalkan dan kunci kotak?",
    "Finalise the review": "Finalkan rapat talenta",
    "Basis: rule set %(v)s; engine bands from each employee's latest SKP and potential score when the review "
    "opened; every change keeps the engine's value, the new one and the reason.": (
        "Dasar: aturan %(v)s; tingkat hasil perhitungan dari SKP terakhir dan skor potensi setiap pegawai saat "
        "rapat dibuka; setiap perubahan menyimpan nilai perhitungan, nilai baru dan alasannya."
    ),
    "No talent review yet.": "Belum ada rapat talenta.",
    "New review": "Rapat talenta baru",
    "The review starts from the boxes the engine computes for every employee of the organisation; members "
    "calibrate them with a reason; the facilitator (you) finalises it, which locks the boxes for the year.": (
        "Rapat talenta dimulai dari kotak hasil perhitungan untuk setiap pegawai organisasi; anggota "
        "mengkalibrasinya dengan alasan; fasilitator (Anda) memfinalkannya sehingga kotak tahun itu terkunci."
    ),
    "Open the review": "Buka rapat talenta",
    "Succession": "Suksesi",
    "Succession for key positions": "Suksesi jabatan kunci",
    "vacancy forecast": "proyeksi kekosongan",
    "Key positions": "Jabatan kunci",
    "%(n)s with candidates": "%(n)s memiliki kandidat",
    "Bench strength": "Kekuatan suksesor",
    "with a confirmed successor ready now": "memiliki suksesor terkonfirmasi yang siap sekarang",
    "Coverage": "Cakupan",
    "a successor named for n positions counts 1/n": "suksesor untuk n jabatan dihitung 1/n",
    "Candidates": "Kandidat",
    "Ready now (confirmed)": "Siap sekarang (terkonfirmasi)",
    "vacant": "kosong",
    "No key position here: mark positions as key (KUNCI = Y in the jabatan import).": (
        "Belum ada jabatan kunci: tandai jabatan sebagai kunci (KUNCI = Y pada impor jabatan)."
    ),
    "retires": "pensiun",
    "Standard": "Standar",
    "none: candidates cannot be measured against it.": "tidak ada: kandidat tidak dapat diukur terhadapnya.",
    "Nominated successors": "Suksesor yang dicalonkan",
    "Rank": "Peringkat",
    "Candidate": "Kandidat",
    "JPM (target)": "JPM (jabatan target)",
    "Fit": "Kecocokan",
    "Readiness": "Kesiapan",
    "Basis": "Dasar",
    "gaps": "kesenjangan",
    "reason (when not the derived readiness)": "alasan (bila berbeda dari kesiapan hasil perhitungan)",
    "Remove": "Hapus",
    "No successor nominated yet.": "Belum ada suksesor yang dicalonkan.",
    "derived readiness (from the gap to this position's standard, rule set); another choice needs a reason.": (
        "kesiapan hasil perhitungan (dari kesenjangan terhadap standar jabatan ini, aturan); pilihan lain perlu alasan."
    ),
    "Suggested candidates": "Usulan kandidat",
    "Nominate by NIP": "Calonkan dengan NIP",
    "Years to retirement": "Tahun menuju pensiun",
    "not assessed": "belum diases",
    "Nominate": "Calonkan",
    "No eligible candidate in this government.": "Tidak ada kandidat yang memenuhi syarat di pemerintah daerah ini.",
    "Basis: rule set %(v)s. Eligible: job kind, golongan and status allowed for this job kind, and at least the "
    "minimum years to retirement. Fit = weighted JPM against this position's standard (latest assessment), the "
    "box (finalised review, else computed) and years of service left. Readiness from JPM and the largest single "
    "gap.": (
        "Dasar: aturan %(v)s. Memenuhi syarat: jenis jabatan, golongan dan status yang diizinkan untuk jabatan ini, "
        "serta sisa masa kerja minimal. Kecocokan = bobot JPM terhadap standar jabatan ini (asesmen terakhir), kotak "
        "(rapat talenta final, atau hasil perhitungan) dan sisa masa kerja. Kesiapan dari JPM dan kesenjangan "
        "terbesar."
    ),
    "Organisation code": "Kode organisasi",
    "Review finalised: %(n)s boxes recorded for %(y)s.": "Rapat talenta difinalkan: %(n)s kotak dicatat untuk %(y)s.",
    "Saved.": "Tersimpan.",
    "box": "kotak",
    "rule set %(r)s; assessment %(a)s; %(y)s years to retirement": (
        "aturan %(r)s; asesmen %(a)s; %(y)s tahun menuju pensiun"
    ),
    "box from": "kotak dari",
    "%(n)s successors, %(r)s ready now": "%(n)s suksesor, %(r)s siap sekarang",
    "job kind": "jenis jabatan",
    "golongan": "golongan",
    "status": "status",
    "years to retirement": "sisa masa kerja sebelum pensiun",
    "accepted": "diterima",
    "Plan not found.": "Rencana tidak ditemukan.",
    "Only a finished plan can be accepted.": "Hanya rencana yang selesai dihitung yang dapat diterima.",
    "This plan was already accepted.": "Rencana ini sudah diterima.",
    "Accepted %(d)s: the assignments are planned learning records.": (
        "Diterima %(d)s: penugasan sudah menjadi rencana pengembangan kompetensi pegawai."
    ),
    "Write every assignment as a planned learning record?": "Catat setiap penugasan sebagai rencana pelatihan?",
    "Accept the plan": "Terima rencana",
    "Each assignment becomes a planned learning record; when it is imported as attended its JP count.": (
        "Setiap penugasan menjadi rencana pelatihan; setelah diimpor sebagai telah diikuti, JP-nya dihitung."
    ),
    "Plan accepted: %(n)s planned learning records written.": ("Rencana diterima: %(n)s rencana pelatihan dicatat."),
    "Value %(v)s (proven bound %(b)s; nomination order %(g)s)": (
        "Nilai %(v)s (batas atas terbukti %(b)s; urutan usulan %(g)s)"
    ),
    "Cost Rp %(c)s of Rp %(b)s": "Biaya Rp %(c)s dari Rp %(b)s",
    "PNS/CPNS meeting 20 JP: %(a)s -> %(b)s of %(n)s employees": (
        "PNS/CPNS memenuhi 20 JP: %(a)s -> %(b)s dari %(n)s pegawai"
    ),
    "Gap levels closed: %(n)s; %(k)s assignments": "Tingkat kesenjangan tertutup: %(n)s; %(k)s penugasan",
    "Basis: rule set %(v)s; solved with HiGHS (Talenta planner).": (
        "Dasar: aturan %(v)s; diselesaikan dengan HiGHS (perencana Talenta)."
    ),
    "Summary for the regional head (PDF)": "Ringkasan untuk kepala daerah (PDF)",
    "RKPD/RPJMD priority codes (comma-separated)": "Kode prioritas RKPD/RPJMD (dipisah koma)",
    "Weight of the competencies of priority programmes": "Bobot kompetensi program prioritas",
    "What more or less budget buys": "Apa yang dibeli oleh anggaran lebih besar atau lebih kecil",
    "Value and 20-JP coverage against the budget": "Nilai dan cakupan 20 JP terhadap anggaran",
    "value": "nilai",
    "Budget": "Anggaran",
    "Also plan at 50, 75, 125 and 150% of the budget (scenarios)": (
        "Juga rencanakan pada 50, 75, 125 dan 150% anggaran (skenario)"
    ),
    "What the programmes of %(year)s achieved": "Hasil program tahun %(year)s",
    "Attended": "Diikuti",
    "Measured (assessed before and after)": "Terukur (diases sebelum dan sesudah)",
    "Cost per gap level closed": "Biaya per level kesenjangan tertutup",
    "Basis: attended learning records of the programme; levels closed are the rise between the assessments "
    "before and after it on the competencies it raises, at most the levels it promises.": (
        "Dasar: catatan pelatihan yang diikuti pada program itu; level tertutup adalah kenaikan antara asesmen "
        "sebelum dan sesudahnya pada kompetensi yang ditingkatkan program, paling banyak sebesar yang dijanjikan."
    ),
    "Declined": "Ditolak",
    "Say why the proposal is declined.": "Sebutkan alasan usulan ditolak.",
    "confirmed": "dikonfirmasi",
    "declined": "ditolak",
    "set back to proposed": "dikembalikan menjadi usulan",
    "%(n)s proposals %(what)s.": "%(n)s usulan %(what)s.",
    "Nothing changed: the chosen rows already had that decision.": "Tidak ada yang berubah: baris yang dipilih sudah memiliki keputusan itu.",
    "%(declined)s declined": "%(declined)s ditolak",
    "Tick every row of this page": "Centang semua baris di halaman ini",
    "Reason (needed to decline)": "Alasan (wajib bila menolak)",
    "e.g. the SKP of the last two years is below expectation": "misalnya SKP dua tahun terakhir di bawah ekspektasi",
    "Confirm the chosen": "Konfirmasi yang dipilih",
    "Decline the chosen": "Tolak yang dipilih",
    "Decision": "Keputusan",
    "As finalised: box %(b)s holds %(share)s%% of the placed employees (guideline about %(guide)s%%).": "Saat difinalkan: kotak %(b)s berisi %(share)s%% pegawai terpetakan (pedoman sekitar %(guide)s%%).",
    "%(name)s is nominated.": "%(name)s dicalonkan.",
    "%(name)s is no longer nominated.": "%(name)s tidak lagi dicalonkan.",
    "Remove %(n)s from the successors of this position?": "Hapus %(n)s dari calon pengganti jabatan ini?",
    "NIP, name or position": "NIP, nama atau jabatan",
    "All OPDs": "Semua OPD",
    "Job level": "Jenis jabatan",
    "All job levels": "Semua jenis jabatan",
    "Within": "Dalam",
    "Within five years": "Dalam lima tahun",
    "key positions only": "hanya jabatan kunci",
    "clear the filter": "hapus saringan",
    "Download": "Unduh",
    "No position matches the filter.": "Tidak ada jabatan yang cocok dengan saringan.",
    "Type a name: a government or an OPD": "Ketik nama: pemerintah daerah atau OPD",
    "Type a name": "Ketik nama",
    "Pelaksana": "Pelaksana",
    "Self-assessments of %(o)s": "Penilaian mandiri %(o)s",
    "The cards count retirements; the list also holds the posts a Plt holds (vacant now), which the cards leave out.": "Kartu menghitung pensiun; daftar juga memuat jabatan yang dipegang Plt (kosong sekarang), yang tidak dihitung kartu.",
    "choose…": "pilih…",
    "rule set %(v)s": "aturan %(v)s",
    "assessment score": "skor asesmen",
    "good practice file": "berkas praktik baik",
    "follow-up evidence file": "berkas bukti tindak lanjut",
    "DPRD": "DPRD",
    "DPRD member": "anggota DPRD",
    "DPRD orientation": "orientasi DPRD",
    "DPRD attendance": "kehadiran DPRD",
    "merit framework": "kerangka sistem merit",
    "merit indicator": "indikator sistem merit",
    "merit self-assessment": "penilaian mandiri sistem merit",
    "merit score": "skor sistem merit",
    "programme competency": "kompetensi program",
    "talent review row": "baris rapat talenta",
    "calibration": "kalibrasi",
    "box history": "riwayat kotak",
    "talent pool member": "anggota kelompok rencana suksesi",
    "successor": "calon pengganti",
}
