"""Running an import: read, find the header, clean every row, reject what is wrong, write the rest; and
every step of an import's record (the batch), whoever takes it: the web pages, the worker, the CLI.

One transaction per import. By default valid rows are written and invalid ones reported; ``atomic``
writes nothing when any row is wrong; ``dry_run`` runs everything (counts included) and rolls back.

A web import is a batch: ``batch_start`` stores the file and asks the worker to check it (``run_import``,
``batch_run``: nothing written, the outcome kept as ``previewed``), ``batch_confirm`` asks it to import for
real, ``batch_cancel`` drops a checked file, ``batch_fail`` records what went wrong.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_tasks import task

from talenta.competency.models import Competency
from talenta.core.bulk import analyze, is_unique_violation
from talenta.core.errors import NotFound
from talenta.core.isolation import ChildDied, isolated
from talenta.core.jobs import also_reap, process_alive, runner_id, when_lost
from talenta.core.models import audit
from talenta.core.rulesets import active_ruleset
from talenta.core.scoping import Scope
from talenta.org.models import NATIONAL_CODE, Organisation, Role
from talenta.people.siasn import is_siasn

from . import cells as c
from .base import Context, ImportKind, Record, ignored_headers, locate_header, records_from
from .models import ImportBatch, ImportStatus
from .readers import DAMAGED, FileUnusable, read_table
from .registry import KINDS
from .report import write_error_report
from .results import ImportResult

MAX_STORED_ERRORS = 1000
GOVERNMENT_ADMINS = (Role.NATIONAL_ADMIN, Role.PROVINCE_ADMIN, Role.REGENCY_ADMIN)
ANALYZE_AFTER_ROWS = 10_000
WRITE_ATTEMPTS = 3  # a write that lost a race for a new key is checked again against the winner's rows
log = logging.getLogger(__name__)
Progress = Callable[[str, int], None]  # message, percent


def import_context(actor, today: date | None = None) -> Context:
    """The importer's scope; ``actor=None`` is the system (the CLI without --user): all of Indonesia."""
    if actor is None:
        path, owner = f"/{NATIONAL_CODE}/", Organisation.objects.get(code=NATIONAL_CODE)
    else:
        scope = Scope.for_user(actor)
        if not scope.is_admin:
            raise FileUnusable(gettext_noop("Your role cannot import data."))
        path = scope.path
        owner = actor.organisation or Organisation.objects.get(code=NATIONAL_CODE)
    return Context(
        actor=actor,
        scope_path=path,
        owner_id=owner.id,
        ruleset=active_ruleset(),
        today=today or timezone.localdate(),
    )


def _mark_duplicates(kind: type[ImportKind], pairs: list[tuple[Record, Any]], records: list[Record]) -> None:
    """Rows sharing a natural key are all rejected, each naming the others.

    Clean rows are grouped by their parsed key; when some rows failed to parse, every row is also grouped
    by the raw text of its key cells, so a bad row and a good row with the same NIP are both named.
    """
    groups: dict[Any, list[Record]] = defaultdict(list)
    seen = Counter(row.key for _, row in pairs)
    if len(seen) < len(pairs):  # only keys given twice are grouped (most files have none)
        for rec, row in pairs:
            if seen[row.key] > 1:
                groups[("clean", row.key)].append(rec)
    if len(pairs) < len(records):
        for rec in records:
            raw_key = tuple(c.key_text(rec.raw(col)) for col in kind.key_columns)
            if all(raw_key):
                groups[("raw", raw_key)].append(rec)
    flagged: set[int] = set()
    for group in groups.values():
        if len(group) < 2:
            continue
        rows = sorted({r.row for r in group})
        for rec in group:
            if rec.row in flagged:
                continue
            flagged.add(rec.row)
            others = ", ".join(str(n) for n in rows if n != rec.row)
            rec.fail(
                kind.key_columns[0],
                gettext_noop("Duplicate %(key)s in this file (also on row(s) %(rows)s)."),
                key=" + ".join(kind.key_columns),
                rows=others,
            )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a file is imported. A 100,000-row file makes millions
    of small objects (cells, rows, records), none in a cycle, so reference counting frees them all; the
    collector would only walk them again and again (~0.7 s of 6 s, bench/README.md)."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


