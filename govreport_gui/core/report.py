"""The report document: metadata, the prose of the six sections, and the input cells.

Totals are not stored: they are recomputed (``recalc``).  Totals *printed* in a file the report
was read from are kept in ``printed`` so the checks can compare them with the recomputed ones.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields

from .forms import CellKey, FormSpec, get_form
from .values import Value, coerce_exact

SECTION_KEYS = ("一", "二", "三", "四", "五", "六")


@dataclass
class Metadata:
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


@dataclass
class AcceptedWarning:
    """A warning the clerk confirmed, with the reason (kept with the report)."""

    rule: str
    cells: tuple[CellKey, ...]
    reason: str
    # For warnings without cells (prose checks): the section and the finding's anchor.
    section: str | None = None
    anchor: str = ""


@dataclass
class Report:
    form_version: str
    meta: Metadata = field(default_factory=Metadata)
    sections: dict[str, str] = field(default_factory=dict)
    values: dict[CellKey, Value] = field(default_factory=dict)     # input cells; absent = blank
    printed: dict[CellKey, Value] = field(default_factory=dict)    # totals as printed in a source
    accepted: list[AcceptedWarning] = field(default_factory=list)

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
            raise KeyError(f"{key.table}表没有“{key.row}”/“{key.col}”单元格")
        if spec.computed:
            raise KeyError(f"“{key.row}”/“{key.col}”是合计单元格，由程序计算")
        value = coerce_exact(value, spec.kind)
        if value is None:
            self.values.pop(key, None)
        else:
            self.values[key] = value

    def section_text(self, key: str) -> str:
        return self.sections.get(key, "")

    def copy(self) -> "Report":
        return copy.deepcopy(self)

    def converted(self, form_version: str) -> tuple["Report", list[tuple[CellKey, Value]]]:
        """A copy in another format version: metadata, prose and accepted warnings kept; the input
        figures kept where the new version has the same cell, the others returned as dropped."""
        target = get_form(form_version)
        kept, dropped = convert_values(self.values, self.form, target)
        copy = self.copy()
        new = Report(target.version, copy.meta, copy.sections, kept, {}, copy.accepted)
        return new, dropped

    def title(self) -> str:
        year = f"{self.meta.year}年" if self.meta.year else ""
        return f"{self.meta.agency}{year}政府信息公开工作年度报告"


def convert_values(values: dict[CellKey, Value], source: FormSpec, target: FormSpec
                   ) -> tuple[dict[CellKey, Value], list[tuple[CellKey, Value]]]:
    """The input figures of a report in ``source``'s version placed in ``target``'s version: only
    cells whose key exists (as an input) in both; the others are returned as dropped."""
    kept: dict[CellKey, Value] = {}
    dropped: list[tuple[CellKey, Value]] = []
    for spec in source.all_cells():
        if spec.computed:
            continue
        v = values.get(spec.key)
        if v is None:
            continue
        if target.has(spec.key) and not target.cell(spec.key).computed \
                and target.cell(spec.key).kind is spec.kind:
            kept[spec.key] = v
        else:
            dropped.append((spec.key, v))
    return kept, dropped
