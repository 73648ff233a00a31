"""Drafting help: the standard outline of the prose of a new report, and a summary of the tables
written as the usual sentences (``插入数据摘要``).

The outline follows what FORMAT.md §7 says the sections should contain; its placeholders are in
the form ``（请在此……）`` so the template check (``prose.template``) flags any left unfilled.
Every figure of ``data_summary`` is read from the tables through the format declaration, so the
sentences always agree with them (and the prose-against-tables check stays quiet).
"""

from __future__ import annotations

from decimal import Decimal

from .forms import CellKey, FormSpec, get_form
from .recalc import all_values
from .report import Report
from .values import Value, format_value

PLACEHOLDER_OPEN = "（请在此"

# 一、总体情况: the five topics the 2021 format names, as sub-headings with a hint each.
_OVERVIEW = (
    ("（一）主动公开", "写明本年主动公开政府信息的数量、重点领域信息公开和政策解读情况"),
    ("（二）依申请公开", "写明收到、办结政府信息公开申请的情况和答复的规范性"),
    ("（三）政府信息管理", "写明公开属性认定、发布审查、文件清理等管理制度的落实情况"),
    ("（四）平台建设", "写明政府网站、政务新媒体、公开专区等平台的建设和维护情况"),
    ("（五）监督保障", "写明组织领导、考核评议、培训和责任追究等情况"),
)
_PROBLEMS = (
    ("（一）上年度问题整改情况", "逐项说明上年报告所列问题的整改措施和效果"),
    ("（二）存在的主要问题", "实事求是写明本年工作中存在的不足"),
    ("（三）改进措施", "针对上述问题写明下一步的具体措施"),
)
_OTHER = (
    ("（一）收取信息处理费情况", "写明本年是否收取信息处理费；收取的，写明收费件数和金额"),
    ("（二）落实上级年度政务公开工作要点情况", "简述完成情况"),
    ("（三）人大代表建议和政协提案办理结果公开情况", "写明承办件数和结果公开情况"),
    ("（四）政务公开工作创新情况", "如有，简述本年的创新做法"),
)
_OVERVIEW_OPEN = "概述本年贯彻落实《条例》、推进政府信息公开工作的总体情况"


def _lines(items: tuple[tuple[str, str], ...]) -> str:
    return "\n".join(f"{head}。{PLACEHOLDER_OPEN}{hint}）" for head, hint in items)


def outline(form_version: str = "2021") -> dict[str, str]:
    """Editable starting text of sections 一, 五 and 六 of a new report (2019 version: no 整改 and
    信息处理费 sub-headings, which that format does not ask for)."""
    form = get_form(form_version)
    modern = form.first_year >= 2021
    problems = _PROBLEMS if modern else _PROBLEMS[1:]
    other = _OTHER if modern else _OTHER[1:]
    return {
        "一": f"{PLACEHOLDER_OPEN}{_OVERVIEW_OPEN}）\n" + _lines(_OVERVIEW),
        "五": _lines(problems),
        "六": _lines(other),
    }


# ---------------------------------------------------------------------------------------------
# The data summary


def _count(v: Value) -> str:
    return format_value(v or 0)


def _change(this: Value, prev: Value) -> str:
    """“，比上年增加N件（增长X%）” / “减少” / “与上年持平”."""
    this, prev = this or 0, prev or 0
    if this == prev:
        return "，与上年持平"
    diff = this - prev
    word = "增加" if diff > 0 else "减少"
    text = f"，比上年{word}{format_value(abs(diff))}件"
    if prev:
        pct = (Decimal(abs(diff)) * 100 / Decimal(prev)).quantize(Decimal("0.1"))
        text = text[:-1] + f"件（{'增长' if diff > 0 else '下降'}{format_value(pct)}%）"
    return text