@_collector_paused()
def import_file(
    *,
    actor,
    kind: str,
    data: bytes,
    filename: str,
    atomic: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    today: date | None = None,
    batch: ImportBatch | None = None,
    strict: bool = False,
    create_units: bool = False,
) -> ImportResult:
    """Import one file of ``kind``; see the module docstring. Never raises for bad input: the result says.

    ``strict``: a column that nothing reads (``ignored_columns``) makes the file unusable, nothing written.
    ``create_units`` (``pegawai``; government admins only): the units UNOR NAMA names under an OPD of the
    scope that are not in Talenta yet are created (generated codes, listed in ``created_units``).
    """
    say = progress or (lambda _m, _p: None)
    result = ImportResult(kind=kind, filename=filename, dry_run=dry_run, strict=strict)
    digest = hashlib.sha256(data).hexdigest()
    try:
        if kind not in KINDS:
            raise FileUnusable(
                gettext_noop("Unknown kind %(kind)r; choose one of: %(kinds)s."), kind=kind, kinds=", ".join(KINDS)
            )
        kind_cls = KINDS[kind]
        ctx = import_context(actor, today)
        kind_options: dict[str, Any] = {}
        if create_units:
            if kind != "pegawai":
                raise FileUnusable(gettext_noop("--create-units is for the pegawai import only."))
            if actor is not None and Scope.for_user(actor).role not in GOVERNMENT_ADMINS:
                raise FileUnusable(gettext_noop("Only the admins of a government may create units."))
            kind_options["create_units"] = True
        say(_("Reading the file"), 2)
        sheet = read_table(data, filename)
        codes = set(Competency.objects.values_list("code", flat=True)) if kind_cls.competency_columns else set()
        header_index, columns = locate_header(sheet, kind_cls, codes)
        result.header_row, result.columns = header_index + 1, list(columns.values())
        ignored = ignored_headers(sheet, header_index, columns, kind_cls)
        result.ignored_columns, result.unused_columns = ignored.unknown, ignored.unused
        result.layout = "siasn" if kind == "pegawai" and is_siasn(sheet.rows[header_index]) else "template"
        if strict and ignored.unknown:
            raise FileUnusable(
                gettext_noop("Strict check: columns not recognised, nothing was imported: %(columns)s."),
                columns=", ".join(ignored.unknown),
            )
        records = records_from(sheet, header_index, columns)
        if not records:
            raise FileUnusable(gettext_noop("The file has a header but no data rows."))
    except FileUnusable as exc:
        result.status = ImportStatus.UNUSABLE
        result.message = _(exc.message) % exc.params if exc.params else _(exc.message)
        if not dry_run or batch is not None:
            _record(result, actor, digest, atomic, batch)
        return result
    result.rows = len(records)
    say(_("Checking %(n)s rows") % {"n": len(records)}, 5)
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        handler = kind_cls(ctx, present=frozenset(columns.values()), **kind_options)
        try:
            bad = _check_and_write(handler, records, result, say, actor, digest, atomic, batch, dry_run=dry_run)
            break
        except Exception as exc:
            if not is_unique_violation(exc):
                raise
            # Another import wrote a row with one of this file's new keys (a NIP, a position) after this one
            # checked: the whole write rolled back. Check again against what is there now, a few times.
            log.warning("import %s: unique violation on attempt %s (%s)", filename, attempt, exc)
            if attempt == WRITE_ATTEMPTS:
                result.status = ImportStatus.FAILED
                result.message = _(
                    "Another import was writing the same rows at the same time; nothing of this file was "
                    "written. Import it again."
                )
                _record(result, actor, digest, atomic, batch)
                return result
            time.sleep(0.2 * attempt)
            ctx, records = import_context(actor, today), records_from(sheet, header_index, columns)
    if atomic and bad:
        result.status = ImportStatus.REJECTED
        result.message = _("%(n)s row(s) rejected; all or nothing was asked, so nothing was written.") % {"n": len(bad)}
        if not dry_run or batch is not None:
            _record(result, actor, digest, atomic, batch)
        return result
    if not dry_run and result.created + result.updated > ANALYZE_AFTER_ROWS:
        analyze(*handler.tables)  # fresh statistics, or the next big query may get a very slow plan
    if dry_run and batch is not None:  # the web's check step: keep what would happen, for the confirm page
        _record(result, actor, digest, atomic, batch, status=ImportStatus.PREVIEWED)
    say(_("Done"), 100)
    return result


