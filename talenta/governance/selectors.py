"""Reads of job governance: which OPD's ABK is final, and the peta jabatan (RULES.md §10) of a subtree."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import numpy as np
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from talenta.core.errors import NotFound
from talenta.core.rulesets import active_ruleset
from talenta.core.scoping import Scope
from talenta.engine.abk import AbkResult, annual_volume, compute_abk
from talenta.engine.rules import AbkRules, RuleSetError
from talenta.org.models import Organisation, OrgKind
from talenta.org.selectors import opd_on_path
from talenta.people.models import Employee, Position

from .models import AbkState, AbkStatus, AbkTask


def position_for_abk(*, actor, pk: int) -> Position:
    """A position an admin of its scope may read and edit the ABK of (else not found)."""
    scope = Scope.for_user(actor)
    position = Position.objects.select_related("organisation").filter(pk=pk).first()
    if position is None or not scope.is_admin or not scope.contains_path(position.organisation.path):
        raise NotFound(_("Position not found."))
    return position


def position_opd(position: Position) -> Organisation | None:
    """The OPD the position's unit belongs to (None for a position held directly by a government)."""
    codes = [p for p in position.organisation.path.split("/") if p]
    opds = dict(Organisation.objects.filter(code__in=codes, kind=OrgKind.OPD).values_list("code", "pk"))
    code = next((c for c in codes if c in opds), None)
    return Organisation.objects.get(pk=opds[code]) if code else None


def abk_locked(position: Position, year: int) -> bool:
    """Whether the position's OPD made its ABK of ``year`` final."""
    opd = position_opd(position)
    return opd is not None and AbkStatus.objects.filter(organisation=opd, year=year, state=AbkState.FINAL).exists()


def position_tasks(position: Position, year: int) -> list[AbkTask]:
    """The position's ABK tasks of ``year`` in the order they were written."""
    return list(AbkTask.objects.filter(position=position, year=year).order_by("id"))


def position_figures(position: Position, year: int, tasks: list[tuple[float, str, float]] | None = None) -> dict:
    """One position's row of the peta jabatan (the export's keys) for ``year``: from its stored tasks, or from
    ``tasks`` (volume, period, norma waktu) as the editor holds them."""
    p = peta_jabatan(position.organisation, year=year, only=position.pk, tasks=tasks)
    return dict(zip(PETA_HEADER, next(peta_rows(p)), strict=True))


def position_abk(*, actor, pk: int, year: int | None = None) -> dict:
    """One position's ABK tasks of ``year`` with its figures, for an admin of its scope (else not found)."""
    position = position_for_abk(actor=actor, pk=pk)
    year = year or timezone.localdate().year
    tasks = list(
        AbkTask.objects.filter(position=position, year=year).values(
            "id", "task", "output_unit", "volume", "period", "norm_minutes"
        )
    )
    return {
        "position": position.pk, "name": position.name, "year": year, "tasks": tasks,
        "figures": position_figures(position, year),
    }  # fmt: skip


def abk_state(org: Organisation, year: int) -> AbkStatus | None:
    """The draft/final record of an OPD's ABK of ``year`` (None: a draft nobody has set)."""
    return AbkStatus.objects.filter(organisation=org, year=year).select_related("changed_by").first()


def peta_totals(rows: list[dict]) -> dict[str, int]:
    """Totals of peta jabatan rows (the export's keys): positions, those with an ABK, K, B of those, the
    staff short and over, and the five-year formation need. Every page that shows them calls this."""
    with_abk = [r for r in rows if r["KEBUTUHAN"] != ""]
    return {
        "positions": len(rows),
        "with_abk": len(with_abk),
        "need": sum(r["KEBUTUHAN"] for r in with_abk),
        "holders": sum(r["BEZETTING"] for r in with_abk),
        "short": sum(-r["SELISIH"] for r in with_abk if r["SELISIH"] < 0),
        "over": sum(r["SELISIH"] for r in with_abk if r["SELISIH"] > 0),
        "formation": sum(r["KEBUTUHAN_FORMASI_5_TAHUN"] for r in with_abk),
        "retiring_5": sum(r["PENSIUN_5_TAHUN"] for r in rows if r["PENSIUN_5_TAHUN"] != ""),
    }


