"""Carry-over: create this year's report from last year's (the cross-year relations of the official tables).

The cross-year rules of the new report's format are read forwards: a rule whose terms are all
last year's figures *carries* (e.g. 二、上年结转 ← last year's 四、结转下年度继续办理); a rule that also
needs this year's figures is checked later, once they are entered.  Works across format versions
(a 2020 report in the 2019 format → a 2021 report): last year's figures are first converted by the
declared correspondence (``Report.convert``, the same path as changing a report's version), and
only figures the conversion carries exactly (the same cell, a renamed or summed one) are carried;
whatever has no exact counterpart is named as not carried.

The words carry too (``carry_words``): the 前言 with the report year moved on (统计期限, 2024年度 →
2025年度; a year that is not the report year stays — ``year_shift``), the contact lines (also into
the contact fields left empty — ``contacts``) and the 落款机关; not the 落款日期, which the clerk
fills in.  Each sentence whose year changed is listed before and after.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .contacts import CONTACT_FIELDS, contact_fields, contact_sentences
from .drafting import outline
from .forms import CellKey, Fidelity, FormSpec, form_for_year, get_form, version_map
from .forms.spec import CrossYear
from .recalc import all_values
from .report import METADATA_NAMES, Metadata, Report, convert_values
from .values import Value, format_value, shorten
from .year_shift import Shifted, move_report_year

# Metadata that stays the same from year to year; the date does not carry, the preamble carries
# with its year moved (``carry_words``), the prose of 一…六 starts from the outline.
CARRIED_METADATA = ("agency", "website", "address", "postcode", "phone", "email", "issuing_organ")


@dataclass
class CarryOver:
    report: Report
    carried: list[str] = field(default_factory=list)      # what was filled in, one line each
    not_carried: list[str] = field(default_factory=list)  # what could not be, and why
    changed: list[str] = field(default_factory=list)      # each sentence whose year moved: before → after
    kept: list[str] = field(default_factory=list)         # each sentence with last year's year left, and why

    def lines_about_years(self) -> list[str]:
        """Each sentence of the carried words whose year was moved or kept."""
        return [f"年份已改：{c}" for c in self.changed] + [f"年份未改：{c}" for c in self.kept]

    def lines(self) -> list[str]:
        """Everything, one line each, with what it is in front (the command line, the notes)."""
        return ([f"已结转：{c}" for c in self.carried] + self.lines_about_years()
                + [f"未结转：{c}" for c in self.not_carried])


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
    carry_words(previous, report, result)
    result.not_carried.append("上年的正文（一、五、六部分）不复制到本年报告：本年正文从标准提纲开始；要参考上年的写法，"
                              "请另外打开上年的报告文件对照（本年正文中与上年完全相同的句子会标出）。")
    return result


def carry_words(previous: Report, report: Report, result: CarryOver) -> None:
    """The 前言 (the report year moved on), the contact lines, the contact fields left empty and
    the 落款机关 of ``previous`` into ``report``; every change listed in ``result``."""
    old, new = previous.meta.year or report.meta.year - 1, report.meta.year
    preamble = previous.meta.preamble.strip()
    if preamble:
        shifted = move_report_year(preamble, old, new)
        report.meta.preamble = shifted.text
        named = [METADATA_NAMES[n] for n in CONTACT_FIELDS if n in contact_fields(shifted.text)]
        with_contacts = "，含联系方式：" + "、".join(named) if named else ""
        result.carried.append(f"{METADATA_NAMES['preamble']}（{len(shifted.text)}字{with_contacts}）"
                              + _years_said(shifted, old, new))
        _list_years(shifted, METADATA_NAMES["preamble"], result)
    closing = _closing_lines(previous, report)
    if closing:
        shifted = move_report_year("\n".join(closing), old, new)
        last = report.form.sections[-1]
        report.sections[last.key] = "\n".join(filter(None, [report.sections.get(last.key, ""), shifted.text]))
        result.carried.append(f"上年“{last.heading}”末尾的联系方式（{len(closing)}段），放在本年该部分末尾"
                              + _years_said(shifted, old, new))
        _list_years(shifted, last.heading, result)
    _fill_contact_fields(previous, report, result)
    organ = report.meta.issuing_organ
    if organ:
        result.carried.append(f"{METADATA_NAMES['issuing_organ']}“{organ}”。")
    result.not_carried.append(f"{METADATA_NAMES['date']}：请在导出前填写本年的日期（导出前检查会提示）。")


CARRIED_WORDS = ("preamble", "issuing_organ", *CONTACT_FIELDS)


def words_for(report: Report, carried: CarryOver) -> dict[str, str]:
    """The words ``carried`` brings (前言 with its year moved, 落款机关, contact fields) for the
    fields of ``report`` still empty — what 导入上一年度 may fill in without overwriting anything."""
    return {name: getattr(carried.report.meta, name) for name in CARRIED_WORDS
            if not getattr(report.meta, name).strip() and getattr(carried.report.meta, name)}


def carry_question(figures: int, words: dict[str, str], carried: CarryOver) -> str:
    """“上年报告中有 3 个数字（…）和前言（其中的年份已改为2025年）、落款机关可结转到本年……是否填入？”."""
    parts = [f"{figures} 个数字（如“上年结转政府信息公开申请数量”）"] if figures else []
    if words:
        moved = "preamble" in words and carried.changed
        named = [METADATA_NAMES[n] + (f"（表示报告年度的年份已改为{carried.report.meta.year}年）" if n == "preamble" and moved
                                      else "") for n in words]
        parts.append("、".join(named))
    return f"上年报告中有{'和'.join(parts)}可结转到本年，本年报告中对应的内容目前为空。是否填入？"


def _years_said(shifted: Shifted, old: int, new: int) -> str:
    if not shifted.changes:
        return "。"
    return f"，其中表示报告年度的{old}年已改为{new}年（{len(shifted.changes)}句，见“年份已改”）。"


def _list_years(shifted: Shifted, where: str, result: CarryOver) -> None:
    for c in shifted.changes:
        result.changed.append(f"{where}：“{shorten(c.before, 80)}”→“{shorten(c.after, 80)}”")
    for c in shifted.kept:
        result.kept.append(f"{where}：“{shorten(c.before, 80)}”中的年份是{c.why}，不是报告年度，未改动；请核实。")


def _closing_lines(previous: Report, report: Report) -> list[str]:
    """Last year's contact lines at the end of 六, when they are not in the 前言 already."""
    if contact_sentences(report.meta.preamble):
        return []
    last = previous.form.sections[-1].key
    return contact_sentences(previous.sections.get(last, ""))


def _fill_contact_fields(previous: Report, report: Report, result: CarryOver) -> None:
    """The contact fields left empty, from the contact lines of last year's text."""
    last = previous.form.sections[-1].key
    found = contact_fields(previous.meta.preamble)
    for name, value in contact_fields("\n".join(contact_sentences(previous.sections.get(last, "")))).items():
        found.setdefault(name, value)
    filled = []
    for name in CONTACT_FIELDS:
        if not getattr(report.meta, name) and found.get(name):
            setattr(report.meta, name, found[name])
            filled.append(f"{METADATA_NAMES[name]}“{found[name]}”")
    if filled:
        result.carried.append("基本信息中空着的联系方式，按上年报告中的联系方式填入：" + "、".join(filled) + "。")


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
