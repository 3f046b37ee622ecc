"""The plan for people: the JSON of ``talenta plan --json`` (the contract), the page's summary per programme,
OPD and competency, the participants as xlsx and the one-page PDF for the regional head."""

from __future__ import annotations

from datetime import date

import numpy as np
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from talenta.competency.selectors import competency_names
from talenta.core.pdf import MM, angka, para, persen, render, rupiah, spacer, table, tanggal
from talenta.core.spreadsheets import write_sheets
from talenta.engine.planner import PlanResult
from talenta.engine.planner.explain import explain
from talenta.engine.planner.requested import NOT_ELIGIBLE
from talenta.org.models import Organisation
from talenta.org.selectors import opd_codes_under, opd_on_path
from talenta.people.models import Employee

from .models import Programme
from .selectors import PlanSetup


def plan_json(setup: PlanSetup, result: PlanResult) -> dict:
    """The CLI's --json object (the contract keys first)."""
    base = result.baseline
    gain = None if not base or not base.objective else 100.0 * (result.objective / base.objective - 1.0)
    return {
        "status": result.status,
        "objective": round(result.objective, 4),
        "bound": round(result.bound, 4),
        "gap": round(result.gap, 6),
        "cost": result.cost,
        "budget": result.budget,
        "assignments": len(result.assignments),
        "compliant_before": result.compliant_before,
        "compliant_after": result.compliant_after,
        "levels_closed": result.levels_closed,
        "seconds": round(result.seconds, 3),
        "message": result.message,
        "ruleset": setup.ruleset,
        "baseline": None
        if base is None
        else {"objective": base.objective, "cost": base.cost, "assignments": len(base.assignments)},
        "gain_over_baseline_percent": None if gain is None else round(gain, 2),
        "budget_by": setup.budget_by,
        "by_government": by_government(setup, result.assignments),
        "separate": setup.separate,
        "idp": setup.idp,
        "idp_requested": result.idp_requested + len(setup.requested_outside),
        "idp_granted": result.idp_granted,
        "idp_not_granted": idp_not_granted(setup, result),
        # each participant's government as the plan had it (a joint plan's sheets per government)
        "government_of": (
            {setup.nip[i]: setup.government[i] for i, _p in result.assignments}
            if setup.budget_by == "government"
            else {}
        ),
        "plan": [{"nip": setup.nip[i], "programme": setup.programme_code[p]} for i, p in result.assignments],
    }


def by_government(setup: PlanSetup, assignments: list[tuple[int, int]]) -> list[dict]:
    """Per government of the plan (issue 24): its own pagu, what its people's programmes cost, how many
    assignments, PNS at 20 JP before and after, gap levels closed (vectorised over the assignments)."""
    pr = setup.problem
    if not setup.government:
        return []
    codes = sorted(set(setup.government))
    index = {c: k for k, c in enumerate(codes)}
    g = np.array([index[c] for c in setup.government], dtype=np.int64)
    G = len(codes)
    i = np.array([a for a, _b in assignments], dtype=np.int64)
    p = np.array([b for _a, b in assignments], dtype=np.int64)
    cost = np.bincount(g[i], weights=pr.cost[p], minlength=G) if len(i) else np.zeros(G)
    count = np.bincount(g[i], minlength=G) if len(i) else np.zeros(G, dtype=np.int64)
    added = np.bincount(i, weights=pr.jp[p], minlength=pr.n) if len(i) else np.zeros(pr.n)
    raised = np.zeros(pr.gaps.shape)
    np.add.at(raised, i, pr.raises[p])
    closed = np.minimum(pr.gaps, raised).sum(axis=1)
    before = pr.pns & (pr.jp_now >= pr.pns_min_jp)
    after = pr.pns & (pr.jp_now + added >= pr.pns_min_jp)
    out = []
    for code, k in index.items():
        own = g == k
        out.append(
            {
                "code": code,
                "name": setup.government_names.get(code, code),
                "budget": setup.government_budget.get(code),
                "cost": float(cost[k]),
                "assignments": int(count[k]),
                "employees": int(own.sum()),
                "compliant_before": int(before[own].sum()),
                "compliant_after": int(after[own].sum()),
                "levels_closed": float(closed[own].sum()),
            }
        )
    return out


