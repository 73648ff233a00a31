"""What a report keeps of the ledgers its figures were counted from (``Report.ledger``): for each cell
the count and the ledger rows behind it — the editor shows them beside the cell, the 校验清单 lists
them, the project file keeps them — and the values the clerk assigned by hand."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..findings import Finding
from ..forms import CellKey
from ..rules import LEDGER_CHANGED
from .sheet import RowRef, row_runs, rows_by_place, rows_text


@dataclass(frozen=True)
class LedgerCell:
    count: int
    rows: tuple[RowRef, ...]


@dataclass
class LedgerRecord:
    sources: tuple[str, ...]                  # the ledger files, by name
    year: int
    cells: dict[CellKey, LedgerCell] = field(default_factory=dict)
    assigned: tuple[tuple[str, str], ...] = ()   # (value as the ledger wrote it, label it was assigned to)
    left_out: int = 0                          # rows of the year that were not counted
    hidden: tuple[RowRef, ...] = ()            # rows counted that are hidden in the ledger (to check)

    def explain(self, key: CellKey) -> str | None:
        """``由登记台账计数：3件（台账.xlsx“2025年”第4、9–10行）``, or None for a cell not counted."""
        cell = self.cells.get(key)
        if cell is None:
            return None
        rows = f"（{rows_text(cell.rows, limit=20)}）" if cell.rows else "（台账中没有这一类申请）"
        return f"由登记台账计数：{cell.count}件{rows}"

    def drill_down(self, key: CellKey, value: object) -> tuple[str, list[str]] | None:
        """What the editor shows beside a cell counted from the ledger: a line saying so (and
        whether the figure was changed by hand since), then one line per ledger sheet naming the
        rows it counts.  None for a cell not counted from a ledger."""
        cell = self.cells.get(key)
        if cell is None:
            return None
        head = f"{key.name()}：由登记台账计数 {cell.count} 件"
        if value != cell.count:
            head += f"；现填写为 {value if value is not None else '空白'}，与台账计数不同"
        return head + "。", rows_by_place(cell.rows, limit=200) or ["台账中没有这一类申请。"]

    def tables(self) -> list[str]:
        return list(dict.fromkeys(k.table for k in self.cells))


def check_list_intro(record: LedgerRecord) -> str:
    """What the 校验清单 says about the ledger a report's figures were counted from."""
    tables = "、".join(f"表{t}" for t in record.tables())
    zero = sum(1 for c in record.cells.values() if not c.count)
    text = (f"{tables}的数字由登记台账按{record.year}年度计数（台账：{'、'.join(record.sources)}）。"
            f"下表列出每个数字所计的台账行；其余{zero}个单元格台账中没有记录，为0。")
    if record.left_out:
        text += f"读取时台账中有{record.left_out}行未计入（无法归类或日期不全），请核实台账后重新读取。"
    if record.hidden:
        text += (f"所计的行中，{rows_text(record.hidden, limit=20)}在台账中是隐藏的（手动隐藏、筛选或分组折叠），"
                 "核对时请先取消隐藏。")
    if record.assigned:
        text += "经办人对台账用语的归类：" + "；".join(f"“{v}”计入“{label}”" if label else f"“{v}”不计入"
                                             for v, label in record.assigned) + "。"
    return text


def check_list_rows(record: LedgerRecord) -> list[tuple[str, int, str]]:
    """(cell, count, ledger rows) for every non-zero figure counted from the ledger."""
    return [(key.name(), cell.count, rows_text(cell.rows)) for key, cell in record.cells.items() if cell.count]


