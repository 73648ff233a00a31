"""Last year's figure beside this year's: for every value cell of this year's report, the figure of
last year's report that corresponds to it, and the change.

Last year's report may be in the other format version (a 2021 report after a 2020 one): the
declared correspondence (``forms.version_map``) decides, never a label that merely looks alike.

* a cell both versions have (all of 四, 三 but for （六）) — last year's figure as it is (``SAME``);
* a cell the correspondence fills exactly (``SAME``: 处理决定数量 → 本年处理决定数量; ``SUMMED``: the
  three 2021 rows of （六） added into the 2019 row) — the figure it moves there;
* a cell filled by judgment (``JUDGED``: 本年新制作数量 → 本年制发件数, 2019's （六）其他处理 → 2021's
  3.其他) — the figure, marked as approximate and without a change: it is not the same figure;
* a cell without a counterpart (``NONE``: 本年废止件数 after a 2019 report, the 1. and 2. rows of
  2021's （六）) — no figure at all, with the reason.

A total takes last year's total of the same cell when last year's version has it; otherwise it is
the sum of what its addends received, as faithful as the least faithful of them.

Blank cells count as 0 (the format's convention), on both sides.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from .forms import CellKey, Fidelity, FormSpec, Kind, same_cell, version_map
from .recalc import all_values
from .records import record
from .report import Report
from .values import Value, format_value, magnitude, sum_values

# How faithful a figure is, best first (a total is as faithful as its least faithful addend).
_RANK = {Fidelity.SAME: 0, Fidelity.SUMMED: 1, Fidelity.JUDGED: 2, Fidelity.NONE: 3}
# A percentage only from a base this large: +200% on last year's 2 says nothing.
PERCENT_MIN_BASE: dict[Kind, int | Decimal] = {Kind.COUNT: 10, Kind.MONEY: Decimal(10)}   # 件 / 万元
MINUS = "−"   # U+2212, as a change is printed (−3)


@record
class Prior:
    """Last year's figure for one cell of this year's report.  ``value`` is None when last year's
    report has no counterpart (``fidelity`` NONE); ``why`` says why the figure is not simply the
    same cell's (empty when it is)."""

    value: int | Decimal | None
    fidelity: Fidelity
    why: str = ""

    @property
    def exact(self) -> bool:
        """The same figure as this year's cell counts: a change can be computed."""
        return self.fidelity in (Fidelity.SAME, Fidelity.SUMMED)


@record
class YearChange:
    """This year's figure against last year's: the difference and, where meaningful, the percentage."""

    diff: int | Decimal
    percent: Decimal | None   # None: last year's base too small (or the figure may be negative)
    base: int | Decimal = 0   # last year's figure

    def text(self) -> str:
        """``+12`` / ``−3`` / ``持平``, with the percentage when there is one: ``+12（+10%）``."""
        if not self.diff:
            return "持平"
        out = _signed(self.diff)
        return out + f"（{_signed(self.percent)}%）" if self.percent is not None else out

    def short(self, percent: bool = True) -> str:
        """As a cell shows it under the figure: ``+12 +10%`` / ``−3`` / ``持平`` (nothing when both
        years are 0: a grid of 持平 under zeros would hide the changes that matter)."""
        if not self.diff:
            return "持平" if self.base else ""
        out = _signed(self.diff)
        return out + f" {_signed(self.percent)}%" if percent and self.percent is not None else out


def _signed(value: int | Decimal) -> str:
    return ("+" if value > 0 else MINUS) + format_value(magnitude(value))


def year_change(this: Value, prior: Prior, kind: Kind) -> YearChange | None:
    """The change from last year, or None when there is none to show (no counterpart, or a figure
    placed by judgment: it is not the same figure)."""
    if not prior.exact or prior.value is None:
        return None
    now, base = this or 0, prior.value
    diff = now - base
    least = PERCENT_MIN_BASE.get(kind)
    if least is None or base < least or now < 0:
        return YearChange(diff, None, base)
    percent = Decimal(diff) * 100 / Decimal(base)
    places = Decimal(1) if magnitude(percent) >= 10 else Decimal("0.1")
    return YearChange(diff, percent.quantize(places, rounding=ROUND_HALF_UP), base)


