"""SIASN's "Export Data ASN" as it comes: job kinds, status, kedudukan, units and titles read from its columns.

BKN's export has no grade in ``JENIS JABATAN NAMA`` ("Jabatan Fungsional"), writes PPPK rows with status
``P`` and Roman golongan, units as ``<unit> - <OPD>`` and pelaksana titles in upper case. The rules that
read them are rule-set data (``[siasn]``, RULES.md-style, status L) plus the structural-title patterns the
national admin adds (:class:`talenta.people.models.StructuralTitleRule`). Every function here is pure
given the rules: the same cell gives the same answer in the column-wise and the row-wise import paths.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import gettext as _

from talenta.core.errors import ApplicationError
from talenta.engine.rules import RuleSet

# The columns of the export, A..BO (67), and those newer exports add at the end.
SIASN_COLUMNS = (
    "PNS ID", "NIP BARU", "NIP LAMA", "NAMA", "GELAR DEPAN", "GELAR BELAKANG", "TEMPAT LAHIR ID", "TEMPAT LAHIR NAMA",
    "TANGGAL LAHIR", "JENIS KELAMIN", "AGAMA ID", "AGAMA NAMA", "JENIS KAWIN ID", "JENIS KAWIN NAMA", "NIK",
    "NOMOR HP", "EMAIL", "EMAIL GOV", "ALAMAT", "NPWP NOMOR", "BPJS", "JENIS PEGAWAI ID", "JENIS PEGAWAI NAMA",
    "KEDUDUKAN HUKUM ID", "KEDUDUKAN HUKUM NAMA", "STATUS CPNS PNS", "KARTU ASN VIRTUAL", "NOMOR SK CPNS",
    "TANGGAL SK CPNS", "TMT CPNS", "NOMOR SK PNS", "TANGGAL SK PNS", "TMT PNS", "GOL AWAL ID", "GOL AWAL NAMA",
    "GOL AKHIR ID", "GOL AKHIR NAMA", "TMT GOLONGAN", "MK TAHUN", "MK BULAN", "JENIS JABATAN ID", "JENIS JABATAN NAMA",
    "JABATAN ID", "JABATAN NAMA", "TMT JABATAN", "TINGKAT PENDIDIKAN ID", "TINGKAT PENDIDIKAN NAMA", "PENDIDIKAN ID",
    "PENDIDIKAN NAMA", "TAHUN LULUS", "KPKN ID", "KPKN NAMA", "LOKASI KERJA ID", "LOKASI KERJA NAMA", "UNOR ID",
    "UNOR NAMA", "INSTANSI INDUK ID", "INSTANSI INDUK NAMA", "INSTANSI KERJA ID", "INSTANSI KERJA NAMA",
    "SATUAN KERJA INDUK ID", "SATUAN KERJA INDUK NAMA", "SATUAN KERJA KERJA ID", "SATUAN KERJA KERJA NAMA",
    "IS VALID NIK", "NAMA SEKOLAH", "FLAG IKD",
)  # fmt: skip
SIASN_EXTRA_COLUMNS = ("ESELON ID", "ESELON NAMA")
# Headers only SIASN's export has: a file with several of them is read as that layout.
SIGNATURE = ("PNS ID", "NIP BARU", "GOL AKHIR NAMA", "JENIS JABATAN NAMA", "KEDUDUKAN HUKUM NAMA", "UNOR NAMA",
             "TINGKAT PENDIDIKAN NAMA", "INSTANSI INDUK NAMA", "SATUAN KERJA INDUK NAMA")  # fmt: skip
STRUCTURAL, FUNCTIONAL, PELAKSANA = "struktural", "fungsional", "pelaksana"
# TINGKAT PENDIDIKAN NAMA as the export writes each level (for the export back in that layout).
EDUCATION_TEXT = {
    "SD": "Sekolah Dasar", "SMP": "SLTP", "SMA": "SLTA", "D1": "Diploma I", "D2": "Diploma II",
    "D3": "Diploma III/Sarjana Muda", "D4": "Diploma IV", "S1": "S-1/Sarjana", "S2": "S-2", "S3": "S-3/Doktor",
}  # fmt: skip
_NOISE = re.compile(r"[^A-Z0-9]+")


def key(value: object) -> str:
    """A value as the rules compare it: upper case, runs of anything but letters and digits as one space."""
    return " ".join(_NOISE.sub(" ", str(value or "").upper()).split())


@dataclass(frozen=True, eq=False)
class SiasnRules:
    """The ``[siasn]`` section of a rule set, compiled once."""

    job_classes: dict[str, str]
    grades: tuple[tuple[re.Pattern[str], str], ...]
    eselon: dict[str, str]
    structural: tuple[tuple[re.Pattern[str], str], ...]
    kedudukan: dict[str, str]
    kedudukan_labels: dict[str, str]
    pppk_kedudukan: frozenset[str]
    no_golongan: frozenset[str]
    not_in_plans: frozenset[str]
    unused_columns: tuple[str, ...]


@lru_cache(maxsize=8)
def rules_of(ruleset: RuleSet, extra: tuple[tuple[str, str], ...] = ()) -> SiasnRules:
    """The compiled rules; ``extra`` (pattern, job kind) are the national admin's, tried before the rule set's."""
    doc = ruleset.raw["siasn"]
    return SiasnRules(
        job_classes={key(k): v for k, v in doc["job_classes"].items()},
        grades=tuple((re.compile(rf"\b{re.escape(key(w))}\b"), kind) for w, kind in doc["grades"]),
        eselon={key(k): v for k, v in doc["eselon"].items()},
        structural=tuple((re.compile(p), kind) for p, kind in (*extra, *doc["structural_titles"])),
        kedudukan={key(k): v for k, v in doc["kedudukan"].items()},
        kedudukan_labels=dict(doc["kedudukan_labels"]),
        pppk_kedudukan=frozenset(key(k) for k in doc["pppk_kedudukan"]),
        no_golongan=frozenset(doc["no_golongan"]),
        not_in_plans=frozenset(doc["not_in_plans"]),
        unused_columns=tuple(doc["unused_columns"]),
    )


def is_siasn(headers: list[object]) -> bool:
    """Whether a header row is SIASN's export (at least four of its own headers)."""
    seen = {key(h) for h in headers}
    return sum(key(h) in seen for h in SIGNATURE) >= 4


