"""Every import kind, in the order the pages list them: one plain list, each kind in the app that owns its
models (NetBox's way), with its export beside its import. ``imports`` itself is the machinery."""

from __future__ import annotations

from importlib import import_module

from .base import ImportKind

KIND_CLASSES = (
    "talenta.org.imports.UnitKind",
    "talenta.org.imports.KepalaDaerahKind",
    "talenta.competency.imports.KompetensiKind",
    "talenta.people.imports.positions.JabatanKind",
    "talenta.people.imports.pegawai.PegawaiKind",
    "talenta.people.imports.moves.RiwayatJabatanKind",
    "talenta.people.imports.moves.PltKind",
    "talenta.competency.imports.AsesmenKind",
    "talenta.people.imports.histories.KinerjaKind",
    "talenta.learning.imports.PelatihanKind",
    "talenta.people.imports.histories.DisiplinKind",
    "talenta.people.imports.histories.PenghargaanKind",
    "talenta.learning.imports.KatalogKind",
    "talenta.learning.imports.AnggaranKind",
    "talenta.learning.imports_idp.IdpKind",
    "talenta.governance.imports.AbkKind",
    "talenta.dprd.imports.DprdMemberKind",
    "talenta.dprd.imports.DprdOrientationKind",
)


def _load(path: str) -> type[ImportKind]:
    module, name = path.rsplit(".", 1)
    kind: type[ImportKind] = getattr(import_module(module), name)
    return kind


KINDS: dict[str, type[ImportKind]] = {k.name: k for k in map(_load, KIND_CLASSES)}
