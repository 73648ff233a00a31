"""The check before a report leaves the office (Word / PDF export): what is still wrong or
unfinished, in the order the clerk should see it — errors, text and figures not written yet
(the parts of the prose still empty first, each named), warnings not confirmed, an empty 落款
(机关 or 日期).

Qt-free: the editor shows the list (``qt/export_check_dialog.py``) with 返回修改 / 仍然导出.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from .findings import Finding, Severity
from .report import METADATA_NAMES, Report
from .rules import PROSE_TEMPLATE

# The groups of the list, in order, with the heading the clerk reads.
GROUPS = {
    "error": "错误",
    "placeholder": "正文中尚未填写的部分",
    "todo": "尚未填写",
    "warning": "未确认的警告",
    "date": "落款",
}


@dataclass(frozen=True)
class ExportProblem:
    group: str                      # a key of GROUPS
    text: str                       # what the clerk reads
    finding: Finding | None = None  # where 返回修改 goes (a cell, a section's text) …
    meta: str | None = None         # … or a 基本信息 field (``Metadata`` attribute)
    offer: str = ""                 # a value the clerk may fill that field with at once


def official_date(day: _dt.date) -> str:
    """A date as the signature of an official document writes it: “2026年12月4日”."""
    return f"{day.year}年{day.month}月{day.day}日"


def _group(finding: Finding) -> str | None:
    if not finding.is_open or finding.severity is Severity.INFO:
        return None
    if finding.todo:
        return "placeholder" if finding.rule == PROSE_TEMPLATE.id else "todo"
    return "error" if finding.severity is Severity.ERROR else "warning"


def export_problems(report: Report, findings: list[Finding]) -> list[ExportProblem]:
    """Everything a signed and published report should not have, grouped in ``GROUPS`` order."""
    problems = [ExportProblem(group, f.message, finding=f) for f in findings if (group := _group(f))]
    problems += signature_problems(report)
    order = list(GROUPS)
    return sorted(problems, key=lambda p: order.index(p.group))


def signature_problems(report: Report) -> list[ExportProblem]:
    """The 落款 a published report ends with: the issuing organ and the date, each on its line."""
    out = []
    organ = report.meta.issuing_organ.strip()
    if not organ:
        agency = report.meta.agency.strip()
        offer = f"（一般与机关名称“{agency}”相同）" if agency else ""
        out.append(ExportProblem("date", f"{METADATA_NAMES['issuing_organ']}为空：导出的文档文末没有落款机关{offer}。",
                                 meta="issuing_organ", offer=agency))
    if not report.meta.date.strip():
        who = f"“{organ}”之后" if organ else "文末"
        out.append(ExportProblem("date", f"{METADATA_NAMES['date']}为空：导出的文档{who}没有日期。", meta="date"))
    return out


def summary(problems: list[ExportProblem]) -> str:
    """“2 个错误、13 处正文提示文字、1 个未确认的警告、落款日期为空”."""
    counts = {g: sum(1 for p in problems if p.group == g) for g in GROUPS}
    words = {"error": "个错误", "placeholder": "处正文尚未填写", "todo": "项尚未填写", "warning": "个未确认的警告"}
    parts = [f"{counts[g]} {w}" for g, w in words.items() if counts[g]]
    empty = [METADATA_NAMES[p.meta] for p in problems if p.group == "date" and p.meta]
    if empty:
        parts.append("、".join(empty) + "为空")
    return "、".join(parts)
