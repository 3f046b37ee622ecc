"""The journal of a scope: what was changed (AuditLog) and what personal data was read (AccessLog), by the
users of that scope, for its admins to see and export (UU 27/2022); and the purge of what is older than the
retention settings."""

from __future__ import annotations

import json
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import NotFound
from .models import AccessLog, AuditLog
from .scoping import Scope

CHANGES_HEADER = ["WAKTU", "PENGGUNA", "TINDAKAN", "OBJEK", "ID_OBJEK", "RINCIAN"]
READS_HEADER = ["WAKTU", "PENGGUNA", "LINGKUP", "JENIS", "ALAMAT", "STATUS", "BARIS", "IP"]


def _users_q(scope: Scope, prefix: str) -> Q:
    """Rows by users of the scope (the national admin also sees rows without a user: failed logins)."""
    q = Q(**{f"{prefix}__organisation__path__startswith": scope.path})
    if scope.role == "national_admin":
        q |= Q(**{f"{prefix}__isnull": True})
    return q


def journal_changes(*, actor, days: int = 30) -> QuerySet[AuditLog]:
    scope = Scope.for_user(actor)
    if not scope.is_admin:
        raise NotFound(_("Page not found."))
    since = timezone.now() - timedelta(days=days)
    return AuditLog.objects.filter(_users_q(scope, "actor"), at__gte=since).select_related("actor")


def journal_reads(*, actor, days: int = 30) -> QuerySet[AccessLog]:
    scope = Scope.for_user(actor)
    if not scope.is_admin:
        raise NotFound(_("Page not found."))
    since = timezone.now() - timedelta(days=days)
    return AccessLog.objects.filter(_users_q(scope, "user"), at__gte=since).select_related("user")


def changes_rows(qs: QuerySet[AuditLog]):
    for a in qs.iterator(2000):
        yield [
            a.at.isoformat(timespec="seconds"),
            a.actor.username if a.actor else "",
            a.action,
            a.object_type,
            a.object_id,
            json.dumps(a.detail, ensure_ascii=False, default=str),  # the detail as JSON (a cell holds text)
        ]


def reads_rows(qs: QuerySet[AccessLog]):
    for r in qs.iterator(2000):
        yield [
            r.at.isoformat(timespec="seconds"),
            r.user.username if r.user else "",
            r.scope_path,
            r.kind,
            r.path,
            r.status,
            r.rows,
            r.address,
        ]


def purge(*, now=None, dry_run: bool = False) -> dict[str, int]:
    """Delete the audit rows older than TALENTA_AUDIT_RETENTION_DAYS and the access and login records older
    than TALENTA_ACCESS_RETENTION_DAYS; return how many of each (``dry_run``: count only)."""
    from axes.models import AccessAttempt, AccessFailureLog
    from axes.models import AccessLog as LoginLog

    now = now or timezone.now()
    audit_before = now - timedelta(days=settings.TALENTA_AUDIT_RETENTION_DAYS)
    access_before = now - timedelta(days=settings.TALENTA_ACCESS_RETENTION_DAYS)
    targets = {
        "audit": AuditLog.objects.filter(at__lt=audit_before),
        "access": AccessLog.objects.filter(at__lt=access_before),
        "logins": LoginLog.objects.filter(attempt_time__lt=access_before),
        "login_failures": AccessFailureLog.objects.filter(attempt_time__lt=access_before),
        "lockouts": AccessAttempt.objects.filter(attempt_time__lt=access_before),
    }
    counts = {k: qs.count() for k, qs in targets.items()}
    if not dry_run:
        with transaction.atomic():
            for qs in targets.values():
                qs.delete()  # nothing refers to these rows: one DELETE ... WHERE each
    return counts