def job_class(value: object, rules: SiasnRules) -> str | None:
    """The class SIASN's ``JENIS JABATAN NAMA`` names (struktural / fungsional / pelaksana), None if another."""
    return rules.job_classes.get(key(value))


def class_of(family: str) -> str:
    """The SIASN class of a job family (jpt/administrator/pengawas are structural posts)."""
    return {"fungsional": FUNCTIONAL, "pelaksana": PELAKSANA}.get(family, STRUCTURAL)


def grade(title: object, rules: SiasnRules) -> str | None:
    """The functional grade named anywhere in a title ("TERAMPIL - PERAWAT" -> TERAMPIL)."""
    text = key(title)
    for pattern, kind in rules.grades:
        if pattern.search(text):
            return kind
    return None


def derive_job_kind(klass: str, title: object, eselon: object, rules: SiasnRules, ruleset: RuleSet) -> str:
    """The job kind of a SIASN row from the class of its post, its title and (structural) its eselon.

    Raises ApplicationError on ``job_kind`` naming the title and what to do when no rule places it."""
    if klass == PELAKSANA:
        return "PELAKSANA"
    if klass == FUNCTIONAL:
        found = grade(title, rules)
        if found is None or found not in ruleset.job_kinds:
            raise ApplicationError(
                _(
                    "%(title)r is a functional post without a grade (Ahli Utama/Madya/Muda/Pertama, "
                    "Penyelia/Mahir/Terampil/Pemula): give the grade in JABATAN NAMA or JENIS_JABATAN."
                )
                % {"title": str(title)},
                {"field": "job_kind"},
            )
        return found
    level = rules.eselon.get(key(eselon)) if eselon else None
    if level is not None:
        return level
    text = key(title)
    for pattern, kind in rules.structural:
        if pattern.search(text):
            return kind
    raise ApplicationError(
        _(
            "No rule places the structural title %(title)r: add a pattern for it (job kind JPT Pratama, "
            "Administrator or Pengawas) at Pengaturan > Jabatan struktural SIASN, or give ESELON NAMA."
        )
        % {"title": str(title)},
        {"field": "job_kind"},
    )


