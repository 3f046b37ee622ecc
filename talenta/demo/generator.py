"""``talenta demo``: a realistic, deterministic demo region written straight into the database.

Everything comes from one ``random.Random(seed)`` and the reference date, so the same seed on the same
day gives the same region. Rows are generated in Python and written with ``executemany`` (a tenth of
the cost of ``bulk_create``), all in one transaction: the demo is loaded whole or not at all.
"""

from __future__ import annotations

import random
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from talenta.competency.models import Assessment, AssessmentScore, Competency, PositionStandard
from talenta.core.bulk import analyze, bulk_insert
from talenta.engine.nip import make_nip
from talenta.engine.pembina import add_months
from talenta.engine.rules import RuleSet
from talenta.governance.models import AbkTask
from talenta.learning.idp import programmes_open_to
from talenta.learning.models import Budget, IdpItem, IdpStatus, LearningRecord, Programme, ProgrammeCompetency
from talenta.org.models import HeadOffice, Organisation, OrgKind, RegionalHead, Role, User
from talenta.people.models import (
    EMPLOYEE_INSERT_FIELDS,
    ActingAssignment,
    ActingKind,
    DisciplinePenalty,
    Employee,
    PerformanceRating,
    Position,
    PositionChange,
)
from talenta.people.moves import history_backfill

from . import names, region

DEMO_PASSWORD = "talenta-demo"
DEMO_USERNAMES = ("admin", "nasional", "kaltim", "balikpapan", "ppu", "opd.bkpsdm", "pegawai")
FAMILY_OF = {"J": "jpt", "A": "administrator", "P": "pengawas", "F": "fungsional", "L": "pelaksana"}
Progress = Callable[[str], None]
# Highest golongan index (0 = I/a ... 16 = IV/e) a holder of each job kind plausibly has.
MAX_RANK = {
    "JPT_UTAMA": 16,
    "JPT_MADYA": 16,
    "JPT_PRATAMA": 14,
    "ADMINISTRATOR": 13,
    "PENGAWAS": 12,
    "AHLI_UTAMA": 16,
    "AHLI_MADYA": 14,
    "AHLI_MUDA": 12,
    "AHLI_PERTAMA": 10,
    "PENYELIA": 11,
    "MAHIR": 10,
    "TERAMPIL": 9,
    "PEMULA": 8,
    "PELAKSANA": 10,
}


@dataclass
class Slot:
    """A demo position: where it is, what it is, and how many holders it gets (``weight`` for staff)."""

    position_id: int
    org_id: int
    org_path: str
    job_kind: str
    name: str = ""
    job_class: int = 1
    is_key: bool = False
    structural: bool = True
    weight: float = 1
    holders: int = 0


@dataclass
class DemoStats:
    counts: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    users: list[tuple[str, str, str]] = field(default_factory=list)


STRUCTURAL_KINDS = ("JPT_UTAMA", "JPT_MADYA", "JPT_PRATAMA", "ADMINISTRATOR", "PENGAWAS")


