"""Pages of job governance: the peta jabatan of a subtree, and the ABK editor of one position."""

import secrets
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from talenta.core.errors import ApplicationError, NotFound
from talenta.core.rulesets import active_ruleset
from talenta.core.scoping import Scope
from talenta.core.spreadsheets import download_response, sheets_response
from talenta.core.web import int_field, not_found_as_404, whole_number, year_param
from talenta.imports.base import plain_number
from talenta.org.models import OrgKind
from talenta.org.selectors import organisation_get
from talenta.people.models import JobKind

from .models import Period
from .selectors import (
    PETA_HEADER,
    abk_locked,
    abk_state,
    peta_jabatan,
    peta_rows,
    peta_totals,
    position_figures,
    position_for_abk,
    position_opd,
    position_tasks,
    region_abk,
    worked_example,
)  # fmt: skip
from .services import TaskInput, abk_copy_year, abk_save_tasks, abk_set_state, check_tasks, position_anjab_update

UNITS_PER_PAGE = 25
# the editor's field names and the import's columns they fill
EDITOR_FIELDS = {"uraian": "URAIAN_TUGAS", "satuan": "SATUAN_HASIL", "volume": "VOLUME", "periode": "PERIODE",
                 "norma": "NORMA_WAKTU"}  # fmt: skip
COLUMN_LABELS = {"URAIAN_TUGAS": _lazy("Task"), "SATUAN_HASIL": _lazy("Output unit"), "VOLUME": _lazy("Volume"),
                 "PERIODE": _lazy("Period"), "NORMA_WAKTU": _lazy("Standard time (minutes)")}  # fmt: skip


@not_found_as_404
def peta_page(request, code: str):
    """Per unit, its positions with K, B, selisih, EJ and PJ, coloured short/over; filters by job kind and
    PJ; the same rows as the export for download."""
    if not Scope.for_user(request.user).is_admin:
        raise Http404
    org = organisation_get(actor=request.user, code=code)
    year = year_param(request)
    job_kind = request.GET.get("jenis", "") if request.GET.get("jenis", "") in JobKind.values else ""
    grades = [band[0] for band in active_ruleset().abk.pj]
    grade = request.GET.get("pj", "") if request.GET.get("pj", "") in grades else ""
    p = peta_jabatan(org, year=year)
    rows = [dict(zip(PETA_HEADER, row, strict=True)) | {"id": p.ids[i], "kind": p.job_kind[i]}
            for i, row in enumerate(peta_rows(p))]  # fmt: skip
    rows = [r for r in rows if (not job_kind or r["kind"] == job_kind) and (not grade or r["PJ"] == grade)]
    fmt = request.GET.get("format")
    if fmt in ("xlsx", "csv"):
        return download_response(
            PETA_HEADER, ([r[h] for h in PETA_HEADER] for r in rows), fmt, f"peta-jabatan-{org.code}-{year}.{fmt}",
            sheet="peta-jabatan",
        )  # fmt: skip
    units: list[dict] = []
    for r in rows:
        if not units or units[-1]["code"] != r["KODE_UNIT"]:
            units.append({"code": r["KODE_UNIT"], "name": r["NAMA_UNIT"], "rows": []})
        units[-1]["rows"].append(r)
    totals = peta_totals(rows)
    page = Paginator(units, UNITS_PER_PAGE).get_page(request.GET.get("page"))  # a province: thousands of rows
    query = urlencode({k: v for k, v in (("tahun", year), ("jenis", job_kind), ("pj", grade)) if v})
    return render(
        request,
        "governance/peta.html",
        {"org": org, "year": year, "units": page.object_list, "page": page, "totals": totals,
         "job_kinds": JobKind.choices, "grades": grades, "f": {"jenis": job_kind, "pj": grade}, "query": query,
         "ruleset": p.ruleset,
         "is_opd": org.kind == OrgKind.OPD, "status": abk_state(org, year)},
    )  # fmt: skip


