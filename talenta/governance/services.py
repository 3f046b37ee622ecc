"""Writes of job governance: an OPD's ABK of a year made final (locked) or reopened as a draft, and a new
year started as a copy of the last. Every change is audited with who and when."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from talenta.core.errors import ApplicationError, NotFound
from talenta.core.models import audit
from talenta.core.rulesets import active_ruleset
from talenta.core.scoping import Scope
from talenta.imports.base import Record, RowError
from talenta.org.models import Organisation, OrgKind
from talenta.people.models import Position

from .checks import TASK_COLUMNS, TaskValues, clean_task
from .models import AbkState, AbkStatus, AbkTask
from .selectors import abk_locked, position_for_abk


def _opd_for(actor, org: Organisation) -> Organisation:
    scope = Scope.for_user(actor)
    if not scope.is_admin or not scope.contains_path(org.path):
        raise NotFound(_("Organisation %(code)s not found.") % {"code": org.code})
    if org.kind != OrgKind.OPD:
        raise ApplicationError(_("An ABK is made final per OPD; open the page of the OPD."))
    return org


@transaction.atomic
def abk_set_state(*, actor, org: Organisation, year: int, state: str) -> AbkStatus:
    """Make the OPD's ABK of ``year`` final (its tasks are locked) or a draft again."""
    opd = _opd_for(actor, org)
    if state not in AbkState.values:
        raise ApplicationError(_("Unknown state."))
    status, _created = AbkStatus.objects.select_for_update().get_or_create(organisation=opd, year=year)
    before = status.state
    if (
        state == AbkState.FINAL
        and not AbkTask.objects.filter(position__organisation__path__startswith=opd.path, year=year).exists()
    ):
        raise ApplicationError(_("The ABK %(year)s of %(opd)s has no tasks yet.") % {"year": year, "opd": opd.name})
    status.state, status.changed_by, status.ruleset = state, actor, active_ruleset().version
    status.save()
    audit(actor=actor, action="abk.state", obj=status, detail={"opd": opd.code, "year": year, "state": [before, state]})
    return status


@transaction.atomic
def abk_copy_year(*, actor, org: Organisation, year: int) -> int:
    """Start the OPD's ABK of ``year`` as a copy of the latest earlier year's tasks; how many were copied.
    Refused when ``year`` already has tasks or is final."""
    opd = _opd_for(actor, org)
    tasks = AbkTask.objects.filter(position__organisation__path__startswith=opd.path)
    if tasks.filter(year=year).exists():
        raise ApplicationError(_("The ABK %(year)s already has tasks.") % {"year": year})
    if AbkStatus.objects.filter(organisation=opd, year=year, state=AbkState.FINAL).exists():
        raise ApplicationError(
            _("The ABK %(year)s of this OPD is final and locked; reopen it as a draft first.") % {"year": year}
        )
    last = tasks.filter(year__lt=year).order_by("-year").values_list("year", flat=True).first()
    if last is None:
        raise ApplicationError(_("There is no earlier ABK to copy."))
    now = timezone.now()
    copies = [
        AbkTask(position_id=t.position_id, year=year, task=t.task, output_unit=t.output_unit, volume=t.volume,
                period=t.period, norm_minutes=t.norm_minutes, created_at=now, updated_at=now)
        for t in tasks.filter(year=last)
    ]  # fmt: skip
    AbkTask.objects.bulk_create(copies, batch_size=2000)
    audit(actor=actor, action="abk.copy", obj=opd, detail={"from": last, "to": year, "tasks": len(copies)})
    return len(copies)


@dataclass(frozen=True)
class TaskInput:
    """One row of the editor as typed: ``id`` of the stored task it edits (None: a new row); the cells by
    the import's column names (URAIAN_TUGAS, SATUAN_HASIL, VOLUME, PERIODE, NORMA_WAKTU)."""

    id: int | None
    cells: dict[str, str]

    @property
    def blank(self) -> bool:
        # the period always holds a choice, so a row is blank when everything typed is
        return self.id is None and not any(str(v).strip() for k, v in self.cells.items() if k != "PERIODE")


@dataclass
class TaskSave:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    unchanged: int = 0


def check_tasks(rows: list[TaskInput]) -> tuple[list[TaskValues | None], dict[int, list[RowError]]]:
    """Each row parsed with the import's checks (blank rows give None and no error); the problems by row
    index, a task text written twice included."""
    abk = active_ruleset().abk
    if abk is None:
        raise ApplicationError(_("The active rule set has no ABK section."))
    values: list[TaskValues | None] = []
    errors: dict[int, list[RowError]] = {}
    seen: dict[str, int] = {}
    for i, row in enumerate(rows):
        if row.blank:
            values.append(None)
            continue
        rec = Record(i + 1, {col: row.cells.get(col, "") for col in TASK_COLUMNS})
        v = clean_task(rec, abk)
        if v is not None and v.task.casefold() in seen:
            rec.fail("URAIAN_TUGAS", gettext_noop("The same task is written twice (row %(row)s)."),
                     row=seen[v.task.casefold()] + 1)  # fmt: skip
            v = None
        if v is not None:
            seen[v.task.casefold()] = i
        if rec.errors:
            errors[i] = rec.errors
        values.append(v)
    return values, errors