class DemoBuilder:
    def __init__(self, *, seed: int, employees: int, ruleset: RuleSet, today: date, progress: Progress):
        self.rng = random.Random(seed)
        self.seed = seed
        self.n_employees = employees
        self.rules = ruleset
        self.today = today
        self.now = timezone.now()
        self.progress = progress
        self.stats = DemoStats()

    # -- organisations -------------------------------------------------------------------------
    def build_orgs(self) -> list[Slot]:
        gov_orgs = {o.code: o for o in Organisation.objects.filter(code__in=[g[0] for g in region.GOVERNMENTS])}
        slots: list[Slot] = []
        self.opds: dict[str, list[Organisation]] = {}
        national = Organisation.objects.get(code="ID")
        bpsdm = Organisation(
            code="ID.01",
            name="Badan Pengembangan Sumber Daya Manusia Kementerian Dalam Negeri",
            kind=OrgKind.OPD,
            parent=national,
        )
        bpsdm.save()
        self.national_opd = bpsdm
        for gov_code, gov_kind, _share in region.GOVERNMENTS:
            gov = gov_orgs[gov_code]
            templates = region.OPD_TEMPLATES + (region.PROVINCE_EXTRA if gov_kind == "province" else ())
            self.opds[gov_code] = []
            for i, (opd_name, _head, units) in enumerate(templates, start=1):
                infix = "00." if gov_kind == "province" else ""
                opd = Organisation(
                    code=f"{gov_code}.{infix}{i:02d}", name=f"{opd_name} {gov.name}", kind=OrgKind.OPD, parent=gov
                )
                opd.save()
                self.opds[gov_code].append(opd)
                unit_orgs = []
                for j, unit_name in enumerate(units, start=1):
                    u = Organisation(code=f"{opd.code}.{j:02d}", name=unit_name, kind=OrgKind.UNIT, parent=opd)
                    u.save()
                    unit_orgs.append(u)
                slots += self._positions(gov_kind, opd, unit_orgs)
        self.stats.counts["organisations"] = Organisation.objects.filter(depth__gte=2).count()
        return slots

    def _positions(self, gov_kind: str, opd: Organisation, units: list[Organisation]) -> list[Slot]:
        rng = self.rng
        specs: list[Slot] = []

        def add(
            org: Organisation,
            name: str,
            kind: str,
            job_class: int,
            *,
            key: bool = False,
            structural: bool = True,
            weight: float = 1,
        ) -> None:
            specs.append(
                Slot(
                    0,
                    org.id,
                    org.path,
                    kind,
                    name=name,
                    job_class=job_class,
                    is_key=key,
                    structural=structural,
                    weight=weight,
                )
            )

        if opd.name.startswith("Sekretariat Daerah"):
            add(
                opd,
                "Sekretaris Daerah",
                "JPT_MADYA" if gov_kind == "province" else "JPT_PRATAMA",
                16 if gov_kind == "province" else 15,
                key=True,
            )
            add(opd, "Asisten Pemerintahan dan Kesejahteraan Rakyat", "JPT_PRATAMA", 14, key=True)
            add(opd, "Asisten Perekonomian dan Pembangunan", "JPT_PRATAMA", 14, key=True)
        elif opd.name.startswith("Inspektorat"):
            add(opd, "Inspektur", "JPT_PRATAMA", 14, key=True)
        elif opd.name.startswith("Rumah Sakit"):
            add(opd, "Direktur", "JPT_PRATAMA", 14, key=True)
        else:
            add(opd, f"Kepala {opd.name.split(' ')[0]}", "JPT_PRATAMA", 14, key=True)
        field_key = next((k for k in region.FUNCTIONAL if k and k in opd.name), "")
        functional = region.FUNCTIONAL[field_key] + (region.FUNCTIONAL[""] if field_key else ())
        for u in units:
            secretariat = u.name.startswith(("Sekretariat", "Bagian"))
            add(
                u,
                "Sekretaris" if u.name == "Sekretariat" else f"Kepala {u.name}",
                "ADMINISTRATOR",
                12,
                key=u.name == "Sekretariat",
            )
            for k, sub in enumerate(("Umum dan Kepegawaian", "Program dan Evaluasi")):
                stage = ("Perencanaan", "Pelaksanaan")[k]  # two sections of a field, named (not "Seksi Aset 1")
                topic = u.name.split(" ", 1)[-1]
                name = f"Kepala Subbagian {sub}" if secretariat else f"Kepala Seksi {stage} {topic}"
                add(u, name, "PENGAWAS", 9)
            for name, kind, weight in functional:
                if rng.random() < 0.85:
                    add(u, name, kind, 10 if kind.startswith("AHLI") else 8, structural=False, weight=weight)
            for name, weight in region.STAFF:
                add(u, name, "PELAKSANA", 6 if weight > 2 else 5, structural=False, weight=weight)
        bulk_insert(
            Position,
            ("organisation", "name", "job_kind", "job_class", "is_key", "created_at", "updated_at"),
            [(s.org_id, s.name, s.job_kind, s.job_class, s.is_key, self.now, self.now) for s in specs],
        )
        ids = {
            (o, n): pid
            for pid, o, n in Position.objects.filter(organisation__in=[opd, *units]).values_list(
                "id", "organisation_id", "name"
            )
        }
        for s in specs:
            s.position_id = ids[(s.org_id, s.name)]
        return specs

    def build_standards(self, slots: list[Slot]) -> None:
        comp_ids = list(Competency.objects.filter(owner__isnull=True).values_list("id", flat=True))
        rows = []
        for s in slots:
            level = self.rules.job_kind(s.job_kind).default_level
            for cid in comp_ids:
                # Some positions' own SKJ asks a level above the default for one or two competencies.
                bump = 1 if (level < 5 and self.rng.random() < 0.08) else 0
                rows.append((s.position_id, cid, level + bump))
        self.stats.counts["standards"] = bulk_insert(PositionStandard, ("position", "competency", "level"), rows)

    # -- employees -----------------------------------------------------------------------------
    def assign_holders(self, slots: list[Slot]) -> None:
        structural = [s for s in slots if s.structural]
        # A few structural posts are vacant; in a small demo they take at most half the employees.
        fill = min(0.93, 0.5 * self.n_employees / max(1, len(structural)))
        for s in structural:
            s.holders = 1 if self.rng.random() < fill else 0
        remaining = max(0, self.n_employees - sum(s.holders for s in structural))
        others = [s for s in slots if not s.structural]
        weights = [s.weight for s in others]
        for s, n in Counter(self.rng.choices(range(len(others)), weights=weights, k=remaining)).items():
            others[s].holders += n

    def _birth(self, job_kind: str) -> date:
        family = self.rules.job_kind(job_kind).family
        bup = self.rules.job_kind(job_kind).bup
        lo, hi = {"jpt": (44, bup - 1), "administrator": (36, bup - 1), "pengawas": (30, bup - 1)}.get(
            family, (22, bup - 1)
        )
        age_days = self.rng.randint(lo * 365 + 30, hi * 365 + 300)
        return self.today - timedelta(days=age_days)

    def _education(self, job_kind: str) -> str:
        family = self.rules.job_kind(job_kind).family
        r = self.rng.random()
        if family == "jpt":
            return "S3" if r < 0.12 else "S2"
        if family == "administrator":
            return "S2" if r < 0.55 else "S1"
        if family == "pengawas":
            return "S2" if r < 0.2 else "S1" if r < 0.92 else "D4"
        if job_kind.startswith("AHLI"):
            return "S3" if r < 0.02 else "S2" if r < 0.25 else "S1" if r < 0.9 else "D4"
        if family == "fungsional":
            return "D3" if r < 0.8 else "SMA"
        return "SMA" if r < 0.45 else "D3" if r < 0.65 else "S1"

    def build_employees(self, slots: list[Slot], progress_every: int = 20000) -> None:
        rng, rules, today = self.rng, self.rules, self.today
        pns_ranks = [code for code, _t in rules.golongan_pns]
        start_rank = {"SD": 0, "SMP": 4, "SMA": 4, "D1": 5, "D2": 5, "D3": 6, "D4": 8, "S1": 8, "S2": 9, "S3": 10}
        min_rank = {"jpt": 12, "administrator": 10, "pengawas": 9}
        pppk_gol = {"SMA": 5, "D3": 7, "D4": 9, "S1": 9, "S2": 10, "S3": 11}
        used: set[str] = set()
        rows = []
        t0 = time.perf_counter()
        for slot in slots:
            family = rules.job_kind(slot.job_kind).family
            for _ in range(slot.holders):
                birth = self._birth(slot.job_kind)
                gender = "L" if rng.random() < (0.62 if slot.structural else 0.48) else "P"
                edu = self._education(slot.job_kind)
                age_at_entry = rng.randint(21, 33) if edu not in ("SMA",) else rng.randint(19, 28)
                r = rng.random()
                pppk = not slot.structural and r < 0.18
                cpns = not pppk and not slot.structural and r < 0.21
                if pppk:
                    year = rng.randint(max(2019, birth.year + 20), today.year)
                    tmt = date(year, 1, 1)
                    status, round_ = "PPPK", rng.randint(1, 3)
                    golongan = rules.golongan_pppk[min(16, pppk_gol.get(edu, 5) - 1 + rng.randint(0, 1))]
                else:
                    if cpns:
                        tmt_d = today - timedelta(days=rng.randint(20, 360))
                    else:
                        tmt_d = birth + timedelta(days=365 * age_at_entry + rng.randint(0, 300))
                        latest = today - timedelta(days=400)
                        if tmt_d > latest:
                            tmt_d = latest - timedelta(days=rng.randint(0, 200))
                    tmt = date(tmt_d.year, tmt_d.month, 1)
                    if (tmt.year - birth.year) - ((tmt.month, tmt.day) < (birth.month, birth.day)) < 18:
                        tmt = date(birth.year + 19, birth.month, 1)
                    status, round_ = ("CPNS" if cpns else "PNS"), None
                    service = today.year - tmt.year
                    rank = start_rank[edu] + service // 4
                    rank = max(rank, min_rank.get(family, 0))
                    rank = min(rank, MAX_RANK.get(slot.job_kind, 11))
                    golongan = pns_ranks[rank]
                for seq in range(1, 1000):
                    nip = make_nip(birth_date=birth, tmt=tmt, gender=gender, sequence=seq, pppk_round=round_)
                    if nip not in used:
                        used.add(nip)
                        break
                first = rng.choice(names.MALE if gender == "L" else names.FEMALE)
                family = names.MALE_FAMILY if gender == "L" else names.FAMILY
                name = f"{first} {rng.choice(family)}"
                if rng.random() < 0.3:
                    middle = rng.choice(names.MALE)
                    if middle == first:  # never "Yusuf Yusuf Purnomo": the next name of the list instead
                        middle = names.MALE[(names.MALE.index(middle) + 1) % len(names.MALE)]
                    name = f"{first} {middle} {rng.choice(family)}"
                title_back = rng.choice(names.TITLES[edu]) if edu in names.TITLES else ""
                if edu == "S2":
                    title_back = f"{rng.choice(names.TITLES['S1'])}, {title_back}"
                title_front = "Dr." if edu == "S3" else ("dr." if slot.name.startswith("Dokter") else "")
                if title_front == "dr.":  # a physician: "dr." is the degree, a master's in health beside it
                    title_back = "M.Kes." if edu == "S2" else ""
                tmt_jab = max(tmt, today - timedelta(days=rng.randint(30, 365 * 6)))
                rows.append(
                    (
                        nip,
                        name,
                        title_front,
                        title_back,
                        birth,
                        gender,
                        status,
                        golongan,
                        edu,
                        rng.choice(names.MAJORS.get(edu, ("",))),
                        slot.org_id,
                        slot.org_path,
                        slot.position_id,
                        tmt_jab,
                        tmt,
                        rules.retirement_date(birth, slot.job_kind),
                        self.now,
                        self.now,
                    )
                )
                if len(rows) % progress_every == 0:
                    self.progress(f"  employees generated: {len(rows):,} ({time.perf_counter() - t0:.1f}s)")
        self.stats.counts["employees"] = bulk_insert(
            Employee,
            EMPLOYEE_INSERT_FIELDS,
            rows,
        )

    # -- histories -----------------------------------------------------------------------------
    def build_histories(self) -> None:
        rng, today, rules = self.rng, self.today, self.rules
        emps = list(
            Employee.objects.order_by("id").values_list("id", "status", "position_id", "tmt_cpns", "position__job_kind")
        )
        standard: dict[int, dict[int, int]] = defaultdict(dict)
        for pid, cid, level in PositionStandard.objects.values_list("position_id", "competency_id", "level"):
            standard[pid][cid] = level
        # Assessments: ~75% assessed once, ~20% of those also earlier; levels around the standard.
        a_rows, plans = [], []
        for emp_id, _status, pid, _tmt, _kind in emps:
            if rng.random() < 0.75:
                dates = [today - timedelta(days=rng.randint(60, 365 * 4))]
                if rng.random() < 0.2:
                    dates.append(dates[0] - timedelta(days=rng.randint(400, 900)))
                skill = rng.gauss(-0.45, 0.8)  # most fall a little short of their standard: gaps to close
                for k, d in enumerate(dates):
                    pot = round(min(99, max(35, rng.gauss(70 + 8 * skill, 9))), 2) if rng.random() < 0.8 else None
                    a_rows.append(
                        (
                            emp_id,
                            d,
                            rng.choice(
                                (
                                    "UPT Penilaian Kompetensi BKN",
                                    "Assessment Center BKD",
                                    "Assessment Center BPSDM Provinsi",
                                )
                            ),
                            pot,
                            self.now,
                            self.now,
                        )
                    )
                    plans.append((emp_id, d, pid, skill - 0.5 * k))
        self.stats.counts["assessments"] = bulk_insert(
            Assessment, ("employee", "date", "source", "potential_score", "created_at", "updated_at"), a_rows
        )
        ids = {(e, d): i for i, e, d in Assessment.objects.values_list("id", "employee_id", "date")}
        s_rows = []
        for emp_id, d, pid, skill in plans:
            aid = ids[(emp_id, d)]
            for cid, req in standard[pid].items():
                level = round(req + skill + rng.gauss(0, 0.7))
                s_rows.append((aid, cid, min(5, max(1, level))))
        self.stats.counts["assessment_scores"] = bulk_insert(
            AssessmentScore, ("assessment", "competency", "level"), s_rows
        )
        self.progress(f"  assessments: {len(a_rows):,} with {len(s_rows):,} competency scores")
        # SKP: the last three years, mostly "sesuai", with a numeric score for most.
        skp_rows = []
        ratings = ("di_bawah", "sesuai", "di_atas")
        for emp_id, _status, _pid, tmt, _kind in emps:
            for year in range(today.year - 3, today.year):
                if year < tmt.year:
                    continue
                hasil = rng.choices(ratings, weights=(6, 74, 20))[0]
                perilaku = rng.choices(ratings, weights=(3, 72, 25))[0]
                predikat = rules.predikat_for(hasil, perilaku)
                base = {
                    "Sangat Baik": 93,
                    "Baik": 84,
                    "Butuh Perbaikan": 68,
                    "Kurang/Misconduct": 55,
                    "Sangat Kurang": 45,
                }[predikat]
                score = round(min(100, max(0, rng.gauss(base, 4))), 2) if rng.random() < 0.7 else None
                skp_rows.append((emp_id, year, hasil, perilaku, predikat, score, rules.version, self.now, self.now))
        self.stats.counts["skp"] = bulk_insert(
            PerformanceRating,
            ("employee", "year", "hasil_kerja", "perilaku", "predikat", "score", "ruleset", "created_at", "updated_at"),
            skp_rows,
        )
        self.progress(f"  SKP ratings: {len(skp_rows):,}")
        self._learning(emps)
        # Discipline: ~1.5% have a penalty in the last six years; a few are serving one now.
        d_rows = []
        for emp_id, *_ in emps:
            if rng.random() < 0.015:
                start = today - timedelta(days=rng.randint(30, 365 * 6))
                level = rng.choices(("ringan", "sedang", "berat"), weights=(6, 3, 1))[0]
                end = start + timedelta(days={"ringan": 90, "sedang": 365, "berat": 730}[level])
                d_rows.append((emp_id, level, start, end, self.now, self.now))
        self.stats.counts["discipline"] = bulk_insert(
            DisciplinePenalty, ("employee", "level", "start", "end", "created_at", "updated_at"), d_rows
        )

    def _learning(self, emps) -> None:
        rng, today = self.rng, self.today
        progs = list(Programme.objects.values_list("id", "name", "type", "form", "route", "jp", "eligible_job_kinds"))
        by_family: dict[str, list] = defaultdict(list)
        for p in progs:
            fams = {self.rules.job_kind(k).family for k in p[6]} if p[6] else set(FAMILY_OF.values())
            for f in fams:
                by_family[f].append(p)
        providers = (
            "BPSDM Provinsi Kalimantan Timur",
            "BKPSDM Kota Balikpapan",
            "BKPSDM Kabupaten PPU",
            "BPSDM Kemendagri",
            "LAN RI",
            "Lembaga Kebijakan Pengadaan Barang/Jasa (LKPP)",
        )
        rows = []
        start_of_year = date(today.year, 1, 1)
        days_this_year = max(1, (today - start_of_year).days)
        for emp_id, status, _pid, tmt, kind in emps:
            family = self.rules.job_kind(kind).family
            options = by_family[family]
            seen: set[tuple[str, date]] = set()
            # This year: about a third stay under 20 JP.
            for year, n in (
                (today.year, rng.choices((0, 1, 2, 3), weights=(15, 30, 35, 20))[0]),
                (today.year - 1, rng.randint(0, 3)),
                (today.year - 2, rng.randint(0, 2)),
            ):
                for _ in range(n):
                    p = rng.choice(options)
                    if year == today.year:
                        start = start_of_year + timedelta(days=rng.randint(0, days_this_year))
                    else:
                        start = date(year, 1, 1) + timedelta(days=rng.randint(0, 360))
                    if start < tmt or (p[1], start) in seen:
                        continue
                    # Latsar CPNS in the first years of service only, the PPPK orientation for PPPK (issue 23)
                    if p[1].startswith("Pelatihan Dasar CPNS") and (
                        status == "PPPK" or start > tmt + timedelta(days=2 * 365)
                    ):
                        continue
                    if p[1].startswith("Orientasi PPPK") and status != "PPPK":
                        continue
                    seen.add((p[1], start))
                    jp = float(p[5])  # the catalogue entry already holds the form's default where it had none
                    end = start + timedelta(days=max(0, int(jp // 8)))
                    if end > today:
                        end = today
                    kind = p[2].upper().replace(" ", "")
                    cert = f"{rng.randint(100, 999)}/{kind}/{start.year}/{rng.randint(1, 9999):04d}"
                    rows.append(
                        (
                            emp_id,
                            p[1],
                            p[3],
                            p[4],
                            p[2],
                            start,
                            end,
                            jp,
                            rng.choice(providers),
                            cert,
                            "attended",
                            p[0],
                            self.now,
                            self.now,
                        )
                    )
        self.stats.counts["learning_records"] = bulk_insert(
            LearningRecord,
            (
                "employee",
                "title",
                "form",
                "route",
                "type",
                "start",
                "end",
                "jp",
                "provider",
                "certificate_no",
                "status",
                "programme",
                "created_at",
                "updated_at",
            ),
            rows,
        )
        self.progress(f"  learning records: {len(rows):,}")

    # -- catalogue, budgets, users -------------------------------------------------------------
    def build_catalogue(self) -> None:
        owner = self.opds["64.71"][1]  # BKPSDM Kota Balikpapan keeps the technical dictionary
        for code, name in region.TECHNICAL:
            Competency.objects.create(code=code, name=name, kind="teknis", owner=owner, sort_order=200)
        comp = dict(Competency.objects.values_list("code", "id"))
        province_bpsdm = self.opds["64"][-1]
        entries = []
        for code, name, type_, form, jp, cost, seats, raises, kinds, prio in region.CATALOGUE:
            entries.append((code, name, type_, form, jp, cost, seats, raises, kinds, prio, province_bpsdm))
        owners = [province_bpsdm, self.opds["64.71"][1], self.opds["64.09"][1]]
        for i, (name, type_, form, jp, cost, seats, raises, kinds, prio) in enumerate(region.SHORT_COURSES):
            for b in range(region.SHORT_COURSE_BATCHES.get(i, 1)):
                suffix = f" Angkatan {b + 1}" if region.SHORT_COURSE_BATCHES.get(i, 1) > 1 else ""
                entries.append(
                    (
                        f"KT-{i + 1:02d}{chr(65 + b)}",
                        name + suffix,
                        type_,
                        form,
                        jp,
                        cost,
                        seats,
                        raises,
                        kinds,
                        prio,
                        owners[(i + b) % 3],
                    )
                )
        rows = []
        for code, name, type_, form, jp, cost, seats, _raises, kinds, prio, owner_org in entries:
            route = self.rules.learning_forms[form].route
            if not jp:
                jp = self.rules.learning_forms[form].default_jp
            rows.append(
                (
                    code,
                    name,
                    owner_org.id,
                    form,
                    route,
                    type_,
                    jp,
                    cost,
                    seats,
                    [c for c in kinds.split(",") if c],
                    [p for p in prio.split(",") if p],
                    self.now,
                    self.now,
                )
            )
        bulk_insert(
            Programme,
            (
                "code",
                "name",
                "owner",
                "form",
                "route",
                "type",
                "jp",
                "cost",
                "capacity",
                "eligible_job_kinds",
                "priority_codes",
                "created_at",
                "updated_at",
            ),
            rows,
        )
        # Stored eligibility uses job-kind codes; expand the family letters used above.
        family_kinds = defaultdict(list)
        for code, kind in self.rules.job_kinds.items():
            family_kinds[kind.family].append(code)
        prog_ids = dict(Programme.objects.values_list("code", "id"))
        raise_rows = []
        for code, *_rest in entries:
            raises = _rest[6]
            for part in raises.split(";"):
                c, lv = part.split("+")
                raise_rows.append((prog_ids[code], comp[c], int(lv)))
        bulk_insert(ProgrammeCompetency, ("programme", "competency", "levels"), raise_rows)
        for p in Programme.objects.exclude(eligible_job_kinds=[]):
            p.eligible_job_kinds = sorted(k for f in p.eligible_job_kinds for k in family_kinds[FAMILY_OF[f]])
            p.save(update_fields=["eligible_job_kinds"])
        self.stats.counts["programmes"] = len(entries)

    def build_budgets(self) -> None:
        rows = []
        opd_codes = {o.code for opds in self.opds.values() for o in opds}
        per_head: Counter[str] = Counter()
        for path in Employee.objects.values_list("org_path", flat=True).iterator(chunk_size=20000):
            per_head[next(c for c in path.split("/") if c in opd_codes)] += 1
        for opds in self.opds.values():
            for year in (self.today.year - 1, self.today.year, self.today.year + 1):
                gov_total = 0
                for opd in opds:
                    amount = int(per_head[opd.code] * self.rng.uniform(1.2, 2.4) * 1_000_000 // 1_000_000 * 1_000_000)
                    gov_total += amount
                    rows.append((opd.id, year, amount, self.now, self.now))
                gov = opds[0].parent_id
                rows.append((gov, year, gov_total, self.now, self.now))
        self.stats.counts["budgets"] = bulk_insert(
            Budget, ("organisation", "year", "amount", "created_at", "updated_at"), rows
        )

    # Task texts of the demo ABK (RULES.md §10): period, output unit, text; the volumes are drawn so that a
    # position's workload lands between about half and one and a half times its holders' working time.
    ABK_TASKS = (
        ("tahun", "dokumen", "Menyusun rencana kerja dan anggaran"),
        ("bulan", "laporan", "Menyusun laporan kegiatan bulanan"),
        ("minggu", "berkas", "Memeriksa dan memverifikasi berkas usulan"),
        ("hari", "layanan", "Melayani permohonan dan pertanyaan masyarakat"),
        ("hari", "surat", "Mengagendakan surat masuk dan keluar"),
        ("bulan", "rapat", "Menyiapkan bahan rapat koordinasi"),
    )

    def build_abk(self, slots: list[Slot]) -> None:
        """ABK of this year for about 70% of Kota Balikpapan's positions (every job kind), in draft."""
        abk = self.rules.abk
        if abk is None:
            return
        rows = []
        for slot in slots:
            if "/64.71/" not in slot.org_path or self.rng.random() > 0.7:
                continue
            target = max(slot.holders, 1) * abk.wke_minutes * self.rng.uniform(0.45, 1.6)
            chosen = self.rng.sample(self.ABK_TASKS, 3)
            shares = [self.rng.uniform(0.2, 1) for _ in chosen]
            for (period, unit, text), share in zip(chosen, shares, strict=True):
                norm = self.rng.choice((15, 20, 30, 45, 60, 90, 120))
                volume = max(1, round(target * share / sum(shares) / (abk.periods[period] * norm)))
                rows.append((slot.position_id, self.today.year, text, unit, volume, period, norm, self.now, self.now))
        self.stats.counts["abk_tasks"] = bulk_insert(
            AbkTask,
            ("position", "year", "task", "output_unit", "volume", "period", "norm_minutes", "created_at", "updated_at"),
            rows,
        )

    def build_pembina(self, slots: list[Slot]) -> None:
        """RULES.md §11 in the demo: every employee's position history opens with their current position; the
        province and Balikpapan have heads inaugurated with the 2025 simultaneous inauguration (their freeze is
        over), Penajam Paser Utara a head inaugurated 75 days ago after a re-run election (its freeze is on),
        with three structural replacements since, one of them approved; two vacant key posts have a Plt, one
        in office for seven months (over the cap)."""
        today = self.today
        regions = dict(Organisation.objects.filter(code__in=("64", "64.71", "64.09")).values_list("code", "id"))
        if len(regions) < 3:
            return
        start = today - timedelta(days=75)
        sim, end = date(2025, 2, 20), date(2030, 2, 20)  # the 2025 simultaneous inauguration
        heads = [
            (regions["64"], "Drs. H. Arif Wicaksono, M.Si.", HeadOffice.GUBERNUR, sim, end),
            (regions["64"], "H. Bambang Setiadi, S.E.", HeadOffice.WAKIL_GUBERNUR, sim, end),
            (regions["64.71"], "Dr. H. Rudi Hartono, S.E., M.M.", HeadOffice.WALI_KOTA, sim, end),
            (regions["64.09"], "H. Mahmud Rahman, S.Sos.", HeadOffice.BUPATI, start, end),
            (regions["64.09"], "Ir. Wahyuni Lestari", HeadOffice.WAKIL_BUPATI, start, end),
        ]  # fmt: skip
        bulk_insert(
            RegionalHead,
            ("region", "name", "office", "inaugurated", "term_end", "created_at", "updated_at"),
            [(*h, self.now, self.now) for h in heads],
        )
        # The random TMT jabatan of structural staff stays out of the freeze windows (a demo of a region that
        # kept the rule), then three PPU officials take their posts inside the freeze.
        windows = [(sim, add_months(sim, 6)), (start, today)]
        structural = Employee.objects.filter(position__job_kind__in=STRUCTURAL_KINDS, tmt_jabatan__isnull=False)
        shifted = []
        for emp in structural.only("id", "tmt_jabatan"):
            if any(lo <= emp.tmt_jabatan <= hi for lo, hi in windows):
                emp.tmt_jabatan = sim - timedelta(days=self.rng.randint(30, 900))
                shifted.append(emp)
        Employee.objects.bulk_update(shifted, ["tmt_jabatan"])
        # Three PPU officials took their posts inside the freeze: their TMT jabatan moves into the window.
        movers = list(
            Employee.objects.filter(
                org_path__contains="/64.09/", position__job_kind__in=("ADMINISTRATOR", "PENGAWAS")
            ).order_by("nip")[:3]
        )
        for i, emp in enumerate(movers):
            emp.tmt_jabatan = start + timedelta(days=12 + 9 * i)
        Employee.objects.bulk_update(movers, ["tmt_jabatan"])
        self.stats.counts["position_history"] = history_backfill()
        for i, emp in enumerate(movers):
            PositionChange.objects.filter(employee=emp).update(
                decree_no=f"821.2/{31 + i}/BKPSDM-PPU/{today.year}",
                approval_no=f"100.2.2.6/{4410 + i}/OTDA" if i == 0 else "",
            )
        vacant_key = [s for s in slots if s.is_key and not s.holders]
        acting = []
        for code, months in (("/64.71/", 7), ("/64.09/", 2)):
            post = next((s for s in vacant_key if code in s.org_path), None)
            person = (
                Employee.objects.filter(org_path__contains=code, position__job_kind__in=STRUCTURAL_KINDS)
                .exclude(position__is_key=True)
                .order_by("-golongan", "nip")
                .first()
                if post
                else None
            )
            if post and person:
                acting.append((person.pk, post.position_id, ActingKind.PLT, today - timedelta(days=30 * months - 3)))
        self.stats.counts["acting"] = bulk_insert(
            ActingAssignment, ("employee", "position", "kind", "start", "created_at", "updated_at"),
            [(*a, self.now, self.now) for a in acting],
        )  # fmt: skip

    def build_users(self) -> None:
        bkpsdm_bpp = self.opds["64.71"][1]
        first_emp = Employee.objects.filter(org_path__startswith=bkpsdm_bpp.path).order_by("nip").first()
        # Officers are greeted by name (issue 23), not by their login ("Opd.Bkpsdm").
        specs = [
            ("admin", Role.NATIONAL_ADMIN, "ID", None, True, "Administrator Talenta"),
            ("nasional", Role.NATIONAL_ADMIN, "ID", None, False, "Dra. Sri Wahyuni, M.Si."),
            ("kaltim", Role.PROVINCE_ADMIN, "64", None, False, "Andi Rahmat, S.STP., M.M."),
            ("balikpapan", Role.REGENCY_ADMIN, "64.71", None, False, "Hendra Gunawan, S.E., M.Si."),
            ("ppu", Role.REGENCY_ADMIN, "64.09", None, False, "Siti Rahmawati, S.Sos."),
            ("opd.bkpsdm", Role.OPD_OFFICER, bkpsdm_bpp.code, None, False, "Rina Marlina, S.Kom."),
            ("pegawai", Role.EMPLOYEE, None, first_emp, False, ""),
        ]
        for username, role, org_code, emp, superuser, full_name in specs:
            org = Organisation.objects.get(code=org_code) if org_code else None
            user = User(
                username=username,
                role=role,
                organisation=org,
                employee=emp,
                is_superuser=superuser,
                is_staff=superuser,
                first_name=(emp.name if emp else full_name),
            )
            user.set_password(DEMO_PASSWORD)
            user.save()
            self.stats.users.append((username, user.get_role_display(), org_code or (emp.nip if emp else "")))

    def build_idp(self) -> None:
        """Individual development plans in Balikpapan's BKPSDM: the demo employee has one item approved and one
        proposed; a dozen colleagues have proposals waiting for the OPD officer (issue 22)."""
        officer = User.objects.filter(username="opd.bkpsdm").first()
        if officer is None:
            return
        office = officer.organisation
        people = list(
            Employee.objects.filter(org_path__startswith=office.path).select_related("position").order_by("nip")[:13]
        )
        first_raise = dict(ProgrammeCompetency.objects.order_by("-levels").values_list("programme_id", "competency_id"))
        fallback = Competency.objects.filter(code="KOMUNIKASI").values_list("id", flat=True).first()
        items = []
        for k, emp in enumerate(people):
            offers = [p for p in programmes_open_to(emp) if p.pk in first_raise]
            if not offers:
                continue
            prog = offers[k % len(offers)]
            item = IdpItem(
                employee=emp,
                year=self.today.year,
                programme=prog,
                form=prog.form,
                jp=prog.jp,
                cost=prog.cost,
                provider=prog.owner.name if prog.owner_id else "",
                competency_id=first_raise[prog.pk],
                reason="Menutup kesenjangan kompetensi jabatan",
            )
            if k == 0:  # the demo employee: approved, and a coaching proposed beside it
                item.status, item.decided_by, item.decided_at = IdpStatus.APPROVED, officer, self.now
                item.decision_note = "Sesuai kebutuhan unit"
                items.append(
                    IdpItem(
                        employee=emp,
                        year=self.today.year,
                        activity="Coaching penyusunan kajian kebijakan",
                        form="coaching",
                        jp=4,
                        cost=0,
                        provider="Kepala Bidang",
                        competency_id=fallback or first_raise[prog.pk],
                        reason="Belajar dari atasan langsung",
                    )
                )
            items.append(item)
        self.stats.counts["idp_items"] = len(IdpItem.objects.bulk_create(items))

    def build_followup(self) -> None:
        """The Rakornas 2025 (Balikpapan) recommendations, with some follow-up already recorded."""
        from talenta.coordination.followup import recommendation_create
        from talenta.coordination.models import ActionItem

        y = self.today.year
        for number, (text, theme, level, due) in enumerate(region.RAKORNAS, start=1):
            rec = recommendation_create(
                actor=None,
                meeting="Rakornas BPSDM 2025, Balikpapan",
                year=2025,
                number=number,
                text=text,
                theme=theme,
                level=level,
                due_date=date(y, *due),
            )
            progress = {
                "64": ("selesai", "Laporan tindak lanjut disampaikan ke BPSDM Kemendagri."),
                "64.71": ("proses", "Rancangan peraturan wali kota sedang disusun."),
            }
            for code, (status, evidence) in progress.items():
                ActionItem.objects.filter(recommendation=rec, organisation__code=code).update(
                    status=status, evidence=evidence, owner="Kepala BKPSDM" if code != "64" else "Kepala BPSDM"
                )
        self.stats.counts["action_items"] = ActionItem.objects.count()

    def build_dprd(self) -> None:
        """The 2024-2029 DPRD of the province, Balikpapan and PPU with their members, the province's
        orientation of 2025 and a pendalaman tugas for the two regencies/cities (RULES.md §9; issue 23: the DPRD
        pages are not empty on a first look). Drawn from a stream of their own: the rest of the demo is as before."""
        from talenta.dprd.models import Attendance, DprdBody, DprdMember, Orientation

        rng = random.Random(self.seed * 7919 + 9)
        term = "2024-2029"
        seats = {"64": 55, "64.71": 45, "64.09": 25}
        parties = (
            "Partai Nusantara Maju", "Partai Karya Bangsa", "Partai Amanat Rakyat", "Partai Persatuan Daerah",
            "Partai Keadilan Sejahtera Bersama", "Partai Bintang Harapan", "Partai Hijau Borneo",
        )  # fmt: skip
        province = Organisation.objects.get(code="64")
        members: dict[str, list] = {}
        for code, n in seats.items():
            body = DprdBody.objects.create(region=Organisation.objects.get(code=code), term=term, seats=n)
            used: set[str] = set()
            rows = []
            for k in range(n):
                gender = "P" if rng.random() < 0.22 else "L"
                while True:
                    first = rng.choice(names.FEMALE if gender == "P" else names.MALE)
                    family = rng.choice(names.FAMILY if gender == "P" else names.MALE_FAMILY)
                    title = rng.choice(
                        ("", "", "H. " if gender == "L" else "Hj. ", "Ir. ", "Drs. " if gender == "L" else "Dra. ")
                    )
                    back = rng.choice(("", ", S.H.", ", S.E.", ", S.Sos.", ", S.T., M.M.", ", S.IP."))
                    if title.strip() in ("Ir.", "Drs.", "Dra."):  # an old-style degree: no second bachelor's
                        back = rng.choice(("", ", M.Si.", ", M.M.", "", ", M.H.", ""))
                    name = f"{title}{first} {family}{back}"
                    if name not in used:
                        used.add(name)
                        break
                party = parties[k % len(parties)] if k < 2 * len(parties) else rng.choice(parties)
                position = "ketua" if k == 0 else ("wakil ketua" if k <= (3 if code == "64" else 2) else "anggota")
                replaced = k == n - 1  # one member replaced between elections (PAW)
                rows.append(
                    DprdMember(
                        body=body,
                        name=name,
                        gender=gender,
                        party=party,
                        faction=f"Fraksi {party.removeprefix('Partai ')}",
                        commission=f"Komisi {('I', 'II', 'III', 'IV')[k % 4]}",
                        position=position,
                        status="paw" if replaced else "aktif",
                        status_date=date(2025, 8, 18) if replaced else None,
                    )
                )
            members[code] = DprdMember.objects.bulk_create(rows)
        orientation = Orientation.objects.create(
            code="OR-DPRD-64-2025-1", kind="orientasi", batch=1, start=date(2025, 2, 10), end=date(2025, 2, 14),
            place="Samarinda", organiser=province, jp_classroom=32, jp_elearning=8,
        )  # fmt: skip
        deepening = Orientation.objects.create(
            code="PT-DPRD-64-2025-1", kind="pendalaman tugas", batch=1, start=date(2025, 9, 22),
            end=date(2025, 9, 25), place="Balikpapan", organiser=province, jp_classroom=24, jp_elearning=0,
        )  # fmt: skip
        attendance = []
        for code, rows in members.items():
            programme = orientation if code == "64" else deepening
            for k, member in enumerate(rows):
                if member.status == "paw" or rng.random() < 0.1:
                    continue  # not (yet) attended: the page lists them as open
                attendance.append(
                    Attendance(
                        orientation=programme,
                        member=member,
                        attended=True,
                        certificate_no=f"445/{programme.code}/{k + 1:03d}",
                    )
                )
        Attendance.objects.bulk_create(attendance)
        self.stats.counts["dprd_members"] = sum(len(r) for r in members.values())

    def build_merit(self) -> None:
        """Merit self-assessments (RULES.md §8): Balikpapan's of last year submitted and verified by the
        province, PPU's of this year half filled (a draft), so the merit pages show both states."""
        from talenta.indices import services as merit

        users = {u.username: u for u in User.objects.filter(username__in=("balikpapan", "ppu", "kaltim"))}
        if len(users) < 3:
            return
        rng = random.Random(self.seed * 104729 + 3)
        y = self.today.year
        evidence = (
            "SK Wali Kota tentang pola karier; daftar hadir rapat talenta",
            "Laporan analisis kebutuhan pengembangan kompetensi (AKPK) tahun berjalan",
            "Rekap IDP yang disetujui per perangkat daerah",
            "Notula rapat tim penilai kinerja",
            "Tangkapan layar sistem informasi kepegawaian",
        )
        for who, code, year, share in (("balikpapan", "64.71", y - 1, 1.0), ("ppu", "64.09", y, 0.5)):
            actor = users[who]
            org = Organisation.objects.get(code=code)
            assessment = merit.assessment_open(actor=actor, org=org, year=year)
            fw = assessment.framework
            indicators = list(fw.indicators.order_by("order"))
            for ind in indicators[: round(share * len(indicators))]:
                score = min(fw.score_max, max(fw.score_min, rng.choice((2, 3, 3, 4, 4, 5))))
                merit.score_save(
                    actor=actor, assessment=assessment, indicator=ind, score=score, evidence=rng.choice(evidence)
                )
            if share == 1.0:
                merit.assessment_submit(actor=actor, assessment=assessment)
                first = assessment.scores.order_by("indicator__order").first()
                lower = {
                    first.indicator_id: (max(fw.score_min, first.self_score - 1), "Bukti belum memuat SK penetapan")
                }
                merit.assessment_verify(actor=users["kaltim"], assessment=assessment, changes=lower if first else {})
        self.stats.counts["merit_assessments"] = 2

    def build_talent(self) -> None:
        """Kota Balikpapan's talent reviews (two finalised years, this year's open with a few calibrations) and
        successors nominated for some of its key positions."""
        from talenta.talent import reviews, succession
        from talenta.talent.models import ReviewEntry

        org = Organisation.objects.get(code="64.71")
        users = {u.username: u for u in User.objects.filter(username__in=("balikpapan", "kaltim"))}
        if len(users) < 2:
            return
        facilitator, member = users["balikpapan"], users["kaltim"]
        y = self.today.year
        for year in (y - 2, y - 1, y):
            session = reviews.review_create(
                actor=facilitator, name=f"Rapat Talenta Kota Balikpapan {year}", year=year, org=org, members=[member]
            )
            reviews.review_prepare(session.pk, today=self.today)
            session.refresh_from_db()
            rng = self.rng
            middle = list(session.entries.filter(box=5).values_list("id", flat=True)[:200])
            for entry_id in rng.sample(middle, min(len(middle), 6)):
                reviews.calibrate(
                    actor=member,
                    session=session,
                    entry_id=entry_id,
                    performance=2,
                    potential=1,
                    reason="Capaian kinerja triwulan IV melampaui target (bukti: laporan IKU)",
                )
            if year < y:
                reviews.review_finalise(actor=facilitator, session=session)
        keys = Position.objects.filter(is_key=True, organisation__path__startswith=org.path).order_by("id")[:8]
        for k, position in enumerate(keys):
            _version, fits = succession.suggest(actor=facilitator, position=position, limit=3, today=self.today)
            for rank, fit in enumerate(fits[:2], start=1):
                c = succession.nominate(actor=facilitator, position=position, nip=fit.nip, today=self.today)
                if rank == 1 and k % 2 == 0:
                    succession.candidate_update(
                        actor=facilitator,
                        candidate=c,
                        readiness=c.readiness,
                        reason="",
                        emergency=True,
                        status="confirmed",
                        rank=1,
                    )
        self.stats.counts["review_entries"] = ReviewEntry.objects.count()

    def run(self) -> DemoStats:
        t0 = time.perf_counter()
        with transaction.atomic():
            self.progress("Organisations and positions...")
            slots = self.build_orgs()
            self.build_standards(slots)
            self.stats.counts["positions"] = len(slots)
            self.progress(f"  {self.stats.counts['organisations']} organisations, {len(slots):,} positions")
            self.progress("Catalogue...")
            self.build_catalogue()
            self.progress(f"Employees ({self.n_employees:,})...")
            self.assign_holders(slots)
            self.build_employees(slots)
            self.progress("Histories...")
            self.build_histories()
            self.build_budgets()
            self.build_abk(slots)
            self.build_pembina(slots)
            self.build_users()
            self.build_idp()
            self.build_followup()
            self.build_dprd()
            self.build_merit()
        analyze(
            Organisation,
            Position,
            PositionStandard,
            Employee,
            Assessment,
            AssessmentScore,
            PerformanceRating,
            LearningRecord,
            DisciplinePenalty,
            Programme,
            ProgrammeCompetency,
            Budget,
        )
        self.progress("Talent reviews and successors...")
        self.build_talent()
        self.stats.seconds = time.perf_counter() - t0
        return self.stats


def database_holds_employees() -> bool:
    return Employee.objects.exists()


def demo_logins() -> list[tuple[str, str, str]]:
    """(username, role, scope) of the demo's logins that exist, in the order they were made."""
    return [
        (
            u.username,
            u.get_role_display(),
            u.organisation.code if u.organisation else (u.employee.nip if u.employee else ""),
        )
        for u in User.objects.filter(username__in=DEMO_USERNAMES)
        .select_related("organisation", "employee")
        .order_by("id")
    ]
