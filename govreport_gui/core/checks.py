"""The checks of the official tables' relations (国办公开办函〔2019〕60号, 〔2021〕30号):
hard rules are errors, soft rules warnings, blanks are info.

``check_report`` is a pure function of the report (and last year's report, for the cross-year
rules); every rule it applies comes from the format declaration.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from .drafting import not_typed
from .findings import Finding, Severity
from .forms import CellKey, FormSpec, Kind
from .forms.spec import Balance, CrossYear, LooksLike, Total
from .recalc import recalculate
from .report import Report
from .rules import BLANK, FORMAT_YEAR, NEGATIVE, PREVIOUS_YEAR, SIGNING_DATE, YEAR, finding_of, signed_columns
from .values import Value, format_value, magnitude

if TYPE_CHECKING:
    from .fill_progress import FillProgress


def check_report(report: Report, previous: Report | None = None,
                 computed: Mapping[CellKey, Value] | None = None,
                 progress: FillProgress | None = None) -> list[Finding]:
    """Every finding on ``report``.  ``progress`` (the editor, while drafting): the identities the
    clerk is still filling in are to-dos, an imbalance is marked on the cell changed last; without
    it (the command line, the pre-export check) every identity is judged."""
    form = report.form
    if computed is None:
        computed = recalculate(form, report.values)

    def value(key: CellKey) -> Value:
        return computed[key] if key in computed else report.values.get(key)

    findings: list[Finding] = []
    findings += _check_year(report)
    findings += _check_signing_date(report)
    findings += _check_signs(report)
    findings += _check_balances(form, value, report.values, progress)
    findings += _check_printed_totals(report, computed)
    findings += _check_not_greater(form, value)
    findings += _check_level(report, value)
    findings += _check_looks_like(form, value)
    prev_values = None
    if previous is not None:
        prev_computed = recalculate(previous.form, previous.values)
        prev_values = {**previous.values, **prev_computed}
        findings += _check_cross_year(report, previous, value, prev_computed)
    from .prose_checks import check_prose  # content checks of the prose (and year on year)
    findings += check_prose(report, previous, {**report.values, **computed}, prev_values)
    if report.ledger is not None:
        from .ledger.record import ledger_findings  # figures counted from a ledger, changed by hand since
        findings += ledger_findings(report)
    findings += _check_blanks(report)
    return _apply_accepted(report, findings)


def n(v: Value) -> str:
    """A value as shown inside a message (blank counts as 0)."""
    return format_value(v if v is not None else 0)


def _where(key: CellKey) -> str:
    return key.name()


def _check_year(report: Report) -> list[Finding]:
    form, year = report.form, report.meta.year
    if not year:
        return [YEAR.finding((), "未填写报告年度，请在“基本信息”中填写。", meta="year")]
    if not form.applies_to(year):
        last = f"{form.last_year}年" if form.last_year else "今"
        return [FORMAT_YEAR.finding((),
                        f"{year}年度的报告通常使用另一版格式：{form.version}版格式（{form.basis}）"
                        f"适用于{form.first_year}年至{last}的年度报告，请核实格式版本。", meta="year")]
    return []


def _check_signing_date(report: Report) -> list[Finding]:
    """A 落款日期 before the report could be compiled (last year's date kept, or the report's year
    typed: 2025年1月20日 on the 2025 report), which covers the year to 31 December; a date from
    October on is a draft's (``periods``: when this year's report is begun) and passes."""
    year, written = report.meta.year, report.meta.date.strip()
    if not year or not written:
        return []
    import datetime as dt

    from .ledger.dates import DateProblem, read_date  # (the reader of every way a date is written)
    from .periods import FIRST_MONTH_OF_THIS_YEARS_REPORT
    try:
        day = read_date(written)
    except DateProblem:
        return []
    if day is None or day >= dt.date(year, FIRST_MONTH_OF_THIS_YEARS_REPORT, 1):
        return []
    return [SIGNING_DATE.finding((), f"落款日期“{written}”早于{year}年度报告的编制：{year}年度的报告统计到{year}年12月31日，"
                                     f"一般在{year + 1}年初编制发布，请核对落款日期的年份。", meta="date")]


def _check_signs(report: Report) -> list[Finding]:
    out = []
    specs = report.form.cell_specs()
    for key, v in report.values.items():
        if v is None or v >= 0 or key not in specs:
            continue
        kind = specs[key].kind
        if kind is not Kind.SIGNED and v < 0:
            what = "金额" if kind is Kind.MONEY else "数量"
            signed = "、".join(f"“{c}”" for c in signed_columns(report.form))
            only = f"（只有{signed}可以为负）" if signed else ""
            out.append(NEGATIVE.finding((key,), f"{_where(key)}为{n(v)}：{what}不能为负数{only}。"))
    return out


def _check_balances(form: FormSpec, value: Callable[[CellKey], Value], inputs: Mapping[CellKey, Value],
                    progress: FillProgress | None = None) -> list[Finding]:
    """Each balance of the declaration.  One whose other side is still entirely blank is a to-do
    (尚未填写: e.g. 上年结转 carried over, this year's results not typed yet), and so is one the
    clerk is filling in (``progress``: 填写中); an imbalance is marked on the cell changed last."""
    out = []

    def total(terms: tuple[tuple[str, CellKey], ...]) -> int | Decimal:
        return sum((value(k) or 0 for _, k in terms), 0)

    def side(terms: tuple[tuple[str, CellKey], ...], sum_: int | Decimal) -> str:
        return "+".join(f"{name}({n(value(k))})" for name, k in terms) + f"={n(sum_)}"
    for rule in form.balances:
        left, right = total(rule.lhs), total(rule.rhs)
        if left == right:   # (the texts are written only for a finding: most balances hold)
            continue
        left_text, right_text = side(rule.lhs, left), side(rule.rhs, right)
        cells = tuple(k for _, k in (*rule.lhs, *rule.rhs))
        blank = [terms for terms in (rule.lhs, rule.rhs) if not_typed(form, inputs, [k for _, k in terms])]
        if blank:
            typed_text = right_text if blank[0] is rule.lhs else left_text
            names = "、".join(f"“{name}”" for name, _ in blank[0])
            out.append(finding_of(rule, cells,
                               f"表{rule.table}{rule.scope}尚未填写完：{typed_text}，{names}尚未填写"
                               f"（填写后两边应相等）。", todo=True))
        elif progress is not None and progress.filling(rule):
            out.append(finding_of(rule, cells,
                                  f"表{rule.table}{rule.scope}正在填写（还有{progress.blanks(rule, inputs)}个单元格空白）："
                                  f"{left_text}，{right_text}。填完或离开本表后再核对两边是否相等。", todo=True))
        else:
            out.append(_imbalance(rule, cells, f"表{rule.table}{rule.scope}：{left_text}，{right_text}，"
                                  f"相差{n(magnitude(left - right))}", value, progress))
    return out


def _imbalance(rule: Balance, cells: tuple[CellKey, ...], message: str, value: Callable[[CellKey], Value],
               progress: FillProgress | None) -> Finding:
    """An imbalance, marked on the cell the clerk changed last among those it adds up (when one
    was changed): that cell first, then the cells of the equation."""
    latest = progress.latest(rule) if progress is not None else None
    if latest is None:
        return finding_of(rule, cells, message)
    message += f"（最近修改的是{latest.name()}，现为{n(value(latest))}）"
    return finding_of(rule, (latest, *(k for k in cells if k != latest)), message, mark=latest)


def _check_printed_totals(report: Report, computed: Mapping[CellKey, Value]) -> list[Finding]:
    out = []
    for total in report.form.totals:
        if total.target not in report.printed:
            continue
        printed = report.printed[total.target] or 0
        actual = computed[total.target] or 0
        if printed != actual:
            out.append(finding_of(total, (total.target, *total.addends),
                               _printed_message(total, printed, actual, computed, report)))
    return out


def _printed_message(total: Total, printed: Value, actual: Value,
                     computed: Mapping[CellKey, Value], report: Report) -> str:
    target = total.target
    same_row = all(k.row == target.row for k in total.addends)
    parts = []
    for k in total.addends:
        v = computed.get(k, report.values.get(k))
        if v:
            parts.append(f"{k.col if same_row else k.row}({n(v)})")
    equation = "+".join(parts) if parts else "各项均为0"
    return (f"{_where(target)}：文件所列合计为{n(printed)}，按各项重新计算为{n(actual)}"
            f"（{equation}），相差{n(magnitude((printed or 0) - (actual or 0)))}。请核对各项数字；如各项无误，"
            "是文件所列合计写错了，以重新计算的合计为准（“采用重新计算的合计”；导出时总是写入重新计算的合计）")


def _check_not_greater(form: FormSpec, value: Callable[[CellKey], Value]) -> list[Finding]:
    out = []
    for rule in form.not_greater:
        lhs, rhs = value(rule.lhs) or 0, value(rule.rhs) or 0
        if lhs > rhs:
            out.append(finding_of(rule, (rule.lhs, rule.rhs),
                               f"{rule.lhs.row_name()}：{rule.lhs.col}({n(lhs)})大于{rule.rhs.col}({n(rhs)})，"
                               f"相差{n(lhs - rhs)}，请核实。"))
    return out


_MAY_MAKE_REGULATIONS = re.compile(r"^(中华人民共和国|国务院|国家)|(省|自治区|[^县区旗镇乡]市|自治州)人民政府$")
_BELOW_CITY = re.compile(r"县|区|旗|镇|乡|街道|办事处")


def may_make_regulations(agency: str) -> bool:
    """规章 are made only by provincial / 设区的市 / 自治州 governments and State Council departments."""
    agency = agency.strip()
    if not agency:
        return True  # unknown: do not warn
    if agency.startswith(("中华人民共和国", "国务院", "国家")):
        return True
    return bool(_MAY_MAKE_REGULATIONS.search(agency)) and not _BELOW_CITY.search(agency)


def _check_level(report: Report, value: Callable[[CellKey], Value]) -> list[Finding]:
    out: list[Finding] = []
    if may_make_regulations(report.meta.agency):
        return out
    for hint in report.form.level_hints:
        nonzero = tuple(k for k in hint.cells if value(k))
        if nonzero:
            out.append(finding_of(hint, nonzero,
                               f"{nonzero[0].row_name()}有数字：{hint.what}只由省级、设区的市级人民政府和国务院部门制定，"
                               f"“{report.meta.agency}”一般应填0，请核实"
                               + (f"（是否应填入“{hint.instead}”）。" if hint.instead else "。")))
    return out


def _check_looks_like(form: FormSpec, value: Callable[[CellKey], Value]) -> list[Finding]:
    out = []
    for rule in form.looks_like:
        target = value(rule.target) or 0
        if not target:
            continue
        expected, parts = _evaluate(rule, value, value, form)
        if target == expected:
            out.append(finding_of(rule, (rule.target, *(t.key for t in rule.terms)),
                               f"{rule.why}：{_where(rule.target)}为{n(target)}，恰好等于{parts}={n(expected)}，"
                               "疑似填入了项目数量，请核实。"))
    return out


def _check_cross_year(report: Report, previous: Report, value: Callable[[CellKey], Value],
                      prev_computed: Mapping[CellKey, Value]) -> list[Finding]:
    out: list[Finding] = []
    form, prev_form = report.form, previous.form

    def prev_value(key: CellKey) -> Value:
        return prev_computed[key] if key in prev_computed else previous.values.get(key)

    year, prev_year = report.meta.year, previous.meta.year
    if year and prev_year and prev_year != year - 1:
        out.append(PREVIOUS_YEAR.finding((),
                           f"所给上年报告是{prev_year}年度的，本报告是{year}年度的，跨年核对可能不适用。",
                           meta="year"))
    skipped: set[str] = set()
    for rule in form.cross_year:
        if any(t.year == "prev" and not prev_form.has(t.key) for t in rule.terms):
            skipped.add(rule.rule)
            continue
        expected, parts = _evaluate(rule, value, prev_value, form)
        actual = value(rule.target) or 0
        if actual == expected:
            continue
        if not_typed(form, report.values, [rule.target]):  # drafting: the figure is not typed yet
            out.append(finding_of(rule, (rule.target,),
                               f"{_where(rule.target)}尚未填写（{rule.why}：{parts}={n(expected)}）。", todo=True))
        else:
            out.append(finding_of(rule, (rule.target,),
                               f"{rule.why}：{_where(rule.target)}为{n(actual)}，{parts}={n(expected)}，"
                               f"相差{n(magnitude(actual - expected))}"))
    titles = form.rule_titles()
    for rule_id in sorted(skipped):
        out.append(Finding(Severity.INFO, rule_id, (),
                           f"上年报告使用{prev_form.version}版格式，没有本条核对所需的数据"
                           f"（{titles.get(rule_id, rule_id)}），未核对。"))
    return out


def _evaluate(rule: CrossYear | LooksLike, this: Callable[[CellKey], Value], prev: Callable[[CellKey], Value],
              form: FormSpec) -> tuple[int | Decimal, str]:
    total: int | Decimal = 0
    text = ""
    for i, term in enumerate(rule.terms):
        v = (prev if term.year == "prev" else this)(term.key) or 0
        total += term.sign * v
        sign = "−" if term.sign < 0 else ("+" if i else "")
        when = "上年" if term.year == "prev" else "本年"
        text += f"{sign}{when}“{form.table(term.key.table).figure_label(term.key)}”({n(v)})"
    return total, text


def _check_blanks(report: Report) -> list[Finding]:
    out = []
    form = report.form
    for table in form.tables.values():
        blanks = tuple(c.key for c in table.cells if not c.computed and report.values.get(c.key) is None)
        if blanks:
            out.append(BLANK.finding(blanks,
                               f"表{table.id}有{len(blanks)}个空白单元格，空白按0计。"))
    return out


def _apply_accepted(report: Report, findings: list[Finding]) -> list[Finding]:
    if not report.accepted:
        return findings
    reasons = {accept_key(a.rule, tuple(a.cells), a.section, a.anchor): a.reason for a in report.accepted}
    out = []
    for f in findings:
        reason = (reasons.get(accept_key(f.rule, f.cells, f.section, f.anchor))
                  if f.severity is Severity.WARNING else None)
        out.append(f.accept(reason) if reason is not None else f)
    return out


def accept_key(rule: str, cells: tuple[CellKey, ...], section: str | None, anchor: str) -> tuple:
    """What identifies an accepted warning: rule and cells; for a warning without cells (prose),
    rule, section and anchor (the sentence or topic it is about)."""
    if cells:
        return (rule, tuple(cells))
    return (rule, (), section, anchor)