def kedudukan(value: object, rules: SiasnRules) -> str:
    """``KEDUDUKAN HUKUM NAMA`` as Talenta keeps it (blank: aktif); an unknown value is refused."""
    text = key(value)
    if not text:
        return "aktif"
    code = rules.kedudukan.get(text)
    if code is None:
        raise ApplicationError(
            _("Unknown kedudukan hukum %(value)r; the rule set knows: %(known)s.")
            % {"value": str(value), "known": ", ".join(sorted(set(rules.kedudukan_labels.values())))},
            {"field": "kedudukan"},
        )
    return code


def is_pppk_kedudukan(value: object, rules: SiasnRules) -> bool:
    return key(value) in rules.pppk_kedudukan


def effective_status(status: object, kedudukan_text: object, pppk_nip: bool, rules: SiasnRules) -> str:
    """PNS, CPNS or PPPK: SIASN writes ``P`` for PNS and PPPK alike; the kedudukan or the NIP's form tells."""
    raw = str(status or "").strip().upper()
    if is_pppk_kedudukan(kedudukan_text, rules) or (raw in ("P", "") and pppk_nip):
        return "PPPK"
    return raw


_GRADE_FIRST = re.compile(r"^\s*(AHLI\s+\w+|PENYELIA|MAHIR|TERAMPIL|PEMULA)\s*-\s*(.+)$", re.IGNORECASE)
_SMALL = {"DAN", "DI", "KE", "DARI", "PADA", "YANG", "UNTUK", "ATAU", "DENGAN", "SERTA"}
_ACRONYMS = {
    "SDM", "UPT", "UPTD", "TU", "RSUD", "TIK", "APBD", "PNS", "ASN", "OPD", "SKPD", "PPK", "SPBE", "IT", "K3",
    "KB", "PAUD", "SD", "SMP", "SMA", "BPBD", "PKK", "DPRD", "KPU", "KTP", "UMKM", "PPNS", "SATPOL", "PP",
    "RT", "RW", "II", "III", "IV", "BLUD", "BUMD", "PBJ", "LPSE", "SIM", "IKM", "UKM", "BPKAD", "BAPPEDA",
}  # fmt: skip


def _title_word(word: str, first: bool) -> str:
    bare = word.strip("().,")
    if bare in _ACRONYMS:
        return word
    if bare in _SMALL and not first:
        return word.lower()
    return "-".join(part[:1] + part[1:].lower() for part in word.split("-"))


def position_title(value: object) -> str:
    """A title as a position is named: grade first moved last ("TERAMPIL - PERAWAT" -> "Perawat Terampil"),
    upper case made title case (known acronyms kept), anything else as typed (spaces collapsed)."""
    text = " ".join(str(value or "").split())
    m = _GRADE_FIRST.match(text)
    if m:
        text = f"{m[2]} {m[1]}"
    if text.upper() == text and any(ch.isalpha() for ch in text):
        words = text.split(" ")
        text = " ".join(_title_word(w, i == 0) for i, w in enumerate(words))
    elif m:
        text = " ".join(_title_word(w, i == 0) if w.isupper() else w for i, w in enumerate(text.split(" ")))
    return text


_REGION_WORDS = re.compile(r"\b(PEMERINTAH|PEMKOT|PEMKAB|PEMPROV)\b")


def unit_key(name: object, regions: tuple[str, ...] = ()) -> str:
    """An organisation's name as UNOR NAMA is matched: case and punctuation ignored, the region's name at the
    end ("Dinas Kesehatan Kota Balikpapan" -> "DINAS KESEHATAN") and "Kab." for Kabupaten do not matter."""
    text = key(name).replace("KAB ", "KABUPATEN ")
    text = _REGION_WORDS.sub(" ", text)
    text = " ".join(text.split())
    for region in regions:
        if region and text.endswith(" " + region):
            text = text[: -len(region) - 1]
            break
    return text.strip()


def split_unor(value: object) -> list[str]:
    """``UPT Puskesmas Kota - Dinas Kesehatan`` -> the unit first, its OPD last (one part: an OPD)."""
    parts = [p.strip() for p in re.split(r"\s+-\s+", " ".join(str(value or "").split())) if p.strip()]
    return parts