@not_found_as_404
def abk_status_view(request, code: str):
    """POST ``aksi`` = ``final`` (lock the OPD's ABK of ``tahun``), ``draf`` (reopen) or ``salin`` (start the
    year as a copy of the last)."""
    if request.method != "POST":
        raise Http404
    org = organisation_get(actor=request.user, code=code)
    year = int_field(request.POST.get("tahun"), name=_("Year"), lo=2000, hi=2100)
    action = request.POST.get("aksi", "")
    try:
        if action == "salin":
            n = abk_copy_year(actor=request.user, org=org, year=year)
            messages.success(request, _("%(n)s tasks copied into the ABK %(year)s.") % {"n": n, "year": year})
        elif action in ("final", "draf"):
            abk_set_state(actor=request.user, org=org, year=year, state="final" if action == "final" else "draft")
            done = _("The ABK %(year)s is final.") if action == "final" else _("The ABK %(year)s is a draft again.")
            messages.success(request, done % {"year": year})
        else:
            raise Http404
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect(f"{reverse('peta-jabatan', args=[org.code])}?tahun={year}")


def _rows_from_post(post) -> tuple[list[TaskInput], list[str], set[int]]:
    """The editor's rows in page order (every row sends each field once, so the lists line up), their
    keys, and the ids ticked for removal."""
    keys = post.getlist("key")
    cols = {col: post.getlist(field) for field, col in EDITOR_FIELDS.items()}
    ids = post.getlist("id")
    if any(len(v) != len(keys) for v in [ids, *cols.values()]):
        raise BadRequest(_("The task table was sent incomplete; reload the page."))
    rows = []
    for i in range(len(keys)):
        pk = whole_number(ids[i], lo=1)
        if ids[i].strip() and pk is None:
            raise BadRequest(_("The task table was sent incomplete; reload the page."))
        rows.append(TaskInput(pk, {col: cols[col][i] for col in cols}))
    delete = {n for n in (whole_number(v, lo=1) for v in post.getlist("hapus")) if n is not None}
    return rows, keys, delete


def _row_views(rows: list[TaskInput], keys: list[str], errors: dict, abk, values=None) -> list[dict]:
    """The rows as the template shows them: cells as typed, minutes a year where the row is valid, and the
    problems with the column named as on the page (the import's messages name its column codes)."""
    values = values if values is not None else check_tasks(rows)[0]
    labels = {col: str(label) for col, label in COLUMN_LABELS.items()}
    out = []
    for i, (row, key) in enumerate(zip(rows, keys, strict=True)):
        v = values[i]
        minutes = float(v.volume) * abk.periods[v.period] * float(v.norm_minutes) if v else None
        problems = [e.message.replace(e.column, labels.get(e.column, e.column)) for e in errors.get(i, [])]
        out.append({"key": key, "id": row.id or "", "cells": row.cells, "minutes": minutes, "errors": problems})
    return out


def _editor_context(request, position, year: int, rows: list[dict] | None = None, errors: str = "",
                    typed: list[TaskInput] | None = None) -> dict:  # fmt: skip
    """The editor's page: the stored table, or the ``rows`` typed (``typed``) that could not be saved."""
    abk = active_ruleset().abk
    if rows is None:
        stored = position_tasks(position, year)
        inputs = [TaskInput(t.pk, {"URAIAN_TUGAS": t.task, "SATUAN_HASIL": t.output_unit,
                                   "VOLUME": plain_number(t.volume), "PERIODE": t.period,
                                   "NORMA_WAKTU": plain_number(t.norm_minutes)}) for t in stored]  # fmt: skip
        blanks = 3 if not inputs else 1
        inputs += [TaskInput(None, {})] * blanks
        rows = _row_views(inputs, [str(r.id) if r.id else _new_key() for r in inputs], {}, abk)
    blank = next((r for r in rows if not r["id"] and not any(r["cells"].values())), None)
    if blank is not None:
        blank["example"] = True  # the worked example's first task as the placeholder
    opd = position_opd(position)
    return {
        "position": position, "year": year, "rows": rows, "errors": errors, "opd": opd,
        "status": abk_state(opd, year) if opd else None, "locked": abk_locked(position, year),
        "figures": position_figures(position, year, _typed_tasks(typed) if typed is not None else None),
        "periods": period_choices(abk), "example": worked_example(abk),
    }  # fmt: skip


