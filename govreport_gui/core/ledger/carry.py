"""The ledger's carry-over against last year's report: the applications the ledger shows as received
before the year and still open on 1 January (``二、上年结转…``) should be the ones last year's report
carried forward (``四、结转下年度继续办理``), column by column.  Every difference is a finding naming
the ledger rows, so the clerk can see which applications to look at."""

from __future__ import annotations

from ..findings import Finding
from ..forms import CellKey
from ..forms.spec import Layout, Tag
from ..rules import LEDGER_CARRY_OVER
from ..values import format_value
from .sheet import rows_text


def carry_in_findings(count, previous) -> list[Finding]:
    """Findings for each applicant column where the ledger's 二 differs from last year's 四."""
    table = count.form.table_laid_out(Layout.ROWS)
    prev_table = previous.form.table_laid_out(Layout.ROWS)
    carried_in = table.group(Tag.CARRIED_IN).rows[0]
    prev_out = prev_table.group(Tag.CARRIED_OUT).rows[0]
    year = previous.meta.year or count.year - 1
    out = []
    for spec in table.cells:
        if spec.computed or spec.key.row != carried_in:
            continue
        refs = count.counted.get(spec.key, [])
        prev_key = CellKey(prev_table.id, prev_out, spec.key.col)
        last = previous.values.get(prev_key) or 0 if previous.form.has(prev_key) else 0
        if len(refs) == last:
            continue
        rows = f"（{rows_text(refs, limit=12)}）" if refs else ""
        out.append(LEDGER_CARRY_OVER.finding((spec.key,),
                           f"{spec.key.name()}：台账中{count.year}年以前收到、{count.year}年1月1日仍未办结的申请"
                           f"有{len(refs)}件{rows}，{year}年度报告“{prev_out}”的“{spec.key.col}”为"
                           f"{format_value(last)}件，相差{abs(len(refs) - last)}件。请核对台账中这些申请的收到、"
                           "办结日期，或上年报告。"))
    return out
