"""The briefing as a two-page PDF to hand to a regional head, and as text for the terminal. In Indonesian
whatever the interface language: it is a document of the Indonesian administration."""

from __future__ import annotations

import re

from reportlab.platypus import KeepTogether, PageBreak

from talenta.analytics.exports import GRID
from talenta.core.pdf import MM, angka, para, persen, render, rupiah, spacer, table, tanggal
from talenta.org.models import Organisation, OrgKind

from .briefing import Briefing, KeyPositionBrief

HR_OFFICE = re.compile(r"kepegawaian|bkpsdm|bkd\b|bpsdm|sumber daya manusia", re.IGNORECASE)
REASON = {"kosong": "Kosong", "plt": "Dipegang Plt", "pensiun": "Pemangku pensiun dalam 12 bulan"}


def issuer_of(region: Organisation) -> Organisation | None:
    """The region's HR office (BKPSDM, BKD or BPSDM) that issues the briefing: the first OPD of the region
    whose name says so (one query); None when the region has none recorded."""
    for opd in Organisation.objects.filter(parent=region, kind=OrgKind.OPD).order_by("code"):
        if HR_OFFICE.search(opd.name):
            return opd
    return None


def _term_lines(b: Briefing) -> list[str]:
    t = b.term
    if t.head is None:
        return ["Kepala daerah belum dicatat: isi data kepala daerah (impor kepala_daerah atau formulir) agar masa "
                "larangan penggantian pejabat dapat dihitung."]  # fmt: skip
    lines = [f"{t.head.title}: {t.head.name}, dilantik {tanggal(t.head.inaugurated)}"
             + (f", masa jabatan sampai {tanggal(t.head.term_end)}." if t.head.term_end else ".")]  # fmt: skip
    if t.deputy:
        lines.append(f"{t.deputy.title}: {t.deputy.name}.")
    if t.frozen:
        lines.append(
            f"Selama 6 bulan sejak pelantikan, sampai {tanggal(t.freeze_until)} (sisa {t.days_left} hari), penggantian "
            "pejabat memerlukan persetujuan tertulis Menteri Dalam Negeri (UU 10/2016 Pasal 162 ayat 3)."
        )
    else:
        lines.append(f"Masa larangan penggantian pejabat berakhir {tanggal(t.freeze_until)}.")
    n = len(b.replacements)
    if n:
        lines.append(f"{n} penggantian pejabat dalam masa itu belum tercatat persetujuannya; setiap penggantian "
                     "dilaporkan paling lambat 7 hari kerja (SE Mendagri 100.2.1.3/1575/SJ).")  # fmt: skip
    elif t.freeze_start:
        lines.append("Tidak ada penggantian pejabat tanpa persetujuan dalam masa itu.")
    return lines


def _position_row(k: KeyPositionBrief) -> list[str]:
    r = k.row
    status = REASON[k.reason]
    if k.reason == "plt" and r.acting is not None:
        status = f"Plt {r.acting.employee.name}, {k.acting_months} bulan" + (" (melewati batas 6 bulan)"
                                                                             if k.acting_over_cap else "")  # fmt: skip
    elif k.reason == "pensiun" and r.retires_first:
        status = f"{r.holders[0].name}, pensiun {tanggal(r.retires_first)}"
    ready = ", ".join(c.employee.name for c in k.ready) or "belum ada calon siap"
    return [r.position.name, r.position.organisation.display_name, status, ready, angka(k.pool)]


