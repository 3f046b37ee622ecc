"""Merit-system index (RULES.md §8): the framework files and the score. Pure: no Django.

Two frameworks ship: ``merit-2018`` (PermenPAN-RB 40/2018, indicators scored 1-4, total 100-400) and
``merit-2025`` (PermenPAN-RB 19/2025, from the 2026 assessments: questions scored 0-4, total 0-400, status I).
Each says from which assessment year it applies (``meta.from_year``); scores of two frameworks are not
comparable, so totals are compared within one framework only.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from .rules import RULESET_DIR, RuleSetError

FRAMEWORKS = ("merit-2018", "merit-2025")


@lru_cache(maxsize=8)
def _read(name: str) -> dict[str, Any]:
    path = RULESET_DIR / f"{name}.toml"
    if not path.is_file():
        raise RuleSetError(f"no merit framework named {name!r}")
    with path.open("rb") as fh:
        doc = tomllib.load(fh)
    meta = doc.get("meta", {})
    for key in ("version", "name", "categories", "from_year", "score_min", "score_max"):
        if key not in meta:
            raise RuleSetError(f"{name}: [meta] lacks {key}")
    lo, hi = int(meta["score_min"]), int(meta["score_max"])
    if not 0 <= lo < hi <= 10:
        raise RuleSetError(f"{name}: score_min < score_max expected")
    if len(doc.get("aspects", [])) != 8:
        raise RuleSetError(f"{name}: a merit framework has 8 aspects (RULES.md §8)")
    for aspect in doc["aspects"]:
        for ind in aspect["indicators"]:
            if len(ind.get("criteria", [])) != hi - lo + 1:
                raise RuleSetError(
                    f"{name}: indicator {ind.get('code')}: {hi - lo + 1} criteria texts (scores {lo}-{hi}) expected"
                )
    return doc


def load_framework(name: str = "merit-2018") -> dict[str, Any]:
    """A framework file, validated (a copy: callers may not change the cached document)."""
    doc = _read(name)
    return {**doc, "meta": dict(doc["meta"]), "aspects": list(doc["aspects"])}


def framework_for_year(year: int) -> str:
    """The framework an assessment of ``year`` uses: the latest whose ``from_year`` is not after it."""
    eligible = [
        (int(_read(n)["meta"]["from_year"]), n) for n in FRAMEWORKS if int(_read(n)["meta"]["from_year"]) <= year
    ]
    if not eligible:
        raise RuleSetError(f"no merit framework applies to {year}")
    return max(eligible)[1]


def merit_total(
    scores: Sequence[int], categories: Sequence[Sequence[Any]], score_min: int = 1, score_max: int = 4
) -> tuple[float, str]:
    """Total (100 x the mean indicator score: 100-400 on the 1-4 scale, 0-400 on 0-4) and its category."""
    if not scores:
        raise ValueError("no indicator scored")
    if any(not score_min <= s <= score_max for s in scores):
        raise ValueError(f"indicator scores are {score_min}-{score_max}")
    total = round(100.0 * sum(scores) / len(scores), 2)
    for threshold, label in sorted(categories, key=lambda c: -float(c[0])):
        if total >= float(threshold):
            return total, str(label)
    return total, str(sorted(categories, key=lambda c: float(c[0]))[0][1])
