"""Background imports for the web: check first (nothing written), then write on confirmation."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.utils import translation
from django_tasks import task

from .models import ImportBatch, ImportStatus
from .report import write_error_report
from .services import import_file


def stored_path(name: str) -> Path:
    return Path(settings.MEDIA_ROOT) / name


def _progress_connection():
    """PostgreSQL: a connection of its own for the progress, in autocommit. The import may write while it
    checks (one transaction, an open COPY on the main connection), and a poller only sees what is committed.
    SQLite (one writer at a time) gets none: its imports only take the write lock at the end."""
    if connection.vendor != "postgresql":
        return None
    return connections.create_connection(DEFAULT_DB_ALIAS)


@task()
def run_import(batch_id: int, confirm: bool) -> str:
    """Run the check (``confirm=False``) or the real import of an uploaded file; progress goes to the batch."""
    batch = ImportBatch.objects.select_related("user", "user__organisation").get(pk=batch_id)
    ImportBatch.objects.filter(pk=batch_id).update(status=ImportStatus.RUNNING, progress=1)

    side = _progress_connection()

    def progress(message: str, percent: int) -> None:
        if percent < 100:  # the outcome's own message replaces the progress text at the end
            if side is None:
                ImportBatch.objects.filter(pk=batch_id).update(progress=percent, message=message[:500])
                return
            with side.cursor() as cur:
                cur.execute(
                    f"UPDATE {ImportBatch._meta.db_table} SET progress = %s, message = %s WHERE id = %s",
                    [percent, message[:500], batch_id],
                )

    try:
        data = stored_path(batch.stored_file).read_bytes()
        with translation.override(batch.language):
            result = import_file(
                actor=batch.user,
                kind=batch.kind,
                data=data,
                filename=batch.filename,
                atomic=batch.atomic,
                dry_run=not confirm,
                progress=progress,
                batch=batch,
                strict=batch.strict,
                create_units=batch.create_units,
            )
            if not confirm and (result.rejected or result.ignored_columns or result.unused_columns):
                name = f"imports/{batch.pk}-laporan.xlsx"
                write_error_report(result, str(stored_path(name)))
                ImportBatch.objects.filter(pk=batch_id).update(report_file=name)
    except Exception as exc:  # the record must say what happened even when the code did not expect it
        ImportBatch.objects.filter(pk=batch_id).update(status=ImportStatus.FAILED, message=str(exc)[:500], progress=100)
        raise
    finally:
        if side is not None:
            side.close()
    return result.status