def briefing_pdf(b: Briefing) -> bytes:
    issuer = issuer_of(b.region)
    issuer_name = issuer.name if issuer else b.region.name
    f = b.figures
    story: list = [
        para("Ringkasan untuk Kepala Daerah", "title"),
        para(f"{b.region.name} · keadaan per {tanggal(b.today)}", "subtitle"),
        para("1. Masa jabatan dan penggantian pejabat", "h2"),
        *[para(line) for line in _term_lines(b)],
    ]
    if b.replacements:
        rows = [["Nama", "Jabatan", "Unit", "TMT", "Batas lapor"]]
        for x in b.replacements[:12]:
            c = x.change
            rows.append([c.employee.name, c.position_name, c.organisation.name, tanggal(c.tmt),
                         tanggal(x.deadline) + (" (lewat)" if x.overdue else "")])  # fmt: skip
        story += [table(rows, [37 * MM, 44 * MM, 39 * MM, 24 * MM, 26 * MM])]
        if len(b.replacements) > 12:
            story.append(para(f"dan {len(b.replacements) - 12} lainnya (lihat halaman Ringkasan di Talenta).", "small"))
    if b.acting:
        over = b.acting_over_cap
        story.append(para(f"Pelaksana tugas: {len(b.acting)} Plt/Plh sedang menjabat"
                          + (f", {over} di antaranya melewati batas 6 bulan (3 bulan, diperpanjang sekali 3 bulan)."
                             if over else ".")))  # fmt: skip
    story += [para("2. Jabatan kunci", "h2")]
    keys = b.key_vacant + b.key_at_risk
    if keys:
        story.append(para(f"{len(b.key_vacant)} jabatan kunci kosong atau dipegang Plt; {len(b.key_at_risk)} "
                          "pemangkunya mencapai batas usia pensiun dalam 12 bulan."))  # fmt: skip
        rows = [["Jabatan", "Unit", "Keadaan", "Calon siap sekarang", "Kelompok talenta"]]
        rows += [_position_row(k) for k in keys[:14]]
        story.append(table(rows, [41 * MM, 33 * MM, 39 * MM, 35 * MM, 22 * MM], numeric=(4,)))
        if len(keys) > 14:
            story.append(para(f"dan {len(keys) - 14} jabatan kunci lainnya.", "small"))
    else:
        story.append(
            para("Tidak ada jabatan kunci yang kosong, dipegang Plt, atau pemangkunya pensiun dalam 12 bulan.")
        )
    story += [para("3. Pensiun dalam 12 bulan", "h2")]
    by_level = ", ".join(f"{label} {n}" for label, n in b.retiring_by_level) or "tidak ada"
    story.append(para(f"{angka(b.retiring_12_months)} pegawai mencapai batas usia pensiun: {by_level}."))
    story.append(PageBreak())
    placed = sum(f.boxes[1:])
    story += [para("4. Talenta dan sembilan kotak", "h2"),
              para(f"{angka(f.employees)} pegawai, {angka(f.assessed)} telah diases "
                   f"({persen(100 * f.assessed / f.employees if f.employees else None)}); {angka(placed)} dipetakan "
                   f"dalam sembilan kotak, {angka(f.pool)} di kotak 7-9 (calon kelompok suksesi).")]  # fmt: skip
    grid = [["Kinerja \\ Potensi", "Rendah", "Menengah", "Tinggi"]]
    for label, row in zip(("Di atas ekspektasi", "Sesuai ekspektasi", "Di bawah ekspektasi"), GRID, strict=True):
        grid.append([label] + [f"Kotak {box}: {angka(f.boxes[box])} ({persen(f.box_share(box))})" for box in row])
    story += [table(grid, [41 * MM, 43 * MM, 43 * MM, 43 * MM])]
    story += [
        para("5. Profesionalitas dan pengembangan kompetensi", "h2"),
        para(f"Rata-rata Indeks Profesionalitas ASN {angka(f.ip_mean, 2)}; PNS yang memenuhi 20 JP tahun {b.year}: "
             f"{angka(f.jp_compliant)} dari {angka(f.jp_subject)} ({persen(f.jp_share)})."),
        para(f"6. Anggaran pengembangan kompetensi {b.year}", "h2"),
    ]  # fmt: skip
    if b.budget is None:
        story.append(para(f"Pagu pengembangan kompetensi tahun {b.year} belum dicatat."))
    else:
        story.append(para(f"Pagu {rupiah(b.budget)}."))
    if b.plan is not None:
        r = b.plan.result
        story.append(para(
            f"Rencana pengembangan yang disetujui: biaya {rupiah(r.get('cost'))}, {angka(r.get('assignments'))} "
            f"penugasan pelatihan, menutup {angka(r.get('levels_closed'))} tingkat kesenjangan kompetensi; PNS yang "
            f"memenuhi 20 JP naik dari {angka(r.get('compliant_before'))} menjadi {angka(r.get('compliant_after'))}."
        ))  # fmt: skip
    else:
        story.append(para("Belum ada rencana pengembangan yang disetujui untuk tahun ini."))
    story += [para("7. Sistem merit dan analisis beban kerja", "h2")]
    merit = (f"Penilaian mandiri sistem merit {b.merit.year}: {b.merit.category} (nilai {angka(b.merit.total, 2)})."
             if b.merit else "Penilaian mandiri sistem merit belum diajukan.")  # fmt: skip
    story.append(para(merit))
    if b.abk["with_abk"]:
        story.append(para(f"ABK {b.year}: {angka(b.abk['with_abk'])} dari {angka(b.abk['positions'])} jabatan "
                          f"dianalisis; kebutuhan {angka(b.abk['need'])}, terisi {angka(b.abk['holders'])}, "
                          f"kekurangan {angka(b.abk['short'])} pegawai."))  # fmt: skip
    else:
        story.append(para(f"Analisis beban kerja (ABK) tahun {b.year} belum diisi."))
    story += [
        spacer(10),
        KeepTogether([
            para(f"{b.region.name.replace('Kabupaten ', '').replace('Kota ', '')}, {tanggal(b.today)}"),
            para(f"Kepala {issuer_name}" if issuer else "Yang menyampaikan,"),
            spacer(18),
            para("(nama dan tanda tangan)"),
            para("NIP"),
        ]),
        spacer(6),
        para(f"Sumber: data Talenta per {tanggal(b.today)}; aturan {b.ruleset}.", "small"),
    ]  # fmt: skip
    return render(story, title=f"Ringkasan untuk Kepala Daerah · {b.region.name}", issuer=issuer_name,
                  issued=b.today)  # fmt: skip


def briefing_text(b: Briefing) -> str:
    """What the terminal prints without --json: the headline figures, one per line."""
    lines = [f"Ringkasan untuk Kepala Daerah: {b.region.name} ({tanggal(b.today)})", *_term_lines(b)]
    lines += [
        f"Plt/Plh menjabat: {len(b.acting)} (melewati batas: {b.acting_over_cap})",
        f"Jabatan kunci kosong/Plt: {len(b.key_vacant)}; pemangku pensiun dalam 12 bulan: {len(b.key_at_risk)}",
        f"Pensiun dalam 12 bulan: {b.retiring_12_months}",
        f"Pagu {b.year}: {rupiah(b.budget)}; biaya rencana disetujui: {rupiah(b.plan_cost)}",
        f"PNS memenuhi 20 JP: {persen(b.figures.jp_share)}",
    ]
    return "\n".join(lines)
