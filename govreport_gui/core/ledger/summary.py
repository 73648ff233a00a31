"""A ledger count in words, for the command line and the editor's details: what was read, the figures
counted, every row left out and why, the rows of other years, the values still to be assigned."""

from __future__ import annotations

from ..forms.ledger_words import Field
from ..forms.spec import Layout
from .sheet import rows_text
from .tables import fill_action, ledger_tables

__all__ = ["FIELD_NAMES", "fill_action", "figure_lines", "ledger_tables", "summary_lines"]

FIELD_NAMES = {Field.APPLICANT: "申请人类型", Field.RESULT: "处理结果", Field.CASE_KIND: "案件类型",
               Field.CASE_OUTCOME: "审理结果"}


def figure_lines(count) -> list[str]:
    """One line per row of 三 (and per group of 四) with a figure: ``（一）予以公开：自然人 3，商业企业 1（共 4）``."""
    values = count.values()
    lines = []
    for table_id in count.tables:
        table = count.form.table(table_id)
        head = f"表{table_id}（{count.year}年度，{count.form.version}版格式）："
        lines.append(head)
        shown = 0
        for row in table.rows:
            cells = [(k.col, v) for k, v in values.items() if k.table == table_id and k.row == row and v]
            if cells:
                parts = "，".join(f"{col} {v}" for col, v in cells)
                total = f"（共 {sum(v for _, v in cells)}）" if table.layout is Layout.ROWS else ""
                lines.append(f"  {row}：{parts}{total}")
                shown += 1
        if not shown:
            lines.append("  各项均为 0（台账中没有本年度的记录）。")
    return lines


def summary_lines(count) -> list[str]:
    lines = [f"请核对：{note}" for note in count.to_check]
    lines += [f"已读取：{note}" for note in count.notes]
    lines += figure_lines(count)
    lines.append(f"计入 {count.placed} 行。")
    if count.left_out:
        lines.append(f"未计入的行（共 {len(count.left_out)} 行，请核对台账）：")
        lines += [f"  {lo.ref.where()}：{lo.why}" + (f"（{lo.value}）" if lo.value else "") for lo in count.left_out]
    for why, refs in count.other_years.items():
        lines.append(f"不属于{count.year}年度（{why}）：{len(refs)} 行（{rows_text(refs, limit=8)}）。")
    for why, refs in count.skipped.items():
        lines.append(f"{why}：{len(refs)} 行（{rows_text(refs, limit=8)}）。")
    for (f, _key), (shown, label) in count.assigned_used.items():
        lines.append(f"按已记住的归类计入：{FIELD_NAMES.get(f, '')}“{shown}”→“{label or '不计入'}”。")
    if count.unclear:
        lines.append(f"无法归入官方类别的值（可在编辑器“文件→{fill_action()}”中逐一归类，以后自动沿用）：")
        lines += [f"  {FIELD_NAMES.get(u.field, '')}“{u.shown}”：{len(u.refs)} 行（{rows_text(u.refs, limit=8)}）"
                  for u in count.unclear.values()]
    lines += [f"与上年报告核对：{f.message}" for f in count.findings]
    return lines