def data_summary(report: Report, previous: Report | None = None) -> str:
    """The standard sentences on applications, 复议 and 诉讼, written from the tables."""
    form = report.form
    values = all_values(form, report.values)
    prev_values = all_values(previous.form, previous.values) if previous is not None else None
    t3, t4 = form.tables["三"], form.tables["四"]
    total = t3.cols[-1]
    rows = t3.rows

    def v(row: str, col: str = total, table: str = "三") -> Value:
        return values.get(CellKey(table, row, col)) or 0

    def pv(row: str, col: str = total, table: str = "三") -> Value | None:
        if prev_values is None:
            return None
        key = CellKey(table, row, col)
        if not previous.form.has(key):  # type: ignore[union-attr]
            return None
        return prev_values.get(key) or 0

    new_row, carried_row, results_total_row, carried_out_row = rows[0], rows[1], rows[-2], rows[-1]
    year = f"{report.meta.year}年" if report.meta.year else "本年度"
    sentences = []
    received = f"{year}共收到政府信息公开申请{_count(v(new_row))}件"
    if pv(new_row) is not None:
        received += _change(v(new_row), pv(new_row))
    sentences.append(received + f"，上年结转{_count(v(carried_row))}件")

    # Outcomes: the single leaf rows by their label, the groups by their group label (sum of leaves).
    outcomes = _outcomes(form)
    parts = []
    for name, leaf_rows in outcomes:
        amount = sum((v(r) for r in leaf_rows), 0)
        if amount:
            parts.append(f"{_strip_number(name)}{format_value(amount)}件")
    decided = f"本年度办结{_count(v(results_total_row))}件"
    if parts:
        decided += "，其中" + "、".join(parts)
    sentences.append(decided + f"；结转下年度继续办理{_count(v(carried_out_row))}件")

    review, *litigation = t4.rows
    total4 = t4.cols[-1]
    outcomes4 = t4.cols[:-1]

    def review_sentence(what: str, groups: list[str]) -> str:
        n = sum((v(g, total4, "四") for g in groups), 0)
        if not n:
            return f"本年度未发生因政府信息公开引起的{what}"
        text = f"本年度因政府信息公开引起{what}{format_value(n)}件"
        prev_n = None
        if prev_values is not None and all(previous.form.has(CellKey("四", g, total4)) for g in groups):  # type: ignore[union-attr]
            prev_n = sum((prev_values.get(CellKey("四", g, total4)) or 0 for g in groups), 0)
            text += _change(n, prev_n)
        details = []
        for col in outcomes4:
            m = sum((v(g, col, "四") for g in groups), 0)
            if m:
                details.append(f"{col}{format_value(m)}件")
        if details:
            text += "，其中" + "、".join(details)
        return text

    sentences.append(review_sentence(review, [review]))
    parent = _litigation_name(form)
    sentences.append(review_sentence(parent, list(litigation)))
    return "。".join(sentences) + "。"


def _outcomes(form: FormSpec) -> list[tuple[str, list[str]]]:
    """(name, leaf rows) for each outcome of 三's results: single rows, or groups of leaves."""
    t3 = form.tables["三"]
    result_rows = [r for r in t3.rows[2:-2]]
    groups: dict[str, list[str]] = {}
    order: list[str] = []
    # Group labels sit in grid column 1 with a rowspan; find each leaf's group from the grid.
    group_of: dict[int, str] = {}
    for g in t3.grid:
        if g.role.value == "label" and g.col == 1 and g.rowspan > 1:
            for r in range(g.row, g.row + g.rowspan):
                group_of[r] = g.text
    first = t3.header_rows
    for i, row in enumerate(t3.rows):
        if row not in result_rows:
            continue
        name = group_of.get(first + i, row)
        if name not in groups:
            groups[name] = []
            order.append(name)
        groups[name].append(row)
    return [(name, groups[name]) for name in order]


def _strip_number(label: str) -> str:
    """“（一）予以公开” → “予以公开”; drops the parenthetical note of （二）."""
    text = label
    if text.startswith("（") and "）" in text[:4]:
        text = text[text.index("）") + 1:]
    if "（" in text:
        text = text[:text.index("（")]
    return text


def _litigation_name(form: FormSpec) -> str:
    t4 = form.tables["四"]
    review = t4.rows[0]
    for g in t4.grid:
        if g.row == 0 and g.role.value == "header" and g.text != review:
            return g.text
    return "诉讼"


__all__ = ["outline", "data_summary", "PLACEHOLDER_OPEN"]


def new_report(form_version: str, year: int, agency: str = "") -> Report:
    """A blank report that starts with the standard outline of 一, 五 and 六 (editable text)."""
    report = Report.new(form_version, year, agency)
    report.sections = outline(form_version)
    return report
