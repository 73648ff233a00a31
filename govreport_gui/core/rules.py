"""Every rule the checks apply, in one registry: its id, what it checks in words (a line of the
校验清单), the severity of its findings, when it applies, and the reasons a clerk usually gives
when accepting its warning.

Two kinds of rule:

* the rules every format version has — the year, signs, blanks, the prose — are declared here,
  one ``declare(Rule(...))`` each, and their checks make findings with ``RULE.finding(...)``;
* the rules of a format version — totals, balances, 不大于, level hints, look-alikes, the relations
  across years — are declared with its tables in ``core/forms`` (id, title, cells); ``declared``
  reads them from the declaration, their severity follows their kind (``DECLARED_SEVERITY``).

Adding a rule is one declaration (here, or with the tables of a version) and the check that makes
its findings; the 校验清单, the rule titles and the accept-warning dialog follow from it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache

from .findings import Finding, Severity
from .forms import CellKey, FormSpec, Kind
from .forms.spec import Balance, CrossYear, LevelHint, LooksLike, NotGreater, Total


class Stage(IntEnum):
    """Where a rule stands in the 校验清单: the report as a whole, the tables, across years, the prose."""

    REPORT = 0
    TABLES = 1
    YEARS = 2
    PROSE = 3


def _every_version(form: FormSpec) -> bool:
    return True


@dataclass(frozen=True)
class Rule:
    """One rule: ``id`` is what findings and accepted warnings carry (stable: saved in files)."""

    id: str
    title: str                      # what it checks, in words
    severity: Severity              # of its findings (a check that could not run says so as INFO)
    stage: Stage
    needs_previous: bool = False    # applies only when last year's report is given
    applies: Callable[[FormSpec], bool] = _every_version   # to which format versions
    titled: Callable[[FormSpec], str] | None = None        # the title, when it depends on the version
    reasons: tuple[str, ...] = ()   # usual reasons for accepting its warning (the clerk edits them)
    listed: bool = True             # a line of the 校验清单 (the blank-cells note is not)

    def applies_to(self, form: FormSpec, has_previous: bool) -> bool:
        return (has_previous or not self.needs_previous) and self.applies(form)

    def title_for(self, form: FormSpec) -> str:
        return self.titled(form) if self.titled is not None else self.title

    def finding(self, cells: tuple[CellKey, ...], message: str, *, severity: Severity | None = None,
                **fields) -> Finding:
        """A finding of this rule (``fields``: section, anchor, meta, todo, quote — see ``Finding``)."""
        return Finding(severity or self.severity, self.id, cells, message, **fields)


_GENERAL: dict[str, Rule] = {}


def declare(rule: Rule) -> Rule:
    if rule.id in _GENERAL:
        raise ValueError(f"rule {rule.id!r} declared twice")
    _GENERAL[rule.id] = rule
    return rule


def signed_columns(form: FormSpec) -> list[str]:
    """The columns whose figures may be negative (本年增/减)."""
    cols: list[str] = []
    for spec in form.all_cells():
        if spec.kind is Kind.SIGNED and spec.key.col not in cols:
            cols.append(spec.key.col)
    return cols


def _negative_title(form: FormSpec) -> str:
    signed = signed_columns(form)
    if not signed:
        return NEGATIVE.title
    return NEGATIVE.title + "（只有" + "、".join(f"“{c}”" for c in signed) + "可以为负）"


def _required_title(form: FormSpec) -> str:
    return f"{form.version}版格式要求的内容齐全：" + "、".join(r.name for r in form.required if not r.governments_only)


# -- the rules every version has, in the order of the 校验清单 ------------------------------------

YEAR = declare(Rule("meta.year", "已填写报告年度", Severity.WARNING, Stage.REPORT))
FORMAT_YEAR = declare(Rule("meta.format_year", "格式版本与报告年度相符", Severity.WARNING, Stage.REPORT))
SIGNING_DATE = declare(Rule("meta.date", "落款日期不早于报告年度的编制（年度报告在次年初编制发布）", Severity.WARNING, Stage.REPORT,
                            reasons=("已核实，本报告确于该日期签发：",)))
NEGATIVE = declare(Rule("value.negative", "数量、金额不为负数", Severity.ERROR, Stage.REPORT, titled=_negative_title))
BLANK = declare(Rule("value.blank", "空白单元格按0计", Severity.INFO, Stage.REPORT, listed=False))
PREVIOUS_YEAR = declare(Rule("cross_year.year", "所给上年报告为上一年度", Severity.WARNING, Stage.YEARS,
                             needs_previous=True))
PROSE_FIGURE = declare(Rule(
    "prose.figure", "正文中引用的数字（收到申请、上年结转、各类办理结果、结转下年度、行政复议、行政诉讼、现行有效件数、"
    "收费金额）与表格一致", Severity.WARNING, Stage.PROSE,
    reasons=("正文所写数字的统计口径与表格不同：", "已核实，表格数字准确，正文数字为：")))
PROSE_YEAR = declare(Rule(
    "prose.year", "正文中没有残留上年的年份（如本年报告写“上年年份+年，我局……”、统计期限写成上年）",
    Severity.WARNING, Stage.PROSE, reasons=("此处引用的是上年度的情况，不是笔误。",)))
PROSE_TEMPLATE = declare(Rule(
    "prose.template", "没有残留模板文字（如“（文字描述）”、“XX”、“××”、未填写的提示）", Severity.WARNING, Stage.PROSE))
PROSE_REQUIRED = declare(Rule(
    "prose.required", "格式要求的内容齐全", Severity.WARNING, Stage.PROSE,
    applies=lambda form: bool(form.required), titled=_required_title,
    reasons=("本单位本年无此项工作，已在其他部分说明。",)))
PROSE_COPIED = declare(Rule(
    "prose.copied", "正文与上年报告相比没有整句照抄（防止“内容雷同”）", Severity.WARNING, Stage.PROSE,
    needs_previous=True, reasons=("该段为固定表述（如机构设置、联系方式），无需每年改写。",)))
PROSE_CHANGE = declare(Rule(
    "prose.change", "正文中与上年比较的数字（较上年增加N件、增长P%、与上年持平，上年的申请数等）与本年和上年报告的表格一致",
    Severity.WARNING, Stage.PROSE, needs_previous=True,
    reasons=("正文与上年比较时所用的统计口径与表格不同：", "上年报告的数字有更正，正文按更正后的数字比较。")))
YEAR_ON_YEAR = declare(Rule(
    "yoy.change", "与上年相比变化异常的数字（增减超过5倍，或由较大数字降为0）已核实", Severity.WARNING, Stage.PROSE,
    needs_previous=True, reasons=("已核实，数字属实：", "本年开展规范性文件集中清理，现行有效件数相应变化。",
                                  "本年承接上级下放（或移交）的事项，数量相应变化。")))


# Figures counted from the agency's own ledgers (core/ledger): not lines of every 校验清单 — a report
# filled from a ledger lists the first (io/write/check_report), the second is said when counting.
LEDGER_CHANGED = declare(Rule(
    "ledger.changed", "由登记台账计数的数字未被改动（与台账一致）", Severity.WARNING, Stage.TABLES, listed=False,
    reasons=("台账登记有误，已按实际办理情况填写：", "已核实，按台账以外的情况填写：")))
LEDGER_CARRY_OVER = declare(Rule(
    "ledger.carry_over", "台账中的上年结转申请与上年报告“结转下年度继续办理”一致（每一列）", Severity.WARNING,
    Stage.YEARS, needs_previous=True, listed=False))


# -- the rules a format version declares with its tables ----------------------------------------

DECLARED_SEVERITY: dict[type, Severity] = {
    Total: Severity.ERROR, Balance: Severity.ERROR, NotGreater: Severity.WARNING,
    LevelHint: Severity.WARNING, LooksLike: Severity.WARNING, CrossYear: Severity.WARNING,
}


def finding_of(item, cells: tuple[CellKey, ...], message: str, **fields) -> Finding:
    """A finding of a rule declared with the tables (``item``: its ``Balance``, ``Total``, …)."""
    return Finding(DECLARED_SEVERITY[type(item)], item.rule, cells, message, **fields)


@lru_cache(maxsize=8)
def declared(form: FormSpec) -> tuple[Rule, ...]:
    """The rules ``form`` declares with its tables, one per id, in the declaration's order."""
    titles = form.rule_titles()
    out: dict[str, Rule] = {}
    for item in form.rules():
        if item.rule not in out:
            across = isinstance(item, CrossYear)
            out[item.rule] = Rule(item.rule, titles.get(item.rule, item.rule), DECLARED_SEVERITY[type(item)],
                                  Stage.YEARS if across else Stage.TABLES, needs_previous=across,
                                  reasons=getattr(item, "reasons", ()))
    return tuple(out.values())