def _typed_tasks(rows: list[TaskInput], values=None) -> list[tuple[float, str, float]]:
    """The valid rows of a typed table as the engine's (volume, period, norma waktu)."""
    values = values if values is not None else check_tasks(rows)[0]
    return [(float(v.volume), v.period, float(v.norm_minutes)) for v in values if v is not None]


def period_choices(abk) -> list[tuple[str, str]]:
    """The rule set's periods with their names (a period the model does not name shows as written)."""
    labels = dict(Period.choices)
    return [(p, str(labels.get(p, p))) for p in abk.periods]


def _new_key() -> str:
    return "n" + secrets.token_hex(4)


@not_found_as_404
def abk_editor(request, pk: int):
    """The ABK tasks of one position and year as a table edited in place; POST saves the whole table."""
    position = position_for_abk(actor=request.user, pk=pk)
    year = year_param(request)
    if request.method == "POST":
        rows, keys, delete = _rows_from_post(request.POST)
        try:
            saved = abk_save_tasks(actor=request.user, pk=pk, year=year, rows=rows, delete=delete)
        except NotFound:
            raise  # a task of another position named on the page: 404 like any scope miss
        except ApplicationError as exc:
            if exc.code in ("locked", "stale"):
                messages.error(request, exc.message)
                return redirect(f"{reverse('abk-edit', args=[pk])}?tahun={year}")
            views = _row_views(rows, keys, exc.extra.get("rows", {}), active_ruleset().abk)
            ctx = _editor_context(request, position, year, rows=views, errors=exc.message,
                                  typed=[r for r in rows if r.id not in delete or r.id is None])  # fmt: skip
            return render(request, "governance/abk_edit.html", ctx, status=422)
        messages.success(
            request,
            _("ABK %(year)s saved: %(c)s added, %(u)s changed, %(d)s removed.")
            % {"year": year, "c": saved.created, "u": saved.updated, "d": saved.deleted},
        )
        return redirect(f"{reverse('abk-edit', args=[pk])}?tahun={year}")
    return render(request, "governance/abk_edit.html", _editor_context(request, position, year))


@not_found_as_404
def abk_preview(request, pk: int):
    """htmx, as the user types: the position's figures from the table as it stands (nothing saved), and each
    row's minutes a year swapped in beside it."""
    if request.method != "POST":
        raise Http404
    position = position_for_abk(actor=request.user, pk=pk)
    year = year_param(request)
    rows, keys, delete = _rows_from_post(request.POST)
    kept = [(r, k) for r, k in zip(rows, keys, strict=True) if r.id is None or r.id not in delete]
    typed = [r for r, _k in kept]
    values, errors = check_tasks(typed)  # once: the figures and the rows' minutes both read it
    tasks = _typed_tasks(typed, values)
    views = _row_views(typed, [k for _r, k in kept], errors, active_ruleset().abk, values)
    return render(request, "governance/_abk_figures.html",
                  {"figures": position_figures(position, year, tasks), "rows": views, "oob": True,
                   "removed": [k for r, k in zip(rows, keys, strict=True) if r.id in delete]})  # fmt: skip


@not_found_as_404
def abk_blank_row(request, pk: int):
    """htmx: one more empty row for the table."""
    position_for_abk(actor=request.user, pk=pk)
    row = {"key": _new_key(), "id": "", "cells": {}, "minutes": None, "errors": []}
    return render(request, "governance/_abk_row.html", {"r": row, "periods": period_choices(active_ruleset().abk)})


