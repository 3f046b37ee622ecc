"""Merit-system index (RULES.md §8): the framework file and the score. Pure: no Django."""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from typing import Any

from .rules import RULESET_DIR, RuleSetError


def load_framework(name: str = "merit-2018") -> dict[str, Any]:
    path = RULESET_DIR / f"{name}.toml"
    if not path.is_file():
        raise RuleSetError(f"no merit framework named {name!r}")
    with path.open("rb") as fh:
        doc = tomllib.load(fh)
    if len(doc.get("aspects", [])) != 8:
        raise RuleSetError("a merit framework has the 8 aspects of PermenPAN-RB 40/2018")
    for aspect in doc["aspects"]:
        for ind in aspect["indicators"]:
            if len(ind.get("criteria", [])) != 4:
                raise RuleSetError(f"indicator {ind.get('code')}: four criteria texts (scores 1-4) expected")
    return doc


def merit_total(scores: Sequence[int], categories: Sequence[Sequence[Any]]) -> tuple[float, str]:
    """Total 100-400 (100 x the mean of the 1-4 indicator scores) and its category (RULES.md §8)."""
    if not scores:
        raise ValueError("no indicator scored")
    if any(not 1 <= s <= 4 for s in scores):
        raise ValueError("indicator scores are 1-4")
    total = round(100.0 * sum(scores) / len(scores), 2)
    for threshold, label in sorted(categories, key=lambda c: -float(c[0])):
        if total >= float(threshold):
            return total, str(label)
    return total, str(sorted(categories, key=lambda c: float(c[0]))[0][1])
