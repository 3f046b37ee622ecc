"""Merit self-assessment: fill (the organisation's admins), submit, verify (an admin of the level above)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from talenta.coordination.services import ALLOWED, stored_upload
from talenta.core.errors import ApplicationError, NotFound, PermissionDenied
from talenta.core.models import audit, field_changes, snapshot
from talenta.core.scoping import Scope
from talenta.engine.merit import framework_for_year, load_framework, merit_total
from talenta.org.models import Organisation

from .models import MeritAssessment, MeritFramework, MeritIndicator, MeritScore, MeritStatus


@transaction.atomic
def framework_get(name: str) -> MeritFramework:
    """The framework of a rule-set file, created in the database the first time (then its texts are edited
    by the national admin)."""
    doc = load_framework(name)
    meta = doc["meta"]
    fw = MeritFramework.objects.filter(version=meta["version"]).first()
    if fw is not None:
        return fw
    fw = MeritFramework.objects.create(
        version=meta["version"],
        name=meta["name"],
        categories=meta["categories"],
        from_year=int(meta["from_year"]),
        score_min=int(meta["score_min"]),
        score_max=int(meta["score_max"]),
    )
    order = 0
    for aspect in doc["aspects"]:
        for ind in aspect["indicators"]:
            order += 1
            MeritIndicator.objects.create(
                framework=fw,
                aspect_code=aspect["code"],
                aspect_name=aspect["name"],
                code=ind["code"],
                text=ind["text"],
                criteria=ind["criteria"],
                evidence_key=ind.get("evidence", ""),
                order=order,
            )
    return fw


def framework_for(year: int) -> MeritFramework:
    """The framework of an assessment year (RULES.md §8: PermenPAN-RB 40/2018 until 2025, 19/2025 from 2026)."""
    return framework_get(framework_for_year(year))


def can_fill(actor, org: Organisation) -> bool:
    scope = Scope.for_user(actor)
    return scope.is_admin and scope.contains_path(org.path)


def can_verify(actor, org: Organisation) -> bool:
    """An admin of a level above the organisation (its scope holds the organisation but is not it)."""
    scope = Scope.for_user(actor)
    return scope.is_admin and scope.contains_path(org.path) and scope.path != org.path


@transaction.atomic
def assessment_open(*, actor, org: Organisation, year: int) -> MeritAssessment:
    if not can_fill(actor, org):
        raise PermissionDenied(_("Only the admins of %(org)s fill its self-assessment.") % {"org": org.name})
    a, created = MeritAssessment.objects.get_or_create(
        organisation=org, year=year, defaults={"framework": framework_for(year)}
    )
    if created:
        audit(
            actor=actor,
            action="merit_open",
            obj=a,
            detail={"org": org.code, "year": year, "framework": a.framework.version},
        )
    return a


@transaction.atomic
def score_save(
    *,
    actor,
    assessment: MeritAssessment,
    indicator: MeritIndicator,
    score: int,
    evidence: str = "",
    filename: str = "",
    data: bytes | None = None,
) -> MeritScore:
    if assessment.status != MeritStatus.DRAFT:
        raise ApplicationError(_("The self-assessment is submitted; it can no longer be changed."))
    if not can_fill(actor, assessment.organisation):
        raise PermissionDenied(
            _("Only the admins of %(org)s fill its self-assessment.") % {"org": assessment.organisation.name}
        )
    _check_score(assessment.framework, score)
    row, created = MeritScore.objects.get_or_create(
        assessment=assessment, indicator=indicator, defaults={"self_score": score}
    )
    fields = ("self_score", "evidence", "evidence_filename")
    before = {} if created else snapshot(row, fields)
    row.self_score, row.evidence = int(score), evidence.strip()
    if data:
        row.evidence_file = stored_upload(filename=filename, data=data, folder="merit")
        row.evidence_filename = filename[:255]
    row.save()
    changed = field_changes(before, snapshot(row, fields))
    if changed:
        audit(
            actor=actor,
            action="merit_score_save",
            obj=row,
            detail={
                "org": assessment.organisation.code,
                "year": assessment.year,
                "indicator": indicator.code,
                "changed": changed,
            },
        )
    return row


def _check_score(fw: MeritFramework, score: int) -> None:
    if not fw.score_min <= int(score) <= fw.score_max:
        raise ApplicationError(
            _("Scores are %(lo)s to %(hi)s.") % {"lo": fw.score_min, "hi": fw.score_max}, {"field": "score"}
        )


def _total(assessment: MeritAssessment) -> tuple[float, str]:
    fw = assessment.framework
    scores = [s.final for s in assessment.scores.all()]
    return merit_total(scores, fw.categories, fw.score_min, fw.score_max)


@transaction.atomic
def assessment_submit(*, actor, assessment: MeritAssessment) -> MeritAssessment:
    if not can_fill(actor, assessment.organisation):
        raise PermissionDenied(
            _("Only the admins of %(org)s fill its self-assessment.") % {"org": assessment.organisation.name}
        )
    missing = assessment.framework.indicators.exclude(pk__in=assessment.scores.values("indicator_id")).count()
    if missing:
        raise ApplicationError(_("%(n)s indicator(s) have no score yet.") % {"n": missing})
    total, category = _total(assessment)
    assessment.status, assessment.submitted_at = MeritStatus.SUBMITTED, timezone.now()
    assessment.returned_note = ""  # the revision asked for is answered by this submission
    assessment.total, assessment.category = Decimal(str(total)), category
    assessment.save()
    audit(actor=actor, action="merit_submit", obj=assessment, detail={"total": total})
    return assessment


@transaction.atomic
def assessment_return(*, actor, assessment: MeritAssessment, note: str) -> MeritAssessment:
    """Send a submitted self-assessment back to its organisation for revision, with the verifier's note: it
    is a draft again, its scores kept; the note shows on the form until it is submitted again."""
    if assessment.status != MeritStatus.SUBMITTED:
        raise ApplicationError(_("Only a submitted self-assessment can be returned."))
    if not can_verify(actor, assessment.organisation):
        raise PermissionDenied(_("A self-assessment is verified by an admin of the level above."))
    note = note.strip()
    if not note:
        raise ApplicationError(_("Say what is to be revised."), {"field": "note"})
    assessment.status, assessment.submitted_at = MeritStatus.DRAFT, None
    assessment.returned_note, assessment.returned_at, assessment.returned_by = note, timezone.now(), actor
    assessment.total, assessment.category = None, ""
    assessment.save()
    audit(actor=actor, action="merit_return", obj=assessment, detail={"note": note})
    return assessment


def evidence_file(assessment: MeritAssessment, indicator_id: int) -> tuple[Path, str, str]:
    """The stored evidence file of one indicator: (path, original name, content type); not found otherwise."""
    row = assessment.scores.filter(indicator_id=indicator_id).exclude(evidence_file="").first()
    if row is None:
        raise NotFound(_("No evidence file for this indicator."))
    content_type = ALLOWED.get(Path(row.evidence_filename).suffix.lower(), ("application/octet-stream",))[0]
    return Path(settings.MEDIA_ROOT) / row.evidence_file, row.evidence_filename, content_type


@transaction.atomic
def assessment_verify(*, actor, assessment: MeritAssessment, changes: dict[int, tuple[int, str]]) -> MeritAssessment:
    """Accept the self scores, or change some: ``{indicator_id: (score, reason)}``, a reason for each."""
    if assessment.status != MeritStatus.SUBMITTED:
        raise ApplicationError(_("Only a submitted self-assessment is verified."))
    if not can_verify(actor, assessment.organisation):
        raise PermissionDenied(_("A self-assessment is verified by an admin of the level above."))
    rows = {s.indicator_id: s for s in assessment.scores.select_related("indicator")}
    verified: dict[str, list] = {}
    for indicator_id, (score, reason) in changes.items():
        row = rows[indicator_id]
        if int(score) == row.self_score:
            continue
        _check_score(assessment.framework, score)
        if not reason.strip():
            raise ApplicationError(
                _("Give the reason for changing the score of %(code)s.") % {"code": row.indicator.code},
                {"field": "reason"},
            )
        verified[row.indicator.code] = [row.self_score, int(score), reason.strip()]
        row.verified_score, row.reason = int(score), reason.strip()
        row.save(update_fields=["verified_score", "reason", "updated_at"])
    total, category = _total(assessment)
    assessment.status, assessment.verified_at, assessment.verified_by = MeritStatus.VERIFIED, timezone.now(), actor
    assessment.total, assessment.category = Decimal(str(total)), category
    assessment.save()
    audit(
        actor=actor,
        action="merit_verify",
        obj=assessment,
        detail={"total": total, "changed": verified},  # indicator: [self score, verified score, reason]
    )
    return assessment


# -- reads -------------------------------------------------------------------------------------------------
def assessments_own(org: Organisation) -> QuerySet[MeritAssessment]:
    """The organisation's own self-assessments, newest first (already in the caller's scope)."""
    return MeritAssessment.objects.filter(organisation=org).select_related("framework").order_by("-year")


def assessments_below(org: Organisation, *, submitted_only: bool = True) -> QuerySet[MeritAssessment]:
    """The self-assessments of the organisations below ``org`` (submitted or verified by default)."""
    qs = (
        MeritAssessment.objects.filter(organisation__path__startswith=org.path)
        .exclude(organisation=org)
        .select_related("organisation", "framework")
    )
    return qs.exclude(status=MeritStatus.DRAFT) if submitted_only else qs


def assessments_of_subtree(org: Organisation) -> QuerySet[MeritAssessment]:
    """Every self-assessment of ``org`` and below, for the export."""
    return (
        MeritAssessment.objects.filter(organisation__path__startswith=org.path)
        .select_related("organisation", "framework")
        .order_by("organisation__code", "-year")
    )


def assessment_get(org: Organisation, year: int) -> MeritAssessment:
    a = MeritAssessment.objects.filter(organisation=org, year=year).select_related("framework").first()
    if a is None:
        raise NotFound(_("No self-assessment of %(org)s for %(year)s.") % {"org": org.name, "year": year})
    return a


@transaction.atomic
def indicator_update(*, actor, indicator: MeritIndicator, text: str, criteria: list[str]) -> bool:
    """The national admin's new wording of an indicator (audited with the old); False when nothing changed."""
    if Scope.for_user(actor).role != "national_admin":
        raise PermissionDenied(_("Only the national admin edits the merit framework."))
    text, criteria = text.strip(), [c.strip() for c in criteria]
    if not text or not all(criteria) or (text == indicator.text and criteria == indicator.criteria):
        return False
    before = {"text": indicator.text, "criteria": indicator.criteria}
    indicator.text, indicator.criteria = text, criteria
    indicator.save(update_fields=["text", "criteria"])
    audit(
        actor=actor,
        action="merit_indicator_update",
        obj=indicator,
        detail={"code": indicator.code, "before": before, "after": {"text": text, "criteria": criteria}},
    )
    return True
