"""Reads of the competency dictionary."""

from __future__ import annotations

from collections.abc import Iterable

from .models import Competency


def competencies_in_order(ids: Iterable[int]) -> list[tuple[int, str]]:
    """(id, code) of the competencies ``ids``, in the dictionary's order (the order of columns in files)."""
    return list(Competency.objects.filter(id__in=set(ids)).order_by("sort_order", "code").values_list("id", "code"))


def competency_names() -> dict[str, str]:
    """Every competency's name by its code (pages show names, not ``ORIENTASI_HASIL``; issue 23)."""
    return dict(Competency.objects.values_list("code", "name"))
