"""Cross-cutting models: the audit log every service writes to."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Abstract base: creation and last-change times."""

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class AuditLog(models.Model):
    """One write done by a service: who, what, on which object, with a small JSON detail."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    action = models.CharField(max_length=64)
    object_type = models.CharField(max_length=64)
    object_id = models.CharField(max_length=64, blank=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("audit log entry")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type}#{self.object_id}"

    @property
    def action_label(self) -> str:
        """The action in the user's words (the journal page; the downloads keep the code)."""
        return str(ACTION_LABELS.get(self.action, self.action))

    @property
    def object_label(self) -> str:
        """The kind of object by its model's name (``talent.successioncandidate`` -> its verbose name)."""
        from django.apps import apps

        try:
            return str(apps.get_model(self.object_type)._meta.verbose_name)
        except (LookupError, ValueError):
            return self.object_type

    @property
    def detail_text(self) -> str:
        """The detail as ``key: value`` pairs for a page (the downloads keep the JSON)."""
        return _pairs(self.detail) if isinstance(self.detail, dict) else str(self.detail)


def _pairs(value) -> str:
    if isinstance(value, dict):
        return "; ".join(
            f"{k}: {_pairs(v) if not isinstance(v, dict) else '(' + _pairs(v) + ')'}" for k, v in value.items()
        )
    if isinstance(value, list):
        return " -> ".join(_pairs(v) for v in value) if len(value) == 2 else ", ".join(_pairs(v) for v in value)
    return "-" if value in (None, "") else str(value)


def _plain(value):
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return str(value)  # dates, decimals, files: their text


def snapshot(obj, fields: tuple[str, ...] | list[str]) -> dict:
    """The values of ``fields`` of ``obj`` as JSON (for the before/after of an audit row)."""
    return {f: _plain(getattr(obj, f, None)) for f in fields}


def field_changes(before: dict, after: dict) -> dict:
    """``{field: [before, after]}`` of what differs: what an audit row keeps of a change."""
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def audit(*, actor, action: str, obj=None, object_type: str = "", detail: dict | None = None) -> AuditLog:
    """Record a write. Call inside the service's transaction so the log and the change commit together."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
    return AuditLog.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=object_type,
        object_id=str(getattr(obj, "pk", "") or ""),
        detail=detail or {},
    )


class AccessLog(models.Model):
    """One read of personal data outside the pages: an API call or a download (who, what, which scope, how
    many rows). Written by :class:`talenta.core.middleware.AccessJournalMiddleware`."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    scope_path = models.CharField(max_length=400, db_index=True)  # the reader's scope
    kind = models.CharField(max_length=8)  # "api" or "export"
    path = models.CharField(max_length=500)  # with the query string
    status = models.PositiveSmallIntegerField(default=200)
    rows = models.PositiveIntegerField(null=True, blank=True)
    address = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("access log entry")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} {self.path}"


class WorkerHeartbeat(models.Model):
    """A background worker (``talenta worker``) and when it was last heard from: the health check reports
    it, and a worker not heard from for ``TALENTA_WORKER_TIMEOUT`` seconds is taken for dead (its running
    tasks are marked failed by the next worker that looks)."""

    worker_id = models.CharField(max_length=64, unique=True)
    host = models.CharField(max_length=255, blank=True)
    pid = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField(db_index=True)
    stopped_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-beat_at"]

    def __str__(self) -> str:
        return f"{self.worker_id} {self.beat_at:%Y-%m-%d %H:%M:%S}"


# What each audited action is called on the journal page (issue 23: a visible audit in the user's words).
ACTION_LABELS = {
    "abk.copy": _("ABK copied from another year"),
    "abk.state": _("ABK status changed"),
    "abk.tasks": _("ABK tasks edited"),
    "acting.create": _("Acting official (Plt/Plh) recorded"),
    "acting.end": _("Acting assignment ended"),
    "action_attach": _("Follow-up evidence file added"),
    "action_update": _("Follow-up action updated"),
    "attachment_add": _("Good practice file added"),
    "employee.move": _("Employee moved"),
    "employee_create": _("Employee added"),
    "idp.cancel": _("IDP item cancelled"),
    "idp.decide": _("IDP item decided"),
    "idp.propose": _("IDP item proposed"),
    "import": _("File imported"),
    "login": _("Logged in"),
    "login_failed": _("Failed login"),
    "login_locked": _("Login locked"),
    "merit_indicator_update": _("Merit indicator edited"),
    "merit_open": _("Merit self-assessment opened"),
    "merit_return": _("Merit self-assessment returned for revision"),
    "merit_score_save": _("Merit score saved"),
    "merit_submit": _("Merit self-assessment submitted"),
    "merit_verify": _("Merit self-assessment verified"),
    "password_change": _("Password changed"),
    "plan.accept": _("Development plan accepted"),
    "plan.start": _("Development plan computed"),
    "pool.decide": _("Talent pool decision"),
    "position.anjab": _("Job analysis (Anjab) edited"),
    "position_create": _("Position added"),
    "practice_publish": _("Good practice published"),
    "practice_save": _("Good practice saved"),
    "recommendation_create": _("Recommendation recorded"),
    "regional_head.create": _("Regional head recorded"),
    "review.calibrate": _("Talent review calibration"),
    "review.create": _("Talent review opened"),
    "review.finalise": _("Talent review finalised"),
    "review.retry": _("Talent review prepared again"),
    "structural_rule_create": _("Structural position rule added"),
    "structural_rule_delete": _("Structural position rule removed"),
    "subject_export": _("Personal data exported"),
    "succession.nominate": _("Successor nominated"),
    "succession.remove": _("Successor removed"),
    "succession.update": _("Successor updated"),
    "totp_off": _("Two-factor login turned off"),
    "totp_on": _("Two-factor login turned on"),
}
