"""Carry-over: create this year's report from last year's (FORMAT.md §6, cross-year rules).

The cross-year rules of the new report's format are read forwards: a rule whose terms are all
last year's figures *carries* (e.g. 二、上年结转 ← last year's 四、结转下年度继续办理); a rule that also
needs this year's figures is checked later, once they are entered.  Works across format versions
(a 2020 report in the 2019 format → a 2021 report): whatever the old format does not have is
named as not carried.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .drafting import outline
from .forms import CellKey, FormSpec, form_for_year, get_form
from .forms.spec import CrossYear
from .recalc import recalculate
from .report import Metadata, Report
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

    prev_values = dict(previous.values)
    prev_values.update(recalculate(prev_form, previous.values))

    by_rule: dict[str, list[CrossYear]] = {}
    for rule in form.cross_year:
        by_rule.setdefault(rule.rule, []).append(rule)
    for rules in by_rule.values():
        _carry_rules(rules, form, prev_form, prev_values, result)

    if prev_form.version != form.version:
        dropped = sorted({k.col for k in prev_form.input_keys() if k.table == "二" and not form.has(k)})
        result.not_carried.append(
            f"上年报告使用{prev_form.version}版格式，本年使用{form.version}版格式：表二的"
            + "、".join(f"“{c}”" for c in dropped) + "等栏目在新格式中没有对应项，未结转；"
            "表三、表四按新格式填写。")
    result.not_carried.append("上年的正文（一、五、六部分）不复制到本年报告：本年正文从标准提纲开始，"
                              "上年正文可在“上年报告”中对照参考。")
    return result


def _carry_rules(rules: list[CrossYear], form: FormSpec, prev_form: FormSpec,
                 prev_values: dict[CellKey, Value], result: CarryOver) -> None:
    first = rules[0]
    missing = sorted({t.key.col if t.key.table == "二" else t.key.row
                      for r in rules for t in r.terms if t.year == "prev" and not prev_form.has(t.key)})
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
    where = f"表{target.table}“{target.row}”" if target.table == "三" else f"表{target.table}“{target.col}”"
    result.carried.append(f"{where}：{first.why}，已填入（" + "、".join(filled) + "）。")