# What the page and the xlsx say for each reason an approved IDP item is not in the plan.
IDP_REASONS = {
    "not_eligible": _("the programme is not open to this employee (job kind), or not in this plan"),
    "over_limit": _("the employee would pass the programmes or JP allowed a year"),
    "no_seat": _("no seat left in the programme"),
    "budget": _("the budget left does not cover it"),
    "not_chosen": _("it fits, but adds little beside the employee's other programmes"),
}
# Why the plan leaves money unspent (talenta.engine.planner.explain).
LEFT_REASONS = {
    "nothing_left": _("every gap a reachable programme can close is closed and every PNS who can reach 20 JP does"),
    "seats_full": _("the programmes that would still help have no seat left"),
    "too_little": _("what would still help costs more than is left"),
    "limits": _("what would still help passes the programmes or JP each employee may take"),
    "spent": _("the budget is spent"),
    "stopped": _("the planner stopped at its time limit; a longer time may spend it"),
}

IDP_MODES = {
    "weight": _("weighed more"),
    "first": _("planned first"),
    "ignore": _("not considered"),
}


def idp_rows(result: dict) -> list[dict]:
    """A run's IDP items not granted (its JSON), each with its reason in words."""
    return [{**row, "why": IDP_REASONS.get(row["reason"], row["reason"])} for row in result.get("idp_not_granted", [])]


def idp_not_granted(setup: PlanSetup, result: PlanResult) -> list[dict]:
    """Each approved IDP item naming a catalogue programme that the plan does not hold, with the reason
    (``not_eligible``, ``over_limit``, ``no_seat``, ``budget``, ``not_chosen``; issue 22)."""
    rows = [
        {
            "nip": setup.nip[i],
            "name": setup.name[i],
            "programme": setup.programme_code[p],
            "programme_name": setup.programme_name[p],
            "reason": reason,
        }
        for i, p, reason in result.idp_not_granted
    ]
    rows += [
        {"nip": nip, "name": name, "programme": code, "programme_name": title, "reason": NOT_ELIGIBLE}
        for nip, name, code, title in setup.requested_outside
    ]
    return rows


def plan_summary(setup: PlanSetup, result: PlanResult) -> dict:
    """What the plan page shows: per programme, per OPD, gap levels closed per competency."""
    pr = setup.problem
    per_programme: dict[str, dict] = {}
    per_opd: dict[str, dict] = {}
    raised = np.zeros(pr.gaps.shape)
    for i, p in result.assignments:
        code = setup.programme_code[p]
        row = per_programme.setdefault(
            code,
            {
                "code": code,
                "name": setup.programme_name[p],
                "participants": 0,
                "cost": 0.0,
                "jp": float(pr.jp[p]),
                "seats": int(pr.capacity[p]),
            },
        )
        row["participants"] += 1
        row["cost"] += float(pr.cost[p])
        unit = per_opd.setdefault(setup.opd_code[i], {"code": setup.opd_code[i], "participants": 0, "cost": 0.0})
        unit["participants"] += 1
        unit["cost"] += float(pr.cost[p])
        raised[i] += pr.raises[p]
    closed = np.minimum(pr.gaps, raised).sum(axis=0)
    open_gaps = pr.gaps.sum(axis=0)
    opd_names = dict(Organisation.objects.filter(code__in=list(per_opd)).values_list("code", "name"))
    for unit in per_opd.values():
        unit["name"] = opd_names.get(unit["code"], unit["code"])
    comp_names = competency_names()
    why = explain(pr, result.assignments, optimal=result.status == "optimal")
    seats_by_government: dict[str, dict] = {}
    if setup.budget_by == "government" and setup.programme_government:
        for i, p in result.assignments:
            if setup.programme_government[p] == "":  # a programme whose seats the governments share
                row = seats_by_government.setdefault(
                    setup.programme_code[p],
                    {"code": setup.programme_code[p], "name": setup.programme_name[p], "seats": int(pr.capacity[p]),
                     "by": {}},
                )  # fmt: skip
                gov = setup.government[i]
                row["by"][gov] = row["by"].get(gov, 0) + 1
    return {
        "explain": {
            "left": why.left,
            "reason": why.reason,
            "no_programme": [
                {"code": c, "name": comp_names.get(c, c), "levels": int(v)}
                for c, v in zip(setup.competency_codes, why.no_programme, strict=True)
                if v
            ],
            "out_of_reach": [
                {"code": c, "name": comp_names.get(c, c), "levels": int(v)}
                for c, v in zip(setup.competency_codes, why.out_of_reach, strict=True)
                if v
            ],
        },
        "seats_by_government": sorted(seats_by_government.values(), key=lambda r: r["code"]),
        "programmes": sorted(per_programme.values(), key=lambda r: -r["cost"]),
        "opds": sorted(per_opd.values(), key=lambda r: -r["cost"]),
        "competencies": [
            {"code": c, "name": comp_names.get(c, c), "gap_levels": int(g), "closed": float(x)}
            for c, g, x in zip(setup.competency_codes, open_gaps, closed, strict=True)
            if g
        ],
        "employees": pr.n,
    }


