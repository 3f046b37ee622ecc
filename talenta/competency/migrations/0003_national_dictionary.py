"""The nine managerial and socio-cultural competencies of PermenPAN-RB 38/2017 with their five levels."""

from django.db import migrations

DICTIONARY = [
    ("INTEGRITAS", "Integritas", "manajerial", [
        "Mampu bertindak sesuai nilai, norma, dan etika organisasi dalam kapasitas pribadi",
        "Mampu mengingatkan, mengajak rekan kerja untuk bertindak sesuai nilai, norma, dan etika organisasi",
        "Mampu memastikan, menanamkan keyakinan bersama agar anggota yang dipimpin bertindak sesuai nilai, "
        "norma, dan etika organisasi, dalam lingkup formal",
        "Mampu menciptakan situasi kerja yang membuat rekan kerja/anggota yang dipimpin bertindak sesuai "
        "nilai, norma, dan etika organisasi",
        "Mampu menjadi role model dalam penerapan standar keadilan dan etika di tingkat nasional",
    ]),
    ("KERJASAMA", "Kerja Sama", "manajerial", [
        "Berpartisipasi dalam kelompok kerja",
        "Menumbuhkan tim kerja yang partisipatif dan efektif",
        "Efektif membangun tim kerja untuk peningkatan kinerja organisasi",
        "Membangun komitmen tim, sinergi",
        "Menciptakan situasi kerja sama secara konsisten, baik di dalam maupun di luar instansi",
    ]),
    ("KOMUNIKASI", "Komunikasi", "manajerial", [
        "Menyampaikan informasi dengan jelas, lengkap, pemahaman yang sama",
        "Aktif menjalankan komunikasi secara formal dan informal; bersedia mendengarkan orang lain",
        "Berkomunikasi secara asertif, terampil berkomunikasi lisan/tertulis untuk menyampaikan informasi "
        "yang sensitif/rumit/kompleks",
        "Mampu mengemukakan pemikiran multidimensi secara lisan dan tertulis untuk mendorong kesepakatan",
        "Menggagas sistem komunikasi yang terbuka secara strategis untuk mencari solusi",
    ]),
    ("ORIENTASI_HASIL", "Orientasi pada Hasil", "manajerial", [
        "Bertanggung jawab untuk memenuhi standar kerja",
        "Berupaya meningkatkan hasil kerja pribadi yang lebih tinggi dari standar yang ditetapkan",
        "Menetapkan target kerja yang menantang bagi unit kerja, memberi apresiasi dan teguran",
        "Mendorong unit kerja mencapai target yang ditetapkan atau melebihi hasil kerja sebelumnya",
        "Kemampuan menyusun kebijakan dengan target kinerja tinggi untuk meningkatkan kinerja organisasi",
    ]),
    ("PELAYANAN_PUBLIK", "Pelayanan Publik", "manajerial", [
        "Menjalankan tugas mengikuti standar pelayanan",
        "Mampu mensupervisi/mengawasi/menyelia dan menjelaskan proses pelaksanaan tugas",
        "Mampu memanfaatkan kekuatan kelompok serta memperbaiki standar pelayanan publik",
        "Mampu memonitor, mengevaluasi, memperhitungkan dan mengantisipasi dampak isu jangka panjang",
        "Mampu menciptakan kebijakan pelayanan publik yang menjamin terselenggaranya pelayanan yang adil",
    ]),
    ("PENGEMBANGAN_DIRI", "Pengembangan Diri dan Orang Lain", "manajerial", [
        "Pengembangan diri",
        "Meningkatkan kemampuan bawahan dengan memberikan contoh dan penjelasan cara melaksanakan pekerjaan",
        "Memberikan umpan balik, membimbing",
        "Menyusun program pengembangan jangka panjang dalam rangka mendorong manajemen pembelajaran",
        "Menciptakan situasi yang mendorong organisasi untuk mengembangkan kemampuan belajar secara "
        "berkelanjutan",
    ]),
    ("MENGELOLA_PERUBAHAN", "Mengelola Perubahan", "manajerial", [
        "Mengikuti perubahan dengan arahan",
        "Proaktif beradaptasi mengikuti perubahan",
        "Membantu orang lain mengikuti perubahan, mengantisipasi perubahan secara tepat",
        "Memimpin perubahan pada unit kerja",
        "Mengelola perubahan secara strategis pada tingkat instansi/nasional",
    ]),
    ("PENGAMBILAN_KEPUTUSAN", "Pengambilan Keputusan", "manajerial", [
        "Mengumpulkan informasi untuk bertindak sesuai kewenangan",
        "Menganalisis masalah secara mendalam",
        "Membandingkan berbagai alternatif, menyeimbangkan risiko keberhasilan dalam implementasi",
        "Menyelesaikan masalah yang mengandung risiko tinggi, mengantisipasi dampak keputusan",
        "Menghasilkan solusi dan mengambil keputusan untuk mengatasi permasalahan jangka panjang/strategis",
    ]),
    ("PEREKAT_BANGSA", "Perekat Bangsa", "sosial_kultural", [
        "Peka memahami dan menerima kemajemukan",
        "Aktif mengembangkan sikap saling menghargai, menekankan persamaan dan persatuan",
        "Mempromosikan, mengembangkan sikap toleransi dan persatuan",
        "Mendayagunakan perbedaan secara konstruktif dan kreatif untuk meningkatkan efektivitas organisasi",
        "Wakil pemerintah untuk membangun hubungan sosial psikologis",
    ]),
]


def load(apps, schema_editor):
    Competency = apps.get_model("competency", "Competency")
    Competency.objects.bulk_create(
        Competency(code=code, name=name, kind=kind, level_descriptions=levels, sort_order=i)
        for i, (code, name, kind, levels) in enumerate(DICTIONARY, start=1)
    )


def unload(apps, schema_editor):
    apps.get_model("competency", "Competency").objects.filter(code__in=[d[0] for d in DICTIONARY]).delete()


class Migration(migrations.Migration):
    dependencies = [("competency", "0002_initial")]
    operations = [migrations.RunPython(load, unload)]