def _check_and_write(
    handler: ImportKind,
    records: list[Record],
    result: ImportResult,
    say: Progress,
    actor,
    digest: str,
    atomic: bool,
    batch: ImportBatch | None,
    *,
    dry_run: bool,
) -> list[Record]:
    """Check every record and write the valid ones (and the batch's record) in one transaction; the
    rejected records. Raises a unique violation when a concurrent import took one of the new keys."""
    # One transaction from the first write to the last (prepare may create units; a streaming kind writes
    # while checking): a dry run, or --atomic with a rejected row, rolls all of it back.
    with transaction.atomic():
        handler.prepare(records)
        result.created_units = list(getattr(handler, "created_units", []))
        stream = None if dry_run else handler.stream(records)
        pairs = _clean(handler, records, say, stream)
        _mark_duplicates(type(handler), pairs, records)
        pairs = [(rec, row) for rec, row in pairs if rec.ok]
        handler.check_batch(pairs)
        valid = [row for rec, row in pairs if rec.ok]
        bad = [rec for rec in records if not rec.ok]
        result.rejected = len(bad)
        result.errors = [e for rec in bad for e in rec.errors]
        result.rejected_records = bad
        if atomic and bad:
            transaction.set_rollback(True)  # what was written while checking goes too
        else:
            say(_("Writing %(n)s rows") % {"n": len(valid)}, 70)
            counts = handler.write(valid)
            result.created, result.updated, result.unchanged = counts.created, counts.updated, counts.unchanged
            result.status = ImportStatus.PARTIAL if bad else ImportStatus.COMPLETED
            if dry_run:
                transaction.set_rollback(True)
            else:
                _record(result, actor, digest, atomic, batch)
    return bad


