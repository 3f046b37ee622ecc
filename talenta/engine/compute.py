"""Every measure of a population, by the fastest way that gives the same values: the step-by-step NumPy
reference (``measures.compute_reference``) for a few employees, the fused kernel (``fused.fused``) from
``FUSED_MIN_ROWS`` up. Both paths are held equal element by element (``tests/engine/test_fused.py``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from numpy.typing import NDArray

from .measures import Measures, Tables, compute_reference

FUSED_MIN_ROWS = 20_000  # from this size compute_all runs the fused kernel (talenta/engine/fused.py)


def compute_all(x: Mapping[str, NDArray[Any]], tables: Tables, *, fused: bool | None = None) -> Measures:
    """Every measure from one dict of input arrays (``measures.INPUT_KEYS``), one row per employee; ``fused``
    forces either path (``False``: the reference)."""
    if fused is None:
        fused = len(x["assessed"]) >= FUSED_MIN_ROWS
    if not fused:
        return compute_reference(x, tables)
    from .fused import fused as kernel  # numba is imported (and the kernel loaded) only when needed

    return kernel(x, tables)