@not_found_as_404
def anjab_update(request, pk: int):
    """POST the Anjab fields of a position (ikhtisar jabatan, kualifikasi pendidikan)."""
    if request.method != "POST":
        raise Http404
    position_for_abk(actor=request.user, pk=pk)  # out of scope: 404, not a message
    year = year_param(request)
    try:
        position_anjab_update(actor=request.user, pk=pk, summary=request.POST.get("ikhtisar", ""),
                              education_requirement=request.POST.get("pendidikan", ""))  # fmt: skip
        messages.success(request, _("Job description saved."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect(f"{reverse('abk-edit', args=[pk])}?tahun={year}")


REGION_SHEETS = {
    "per_opd": ["KODE_OPD", "NAMA_OPD", "JENIS_JABATAN", "JABATAN", "DENGAN_ABK", "KEBUTUHAN", "BEZETTING",
                "KURANG", "LEBIH", "PENSIUN_5_TAHUN", "KEBUTUHAN_FORMASI_5_TAHUN"],
    "formasi": ["JENIS_JABATAN", "JABATAN", "DENGAN_ABK", "KEBUTUHAN", "BEZETTING", "KURANG", "LEBIH",
                "PENSIUN_5_TAHUN", "KEBUTUHAN_FORMASI_5_TAHUN"],
    "paling_kurang": ["NAMA_OPD", "KODE_UNIT", "NAMA_UNIT", "JABATAN", "JENIS_JABATAN", "KEBUTUHAN", "BEZETTING",
                      "SELISIH"],
    "redistribusi": ["DASAR", "NAMA", "WILAYAH", "LEBIH_DI", "KURANG_DI", "DAPAT_DIPINDAH"],
}  # fmt: skip


def _totals_cells(t: dict) -> list:
    return [t["positions"], t["with_abk"], t["need"], t["holders"], t["short"], t["over"], t["retiring_5"],
            t["formation"]]  # fmt: skip


@not_found_as_404
def region_page(request, code: str):
    """The region view: shortage and surplus per OPD and job kind, the positions most short, redistribution
    hints, and the five-year formation need per job kind as a table and a chart; all of it as xlsx."""
    if not Scope.for_user(request.user).is_admin:
        raise Http404
    org = organisation_get(actor=request.user, code=code)
    year = year_param(request)
    view = region_abk(org, year=year)
    if request.GET.get("format") == "xlsx":
        spread = lambda pairs: "; ".join(f"{o} ({n})" for o, n in pairs)  # noqa: E731
        sheets = [
            ("per_opd", REGION_SHEETS["per_opd"],
             [[g["opd"], g["opd_name"], g["job_kind"], *_totals_cells(g)] for g in view.by_opd]),
            ("formasi", REGION_SHEETS["formasi"], [[f["job_kind"], *_totals_cells(f)] for f in view.formation]),
            ("paling_kurang", REGION_SHEETS["paling_kurang"],
             [[r["opd_name"], r["KODE_UNIT"], r["NAMA_UNIT"], r["JABATAN"], r["JENIS_JABATAN"], r["KEBUTUHAN"],
               r["BEZETTING"], r["SELISIH"]] for r in view.most_short]),
            ("redistribusi", REGION_SHEETS["redistribusi"],
             [["jabatan" if h["kind"] == "position" else "jenis jabatan", h["name"], h["gov_name"], spread(h["over"]),
               spread(h["short"]), h["movable"]] for h in view.hints]),
        ]  # fmt: skip
        return sheets_response(sheets, f"abk-wilayah-{org.code}-{year}.xlsx")
    peak = max([f["formation"] for f in view.formation] + [1])
    chart = [{"label": f["job_kind"], "value": f["formation"], "width": round(300 * f["formation"] / peak)}
             for f in view.formation]  # fmt: skip
    ctx = {"org": org, "year": year, "v": view, "chart": chart, "chart_height": 26 * len(chart) + 4}
    return render(request, "governance/region.html", ctx)
