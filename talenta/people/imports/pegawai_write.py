"""How the clean rows of a ``pegawai`` file reach the database: new positions first (with their default
standard), new employees in bulk (on PostgreSQL into one COPY while the rest of the file is still being
checked), changed ones updated, unchanged ones counted. Mixed into :class:`.pegawai.PegawaiKind`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import datetime
from operator import itemgetter
from typing import Any

from django.db import connection
from django.utils import timezone

from talenta.competency.models import Competency, PositionStandard
from talenta.core.bulk import Inserter, bulk_insert, bulk_update
from talenta.imports import cells as c
from talenta.imports.base import Counts, Record, columns
from talenta.imports.lookups import chunks

from ..models import EMPLOYEE_INSERT_FIELDS, ChangeSource, Employee, Position
from ..moves import Move, history_append, history_backfill
from ..services import default_standard

FIELD_COLUMNS = {
    "nip": "NIP",
    "name": "NAMA",
    "status": "STATUS",
    "golongan": "GOLONGAN",
    "education": "PENDIDIKAN",
    "job_kind": "JENIS_JABATAN",
    "birth_date": "TANGGAL_LAHIR",
    "gender": "JENIS_KELAMIN",
    "tmt_jabatan": "TMT_JABATAN",
}
EMPLOYEE_FIELDS = (
    "name",
    "title_front",
    "title_back",
    "status",
    "golongan",
    "education",
    "major",
    "organisation_id",
    "position_id",
    "tmt_jabatan",
    "retirement_date",
    "kedudukan",
    "nip_lama",
    "pns_id",
    "kartu_asn",
)
# Which columns carry which optional fields: an absent column keeps the stored value.
OPTIONAL_FIELD_COLUMN = {
    "title_front": "GELAR_DEPAN",
    "title_back": "GELAR_BELAKANG",
    "major": "JURUSAN",
    "tmt_jabatan": "TMT_JABATAN",
    "kedudukan": "KEDUDUKAN",
    "nip_lama": "NIP_LAMA",
    "pns_id": "PNS_ID",
    "kartu_asn": "KARTU_ASN",
}
# The employee columns the import inserts: the bulk fields and SIASN's kedudukan and identifiers.
INSERT_FIELDS = (
    *EMPLOYEE_INSERT_FIELDS[:-2],
    "kedudukan",
    "nip_lama",
    "pns_id",
    "kartu_asn",
    "created_at",
    "updated_at",
)


@dataclass
class EmployeeRow:
    key: str
    values: dict[str, Any]
    position_key: tuple[int, str]
    job_kind: str
    sent: bool = False  # already written by send() while the rest of the file was checked


class EmployeeWriting:
    """The writing half of the ``pegawai`` kind (its cleaning half is :class:`.pegawai.PegawaiKind`)."""

    def _new_position(self, key: tuple[int, str], kind: str) -> None:
        """A position the file names that does not exist yet: it gets a reserved id when there is one."""
        self.positions[key] = (self.position_ids.pop() if self.position_ids else None, kind)
        self.new_positions.add(key)

    def stream(self, records: list[Record]) -> AbstractContextManager[None] | None:
        """PostgreSQL: new employees go into one open COPY part by part while the rest of the file is checked,
        so the server's work (storing and indexing, ~2 s per 100,000 rows) overlaps the cleaning instead of
        following it (bench/README.md). Rows whose NIP appears twice in the file wait for the duplicate
        check; new positions get ids reserved now and are inserted by write(), before the references are
        checked. Existing employees (updates) are left to write()."""
        if connection.vendor != "postgresql":
            return None
        return self._streaming(records)

    @contextmanager
    def _streaming(self, records: list[Record]) -> Iterator[None]:
        col = columns(records)
        # The duplicate check (services._mark_duplicates) groups rows by their NIP as cleaned and, for rows
        # that fail, by c.key_text: a row sharing either with another row is held back.
        held: set[int] = set()
        nips = col("NIP")
        for keys in (
            [x if x.__class__ is str and x.isdigit() else c.nip_text(x) for x in nips],
            [*map(c.key_text, nips)],
        ):
            twice = {k for k, n in Counter(keys).items() if n > 1}
            if twice:
                held.update(rec.row for rec, k in zip(records, keys, strict=True) if k in twice)
        self.held = held
        # At most one new position per distinct (unit, position name) of the file.
        named = set()
        for code, unit_name, name in set(zip(col("KODE_UNIT"), col("NAMA_UNIT"), col("JABATAN"), strict=True)):
            unit = self.units.get(c.text(code)) if c.text(code) else None
            named.add((unit[0], c.text(name)) if unit else (c.text(code), c.text(unit_name).upper(), c.text(name)))
        wanted = len(named - self.positions.keys())
        if wanted:
            with connection.cursor() as cur:
                cur.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [Position._meta.db_table, Position._meta.pk.column, wanted],
                )
                self.position_ids = [r[0] for r in cur.fetchall()][::-1]
        self.now = timezone.now()
        with Inserter(Employee, INSERT_FIELDS, trust_references=True) as out:
            self.stream_out = out
            yield

    def send(self, pairs: list[tuple[Record, EmployeeRow]]) -> None:
        """Write the clean new employees of one part of the file (see :meth:`stream`)."""
        out, rows = self.stream_out, []
        assert out is not None
        for rec, r in pairs:
            position_id = self.positions[r.position_key][0]
            if rec.row in self.held or r.key in self.existing or position_id is None:
                continue
            r.values["position_id"] = position_id
            r.sent = True
            rows.append(self._insert_row(r.values, self.now))
        rows.sort(key=itemgetter(0))  # NIP order within the part: the unique index grows at its end more often
        out.write(rows)

    @staticmethod
    def _insert_row(v: dict[str, Any], now: datetime) -> tuple:
        return (
            v["nip"],
            v["name"],
            v["title_front"],
            v["title_back"],
            v["birth_date"],
            v["gender"],
            v["status"],
            v["golongan"],
            v["education"],
            v["major"],
            v["organisation_id"],
            v["org_path"],
            v["position_id"],
            v["tmt_jabatan"],
            v["tmt_cpns"],
            v["retirement_date"],
            v["kedudukan"],
            v["nip_lama"],
            v["pns_id"],
            v["kartu_asn"],
            now,
            now,
        )

    def write(self, rows: list[EmployeeRow]) -> Counts:
        out = self.stream_out
        now = self.now if out is not None else timezone.now()
        ruleset = self.ctx.ruleset
        new_positions = sorted(
            {r.position_key: r.job_kind for r in rows if r.position_key in self.new_positions}.items()
        )
        if new_positions:
            fields = ("organisation", "name", "job_kind", "is_key", "created_at", "updated_at")
            reserved = [(key, kind) for key, kind in new_positions if self.positions[key][0] is not None]
            if reserved:  # ids reserved while streaming
                bulk_insert(
                    Position,
                    ("id", *fields),
                    [(self.positions[key][0], *key, kind, False, now, now) for key, kind in reserved],
                )
            created = {key: self.positions[key][0] for key, _ in reserved}
            others = [(key, kind) for key, kind in new_positions if self.positions[key][0] is None]
            if others:
                bulk_insert(Position, fields, [(o, name, kind, False, now, now) for (o, name), kind in others])
            for part in chunks([k for k, _ in others]):
                orgs = {o for o, _ in part}
                names = {n for _, n in part}
                for pk, org_id, name in Position.objects.filter(organisation_id__in=orgs, name__in=names).values_list(
                    "id", "organisation_id", "name"
                ):
                    created[(org_id, name)] = pk
            comp = dict(Competency.objects.filter(owner__isnull=True).values_list("code", "id"))
            bulk_insert(
                PositionStandard,
                ("position", "competency", "level"),
                (
                    (created[key], comp[code], level)
                    for key, kind in new_positions
                    for code, level in default_standard(kind, ruleset).items()
                ),
            )
            for key, kind in new_positions:
                self.positions[key] = (created[key], kind)
        counts = Counts()
        inserts, updates, moves = [], [], []
        sent = 0
        for r in rows:
            if r.sent:
                sent += 1
                continue
            v = r.values
            v["position_id"] = self.positions[r.position_key][0]
            old = self.existing.get(r.key)
            if old is None:
                inserts.append(self._insert_row(v, now))
                continue
            stored = dict(zip(EMPLOYEE_FIELDS, old[2:], strict=True))
            for fld, col in OPTIONAL_FIELD_COLUMN.items():
                if col not in self.present:
                    v[fld] = stored[fld]
            if all(v[f] == stored[f] for f in EMPLOYEE_FIELDS):
                counts.unchanged += 1
            else:
                updates.append((*[v[f] for f in EMPLOYEE_FIELDS], v["org_path"], now, old[0]))
                if v["position_id"] != stored["position_id"]:  # a move: the history gains it (RULES.md §11)
                    tmt = v["tmt_jabatan"] if v["tmt_jabatan"] and v["tmt_jabatan"] != stored["tmt_jabatan"] else None
                    moves.append(Move(old[0], v["organisation_id"], v["org_path"], v["position_id"],
                                      r.position_key[-1], r.job_kind, tmt or self.ctx.today))  # fmt: skip
        if out is not None and sent != out.count:  # a row written early was rejected later: write nothing
            raise RuntimeError(f"{out.count} employees were written while checking, {sent} of them still valid")
        inserts.sort(key=itemgetter(0))  # NIP order: the unique index grows at its end, not at random places
        counts.created = sent + bulk_insert(Employee, INSERT_FIELDS, inserts, indexes_after=True)
        counts.updated = bulk_update(
            Employee,
            (
                "name",
                "title_front",
                "title_back",
                "status",
                "golongan",
                "education",
                "major",
                "organisation",
                "position",
                "tmt_jabatan",
                "retirement_date",
                "kedudukan",
                "nip_lama",
                "pns_id",
                "kartu_asn",
                "org_path",
                "updated_at",
            ),
            updates,
        )
        if out is not None:
            out.check_references()  # the positions it refers to exist now
        history_append(moves, source=ChangeSource.IMPORT)
        if counts.created:  # the new employees' current position opens their history
            history_backfill(path=self.ctx.scope_path)
        return counts
