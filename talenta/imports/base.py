"""The import machinery shared by every kind: columns, header matching, rows, errors, results."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from operator import attrgetter, itemgetter
from typing import Any, ClassVar

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from talenta.core.bulk import bulk_insert, bulk_update
from talenta.engine.rules import RuleSet

from .cells import CellError, is_blank, norm_header, text
from .readers import HEADER_SCAN_ROWS, FileUnusable, Sheet

CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")  # a code of a unit, competency or programme
Export = tuple[list[str], Iterator[list[Any]]]  # header and rows of an export in a kind's template


def iso(value: Any) -> str:
    """A date as an export writes it (ISO), blank for none."""
    return value.isoformat() if value else ""


def plain_number(value: Any) -> Any:
    """Decimals without trailing zeros (``24.00`` -> ``24``), other values unchanged."""
    if isinstance(value, Decimal):
        value = value.normalize()
        return int(value) if value == value.to_integral_value() else float(value)
    return value


@dataclass(frozen=True)
class Column:
    """A template column: canonical header, whether it is required, accepted aliases (SIASN names)."""

    name: str
    required: bool = False
    aliases: tuple[str, ...] = ()
    note: Any = ""  # an English msgid (gettext_lazy or gettext_noop): shown in the user's language
    example: str = ""

    @property
    def note_text(self) -> str:
        """The note in the active language (the page's column table, the blank template's comments)."""
        return _(str(self.note)) if self.note else ""


@dataclass
class RowError:
    row: int
    column: str
    value: str
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"row": self.row, "column": self.column, "value": self.value, "message": self.message}


class Table:
    """The data rows below the header, column by column: ``data[name]`` holds that column's cells (strings
    stripped), one per data row, in file order; ``rows`` the sheet row numbers (1-based)."""

    __slots__ = ("data", "rows")

    def __init__(self, data: dict[str, list[Any]], rows: list[int]) -> None:
        self.data, self.rows = data, rows


class Record:
    """One data row: its sheet row number, its cells by canonical column, and the problems found.

    The cells live in the file's :class:`Table` (``pos`` is the row's place in it), so a file of 100,000
    rows does not build 100,000 dicts; ``Record(row, {"NIP": ...})`` makes a record of its own.
    """

    __slots__ = ("row", "pos", "table", "errors")

    def __init__(self, row: int, cells: dict[str, Any] | None = None, *, pos: int = 0, table: Table | None = None):
        self.row, self.pos = row, pos
        self.table = table if table is not None else Table({k: [v] for k, v in (cells or {}).items()}, [row])
        self.errors: list[RowError] = []

    @property
    def cells(self) -> dict[str, Any]:
        return {name: values[self.pos] for name, values in self.table.data.items()}

    def has(self, column: str) -> bool:
        """Whether the file has this column at all."""
        return column in self.table.data

    def raw(self, column: str) -> Any:
        values = self.table.data.get(column)
        return None if values is None else values[self.pos]

    def fail(self, column: str, message: str, /, **params: Any) -> None:
        """Record a problem; ``message`` is a msgid translated into the active language."""
        text_ = _(message) % params if params else _(message)
        self.errors.append(RowError(self.row, column, text(self.raw(column)), text_))

    def add(self, column: str, message: str) -> None:
        """Record a problem whose message is already translated (e.g. from a service's ApplicationError)."""
        self.errors.append(RowError(self.row, column, text(self.raw(column)), message))

    def take(self, column: str, parser: Callable[..., Any] = text, *, required: bool = False, **kw: Any) -> Any:
        """Parse a cell; a blank required cell or a parse failure is recorded and gives ``None``."""
        value = self.raw(column)
        if is_blank(value):
            if required:
                self.fail(column, gettext_noop("%(column)s is required."), column=column)
            return None
        try:
            return parser(value, **kw)
        except CellError as exc:
            self.fail(column, exc.message, **exc.params)
            return None

    @property
    def ok(self) -> bool:
        return not self.errors


_pos, _table = attrgetter("pos"), attrgetter("table")


def columns(records: list[Record]) -> Callable[[str], list[Any]]:
    """A getter of one column's cells for ``records``: slices of the file's table when the records are a run
    of consecutive rows of it (what the import passes), else gathered record by record."""
    if records:
        first, table = records[0], records[0].table
        start, stop = first.pos, first.pos + len(records)
        if list(map(_pos, records)) == list(range(start, stop)) and set(map(_table, records)) == {table}:

            def sliced(name: str) -> list[Any]:
                values = table.data.get(name)
                return [None] * (stop - start) if values is None else values[start:stop]

            return sliced
    return lambda name: [r.raw(name) for r in records]


@dataclass
class Context:
    """Who imports, under which rules, on which day. ``scope_path`` bounds every row."""

    actor: Any
    scope_path: str
    owner_id: int
    ruleset: RuleSet
    today: date

    def in_scope(self, path: str) -> bool:
        return path.startswith(self.scope_path)


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0


def same_values(stored: tuple, given: tuple) -> bool:
    """Field by field; decimals compare by value (``24.00`` equals ``24``)."""
    for a, b in zip(stored, given, strict=True):
        if isinstance(a, Decimal) or isinstance(b, Decimal):
            if a is None or b is None:
                if a is not b:
                    return False
            elif Decimal(str(a)) != Decimal(str(b)):
                return False
        elif a != b:
            return False
    return True


def upsert(
    model,
    rows: list[Any],
    existing: dict[Any, tuple],
    *,
    key_fields: tuple[str, ...],
    value_fields: tuple[str, ...],
    values: Callable[[Any], tuple],
    insert_extra: dict[str, Any] | None = None,
    update_extra: dict[str, Any] | None = None,
) -> Counts:
    """Insert the rows whose ``key`` is new, update those whose values changed, count the rest unchanged.

    ``existing`` maps a key to ``(pk, *stored values in value_fields order)``; ``values(row)`` gives the new
    ones in the same order. ``*_extra`` fields are written but never compared (e.g. the rule-set version).
    """
    now = timezone.now()
    insert_extra, update_extra = insert_extra or {}, update_extra or {}
    counts, inserts, updates = Counts(), [], []
    for row in rows:
        new = values(row)
        old = existing.get(row.key)
        if old is None:
            inserts.append((*row.key, *new, *insert_extra.values(), now, now))
        elif same_values(old[1:], new):
            counts.unchanged += 1
        else:
            updates.append((*new, *update_extra.values(), now, old[0]))
    counts.created = bulk_insert(
        model, (*key_fields, *value_fields, *insert_extra, "created_at", "updated_at"), inserts
    )
    counts.updated = bulk_update(model, (*value_fields, *update_extra, "updated_at"), updates)
    return counts


class ImportKind:
    """A template (see the issue's table). Subclasses set ``columns`` and implement the three steps.

    ``prepare`` loads, in a few bulk queries, everything the rows refer to; ``clean`` turns one
    :class:`Record` into a value with a ``key`` (or records errors); ``write`` classifies the clean rows
    against the database and writes them in bulk, returning the counts.
    """

    do_not_call_in_templates = True  # pages show the classes themselves (name, label, columns)
    name: ClassVar[str]
    label: ClassVar[str]
    columns: ClassVar[tuple[Column, ...]]
    competency_columns: ClassVar[bool] = False
    # Columns of which at least one must be present (e.g. KODE_UNIT or the SIASN unit name).
    one_of: ClassVar[tuple[tuple[str, ...], ...]] = ()
    key_columns: ClassVar[tuple[str, ...]] = ()
    tables: ClassVar[tuple[type, ...]] = ()  # the models a big import should re-analyze afterwards
    # Headers of a known source layout the kind does not store (SIASN's personal data): reported apart.
    unused_columns: ClassVar[tuple[str, ...]] = ()
    # Who may export it: None, every admin of the scope; else these roles only (personal data of a
    # sensitive kind: disciplinary penalties, DPRD members' contacts).
    export_roles: ClassVar[frozenset[str] | None] = None

    def __init__(self, ctx: Context, present: frozenset[str] = frozenset()) -> None:
        self.ctx = ctx
        self.present = present  # the columns the file has; an absent optional column keeps stored values
        self.competency_codes = sorted(p for p in present if p not in {col.name for col in self.columns})

    def prepare(self, records: list[Record]) -> None:  # pragma: no cover - overridden where needed
        return None

    def clean(self, rec: Record) -> Any:
        raise NotImplementedError

    def clean_many(self, records: list[Record]) -> list[Any]:
        """:meth:`clean` of each record, in order; kinds with a column-wise fast path override it."""
        return [self.clean(rec) for rec in records]

    def check_batch(self, pairs: list[tuple[Record, Any]]) -> None:
        """Checks across rows (after each row is clean); add errors to the records concerned."""
        return None

    def stream(self, records: list[Record]) -> AbstractContextManager[None] | None:
        """A kind that can write rows while the rest of the file is checked returns a context, entered in
        the import's transaction, inside which :meth:`send` takes each part's clean rows; :meth:`write`
        then writes the rest. None (the default): :meth:`write` writes everything."""
        return None

    def send(self, pairs: list[tuple[Record, Any]]) -> None:  # pragma: no cover - only with stream()
        raise NotImplementedError

    def write(self, rows: list[Any]) -> Counts:
        raise NotImplementedError

    # -- header matching ------------------------------------------------------------------------
    @classmethod
    def header_map(cls) -> dict[str, str]:
        """Normalised header or alias -> canonical column name."""
        mapping: dict[str, str] = {}
        for col in cls.columns:
            mapping[norm_header(col.name)] = col.name
            for alias in col.aliases:
                mapping[norm_header(alias)] = col.name
        return mapping

    @classmethod
    def template_header(cls) -> list[str]:
        """The template's columns, as an export writes its header."""
        return [col.name for col in cls.columns]

    @classmethod
    def export(cls, org: Any, *, year: int | None = None, layout: str = "template") -> Export:
        """The rows of ``org``'s subtree in this kind's template (every kind defines it beside its import):
        exporting and importing again changes nothing."""
        raise NotImplementedError

    @classmethod
    def unused_map(cls) -> set[str]:
        """Normalised headers of known columns the kind reads past on purpose (listed apart, never stored)."""
        return {norm_header(h) for h in cls.unused_columns}

    @classmethod
    def required(cls) -> list[str]:
        return [c.name for c in cls.columns if c.required]


def competency_keys(codes: Iterable[str]) -> dict[str, str]:
    """Normalised header -> competency code: a column ``T.KEU.01``, ``t keu 01`` or ``T_KEU_01`` is the
    competency ``T.KEU.01`` (the same normalisation as every other header, :func:`norm_header`)."""
    return {norm_header(code): code for code in codes}


def locate_header(
    sheet: Sheet, kind: type[ImportKind], competency_codes: Iterable[str] = ()
) -> tuple[int, dict[int, str]]:
    """Find the header row among the first rows; return its index and column index -> canonical name
    (a competency column's name is the competency's code as stored).

    Raises :class:`FileUnusable` naming the missing required columns, or saying the file is not of this
    kind when no row looks like its header at all.
    """
    mapping = kind.header_map()
    codes = competency_keys(competency_codes) if kind.competency_columns else {}
    best: tuple[int, int, dict[int, str]] = (-1, 0, {})
    for i, row in enumerate(sheet.rows[:HEADER_SCAN_ROWS]):
        found: dict[int, str] = {}
        for j, cell in enumerate(row):
            h = norm_header(cell)
            name = mapping.get(h) or codes.get(h)
            if name is not None and name not in found.values():
                found[j] = name
        missing = [c for c in kind.required() if c not in found.values()]
        missing += [" / ".join(group) for group in kind.one_of if not set(group) & set(found.values())]
        if not missing:
            return i, found
        if len(found) > best[1]:
            best = (i, len(found), found)
    if best[1] == 0:
        raise FileUnusable(
            gettext_noop("No header row of a %(kind)s file was found in the first %(n)s rows."),
            kind=kind.name,
            n=HEADER_SCAN_ROWS,
        )
    found = best[2]
    missing = [c for c in kind.required() if c not in found.values()]
    missing += [" / ".join(group) for group in kind.one_of if not set(group) & set(found.values())]
    raise FileUnusable(
        gettext_noop("Required column(s) missing: %(columns)s (header found on row %(row)s)."),
        columns=", ".join(missing),
        row=best[0] + 1,
    )


def _column_letter(j: int) -> str:
    letters = ""
    j += 1
    while j:
        j, r = divmod(j - 1, 26)
        letters = chr(65 + r) + letters
    return letters


def ignored_headers(sheet: Sheet, header_index: int, columns: dict[int, str], kind: type[ImportKind]) -> Ignored:
    """The columns of the header row that are not read, as the user typed them: headers that map to no
    template column, alias or known competency, a second column of one name, and a column with data but no
    header (named by its letter). Known columns a kind deliberately does not store are listed apart."""
    row = sheet.rows[header_index]
    below = sheet.rows[header_index + 1 :]
    unused_keys = kind.unused_map()
    ignored, unused = [], []
    for j, cell in enumerate(row):
        if j in columns:
            continue
        typed = " ".join(str(cell).split()) if cell is not None else ""
        if not typed:
            if any(len(r) > j and not is_blank(r[j]) for r in below):
                ignored.append(_("(no header, column %(letter)s)") % {"letter": _column_letter(j)})
            continue
        (unused if norm_header(typed) in unused_keys else ignored).append(typed)
    return Ignored(ignored, unused)


@dataclass(frozen=True)
class Ignored:
    """Columns of a file that are not imported: ``unknown`` (nothing of the kind) and ``unused`` (known
    columns of a source layout, e.g. SIASN's personal data, that Talenta does not keep)."""

    unknown: list[str]
    unused: list[str]


def column_notes(kind: type[ImportKind] | None, ignored: list[str], unused: list[str]) -> list[str]:
    """The sentences the CLI, the check page and the report say about columns not imported."""
    notes = []
    if ignored:
        note = _("Unrecognised columns, not imported: %(columns)s.") % {"columns": ", ".join(ignored)}
        if kind is not None and kind.competency_columns:
            note += " " + _(
                "A competency column must carry a code of the competency dictionary: import the dictionary "
                "(kompetensi) first, then this file again."
            )
        notes.append(note)
    if unused:
        notes.append(
            _("SIASN columns not used (Talenta does not keep them): %(columns)s.") % {"columns": ", ".join(unused)}
        )
    return notes


def _stripped(cells: list[Any]) -> list[Any]:
    """The cells with their strings stripped: at C speed when the column is all text (the common case)."""
    try:
        return list(map(str.strip, cells))
    except TypeError:  # numbers, dates or blanks (None) among the strings
        return [x.strip() if x.__class__ is str else x for x in cells]


def records_from(sheet: Sheet, header_index: int, columns: dict[int, str]) -> list[Record]:
    """Data rows below the header, skipping fully blank rows (numbers are sheet rows, 1-based).

    Column by column: each named column is taken out of the rows at C speed and its strings stripped in
    one pass; a row is blank when its first named cell is and every other one too.
    """
    rows = sheet.rows[header_index + 1 :]
    width = max(columns) + 1 if columns else 0
    if any(len(r) < width for r in rows):  # csv lines may be short
        rows = [r if len(r) >= width else [*r, *([None] * (width - len(r)))] for r in rows]
    data = {name: _stripped(list(map(itemgetter(j), rows))) for j, name in columns.items()}
    cols = list(data.values())
    blank = [i for i, x in enumerate(cols[0]) if x is None or x == ""] if cols else list(range(len(rows)))
    blank = [i for i in blank if all(col[i] is None or col[i] == "" for col in cols)]
    numbers = range(header_index + 2, header_index + 2 + len(rows))
    if blank:
        gone = set(blank)
        keep = [i for i in range(len(rows)) if i not in gone]
        data = {name: [col[i] for i in keep] for name, col in data.items()}
        numbers = [numbers[i] for i in keep]
    table = Table(data, list(numbers))
    return [Record(n, pos=p, table=table) for p, n in enumerate(table.rows)]