def final_opds() -> set[tuple[str, int]]:
    """(OPD code, year) of every final (locked) ABK."""
    return set(AbkStatus.objects.filter(state=AbkState.FINAL).values_list("organisation__code", "year"))


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@dataclass
class PetaJabatan:
    """Positions of a subtree (in unit path, name order) with their ABK figures for one year."""

    org: Organisation
    year: int
    today: date
    ruleset: str
    ids: list[int]
    unit_path: list[str]
    unit_code: list[str]
    unit_name: list[str]
    name: list[str]
    job_kind: list[str]
    job_class: list[int | None]
    result: AbkResult

    def __len__(self) -> int:
        return len(self.ids)


def peta_jabatan(
    org: Organisation,
    *,
    year: int | None = None,
    today: date | None = None,
    only: int | None = None,
    tasks: list[tuple[float, str, float]] | None = None,
) -> PetaJabatan:
    """Every position under ``org`` (scope checked by the caller) with W, raw need, K, B, selisih, EJ, PJ,
    the holders reaching BUP within each horizon of the rule set, and the five-year formation need.

    ``only`` narrows it to one position; with it, ``tasks`` (volume, period, norma waktu) stand in for the
    stored ones: the editor's figures as the user types, on the same computation as the map."""
    rules = active_ruleset()
    if rules.abk is None:
        raise RuleSetError(f"rule set {rules.version} has no [abk] section")
    today = today or timezone.localdate()
    year = year or today.year
    chosen = Position.objects.filter(organisation__path__startswith=org.path)
    if only is not None:  # one position (its unit's subtree would do, but not its whole OPD)
        chosen = chosen.filter(pk=only)
    positions = list(
        chosen.order_by("organisation__path", "name").values_list(
            "id", "organisation__path", "organisation__code", "organisation__name", "name", "job_kind", "job_class"
        )
    )
    ids = [p[0] for p in positions]
    index = {pk: i for i, pk in enumerate(ids)}
    in_tree = Q(position__in=chosen) if only is not None else Q(position__organisation__path__startswith=org.path)
    if tasks is not None and only is not None:
        tasks = [(only, *t) for t in tasks if ids]
    else:
        tasks = list(
            AbkTask.objects.filter(in_tree, year=year).values_list("position_id", "volume", "period", "norm_minutes")
        )
    task_position = np.array([index[t[0]] for t in tasks], dtype=np.int64)
    volume = np.array([float(t[1]) for t in tasks], dtype=np.float64)
    period = np.array([t[2] for t in tasks], dtype=object)
    norm = np.array([float(t[3]) for t in tasks], dtype=np.float64)

    horizons = rules.abk.retirement_years
    counts = {f"r{y}": Count("id", filter=Q(retirement_date__lte=_years_after(today, y))) for y in horizons}
    holders = np.zeros(len(ids), dtype=np.int64)
    retiring = np.zeros((len(ids), len(horizons)), dtype=np.int64)
    for row in Employee.objects.filter(in_tree).values("position_id").annotate(b=Count("id"), **counts).order_by():
        i = index.get(row["position_id"])
        if i is None:  # a holder inside the tree of a position outside it: not this map's
            continue
        holders[i] = row["b"]
        retiring[i] = [row[f"r{y}"] for y in horizons]
    result = compute_abk(
        task_position=task_position,
        annual=annual_volume(volume, period, rules.abk),
        norm_minutes=norm,
        holders=holders,
        retiring=retiring,
        rules=rules.abk,
    )
    columns = list(zip(*positions, strict=True)) if positions else [()] * 7
    return PetaJabatan(org, year, today, rules.version, ids, *[list(col) for col in columns[1:]], result)


PETA_HEADER = [
    "KODE_UNIT", "NAMA_UNIT", "JABATAN", "JENIS_JABATAN", "KELAS_JABATAN", "BEBAN_KERJA_MENIT", "KEBUTUHAN_RIIL",
    "KEBUTUHAN", "BEZETTING", "SELISIH", "EJ", "PJ", "PENSIUN_1_TAHUN", "PENSIUN_2_TAHUN", "PENSIUN_5_TAHUN",
    "KEBUTUHAN_FORMASI_5_TAHUN", "TAHUN_ABK", "SET_ATURAN",
]  # fmt: skip


