"""The report document: metadata, the prose of the six sections, and the input cells.

Totals are not stored: they are recomputed (``recalc``).  Totals *printed* in a file the report
was read from are kept in ``printed`` so the checks can compare them with the recomputed ones.
"""

from __future__ import annotations

import copy
from dataclasses import field, fields
from typing import TYPE_CHECKING

from .forms import CellKey, Fidelity, FormSpec, Move, get_form, same_cell, section_keys, version_map
from .records import record
from .values import Value, coerce_exact, format_value

if TYPE_CHECKING:
    from .ledger.record import LedgerRecord

# the prose sections of every declared version, in order (一 … 六)
SECTION_KEYS = section_keys()


@record(frozen=False)
class Metadata:
    """The 基本信息 of a report: agency, year, contact and signature fields."""

    agency: str = ""           # 机关全称
    year: int = 0              # the statistical year the report covers
    website: str = ""          # 网站 (where the electronic version can be downloaded)
    address: str = ""          # 地址
    postcode: str = ""         # 邮编
    phone: str = ""            # 电话
    email: str = ""            # 电子邮箱
    issuing_organ: str = ""    # 落款机关
    date: str = ""             # 落款日期, as written (e.g. "2025年1月16日")
    preamble: str = ""         # 前言 paragraph(s)


# Chinese names of the metadata fields, for forms and messages (not official labels).
METADATA_NAMES = {
    "agency": "机关名称", "year": "报告年度", "website": "网站", "address": "地址",
    "postcode": "邮编", "phone": "电话", "email": "电子邮箱", "issuing_organ": "落款机关",
    "date": "落款日期", "preamble": "前言",
}
TEXT_METADATA = tuple(f.name for f in fields(Metadata) if f.name != "year")


@record(frozen=False)
class AcceptedWarning:
    """A warning the clerk confirmed, with the reason (kept with the report)."""

    rule: str
    cells: tuple[CellKey, ...]
    reason: str
    # For warnings without cells (prose checks): the section and the finding's anchor.
    section: str | None = None
    anchor: str = ""


@record(frozen=False)
class Report:
    """One annual report: its format version, 基本信息, section texts and the figures typed in."""

    form_version: str
    meta: Metadata = field(default_factory=Metadata)
    sections: dict[str, str] = field(default_factory=dict)
    values: dict[CellKey, Value] = field(default_factory=dict)     # input cells; absent = blank
    printed: dict[CellKey, Value] = field(default_factory=dict)    # totals as printed in a source
    accepted: list[AcceptedWarning] = field(default_factory=list)
    # The ledgers the figures of 三/四 were counted from: each cell's count and ledger rows.
    ledger: LedgerRecord | None = None

    @property
    def form(self) -> FormSpec:
        return get_form(self.form_version)

    @classmethod
    def new(cls, form_version: str, year: int = 0, agency: str = "") -> "Report":
        return cls(form_version, Metadata(agency=agency, year=year))

    def get(self, key: CellKey) -> Value:
        return self.values.get(key)

    def set(self, key: CellKey, value: Value) -> None:
        """Set an input cell (None clears it).  Rejects unknown cells, totals and inexact types."""
        spec = self.form.cell(key) if self.form.has(key) else None
        if spec is None:
            raise KeyError(f"没有{key.name()}单元格")
        if spec.computed:
            raise KeyError(f"{key.name()}是合计单元格，由程序计算")
        value = coerce_exact(value, spec.kind)
        if value is None:
            self.values.pop(key, None)
        else:
            self.values[key] = value

    def section_text(self, key: str) -> str:
        return self.sections.get(key, "")

    def copy(self) -> "Report":
        return copy.deepcopy(self)

    def convert(self, form_version: str) -> tuple["Report", "Conversion"]:
        """A copy in another format version: metadata, prose and accepted warnings kept; the input
        figures moved by the declared correspondence (``forms.version_map``) — ``Conversion.notes()``
        names every figure that changed its cell, needs the clerk's check, or has no counterpart."""
        from .recalc import recalculate
        target = get_form(form_version)
        conversion = convert_values(self.values, self.form, target)
        copy = self.copy()
        # a printed total that disagrees stays an error in the new version when the total is there
        # too (三 and 四 keep their totals); one that agrees tells nothing more
        computed = recalculate(self.form, self.values)
        printed = {k: v for k, v in copy.printed.items()
                   if (v or 0) != (computed.get(k) or 0) and target.has(k) and target.cell(k).computed}
        new = Report(target.version, copy.meta, copy.sections, dict(conversion.values), printed, copy.accepted)
        return new, conversion

    def title(self) -> str:
        year = f"{self.meta.year}年" if self.meta.year else ""
        return f"{self.meta.agency}{year}政府信息公开工作年度报告"


@record
class Moved:
    """A figure placed in a cell of another label: the declared move, the source figures (blank
    as None) and what the target cell received."""

    move: Move
    sources: tuple[tuple[CellKey, Value], ...]
    value: Value


# The order in which conversion notes are shown: what the clerk must check first.
_NOTE_ORDER = (Fidelity.JUDGED, Fidelity.NONE, Fidelity.SUMMED, Fidelity.SAME)


