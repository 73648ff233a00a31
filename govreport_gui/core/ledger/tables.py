"""The tables a ledger fills, and the editor's menu entry that names them: known without loading
the ledger modules (the menu is built before the editor's first paint)."""

from __future__ import annotations

from ..forms import newest_form, tables_named
from ..forms.spec import FormSpec, Layout


def ledger_tables(form: FormSpec | None = None) -> tuple[str, ...]:
    """The tables a ledger fills: the applications' (三) and the cases' (四)."""
    form = form or newest_form()
    return form.table_laid_out(Layout.ROWS).id, form.table_laid_out(Layout.COLUMN_GROUPS).id


def fill_action() -> str:
    """The editor's menu entry that fills the tables from ledgers (``从申请台账填写表三/表四…``)."""
    return "从申请台账填写" + tables_named(ledger_tables()).replace("、", "/") + "…"