# -- what the views ask ---------------------------------------------------------------------------

def applicable(form: FormSpec, has_previous: bool) -> list[Rule]:
    """The rules checked on a report in ``form`` (with or without last year's), in the 校验清单's order."""
    rules = [r for r in (*_GENERAL.values(), *declared(form)) if r.listed and r.applies_to(form, has_previous)]
    return sorted(rules, key=lambda r: r.stage)  # stable: the declaration order within a stage


def titles(form: FormSpec) -> dict[str, str]:
    """Rule id → what it checks, in words, for every rule that can apply to a report in ``form``."""
    return {r.id: r.title_for(form) for r in (*_GENERAL.values(), *declared(form)) if r.applies(form)}


def reasons(rule_id: str) -> tuple[str, ...]:
    """The usual reasons for accepting a warning of ``rule_id`` (any version's declaration)."""
    if rule_id in _GENERAL:
        return _GENERAL[rule_id].reasons
    from .forms import FORMS
    for form in FORMS.values():
        for rule in declared(form):
            if rule.id == rule_id and rule.reasons:
                return rule.reasons
    return ()


def known_ids() -> set[str]:
    """Every rule id: the general ones and those of every version (for the one-place test)."""
    from .forms import FORMS
    return set(_GENERAL) | {r.id for form in FORMS.values() for r in declared(form)}