@record(frozen=False)
class Conversion:
    """The input figures of a report of version ``source`` placed in version ``target``."""

    source: str
    target: str
    values: dict[CellKey, Value]                                          # the figures in ``target``
    moved: list[Moved] = field(default_factory=list)                      # non-blank, other label
    dropped: list[tuple[CellKey, Value]] = field(default_factory=list)    # non-blank, no counterpart
    # Cells of ``target`` whose figure is exact: the same cell in both, or a SAME / SUMMED move.
    exact: frozenset[CellKey] = frozenset()

    @property
    def judged(self) -> list[Moved]:
        """Non-zero figures placed in the closest cell: the clerk should check them."""
        return [m for m in self.moved if m.move.fidelity is Fidelity.JUDGED and m.value]

    @property
    def lost(self) -> list[tuple[CellKey, Value]]:
        """Non-zero figures without a counterpart (a dropped 0 or blank loses nothing)."""
        return [(k, v) for k, v in self.dropped if v]

    @property
    def needs_review(self) -> bool:
        return bool(self.judged or self.lost)

    def notes(self) -> list[str]:
        """One sentence per reason, naming the cells and figures: judgments, figures without a
        counterpart, rows summed, labels renamed (zeros and blanks are not mentioned)."""
        groups: dict[tuple[Fidelity, str], list] = {}
        for m in self.moved:
            if m.value:
                groups.setdefault((m.move.fidelity, m.move.why), []).append(m)
        for key, v in self.dropped:
            if v:
                groups.setdefault((Fidelity.NONE, _why_dropped(self, key)), []).append((key, v))
        out = []
        for fidelity in _NOTE_ORDER:
            for (f, why), items in groups.items():
                if f is not fidelity:
                    continue
                if f is Fidelity.NONE:
                    shown = "、".join(f"{k.name()}={format_value(v)}" for k, v in items)
                    out.append(f"{why}，以下数字未计入：{shown}。")
                else:
                    out.append(f"{why}：{_moved_text(items)}。")
        return out


def _why_dropped(conversion: Conversion, key: CellKey) -> str:
    for move in version_map(conversion.source, conversion.target).moves:
        if key in move.sources:
            return move.why
    return f"{conversion.target}版没有对应栏目"


def _moved_text(items: list[Moved]) -> str:
    """``表三“（六）其他处理”→“3.其他”：自然人3、商业企业1``, one part per table and row pair."""
    parts: dict[tuple[str, str, str], list[str]] = {}
    for m in items:
        target = m.move.target
        assert target is not None
        src_rows = tuple(dict.fromkeys(k.row for k, _ in m.sources))
        if m.move.fidelity is Fidelity.SUMMED or src_rows == (target.row,):
            head = (target.table, target.row, "")
        else:
            head = (target.table, "”“".join(src_rows), target.row)
        if all(k.col == target.col for k, _ in m.sources):
            figures = "+".join(format_value(v if v is not None else 0) for _, v in m.sources)
            item = f"{target.col}{figures}" + (f"={format_value(m.value)}" if len(m.sources) > 1 else "")
        else:
            shown = "+".join(f"“{k.col}”{format_value(v if v is not None else 0)}" for k, v in m.sources)
            item = f"{shown}→“{target.col}”"
        parts.setdefault(head, []).append(item)
    return "；".join(f"表{t}“{src}”" + (f"→“{dst}”" if dst else "") + "：" + "、".join(its)
                    for (t, src, dst), its in parts.items())


def convert_values(values: dict[CellKey, Value], source: FormSpec, target: FormSpec) -> Conversion:
    """The input figures of a report in ``source``'s version placed in ``target``'s version by the
    declared correspondence: a cell both versions have keeps its figure; every other figure is
    moved, summed or placed in the closest cell as its ``Move`` says, or dropped where the target
    has no counterpart.  Blank stays blank; a move whose sources are all blank fills nothing."""
    vmap = version_map(source.version, target.version)
    kept: dict[CellKey, Value] = {}
    exact = {k for k in target.input_keys() if same_cell(source, target, k)}
    for spec in source.all_cells():
        if spec.key in exact and values.get(spec.key) is not None:
            kept[spec.key] = values[spec.key]
    result = Conversion(source.version, target.version, kept)
    for move in vmap.moves:
        figures = tuple((k, values.get(k)) for k in move.sources)
        if move.target is not None and move.fidelity in (Fidelity.SAME, Fidelity.SUMMED):
            exact.add(move.target)
        if all(v is None for _, v in figures):
            continue
        if move.target is None:
            result.dropped += [(k, v) for k, v in figures if v is not None]
            continue
        total = sum((v for _, v in figures if v is not None), 0)
        kept[move.target] = total
        result.moved.append(Moved(move, figures, total))
    # a figure the declaration forgot is named as dropped, never lost without a word
    named = {k for move in vmap.moves for k in move.sources}
    for key in source.input_keys():
        if key not in named and not same_cell(source, target, key) and values.get(key) is not None:
            result.dropped.append((key, values[key]))
    result.exact = frozenset(exact)
    return result
