"""Recalculation: every total of the report, recomputed in full from the input cells.

A report has a few hundred cells, so a full pass is cheaper than tracking dependencies.  The
format declares its totals in dependency order (row totals before the （七）总计 row).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from .forms import CellKey, FormSpec
from .values import Value


def recalculate(form: FormSpec, values: Mapping[CellKey, Value]) -> dict[CellKey, Value]:
    """The value of every total of ``form``; blank inputs count as 0."""
    computed: dict[CellKey, Value] = {}
    for total in form.totals:
        acc: int | Decimal = 0
        for key in total.addends:
            v = computed[key] if key in computed else values.get(key)
            if v is not None:
                acc += v
        computed[total.target] = acc
    return computed


def all_values(form: FormSpec, values: Mapping[CellKey, Value]) -> dict[CellKey, Value]:
    """Inputs and recomputed totals together."""
    merged = dict(values)
    merged.update(recalculate(form, values))
    return merged


def inputs_of(form: FormSpec, keys) -> tuple[CellKey, ...]:
    """The input cells that ``keys`` add up: an input cell stands for itself, a total for the inputs
    of its addends (recursively), in order, each once."""
    addends = {t.target: t.addends for t in form.totals}
    out: dict[CellKey, None] = {}

    def walk(key: CellKey) -> None:
        if key in addends:
            for k in addends[key]:
                walk(k)
        else:
            out[key] = None
    for key in keys:
        walk(key)
    return tuple(out)
