"""Writes of job governance: an OPD's ABK of a year made final (locked) or reopened as a draft, and a new
year started as a copy of the last. Every change is audited with who and when."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from talenta.core.errors import ApplicationError, NotFound
from talenta.core.models import audit
from talenta.core.rulesets import active_ruleset
from talenta.core.scoping import Scope
from talenta.org.models import Organisation, OrgKind

from .models import AbkState, AbkStatus, AbkTask


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