@transaction.atomic
def abk_save_tasks(*, actor, pk: int, year: int, rows: list[TaskInput], delete: set[int]) -> TaskSave:
    """Save the editor's task table of one position and year in one go: rows edited, added, and the ids in
    ``delete`` removed. Any problem refuses the whole save (ApplicationError with ``rows``: index ->
    errors) and nothing is written; a final ABK refuses edits."""
    position = position_for_abk(actor=actor, pk=pk)
    Position.objects.select_for_update().filter(pk=position.pk).first()  # one editor saves at a time
    if abk_locked(position, year):
        raise ApplicationError(
            _("The ABK %(year)s of this OPD is final and locked; reopen it as a draft first.") % {"year": year},
            code="locked",
        )
    stored = {t.pk: t for t in AbkTask.objects.filter(position=position, year=year)}
    foreign = [r.id for r in rows if r.id is not None and r.id not in stored]
    foreign += [pk_ for pk_ in delete if pk_ not in stored]
    if foreign:
        raise NotFound(_("Task not found."))
    if set(stored) - {r.id for r in rows} - delete:
        raise ApplicationError(
            _("The tasks of this position changed since the page was opened; reload it and try again."),
            code="stale",
        )
    kept = [(i, r) for i, r in enumerate(rows) if r.id not in delete or r.id is None]
    values, errors = check_tasks([r for _i, r in kept])
    if errors:
        by_row = {kept[j][0]: e for j, e in errors.items()}
        n = sum(len(e) for e in by_row.values())
        raise ApplicationError(
            ngettext("%(n)s problem in the task table; nothing was saved.",
                     "%(n)s problems in the task table; nothing was saved.", n) % {"n": n},
            {"rows": by_row},
        )  # fmt: skip
    result = TaskSave()
    if delete:
        result.deleted, _by_model = AbkTask.objects.filter(pk__in=delete, position=position, year=year).delete()
    fields = ("task", "output_unit", "volume", "period", "norm_minutes")
    # a task text moved from one row to another must not trip the unique (position, year, task) on the way
    changed: list[tuple[AbkTask, TaskValues]] = []
    for (_i, row), v in zip(kept, values, strict=True):
        if v is None or row.id is None:  # a blank row, or a new one (created below)
            continue
        task = stored[row.id]
        if all(getattr(task, f) == getattr(v, f) for f in fields):
            result.unchanged += 1
        else:
            changed.append((task, v))
    if changed:
        placeholder = Concat(Value("~"), Cast("id", CharField()))
        AbkTask.objects.filter(pk__in=[t.pk for t, _v in changed]).update(task=placeholder)
        now = timezone.now()
        for task, v in changed:
            for f in fields:
                setattr(task, f, getattr(v, f))
            task.updated_at = now
        AbkTask.objects.bulk_update([t for t, _v in changed], [*fields, "updated_at"])
        result.updated = len(changed)
    new = [AbkTask(position=position, year=year, **{f: getattr(v, f) for f in fields})
           for (_i, row), v in zip(kept, values, strict=True) if v is not None and row.id is None]  # fmt: skip
    AbkTask.objects.bulk_create(new)
    result.created = len(new)
    if result.created or result.updated or result.deleted:
        audit(actor=actor, action="abk.tasks", obj=position,
              detail={"year": year, "created": result.created, "updated": result.updated,
                      "deleted": result.deleted})  # fmt: skip
    return result


@transaction.atomic
def position_anjab_update(*, actor, pk: int, summary: str, education_requirement: str) -> Position:
    """The Anjab fields of a position (ikhtisar jabatan, kualifikasi pendidikan), kept short."""
    position = position_for_abk(actor=actor, pk=pk)
    summary, education = summary.strip(), " ".join(education_requirement.split())
    if len(summary) > 2000:
        raise ApplicationError(_("The job summary is limited to 2,000 characters."), {"field": "summary"})
    if len(education) > 255:
        raise ApplicationError(
            _("The education requirement is limited to 255 characters."), {"field": "education_requirement"}
        )
    before = {"summary": position.summary, "education_requirement": position.education_requirement}
    position.summary, position.education_requirement = summary, education
    position.full_clean()
    position.save(update_fields=["summary", "education_requirement", "updated_at"])
    after = {"summary": summary, "education_requirement": education}
    changed = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if changed:  # saving the form unchanged is not a change to record
        audit(actor=actor, action="position.anjab", obj=position, detail=changed)
    return position
