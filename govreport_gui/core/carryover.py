"""Carry-over: create this year's report from last year's (the cross-year relations of the official tables).

The cross-year rules of the new report's format are read forwards: a rule whose terms are all
last year's figures *carries* (e.g. 二、上年结转 ← last year's 四、结转下年度继续办理); a rule that also
needs this year's figures is checked later, once they are entered.  Works across format versions
(a 2020 report in the 2019 format → a 2021 report): last year's figures are first converted by the
declared correspondence (``Report.convert``, the same path as changing a report's version), and
only figures the conversion carries exactly (the same cell, a renamed or summed one) are carried;
whatever has no exact counterpart is named as not carried.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .drafting import outline
from .forms import CellKey, Fidelity, FormSpec, form_for_year, get_form, version_map
from .forms.spec import CrossYear
from .recalc import all_values
from .report import Metadata, Report, convert_values
from .values import Value, format_value

# Metadata that stays the same from year to year; date, preamble and prose do not carry.
CARRIED_METADATA = ("agency", "website", "address", "postcode", "phone", "email", "issuing_organ")


@dataclass
class CarryOver:
    report: Report
    carried: list[str] = field(default_factory=list)      # what was filled in, one line each
    not_carried: list[str] = field(default_factory=list)  # what could not be, and why


def carry_over(previous: Report, year: int | None = None, form_version: str | None = None) -> CarryOver:
    if year is None:
        if not previous.meta.year:
            raise ValueError("上年报告没有填写报告年度，请指定本年度。")
        year = previous.meta.year + 1
    form = get_form(form_version) if form_version else form_for_year(year)
    prev_form = previous.form
    meta = Metadata(year=year, **{name: getattr(previous.meta, name) for name in CARRIED_METADATA})
    report = Report(form.version, meta, sections=outline(form.version))
    result = CarryOver(report)

    # Last year's figures in this year's version: the rules below read them by this version's keys.
    conversion = convert_values(previous.values, prev_form, form)
    prev_values = all_values(form, conversion.values)
    known = set(conversion.exact)
    for total in form.totals:  # a total is exact when all its addends are (declared in order)
        if all(k in known for k in total.addends):
            known.add(total.target)

    by_rule: dict[str, list[CrossYear]] = {}
    for rule in form.cross_year:
        by_rule.setdefault(rule.rule, []).append(rule)
    for rules in by_rule.values():
        _carry_rules(rules, form, prev_form, prev_values, known, result)

    if prev_form.version != form.version:
        result.not_carried.append(
            f"上年报告使用{prev_form.version}版格式，本年使用{form.version}版格式：上年数字已按两版的对应关系换算后"
            f"用于结转；{_without_counterpart(prev_form, form)}在新格式中没有对应项，未结转；本年数字按新格式填写。")
    result.not_carried.append("上年的正文（一、五、六部分）不复制到本年报告：本年正文从标准提纲开始，"
                              "上年正文可在“上年报告”中对照参考。")
    return result


def _without_counterpart(prev_form: FormSpec, form: FormSpec) -> str:
    """The cells of last year's version without a counterpart in this year's, by column where the
    whole column has none (“上一年项目数量”), else by row and column."""
    vmap = version_map(prev_form.version, form.version)
    none = [k for m in vmap.moves if m.fidelity is Fidelity.NONE for k in m.sources]
    names: list[str] = []
    for table in dict.fromkeys(k.table for k in none):
        cols: dict[str, list[str]] = {}
        for k in none:
            if k.table == table:
                cols.setdefault(k.col, []).append(k.row)
        parts = []
        for col, rows in cols.items():
            whole = {k.row for k in prev_form.input_keys() if k.table == table and k.col == col} <= set(rows)
            parts.append(f"“{col}”" if whole else "、".join(f"“{r}”" for r in rows) + f"的“{col}”")
        names.append(f"表{table}的" + "、".join(parts))
    return "；".join(names) or "没有栏目"


def _carry_rules(rules: list[CrossYear], form: FormSpec, prev_form: FormSpec,
                 prev_values: dict[CellKey, Value], known: set[CellKey], result: CarryOver) -> None:
    """``prev_values``: last year's figures in ``form``'s version; ``known``: the cells of which
    last year's report gives an exact figure (a cell converted by judgment is not carried)."""
    first = rules[0]
    missing = sorted({form.table(t.key.table).figure_label(t.key)
                      for r in rules for t in r.terms if t.year == "prev" and t.key not in known})
    if missing:
        result.not_carried.append(
            f"{first.why}——上年报告（{prev_form.version}版格式）没有" + "、".join(f"“{m}”" for m in missing)
            + "，无法结转或核对。")
        return
    if any(t.year == "this" for r in rules for t in r.terms):
        shown = "、".join(f"{r.target.row}{format_value(prev_values.get(r.terms[0].key) or 0)}" for r in rules)
        result.not_carried.append(
            f"{first.why}——需要本年数字，填写后将按上年数字核对（上年{first.target.col}：{shown}）。")
        return
    filled = []
    for rule in rules:
        total = sum(t.sign * (prev_values.get(t.key) or 0) for t in rule.terms)
        if total < 0:
            result.not_carried.append(f"{rule.target.row}“{rule.target.col}”按上年数字计算为负数"
                                      f"（{format_value(total)}），未填入，请核实。")
            continue
        if form.cell(rule.target).kind.value != "money":
            total = int(total)
        result.report.set(rule.target, total)
        filled.append(f"{rule.target.col}{format_value(total)}")
    target = first.target
    where = form.table(target.table).line_name(target)
    result.carried.append(f"{where}：{first.why}，已填入（" + "、".join(filled) + "）。")