PARTICIPANT_HEADER = ["NIP", "NAMA", "KODE_UNIT", "OPD", "KODE_PROGRAM", "PROGRAM", "JP", "BIAYA"]


def plan_participants(run) -> list[list]:
    """The assignments of a run with the employee's name, unit and OPD and the programme's name, JP and cost."""
    org = run.organisation
    pairs = [(a["nip"], a["programme"]) for a in run.result.get("plan", [])]
    opd_codes = opd_codes_under(org)
    people = {
        nip: (name, unit, opd_on_path(path, opd_codes))
        for nip, name, unit, path in Employee.objects.filter(org_path__startswith=org.path).values_list(
            "nip", "name", "organisation__code", "org_path"
        )
    }
    progs = {
        code: (name, float(jp), float(cost))
        for code, name, jp, cost in Programme.objects.filter(code__in={c for _n, c in pairs}).values_list(
            "code", "name", "jp", "cost"
        )
    }
    return [
        [nip, *people.get(nip, ("", "", "")), code, *progs.get(code, ("", 0.0, 0.0))]
        for nip, code in sorted(pairs, key=lambda x: (x[1], x[0]))
    ]


def plan_workbook(run, target) -> None:
    """The plan as xlsx: all participants, the summary per programme and per OPD, then a sheet per programme
    and a sheet per OPD with their participants."""
    rows = plan_participants(run)
    s = run.result.get("summary", {})
    sheets = [
        ("peserta", PARTICIPANT_HEADER, rows),
        (
            "per program",
            ["KODE_PROGRAM", "PROGRAM", "PESERTA", "KURSI", "JP", "BIAYA"],
            [
                [p["code"], p["name"], p["participants"], p["seats"], p["jp"], p["cost"]]
                for p in s.get("programmes", [])
            ],
        ),
        (
            "per OPD",
            ["OPD", "PESERTA", "BIAYA"],
            [[u["code"], u["participants"], u["cost"]] for u in s.get("opds", [])],
        ),
    ]
    if run.result.get("idp_not_granted"):
        sheets.append(
            (
                "IDP tidak terpenuhi",
                ["NIP", "NAMA", "KODE_PROGRAM", "PROGRAM", "ALASAN"],
                [
                    [x["nip"], x["name"], x["programme"], x["programme_name"], str(x["why"])]
                    for x in idp_rows(run.result)
                ],
            )
        )
    gov_rows = run.result.get("by_government") or []
    if run.result.get("budget_by") == "government" and gov_rows:
        # a joint plan: what each government pays and gets, and a sheet of each one's participants (issue 24)
        sheets.append(
            (
                "per pemda",
                ["KODE", "PEMDA", "PAGU", "BIAYA", "PENUGASAN", "PEGAWAI", "20JP_SEBELUM", "20JP_SESUDAH", "LEVEL"],
                [
                    [
                        g["code"],
                        g["name"],
                        g["budget"],
                        g["cost"],
                        g["assignments"],
                        g["employees"],
                        g["compliant_before"],
                        g["compliant_after"],
                        g["levels_closed"],
                    ]
                    for g in gov_rows
                ],  # fmt: skip
            )
        )
        # each participant's government as the plan had it (not where they work today)
        government = run.result.get("government_of") or {}
        for g in gov_rows:
            mine = [r for r in rows if government.get(r[0]) == g["code"]]
            sheets.append((f"Pemda {g['code']}", PARTICIPANT_HEADER, mine))
    for code in sorted({r[4] for r in rows}):
        sheets.append((f"P {code}", PARTICIPANT_HEADER, [r for r in rows if r[4] == code]))
    for opd in sorted({r[3] for r in rows}):
        sheets.append((f"OPD {opd}", PARTICIPANT_HEADER, [r for r in rows if r[3] == opd]))
    write_sheets(target, sheets)