def peta_rows(p: PetaJabatan) -> Iterator[list]:
    """The export's rows: blank where a figure does not exist (no ABK yet; EJ and PJ with nobody in post)."""
    rules = active_ruleset()
    labels = {code: k.label for code, k in rules.job_kinds.items()}
    grades = [band[0] for band in rules.abk.pj] if rules.abk else []
    r = p.result
    horizons = rules.abk.retirement_years if rules.abk else ()
    at = {y: horizons.index(y) for y in (1, 2, 5) if y in horizons}
    for i in range(len(p)):
        has = bool(r.has_abk[i])
        yield [
            p.unit_code[i],
            p.unit_name[i],
            p.name[i],
            labels.get(p.job_kind[i], p.job_kind[i]),
            p.job_class[i] if p.job_class[i] is not None else "",
            round(float(r.workload[i]), 2) if has else "",
            float(r.raw[i]) if has else "",
            int(r.need[i]) if has else "",
            int(r.holders[i]),
            int(r.gap[i]) if has else "",
            float(r.ej[i]) if not np.isnan(r.ej[i]) else "",
            grades[r.pj[i]] if r.pj[i] >= 0 else "",
            *[int(r.retiring[i, at[y]]) if y in at else "" for y in (1, 2, 5)],
            int(r.formation[i]) if has else "",
            p.year,
            p.ruleset,
        ]


def worked_example(abk: AbkRules) -> dict:
    """RULES.md §10's worked example (three tasks of a Pengadministrasi Perkantoran, two holders) computed by
    the engine on the active rule set: the help beside the editor stays true when the WKE changes."""
    annual = annual_volume(np.array([2400.0, 12.0, 1.0]), np.array(["tahun", "bulan", "hari"], dtype=object), abk)
    norm = np.array([20.0, 120.0, 30.0])
    r = compute_abk(
        task_position=np.zeros(3, np.int64), annual=annual, norm_minutes=norm, holders=np.array([2]),
        retiring=np.zeros((1, len(abk.retirement_years)), np.int64), rules=abk,
    )  # fmt: skip
    return {
        "parts": [float(a * n) for a, n in zip(annual, norm, strict=True)], "workload": float(r.workload[0]),
        "wke": abk.wke_minutes, "raw": float(r.raw[0]), "need": int(r.need[0]), "ej": float(r.ej[0]),
        "pj": abk.pj[r.pj[0]][0] if r.pj[0] >= 0 else "", "gap": int(r.gap[0]),
    }  # fmt: skip


REGION_KINDS = (OrgKind.PROVINCE, OrgKind.REGENCY, OrgKind.CITY)


@dataclass
class RegionAbk:
    """The region view of the peta jabatan: totals per OPD and job kind, the positions most short, where
    staff could move (the same position name, or the same job kind, over in one OPD and short in another of
    the same government), and the five-year formation need per job kind. Every total is :func:`peta_totals`."""

    year: int
    ruleset: str
    totals: dict[str, int]
    by_opd: list[dict]
    most_short: list[dict]
    hints: list[dict]
    formation: list[dict]