def _clean(
    handler: ImportKind, records: list[Record], say: Progress, stream: AbstractContextManager[None] | None
) -> list[tuple[Record, Any]]:
    """Clean the rows part by part (progress between parts); a streaming kind gets each part's clean rows."""
    pairs: list[tuple[Record, Any]] = []
    step = max(1000, len(records) // 20)
    with stream if stream is not None else nullcontext():
        for s in range(0, len(records), step):
            part = records[s : s + step]
            clean = [(rec, row) for rec, row in zip(part, handler.clean_many(part), strict=True) if row is not None]
            clean = [(rec, row) for rec, row in clean if rec.ok]
            if stream is not None:
                handler.send(clean)
            pairs += clean
            say(_("Checking rows"), 5 + int(60 * (s + len(part)) / len(records)))
    return pairs


def _record(
    result: ImportResult, actor, digest: str, atomic: bool, batch: ImportBatch | None, status: str | None = None
) -> None:
    """Write the outcome to the import's record (a new one for the CLI, the web's own otherwise)."""
    batch = batch or ImportBatch(kind=result.kind, filename=result.filename[:255], user=actor if actor else None)
    batch.sha256 = digest
    batch.scope_path = Scope.for_user(actor).path if actor else f"/{NATIONAL_CODE}/"
    batch.atomic = atomic
    batch.strict = result.strict
    batch.ignored_columns, batch.unused_columns = result.ignored_columns, result.unused_columns
    batch.created_units = result.created_units
    batch.status = status or result.status
    for f in ("rows", "created", "updated", "unchanged", "rejected", "message"):
        setattr(batch, f, getattr(result, f))
    batch.errors = [e.as_dict() for e in result.errors[:MAX_STORED_ERRORS]]
    batch.finished_at = timezone.now()
    batch.progress = 100
    batch.runner = ""
    batch.save()
    result.batch_id = batch.pk
    if batch.status in (ImportStatus.COMPLETED, ImportStatus.PARTIAL) and not result.dry_run:
        # One row per import (the batch keeps the file's hash and its first errors; a row-level before/after
        # of 100,000 employees would be the database twice over).
        audit(
            actor=actor,
            action="import",
            obj=batch,
            detail={
                "kind": result.kind,
                "file": result.filename[:255],
                "sha256": digest,
                **{f: getattr(result, f) for f in ("rows", "created", "updated", "unchanged", "rejected")},
            },
        )


# -- the batch: every transition of an import's record --------------------------------------------------
def stored_path(name: str) -> Path:
    """Where an upload or a report is kept (under MEDIA_ROOT, outside the web root)."""
    return Path(settings.MEDIA_ROOT) / name


def batch_list(*, actor) -> QuerySet[ImportBatch]:
    """The imports made inside the actor's scope, newest first."""
    scope = Scope.for_user(actor)
    if not scope.is_admin:
        raise NotFound(_("Import not found."))
    return ImportBatch.objects.filter(scope_path__startswith=scope.path).select_related("user")


def batch_get(*, actor, pk: int) -> ImportBatch:
    """One import made inside the actor's scope; anything else is not found."""
    batch = batch_list(actor=actor).filter(pk=pk).first()
    if batch is None:
        raise NotFound(_("Import not found."))
    return batch


def can_create_units(actor) -> bool:
    return Scope.for_user(actor).role in GOVERNMENT_ADMINS


@transaction.atomic
def batch_start(
    *,
    actor,
    kind: str,
    filename: str,
    data: bytes,
    atomic: bool = False,
    strict: bool = False,
    create_units: bool = False,
    language: str = "id",
) -> ImportBatch:
    """Keep an uploaded file and its record, then (once committed) have the worker check it."""
    scope = Scope.for_user(actor)
    if not scope.is_admin or kind not in KINDS:
        raise NotFound(_("Import not found."))
    name = f"imports/{uuid.uuid4().hex}{Path(filename).suffix.lower()}"
    path = stored_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    batch = ImportBatch.objects.create(
        kind=kind,
        filename=Path(filename).name[:255],
        sha256=hashlib.sha256(data).hexdigest(),
        user=actor,
        scope_path=scope.path,
        atomic=atomic,
        strict=strict,
        create_units=kind == "pegawai" and create_units and can_create_units(actor),
        stored_file=name,
        language=language,
    )
    transaction.on_commit(lambda: run_import.enqueue(batch.pk, False))
    return batch


@transaction.atomic
def batch_confirm(*, actor, batch: ImportBatch) -> None:
    """Import a checked file for real (its uploader only, once)."""
    if batch.status != ImportStatus.PREVIEWED or batch.user_id != actor.pk:
        raise NotFound(_("Import not found."))
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportStatus.PENDING, progress=0)
    transaction.on_commit(lambda: run_import.enqueue(batch.pk, True))


@transaction.atomic
def batch_cancel(*, actor, batch: ImportBatch) -> None:
    """Drop a checked file that was not imported (nothing was written)."""
    if batch.status == ImportStatus.PREVIEWED:
        ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.PREVIEWED).update(status=ImportStatus.CANCELLED)


def batch_fail(batch_id: int, message: str) -> None:
    """Record that an import failed with ``message`` (nothing of it was written: it ran in one transaction)."""
    ImportBatch.objects.filter(pk=batch_id).update(
        status=ImportStatus.FAILED, message=message[:500], progress=100, finished_at=timezone.now(), runner=""
    )


def _progress_connection():
    """PostgreSQL: a connection of its own for the progress, in autocommit. The import may write while it
    checks (one transaction, an open COPY on the main connection), and a poller only sees what is committed.
    SQLite (one writer at a time) gets none: its imports only take the write lock at the end."""
    if connection.vendor != "postgresql":
        return None
    return connections.create_connection(DEFAULT_DB_ALIAS)


def batch_run(batch_id: int, *, confirm: bool) -> str:
    """Check (``confirm=False``) or import the file of a batch, with progress on the batch; the worker's job.

    It runs in a child process with a memory limit (:mod:`talenta.core.isolation`): a file that makes the
    reader crash or exhaust memory leaves the batch unusable with a clear message, and the worker alive."""
    try:
        return isolated(_batch_run, batch_id, confirm=confirm)
    except ChildDied as exc:
        batch = ImportBatch.objects.filter(pk=batch_id).only("language").first()
        with translation.override(batch.language if batch else "id"):
            message = _(DAMAGED) % {"reason": exc.reason}
        ImportBatch.objects.filter(pk=batch_id).update(
            status=ImportStatus.UNUSABLE, message=message[:500], progress=100, finished_at=timezone.now(), runner=""
        )
        return ImportStatus.UNUSABLE