def plan_pdf(run, *, issued: date | None = None) -> bytes:
    """The plan for the regional head (A4 portrait, in Indonesian): what it costs, what it buys, per programme
    and per OPD by name."""
    r, s = run.result, run.result.get("summary", {})
    org = run.organisation
    issued = issued or timezone.localdate()
    names = dict(
        Organisation.objects.filter(code__in=[u["code"] for u in s.get("opds", [])]).values_list("code", "name")
    )
    baseline = (r.get("baseline") or {}).get("objective")
    accepted = (
        f"disetujui {tanggal(timezone.localtime(run.accepted_at).date())}" if run.accepted_at else "belum disetujui"
    )
    story = [
        para(f"Rencana pengembangan kompetensi {run.year}", "title"),
        para(f"{org.name} · {accepted}", "subtitle"),
        para(f"Biaya {rupiah(r.get('cost'))} dari pagu {rupiah(r.get('budget'))}; {angka(r.get('assignments'))} "
             f"penugasan pelatihan bagi {angka(s.get('employees', 0))} pegawai."),
        para(f"PNS/CPNS yang memenuhi 20 JP: {angka(r.get('compliant_before'))} sebelum, "
             f"{angka(r.get('compliant_after'))} sesudah rencana ini."),
        para(f"Tingkat kesenjangan kompetensi yang ditutup: {angka(r.get('levels_closed'))}. Nilai rencana "
             f"{angka(r.get('objective'))}, paling jauh {persen(100 * r.get('gap', 0), 2)} di bawah nilai terbaik "
             f"yang mungkin; urutan usulan tanpa optimasi mencapai {angka(baseline)}."),
        para("Per program", "h2"),
    ]  # fmt: skip
    rows = [["Program", "Peserta / kursi", "JP", "Biaya"]]
    rows += [[p["name"], f"{angka(p['participants'])} / {angka(p['seats'])}", angka(p["jp"], 2, trim=True),
              rupiah(p["cost"])] for p in s.get("programmes", [])[:25]]  # fmt: skip
    story.append(table(rows, [92 * MM, 28 * MM, 14 * MM, 36 * MM], numeric=(1, 2, 3)))
    if len(s.get("programmes", [])) > 25:
        story.append(para(f"dan {len(s['programmes']) - 25} program lainnya (lihat lampiran xlsx).", "small"))
    story.append(para("Per perangkat daerah", "h2"))
    rows = [["Perangkat daerah", "Peserta", "Biaya"]]
    rows += [[names.get(u["code"], u["code"]), angka(u["participants"]), rupiah(u["cost"])]
             for u in s.get("opds", [])[:30]]  # fmt: skip
    story.append(table(rows, [112 * MM, 22 * MM, 36 * MM], numeric=(1, 2)))
    if len(s.get("opds", [])) > 30:
        story.append(para(f"dan {len(s['opds']) - 30} perangkat daerah lainnya.", "small"))
    story.append(spacer(4))
    story.append(para("Dasar: PP 11/2017 jo. PP 17/2020 (hak pengembangan kompetensi paling sedikit 20 JP setahun); "
                      f"aturan {r.get('ruleset', '')}.", "small"))  # fmt: skip
    return render(story, title=f"Rencana pengembangan kompetensi {run.year} · {org.name}", issuer=org.name,
                  issued=issued)  # fmt: skip
