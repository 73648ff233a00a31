"""What an import would bring in, shown to the clerk before it is applied (no Qt here).

``build_preview(result)`` summarises an ``ImportResult``: the figures matched per table, every
label that could not be placed, every conversion made, formulas recomputed, tables the file holds
twice with different figures, and every printed total that disagrees with the recomputed one
(through ``core.checks.check_report``).  The Qt dialog (``qt/import_preview_dialog.py``) and the
command line show it; ``import_edit`` makes the one undoable edit that applies it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.carryover import CarryOver
from ..core.checks import check_report
from ..core.edits import ReplaceReport, replace_report
from ..core.report import METADATA_NAMES, Report
from ..core.values import format_value
from .notes import kind_of
from .registry import ImportResult, kind_name

DUPLICATES_TITLE = "重复且数字不一致的表格"


@dataclass
class Figure:
    row: str
    col: str
    text: str       # the value as shown (“2009.54”)


@dataclass
class TablePreview:
    table: str               # "二" / "三" / "四"
    heading: str             # the section heading of the format
    figures: list[Figure]    # the input cells that have a value, in the table's order
    n_inputs: int            # input cells of the table
    printed: int             # totals read as printed in the file
    where: str = ""           # where in the file it was read ("网页中的第2个表格"), when the reader says

    @property
    def summary(self) -> str:
        blank = self.n_inputs - len(self.figures)
        place = f"（{self.where}）" if self.where else ""
        text = f"表{self.table}{place}：读取 {len(self.figures)} 个数字"
        if blank:
            text += f"，{blank} 个空白（按0计）"
        if self.printed:
            text += f"，文件所列合计 {self.printed} 个"
        return text


@dataclass
class ImportPreview:
    source: str                                   # e.g. "Excel 工作簿“2023年报.xlsx”"
    version: str                                  # "2021版格式（国办公开办函〔2021〕30号）"
    metadata: list[tuple[str, str]]               # (field name, value) read from the file
    sections: list[str]                           # headings of the prose sections found
    tables: list[TablePreview]
    unplaced: list[str] = field(default_factory=list)
    conversions: list[str] = field(default_factory=list)
    formulas: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)     # a table twice, the copies differ
    other: list[str] = field(default_factory=list)
    printed_mismatches: list[str] = field(default_factory=list)
    other_errors: list[str] = field(default_factory=list)   # e.g. 三 does not balance
    carried: list[str] = field(default_factory=list)        # prefill from last year: what carries
    not_carried: list[str] = field(default_factory=list)
    years_changed: list[str] = field(default_factory=list)  # the carried words: each year moved, each kept

    @property
    def n_figures(self) -> int:
        return sum(len(t.figures) for t in self.tables)

    @property
    def needs_attention(self) -> bool:
        return bool(self.unplaced or self.problems or self.printed_mismatches or self.duplicates)

    def groups(self) -> list[tuple[str, list[str]]]:
        """The lists of notes under their headings, in the order the clerk should read them."""
        return [(title, items) for title, items in (
            ("文件所列合计与重新计算不一致", self.printed_mismatches),
            (DUPLICATES_TITLE, self.duplicates),
            ("未能读取的数字", self.problems),
            ("未能放置的标签", self.unplaced),
            ("转换", self.conversions),
            ("公式", self.formulas),
            ("导入后的其他错误", self.other_errors),
            ("结转到本年报告的内容", self.carried),
            ("结转文字中的年份", self.years_changed),
            ("未结转的内容", self.not_carried),
            ("其他说明", self.other),
        ) if items]

    def lines(self) -> list[str]:
        """The preview as plain text (command line, logs, tests)."""
        out = [f"来源：{self.source}", f"格式：{self.version}"]
        out += [f"{name}：{value}" for name, value in self.metadata]
        if self.sections:
            out.append("正文：" + "、".join(self.sections))
        for table in self.tables:
            out.append(table.summary)
            out += [f"  {f.row} / {f.col}：{f.text}" for f in table.figures]
        for title, items in self.groups():
            out.append(f"{title}（{len(items)}）：")
            out += [f"  {item}" for item in items]
        return out


def build_preview(result: ImportResult, path: str | Path | None = None,
                  carried: CarryOver | None = None) -> ImportPreview:
    """``carried``: when the file is last year's report read to prefill a new one, the result of
    ``core.carryover.carry_over`` — its summary is shown too."""
    report = result.report
    form = report.form
    name = f"“{Path(path).name}”" if path else ""
    source = f"{kind_name(result.kind) if result.kind else '文件'}{name}"
    version = f"{form.version}版格式（{form.basis}）"
    metadata = []
    for key, label in METADATA_NAMES.items():
        value = getattr(report.meta, key)
        if value and key != "preamble":
            metadata.append((label, str(value)))
    if report.meta.preamble:
        metadata.append((METADATA_NAMES["preamble"], f"{len(report.meta.preamble)} 字"))
    sections = [s.heading for s in form.sections if report.sections.get(s.key, "").strip()]
    tables = []
    for section in form.sections:
        if not section.table:
            continue
        table = form.tables[section.table]
        figures = [Figure(c.key.row, c.key.col, format_value(report.values[c.key]))
                   for c in table.cells if not c.computed and report.values.get(c.key) is not None]
        n_inputs = sum(1 for c in table.cells if not c.computed)
        printed = sum(1 for k in report.printed if k.table == table.id)
        tables.append(TablePreview(table.id, section.heading, figures, n_inputs, printed,
                                   getattr(result, "found_in", {}).get(table.id, "")))
    preview = ImportPreview(source, version, metadata, sections, tables)
    for note in result.notes:
        {"conversion": preview.conversions, "formula": preview.formulas, "unplaced": preview.unplaced,
         "problem": preview.problems, "duplicate": preview.duplicates,
         }.get(kind_of(note), preview.other).append(str(note))
    if carried is not None:
        preview.carried = list(carried.carried)
        preview.not_carried = list(carried.not_carried)
        preview.years_changed = [f"已改：{c}" for c in carried.changed] + [f"未改：{c}" for c in carried.kept]
    total_rules = {t.rule for t in form.totals}
    for finding in check_report(report, result.previous):
        if finding.rule in total_rules:
            preview.printed_mismatches.append(finding.message)
        elif finding.severity.value == "error":
            preview.other_errors.append(finding.message)
    return preview


def import_edit(current: Report, result: ImportResult, path: str | Path | None = None) -> ReplaceReport:
    """The one undoable edit that replaces the open report by the imported one."""
    name = f"“{Path(path).name}”" if path else ""
    return replace_report(current, result.report, f"导入{name}")