def region_abk(org: Organisation, *, year: int | None = None, today: date | None = None, top: int = 20) -> RegionAbk:
    """The region view of ``org``'s subtree (scope checked by the caller)."""
    p = peta_jabatan(org, year=year, today=today)
    below = Organisation.objects.filter(path__startswith=org.path)
    names = dict(below.values_list("code", "name"))
    opds = set(below.filter(kind=OrgKind.OPD).values_list("code", flat=True))
    governments = set(below.filter(kind__in=REGION_KINDS).values_list("code", flat=True))
    rows = []
    for i, row in enumerate(peta_rows(p)):
        r = dict(zip(PETA_HEADER, row, strict=True))
        parts = [x for x in p.unit_path[i].split("/") if x]
        opd = next((x for x in parts if x in opds), parts[-1])
        gov = next((x for x in reversed(parts) if x in governments), org.code)
        rows.append(r | {"id": p.ids[i], "kind": p.job_kind[i], "opd": opd, "opd_name": names.get(opd, opd),
                         "gov": gov, "gov_name": names.get(gov, gov)})  # fmt: skip
    groups: dict[tuple[str, str], list[dict]] = {}
    for r in rows:
        groups.setdefault((r["opd"], r["JENIS_JABATAN"]), []).append(r)
    order = sorted(groups, key=lambda g: (names.get(g[0], ""), g[1]))
    by_opd = [{"opd": opd, "opd_name": names.get(opd, opd), "job_kind": kind, **peta_totals(groups[(opd, kind)])}
              for opd, kind in order]  # fmt: skip
    with_abk = [r for r in rows if r["KEBUTUHAN"] != ""]
    most_short = sorted((r for r in with_abk if r["SELISIH"] < 0), key=lambda r: (r["SELISIH"], r["JABATAN"]))[:top]
    kinds: dict[str, list[dict]] = {}
    for r in rows:
        kinds.setdefault(r["JENIS_JABATAN"], []).append(r)
    formation = [{"job_kind": k, **peta_totals(rs)} for k, rs in sorted(kinds.items())]
    return RegionAbk(p.year, p.ruleset, peta_totals(rows), by_opd, most_short, _hints(with_abk, top), formation)


def _hints(rows: list[dict], top: int) -> list[dict]:
    """Within each government: a position name (then a job kind) over-staffed in one OPD and short in
    another, with how many could move (the smaller of the two sides)."""
    out = []
    for what, key in (("position", lambda r: r["JABATAN"].casefold()), ("job_kind", lambda r: r["JENIS_JABATAN"])):
        by: dict[tuple[str, str], dict[str, int]] = {}
        label: dict[tuple[str, str], str] = {}
        gov_name = {r["gov"]: r["gov_name"] for r in rows}
        for r in rows:
            k = (r["gov"], key(r))
            label.setdefault(k, r["JABATAN"] if what == "position" else r["JENIS_JABATAN"])
            per_opd = by.setdefault(k, {})
            per_opd[r["opd_name"]] = per_opd.get(r["opd_name"], 0) + r["SELISIH"]
        for k, per_opd in by.items():
            over = sorted(((o, n) for o, n in per_opd.items() if n > 0), key=lambda x: -x[1])
            short = sorted(((o, -n) for o, n in per_opd.items() if n < 0), key=lambda x: -x[1])
            if over and short:
                movable = min(sum(n for _o, n in over), sum(n for _o, n in short))
                out.append({"kind": what, "name": label[k], "gov": k[0], "gov_name": gov_name[k[0]], "over": over,
                            "short": short, "movable": movable})  # fmt: skip
    out.sort(key=lambda h: (h["kind"] != "position", -h["movable"], h["name"]))
    return out[: top * 2]


def staffing(
    org: Organisation, *, year: int | None = None, today: date | None = None
) -> dict[int, tuple[int | None, int]]:
    """Position id -> (K, B) under ``org``: the need of the ABK of ``year`` (None without one) and the holders,
    from the peta jabatan itself (the vacancy forecast and succession pages show these beside each position)."""
    p = peta_jabatan(org, year=year, today=today)
    r = p.result
    return {pk: (int(r.need[i]) if r.has_abk[i] else None, int(r.holders[i])) for i, pk in enumerate(p.ids)}


def abk_coverage(org: Organisation, year: int) -> dict[str, int]:
    """How many positions under ``org`` there are, how many have ABK tasks for ``year``, and how many of
    those sit in an OPD whose ABK of that year is final (the evidence of merit aspect 1, RULES.md §8)."""
    final = {code for code, y in final_opds() if y == year}
    opds = set(Organisation.objects.filter(path__startswith=org.path, kind=OrgKind.OPD).values_list("code", flat=True))
    with_tasks = set(
        AbkTask.objects.filter(position__organisation__path__startswith=org.path, year=year)
        .values_list("position_id", flat=True)
        .distinct()
    )
    out = {"positions": 0, "with_abk": 0, "final": 0}
    for pk, path in Position.objects.filter(organisation__path__startswith=org.path).values_list(
        "id", "organisation__path"
    ):
        out["positions"] += 1
        if pk in with_tasks:
            out["with_abk"] += 1
            out["final"] += opd_on_path(path, opds, default="") in final
    return out