def prior_text(prior: Prior) -> str:
    """Last year's figure as written under this year's: ``186``; ``≈5`` when placed by judgment
    (the closest cell of the other version); empty when there is no counterpart."""
    if prior.value is None:
        return ""
    return format_value(prior.value) if prior.exact else "≈" + format_value(prior.value)


def prior_explained(prior: Prior, change: YearChange | None, last: str = "上年") -> str:
    """One line for the cell's tooltip: ``上年：186，本年较上年+12（+6.9%）``; why a figure is
    approximate or missing."""
    if prior.value is None:
        return f"{last}没有对应的数字：{prior.why}。"
    if not prior.exact:
        return f"{last}约为{format_value(prior.value)}（按两版的对应关系，不是同一栏目，不计算增减）：{prior.why}。"
    line = f"{last}：{format_value(prior.value)}"
    if change is not None:
        line += f"，与{last}持平" if not change.diff else f"，本年较{last}{change.text()}"
    return line + "。"


def prior_figures(form: FormSpec, previous: Report) -> dict[CellKey, Prior]:
    """Last year's figure for every value cell of ``form`` (inputs and totals), from ``previous``
    in whichever version it is."""
    last_form = previous.form
    last = all_values(last_form, previous.values)
    out: dict[CellKey, Prior] = {}
    for key in form.input_keys():
        if same_cell(last_form, form, key):
            out[key] = Prior(last.get(key) or 0, Fidelity.SAME)
    for move in version_map(last_form.version, form.version).moves:
        if move.target is not None and form.has(move.target):
            value = sum_values(last.get(k) for k in move.sources)
            out[move.target] = Prior(value, move.fidelity, move.why)
    for key in form.input_keys():
        if key not in out:
            out[key] = Prior(None, Fidelity.NONE, _why_none(form, last_form, key))
    for total in form.totals:   # declared in dependency order
        out[total.target] = _prior_total(total.target, total.addends, last_form, last, out)
    return out


def _prior_total(key: CellKey, addends: tuple[CellKey, ...], last_form: FormSpec, last: dict[CellKey, Value],
                 known: dict[CellKey, Prior]) -> Prior:
    if last_form.has(key) and last_form.cell(key).computed:
        return Prior(last.get(key) or 0, Fidelity.SAME)
    parts = [known[k] for k in addends]
    worst = max(parts, key=lambda p: _RANK[p.fidelity])
    if worst.fidelity is Fidelity.NONE:
        return Prior(None, Fidelity.NONE, worst.why)
    return Prior(sum_values(p.value for p in parts), worst.fidelity, worst.why)


def _why_none(form: FormSpec, last_form: FormSpec, key: CellKey) -> str:
    """Why a cell of this year's version has no counterpart last year: the reason the declared
    correspondence gives for it (read in the other direction), else a plain one."""
    for move in version_map(form.version, last_form.version).moves:
        if key in move.sources:
            return move.why
    return f"上年报告（{last_form.version}版格式）没有这一栏"


def comparison_caveat(report: Report, previous: Report) -> str:
    """What the clerk should know before reading the comparison: last year's report is not of the
    year before, or is in another format version (empty when neither)."""
    this, last = report.meta.year, previous.meta.year
    notes = []
    if this and last and last != this - 1:
        notes.append(f"载入的上年报告是{last}年度的，不是{this - 1}年度的")
    if previous.form_version != report.form_version:
        notes.append(f"上年报告使用{previous.form_version}版格式，两版不同的栏目按两版的对应关系比较，"
                     "没有对应栏目的不显示上年数")
    return "；".join(notes)