def record_of(count, old: LedgerRecord | None = None) -> LedgerRecord:
    """The record of a ``LedgerCount``; the cells of tables it did not count are kept from ``old``
    (the application ledger read first, the case list later)."""
    cells = {k: LedgerCell(len(count.counted.get(k, ())), tuple(sorted(count.counted.get(k, ()))))
             for k in count.values()}
    sources = tuple(count.sources)
    assigned = tuple(count.assigned_used.values())
    hidden = tuple(count.hidden_rows)
    if old is not None:
        kept = {k: v for k, v in old.cells.items() if k.table not in count.tables}
        if kept:
            cells = {**kept, **cells}
            sources = tuple(dict.fromkeys((*old.sources, *sources)))
            assigned = tuple(dict.fromkeys((*old.assigned, *assigned)))
            kept_rows = {ref for cell in kept.values() for ref in cell.rows}
            hidden = tuple(dict.fromkeys((*(ref for ref in old.hidden if ref in kept_rows), *hidden)))
    return LedgerRecord(sources, count.year, cells, assigned, len(count.left_out), hidden)


def ledger_findings(report) -> list[Finding]:
    """A warning for each cell counted from a ledger whose figure was changed by hand since."""
    record: LedgerRecord | None = getattr(report, "ledger", None)
    if record is None:
        return []
    out = []
    for key, cell in record.cells.items():
        value = report.values.get(key) or 0
        if value != cell.count:
            out.append(LEDGER_CHANGED.finding((key,), f"{key.name()}由登记台账计数为{cell.count}件，现为{value}件，与台账不符。"
                                              "如台账有误，请更正台账后重新读取；如确应按台账以外的情况填写，请确认并写明理由。"))
    return out


# --- the project file ---------------------------------------------------------------------------

def to_json(record: LedgerRecord) -> dict:
    doc = {
        "sources": list(record.sources), "year": record.year, "left_out": record.left_out,
        "assigned": [{"value": v, "label": label} for v, label in record.assigned],
        "cells": [{"table": k.table, "row": k.row, "col": k.col, "count": c.count, "rows": _rows_json(c.rows)}
                  for k, c in record.cells.items()],
    }
    if record.hidden:
        doc["hidden"] = _rows_json(record.hidden)
    return doc


def _rows_json(rows: tuple[RowRef, ...]) -> list[dict]:
    by_place: dict[tuple[str, str], list[int]] = {}
    for ref in rows:
        by_place.setdefault((ref.source, ref.sheet), []).append(ref.row)
    return [{"source": s, "sheet": sh, "rows": ",".join(f"{a}" if a == b else f"{a}-{b}" for a, b in row_runs(rs))}
            for (s, sh), rs in by_place.items()]


def from_json(doc: object, form) -> LedgerRecord:
    """Raises ``ValueError`` (or ``KeyError``/``TypeError``) on a damaged record."""
    if not isinstance(doc, dict):
        raise ValueError("ledger")
    cells: dict[CellKey, LedgerCell] = {}
    for item in doc.get("cells", []):
        key = CellKey(item["table"], item["row"], item["col"])
        if not form.has(key) or form.cell(key).computed:
            raise ValueError(key)
        rows = tuple(ref for part in item.get("rows", []) for ref in _rows_from_json(part))
        count = item["count"]
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise ValueError(count)
        cells[key] = LedgerCell(count, rows)
    assigned = tuple((str(a["value"]), str(a["label"])) for a in doc.get("assigned", []))
    year = doc.get("year", 0)
    if not isinstance(year, int):
        raise ValueError(year)
    hidden = tuple(ref for part in doc.get("hidden", []) for ref in _rows_from_json(part))
    return LedgerRecord(tuple(str(s) for s in doc.get("sources", [])), year, cells, assigned,
                        int(doc.get("left_out", 0)), hidden)


def _rows_from_json(part: dict) -> list[RowRef]:
    source, sheet, text = str(part["source"]), str(part.get("sheet", "")), str(part["rows"])
    out = []
    for run in filter(None, text.split(",")):
        a, _, b = run.partition("-")
        first, last = int(a), int(b or a)
        if not 0 < first <= last or last - first > 1_000_000:
            raise ValueError(run)
        out += [RowRef(source, sheet, r) for r in range(first, last + 1)]
    return out
