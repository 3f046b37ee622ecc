"""The record of every import: who brought which file, when, and what came of it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    COMPLETED = "completed", _("completed")
    PARTIAL = "partial", _("completed, some rows rejected")
    REJECTED = "rejected", _("rejected, nothing written")
    UNUSABLE = "unusable", _("file unusable, nothing written")
    PENDING = "pending", _("waiting")
    RUNNING = "running", _("running")
    PREVIEWED = "previewed", _("checked, waiting for confirmation")
    CANCELLED = "cancelled", _("cancelled")
    FAILED = "failed", _("failed, nothing written")


class ImportBatch(models.Model):
    """One import of one file. ``errors`` keeps the first rejected rows for the history page."""

    kind = models.CharField(_("kind"), max_length=20)
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="imports"
    )
    scope_path = models.CharField(max_length=400, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    atomic = models.BooleanField(default=False)
    strict = models.BooleanField(default=False)  # a column nothing reads makes the file unusable
    create_units = models.BooleanField(default=False)  # pegawai: create the units UNOR NAMA names (SIASN)
    created_units = models.JSONField(default=list, blank=True)  # what the check would create / the import did
    status = models.CharField(_("status"), max_length=12, choices=ImportStatus.choices, default=ImportStatus.PENDING)
    rows = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    errors = models.JSONField(default=list, blank=True)
    ignored_columns = models.JSONField(default=list, blank=True)  # headers as typed that nothing read
    unused_columns = models.JSONField(default=list, blank=True)  # known source columns not kept (SIASN)
    progress = models.PositiveSmallIntegerField(default=0)  # percent, for the page while it runs
    stored_file = models.CharField(max_length=255, blank=True)  # under MEDIA_ROOT, for background runs
    report_file = models.CharField(max_length=255, blank=True)  # error report of the check, under MEDIA_ROOT
    language = models.CharField(max_length=8, default="id")  # of the messages, the uploader's choice
    runner = models.CharField(max_length=120, blank=True)  # "cli:HOST:PID" while a CLI import runs

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.filename} ({self.status})"
