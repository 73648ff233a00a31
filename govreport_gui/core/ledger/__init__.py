"""Tables 三 and 四 counted from an agency's own ledgers (依申请公开登记台账, 复议诉讼案件).

* ``words`` — which official label a clerk's word means (the words: ``core/forms/ledger_words``);
* ``dates`` — dates in every form clerks write them;
* ``columns`` — the header row and which column holds what, by meaning;
* ``count`` — the year's rules, row by row: counted cells with their rows, rows left out and why;
* ``carry`` — the ledger's 上年结转 against last year's report;
* ``record`` — what the report keeps (each cell's rows: the drill-down), ``apply`` — the edit;
* ``memory`` — the clerk's assignments of unclear values, per agency.

Readers of ledger files (``io``) turn each sheet into a ``LedgerSheet``; everything else is here,
standard library only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .sheet import LedgerSheet, RowRef

__all__ = ["LedgerSheet", "RowRef"]


def __getattr__(name: str):
    """``LedgerSheet`` and ``RowRef``, loaded when first used: the editor names the ledger's tables
    in a menu (``tables``) without loading the ledger modules (start-up time)."""
    if name in __all__:
        from . import sheet
        return getattr(sheet, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
