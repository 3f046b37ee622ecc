"""The AKPK (analisis kebutuhan pengembangan kompetensi) an agency submits (issue 22; RULES.md §8 aspect 4):
one row per employee and competency gap, the gaps exactly those of the analytics (the same population and
engine), with the development proposed for it (the accepted plan's programme, else the approved IDP item),
and a summary per competency and per job kind."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Q

from talenta.analytics.population import compute, load_population
from talenta.competency.models import Competency
from talenta.core.rulesets import active_ruleset
from talenta.engine import measures as m
from talenta.org.models import Organisation

from .models import IdpItem, IdpStatus, PlanRun, Programme, ProgrammeCompetency

AKPK_HEADER = [
    "NIP", "NAMA", "KODE_UNIT", "JABATAN", "JENIS_JABATAN", "KODE_KOMPETENSI", "KOMPETENSI", "STANDAR",
    "LEVEL_AKTUAL", "KESENJANGAN", "PENGEMBANGAN", "SUMBER", "BENTUK", "JP", "PERKIRAAN_BIAYA", "STATUS_IDP",
]  # fmt: skip
SUMMARY_HEADER = ["KELOMPOK", "KESENJANGAN", "TERTANGANI", "BELUM_TERTANGANI", "PERKIRAAN_BIAYA"]


def _plan_programmes(org: Organisation, year: int) -> dict[str, list[str]]:
    """NIP -> programme codes of the accepted plans of ``year`` that cover ``org`` (its own, an ancestor's or
    one below it), the latest accepted first."""
    paths = ["/" + "/".join(org.ancestors_and_self()[: k + 1]) + "/" for k in range(len(org.ancestors_and_self()))]
    runs = PlanRun.objects.filter(
        Q(organisation__path__in=paths) | Q(organisation__path__startswith=org.path),
        year=year,
        accepted_at__isnull=False,
    ).order_by("-accepted_at")
    out: dict[str, list[str]] = defaultdict(list)
    for result in runs.values_list("result", flat=True):
        for a in result.get("plan", []):
            out[a["nip"]].append(a["programme"])
    return out


def akpk(org: Organisation, year: int, *, today: date | None = None) -> list[tuple[str, list[str], list[list]]]:
    """The sheets: ``akpk`` (the rows), ``per_kompetensi`` and ``per_jenis_jabatan`` (the summaries)."""
    rules = active_ruleset()
    tables = m.tables_for(rules)
    today = today or date.today()
    pop = load_population(employees=Q(org_path__startswith=org.path), rules=rules, year=year, today=today)
    r = compute(pop, tables)
    x = pop.inputs
    gaps, required, actual = r.jpm.gaps, x["required"], x["actual"]
    names = dict(Competency.objects.filter(code__in=pop.competency_codes).values_list("code", "name"))
    labels = {code: k.label for code, k in rules.job_kinds.items()}
    planned = _plan_programmes(org, year)
    codes = {c for cs in planned.values() for c in cs}
    programmes = {p.code: p for p in Programme.objects.filter(code__in=codes)}
    raises: dict[str, set[str]] = defaultdict(set)
    for code, comp in ProgrammeCompetency.objects.filter(programme__code__in=codes).values_list(
        "programme__code", "competency__code"
    ):
        raises[code].add(comp)
    items: dict[tuple[str, str], IdpItem] = {}
    for item in (
        IdpItem.objects.filter(employee__org_path__startswith=org.path, year=year)
        .select_related("employee", "competency", "programme")
        .order_by("pk")
    ):
        key = (item.employee.nip, item.competency.code)
        best = items.get(key)
        if best is None or best.status != IdpStatus.APPROVED:  # an approved item wins over the others
            items[key] = item
    rows: list[list] = []
    per_comp: dict[str, list] = defaultdict(lambda: [0, 0, 0])
    per_kind: dict[str, list] = defaultdict(lambda: [0, 0, 0])
    for i, j in zip(*gaps.nonzero(), strict=True):
        nip, comp = pop.nip[i], pop.competency_codes[j]
        item = items.get((nip, comp))
        programme = next((programmes[c] for c in planned.get(nip, []) if comp in raises[c] and c in programmes), None)
        if programme is not None:
            dev, source, form, jp, cost = programme.name, "rencana", programme.form, float(programme.jp), programme.cost
        elif item is not None and item.status == IdpStatus.APPROVED:
            dev, source, form, jp, cost = item.title, "IDP", item.form, float(item.jp), item.cost
        else:
            dev, source, form, jp, cost = "", "", "", "", ""
        kind = labels.get(pop.job_kind[i], pop.job_kind[i])
        rows.append([
            nip, pop.name[i], pop.unit_code[i], pop.position[i], kind, comp, names.get(comp, comp),
            int(required[i, j]), int(actual[i, j]), int(gaps[i, j]), dev, source, form, jp, cost,
            item.status if item is not None else "",
        ])  # fmt: skip
        for group in (per_comp[names.get(comp, comp)], per_kind[kind]):
            group[0] += 1
            group[1] += bool(dev)
            group[2] += cost or 0
    rows.sort(key=lambda row: (row[2], row[0], row[5]))

    def summary(groups: dict[str, list]) -> list[list]:
        return [[k, n, covered, n - covered, cost] for k, (n, covered, cost) in sorted(groups.items())]

    return [
        ("akpk", AKPK_HEADER, rows),
        ("per_kompetensi", SUMMARY_HEADER, summary(per_comp)),
        ("per_jenis_jabatan", SUMMARY_HEADER, summary(per_kind)),
    ]