def _batch_run(batch_id: int, *, confirm: bool) -> str:
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
        batch_fail(batch_id, str(exc))
        raise
    finally:
        if side is not None:
            side.close()
    return result.status


@task()
def run_import(batch_id: int, confirm: bool) -> str:
    """The worker's entry point for a web import (see :func:`batch_run`)."""
    return batch_run(batch_id, confirm=confirm)


@when_lost(run_import)
def _import_lost(args: list, kwargs: dict, message: str) -> None:
    """The task raised or its worker died: a batch still waiting or running is failed (nothing was written)."""
    ImportBatch.objects.filter(pk=args[0], status__in=[ImportStatus.PENDING, ImportStatus.RUNNING]).update(
        status=ImportStatus.FAILED, message=message[:500], progress=100, finished_at=timezone.now()
    )


def cli_import(*, actor, kind: str, data: bytes, filename: str, dry_run: bool = False, **options) -> ImportResult:
    """The CLI's import: recorded as a running batch when it starts (in its own transaction, so a killed
    import still leaves its history), then run in a child process like the worker's (a crash there is the
    file's). Ctrl-C or SIGTERM leaves the batch failed as interrupted; nothing of the file is written, as the
    import is one transaction."""
    _reap_cli_batches()
    batch = None
    if not dry_run:
        scope_path = Scope.for_user(actor).path if actor else f"/{NATIONAL_CODE}/"
        batch = ImportBatch.objects.create(
            kind=kind,
            filename=Path(filename).name[:255],
            sha256=hashlib.sha256(data).hexdigest(),
            user=actor,
            scope_path=scope_path,
            status=ImportStatus.RUNNING,
            progress=1,
            runner=runner_id(),
        )
    try:
        return isolated(
            import_file, actor=actor, kind=kind, data=data, filename=filename, dry_run=dry_run, batch=batch, **options
        )
    except ChildDied as exc:
        result = ImportResult(kind=kind, filename=filename, dry_run=dry_run, status=ImportStatus.UNUSABLE)
        result.message = _(DAMAGED) % {"reason": exc.reason}
        if batch is not None:
            ImportBatch.objects.filter(pk=batch.pk).update(
                status=ImportStatus.UNUSABLE,
                message=result.message[:500],
                progress=100,
                finished_at=timezone.now(),
                runner="",
            )
            result.batch_id = batch.pk
        return result
    except BaseException:  # KeyboardInterrupt, SystemExit from SIGTERM, or a bug: the record says so
        if batch is not None:
            batch_fail(batch.pk, _("Interrupted before it finished; nothing of this file was written."))
        raise


@also_reap
def _reap_cli_batches() -> int:
    """CLI imports whose process is gone (killed) without recording an end: failed as interrupted."""
    n = 0
    for pk, runner in (
        ImportBatch.objects.filter(status=ImportStatus.RUNNING).exclude(runner="").values_list("pk", "runner")
    ):
        if process_alive(runner) is False:
            n += ImportBatch.objects.filter(pk=pk, status=ImportStatus.RUNNING).update(
                status=ImportStatus.FAILED,
                message=_("Interrupted before it finished (its process stopped); nothing of this file was written."),
                progress=100,
                finished_at=timezone.now(),
            )
    return n


@transaction.atomic
def batch_retry(*, actor, batch: ImportBatch) -> None:
    """Check a failed upload's file again (its uploader only): the batch is checked anew, then confirmed as
    any other, so a failure in the middle of a confirmed import never writes half of it twice."""
    if batch.status != ImportStatus.FAILED or batch.user_id != actor.pk or not batch.stored_file:
        raise NotFound(_("Import not found."))
    if not stored_path(batch.stored_file).exists():
        raise NotFound(_("The file of this import is no longer kept; upload it again."))
    ImportBatch.objects.filter(pk=batch.pk).update(
        status=ImportStatus.PENDING, progress=0, message="", finished_at=None, errors=[], report_file=""
    )
    transaction.on_commit(lambda: run_import.enqueue(batch.pk, False))
