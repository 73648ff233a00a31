"""Consolidation (汇总): the government-wide report compiled from the reports of its units.

Pure data, no files: the reading side (folders, Excel/Word readers, progress, cancel) is
``govreport_gui.io.consolidation_io``.  Here:

* ``assess_units`` names every unit's problem — unreadable, another year, another format version
  (converted by the declared correspondence, ``Report.convert``), a duplicate (same agency and
  year, or identical figures) — and sets whether the unit is included by default.  Nothing is
  silently dropped: each left-out unit carries the reason, each converted unit names the figures
  that moved to another cell, were placed by judgment, or have no counterpart in the target.
* ``consolidate`` sums every input figure of 二, 三 and 四 of the included units into a new report of
  the chosen version; totals are recomputed.  Cells the declaration marks as stocks
  (``CellSpec.stock``, e.g. 现行有效件数) are summed too, with a warning that they may double count.
* ``Consolidation.breakdown(key)`` — the drill-down: which unit contributed what to a cell (inputs
  and totals alike), so an imbalance can be traced to the unit that caused it;
  ``Consolidation.imbalance_causes()`` names the units whose counted figures do not balance.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from .checks import check_report
from .findings import Finding, Severity, tally
from .forms import CellKey, FormSpec, Kind, form_for_year, get_form, newest_form, tables_named
from .forms.traditional import fold_name
from .report import Conversion, Metadata, Report
from .rules import NEGATIVE
from .values import Value, format_value, normalise_text

# Problem codes (stable, for programs); the message is what the clerk reads.
UNREADABLE = "unreadable"
OTHER_YEAR = "other_year"
NO_YEAR = "no_year"
OTHER_VERSION = "other_version"
DUPLICATE = "duplicate"
SAME_CONTENT = "same_content"
GOVERNMENT_REPORT = "government_report"
UNREAD_FIGURES = "unread_figures"
NO_AGENCY = "no_agency"
HAS_ERRORS = "has_errors"
EMPTY = "empty"
CHOSEN_OUT = "chosen_out"
CHOSEN_IN = "chosen_in"


@dataclass(frozen=True)
class UnitProblem:
    code: str
    message: str
    excludes: bool = False  # the unit is left out of the sum by default because of it
    # what the default made of the unit because of it ("未计入（…）", "已计入，请…"): not said once
    # the clerk has chosen otherwise (the choice is its own problem line, with the clerk's reason)
    effect: str = ""

    def text(self, overridden: bool = False) -> str:
        return self.message + (f"，{self.effect}" if self.effect and not overridden else "")


@dataclass
class Unit:
    """One unit's file: what was read from it and what is wrong with it."""

    name: str                        # shown to the clerk (the file name, or a label)
    path: str = ""                   # full path when read from a file
    report: Report | None = None     # None when the file could not be read
    read_error: str = ""             # the reader's message when it could not
    kind: str = ""                   # "native" / "json" / "xlsx" / "xls" / "docx"
    notes: list[str] = field(default_factory=list)       # the reader's notes
    findings: list[Finding] = field(default_factory=list)  # the unit's own check results
    problems: list[UnitProblem] = field(default_factory=list)
    include: bool = True             # counted in the sum (set by assess_units)
    choice: bool | None = None       # the clerk's own choice (None: as assess_units decides)
    choice_reason: str = ""          # why the clerk chose so (kept in the unit list)
    # Filled by assess_units for a unit of another version: its figures in the target version,
    # the figures that had no cell there ((key, value) pairs, non-blank only), and the conversion
    # itself (what moved where, what needs the clerk's check).
    converted: dict[CellKey, Value] | None = None
    dropped: list[tuple[CellKey, Value]] = field(default_factory=list)
    conversion: Conversion | None = None
    # The unit's report of the year before, when its file carries it (a project file): the 汇总's
    # chart compares the total with last year's.
    previous: Report | None = None
    # The reader's notes on figures it could not read and left blank (a formula saved without its
    # result, text where a figure stands): the unit's figures are not all known.
    unread: list[str] = field(default_factory=list)

    @property
    def agency(self) -> str:
        return self.report.meta.agency if self.report else ""

    @property
    def year(self) -> int:
        return self.report.meta.year if self.report else 0

    @property
    def version(self) -> str:
        return self.report.form_version if self.report else ""

    @property
    def errors(self) -> int:
        """Open errors, counted as the editor counts them (``findings.tally``: to-dos apart)."""
        return tally(self.findings).errors

    @property
    def warnings(self) -> int:
        return tally(self.findings).warnings

    @property
    def todo(self) -> int:
        """What is left to write (待填写), as the editor counts it."""
        return tally(self.findings).todo

    @property
    def readable(self) -> bool:
        return self.report is not None

    def label(self) -> str:
        """How the unit is named in messages: agency (file), or the file alone."""
        return f"{self.agency}（{self.name}）" if self.agency else f"“{self.name}”"

    @property
    def chosen(self) -> bool:
        """Counted or left out by the clerk's own choice, against the default."""
        return self.choice is not None

    def status_text(self) -> str:
        """计入 or not, and whether by the clerk's hand: 已计入 / 未计入 / 已计入（手动） / 未计入（手动）."""
        if not self.readable:
            return "不可读"
        return ("已计入" if self.include else "未计入") + ("（手动）" if self.chosen else "")

    def problem_text(self) -> str:
        return "；".join(p.text(self.chosen) for p in self.problems)

    def values_in_target(self) -> dict[CellKey, Value]:
        if self.report is None:
            return {}
        return self.converted if self.converted is not None else self.report.values

    def row_in_target(self, form: FormSpec) -> tuple[Value, ...]:
        """The figures counted, in the order of ``form.input_keys()`` (None: blank)."""
        return tuple(map(self.values_in_target().get, _input_keys(form)))

    def value_in_target(self, form: FormSpec, key: CellKey) -> Value:
        """The figure counted for ``key``: an input as given, a total recomputed from the unit's
        inputs (blank inputs count as 0, as in ``recalc``)."""
        values = self.values_in_target()
        if not form.cell(key).computed:
            return values.get(key)
        return sum((n * (values.get(k) or 0) for k, n in _addends(form, key)), 0)


def unit_from_report(name: str, report: Report, path: str = "", kind: str = "",
                     notes: list[str] | None = None, previous: Report | None = None,
                     unread: list[str] | None = None) -> Unit:
    """A readable unit, with its own check results (``unread``: see ``Unit.unread``)."""
    findings = check_report(report, previous)
    return Unit(name=name, path=path, report=report, kind=kind, notes=list(notes or []), findings=findings,
                previous=previous, unread=list(unread or []))


def unit_unreadable(name: str, message: str, path: str = "") -> Unit:
    return Unit(name=name, path=path, read_error=message, include=False)


# ---------------------------------------------------------------------------------------------
# Assessing the units


def default_year(units: list[Unit]) -> int:
    """The year most of the readable units report on (the latest on a tie); when no report says
    its year, the year most of the files are named for (“…2025年度…”); 0 when none."""
    reported = reported_years(units)
    return most_counted_year(reported, Counter() if reported else named_years(units))


def reported_years(units: list[Unit]) -> Counter:
    return Counter(u.year for u in units if u.readable and u.year)


def named_years(units: list[Unit]) -> Counter:
    return Counter(int(m.group(1)) for u in units if (m := _YEAR_IN_NAME.search(u.name)))


def most_counted_year(reported: Counter, named: Counter) -> int:
    """``default_year`` from the years counted (``reported_years``, ``named_years``)."""
    years = reported or named
    if not years:
        return 0
    best = max(years.values())
    return max(y for y, c in years.items() if c == best)


_YEAR_IN_NAME = re.compile(r"(20\d\d)\s*年")


def _cell_name(key: CellKey) -> str:
    return key.name()


def conversion_message(conversion: Conversion) -> str:
    """What the clerk reads about a unit converted to the consolidated report's version."""
    msg = (f"使用{conversion.source}版格式，已按{conversion.target}版格式转换（两版相同的栏目直接计入，"
           "其余按两版的对应关系）")
    notes = conversion.notes()
    if not notes:
        return msg + "，没有数字被改动栏目或舍去"
    msg += "：" + "".join(notes)
    if conversion.lost:
        msg += f"如需完整计入，请该单位按{conversion.target}版格式重新报送"
    elif conversion.judged:
        msg += "请与该单位核实"
    return msg.rstrip("。")


def assess_units(units: list[Unit], year: int, form_version: str, pause: Callable[[], None] | None = None) -> None:
    """Name each unit's problems and set whether it is counted (``include``); mutates the units.

    The default leaves out unreadable units, units of another year and duplicates (the second of
    two reports of the same agency and year, or with identical figures).  The clerk's ``choice``
    overrides the default either way and is named among the problems.  Call again after the clerk
    changes the year, the version or a choice.  ``pause``: called after each unit (a background
    thread lets the window run there) and by ``leave_out_duplicates``."""
    target = get_form(form_version)
    for unit in units:
        assess_unit(unit, year, target.version)
        if pause is not None:
            pause()
    leave_out_duplicates(units, target, pause=pause)


def assess_unit(unit: Unit, year: int, version: str) -> None:
    """One unit's own problems (before comparing it with the others)."""
    unit.problems = []
    unit.converted = None
    unit.dropped = []
    unit.conversion = None
    unit.include = unit.readable
    if not unit.readable:
        unit.problems.append(UnitProblem(UNREADABLE, f"无法读取：{unit.read_error}", excludes=True))
        return
    report = unit.report
    assert report is not None
    if not report.meta.agency.strip():
        unit.problems.append(UnitProblem(NO_AGENCY, "未填写机关名称，无法判断是否与其他单位重复，请核实"))
    if not report.meta.year:
        unit.problems.append(UnitProblem(NO_YEAR, "未填写报告年度", effect=f"已按{year}年度计入，请核实"))
    elif year and report.meta.year != year:
        unit.problems.append(UnitProblem(
            OTHER_YEAR, f"是{report.meta.year}年度的报告，不是{year}年度的", excludes=True,
            effect="未计入（如确属本年度，请让该单位更正年度后重新报送）"))
        unit.include = False
    if unit.unread:
        unit.problems.append(_unread_problem(unit.unread))
        unit.include = False
    if report.form_version != version:
        converted, conversion = report.convert(version)
        unit.converted = converted.values
        unit.dropped = conversion.dropped
        unit.conversion = conversion
        unit.problems.append(UnitProblem(OTHER_VERSION, conversion_message(conversion)))
    if unit.errors:
        unit.problems.append(UnitProblem(HAS_ERRORS, f"本身有{unit.errors}个校验错误（{_first_error(unit)}）",
                                         effect="已计入，请该单位核实更正"))
    if not any(unit.values_in_target().values()):
        unit.problems.append(UnitProblem(EMPTY, "表格中没有任何数字（全部空白或为0），请核实是否报送了正确的文件"))
    _apply_choice(unit)


def _clerks_reason(unit: Unit) -> str:
    """``，理由：…`` when the clerk gave a reason for a choice, else nothing."""
    return f"，理由：{unit.choice_reason}" if unit.choice is not None and unit.choice_reason else ""


def _first_sentence(text: str, limit: int = 120) -> str:
    """A message's first sentence, cut to ``limit`` characters (with …) when longer."""
    first = text.split("。")[0]
    return first if len(first) <= limit else first[:limit - 1] + "…"


def _unread_problem(unread: list[str]) -> UnitProblem:
    """Figures the reader left blank: summed as 0 they would make the sum short without a word."""
    first = _first_sentence(unread[0].replace("，未读取（按空白处理）", ""))
    return UnitProblem(UNREAD_FIGURES, f"有{len(unread)}处数字读不出、按空白处理（{first}）", excludes=True,
                       effect="未计入（缺的数字不能当作0相加）：请该单位改正后重新报送（Excel 公式没有保存结果的，"
                              "在 Excel 或 WPS 中打开、保存即可）；如缺的数字确为0或空白，可改为计入")


def _first_error(unit: Unit) -> str:
    """The unit's first open error in a few words (its message's first sentence: which cell, what
    the file says and what the figures give), with how many more."""
    errors = [f for f in unit.findings if f.severity is Severity.ERROR and f.is_open]
    first = _first_sentence(errors[0].message) if errors else ""
    if not first:
        report = unit.report
        assert report is not None
        return f"如{tables_named(report.form.balanced_tables)}勾稽不平"
    return first + (f"；另有{len(errors) - 1}个" if len(errors) > 1 else "")


def _apply_choice(unit: Unit) -> None:
    """The clerk's own choice overrides the default, and is named among the problems with the
    clerk's reason."""
    reason = _clerks_reason(unit)
    if unit.choice is False:
        unit.include = False
        unit.problems.append(UnitProblem(CHOSEN_OUT, "已选择不计入" + reason, excludes=True))
    elif unit.choice is True and not unit.include:
        unit.include = True
        unit.problems.append(UnitProblem(CHOSEN_IN, "已选择计入" + reason))


DuplicateKeys = tuple[tuple[str, int], tuple | None]   # (agency, year), the figures counted (None: none)


def duplicate_keys(unit: Unit, target: FormSpec) -> DuplicateKeys:
    """What two reports of one unit share (readable units): the agency and year, and the figures
    counted in ``target`` compared as numbers, blank and 0 alike (None when it counts none)."""
    report = unit.report
    assert report is not None
    agency_key = (agency_key_of(report.meta.agency), report.meta.year)
    if not any(unit.values_in_target().values()):
        return agency_key, None
    return agency_key, tuple(v or 0 for v in unit.row_in_target(target))


def agency_key_of(agency: str) -> str:
    """An agency's name as compared between units: spaces and full-width forms aside, traditional
    characters folded (云川縣西塘鎮 is 云川县西塘镇)."""
    return normalise_text(fold_name(agency))


def leave_out_duplicates(units: list[Unit], target: FormSpec,
                          keys: Callable[[Unit], DuplicateKeys] | None = None,
                          pause: Callable[[], None] | None = None) -> None:
    """Duplicates among the units still counted: the first one stays, later ones are left out
    (unless the clerk chose to count them).  An agency written without its place (城关镇人民政府) is
    the one unit named with it (云川县城关镇人民政府, ``agency_aliases``).  ``keys``: each unit's
    ``duplicate_keys`` for ``target`` (as worked out while the units were read); ``pause``: called
    after each unit (a background thread leaves a window waiting for the interpreter its turn
    there, every few milliseconds)."""
    counted: list[tuple[Unit, DuplicateKeys]] = []
    for unit in units:
        if pause is not None:
            pause()
        if unit.include and unit.readable:
            counted.append((unit, keys(unit) if keys is not None else duplicate_keys(unit, target)))
    alias = agency_aliases(agency for (_unit, ((agency, _year), _figures)) in counted)
    first_by_agency: dict[tuple[str, int], Unit] = {}
    first_by_content: dict[object, Unit] = {}
    for unit, ((agency, year), content_key) in counted:   # (dictionaries only: 10 000 units in a few ms)
        if agency and _is_duplicate(unit, first_by_agency, (alias.get(agency, agency), year), DUPLICATE,
                                    lambda first: f"与{first.label()}是同一单位同一年度的报告{_written(unit, first)}，",
                                    "但已选择计入，请核实是否重复计算",
                                    "未重复计入（如应以本文件为准，请改为计入本文件、不计入另一文件）"):
            continue
        if content_key is not None:
            _is_duplicate(unit, first_by_content, content_key, SAME_CONTENT,
                          lambda first: f"表格数字与{first.label()}完全相同，疑为重复报送的同一份报告，",
                          "但已选择计入，请核实", "未重复计入（如确为不同单位，请改为计入）",
                          counted_anyway=lambda first: _few_figures_of_two_agencies(unit, first, target))
    leave_out_governments([(unit, agency) for unit, ((agency, _year), _figures) in counted])


def _written(unit: Unit, first: Unit) -> str:
    """How the unit's name differs from the first's, when it does (traditional characters, no place)."""
    return f"（机关名称写作“{unit.agency}”）" if unit.agency.strip() != first.agency.strip() else ""


# The last character of a place's name before an organ's (云川县|城关镇人民政府, 青禾市|教育局).
_PLACE_ENDS = "省市县区州旗盟"


def agency_aliases(names) -> dict[str, str]:
    """Names written without their place (城关镇人民政府) → the one name among ``names`` that is the
    same after a place (云川县城关镇人民政府), when exactly one is; 人民政府 alone is no name."""
    present = set(names)
    longer: dict[str, set[str]] = {}
    for name in present:
        for i, char in enumerate(name[:-1]):
            if char in _PLACE_ENDS:
                longer.setdefault(name[i + 1:], set()).add(name)
    return {name: next(iter(full)) for name, full in longer.items()
            if name in present and len(full) == 1 and len(name) >= 3 and not name.startswith(("人民政府", "政府"))}


FEW_FIGURES = 3   # two units named otherwise whose same figures are fewer than this may well be two units


def _few_figures_of_two_agencies(unit: Unit, first: Unit, target: FormSpec) -> bool:
    """Whether two units with the same figures are both counted all the same: both name their
    agency, differently, and the figures are so few (a township's 行政处罚 2 and nothing else) that
    two units may well report them alike."""
    names = {agency_key_of(u.agency) for u in (unit, first)}
    if "" in names or len(names) < 2:
        return False
    figures = duplicate_keys(unit, target)[1] or ()
    return sum(1 for v in figures if v) < FEW_FIGURES


def _is_duplicate(unit: Unit, firsts: dict, key, code: str, head: Callable[[Unit], str], chosen: str,
                  left_out: str, counted_anyway: Callable[[Unit], bool] = lambda first: False) -> bool:
    """Whether ``unit`` repeats the first unit seen with ``key`` and is therefore left out (it is
    named a duplicate either way, ``head`` saying of what); the first unit with a key is remembered.
    ``counted_anyway(first)``: the likeness is too weak to leave the unit out by default — it is
    counted and named for the clerk to check."""
    first = firsts.get(key)
    if first is None:
        firsts[key] = unit
        return False
    if not unit.choice and counted_anyway(first):
        unit.problems.append(UnitProblem(code, head(first) + "但数字很少、机关名称不同，也可能是两个单位，已计入，请核实"))
        return False
    reason = _clerks_reason(unit)
    unit.problems.append(UnitProblem(code, head(first) + (chosen + reason if unit.choice else left_out),
                                     excludes=not unit.choice))
    if not unit.choice:
        unit.include = False
        return True
    return False


# A people's government above the township (county, district, city, …): its own published report
# is the one the 汇总 compiles, not one of its units'.
_GOVERNMENT = re.compile(f"(.+[{_PLACE_ENDS}])人民政府")


def leave_out_governments(counted: list[tuple[Unit, str]]) -> None:
    """A government's own report among the reports of its units (云川县人民政府 beside 云川县教育局 and
    云川县城关镇人民政府): the county's report already holds its units' figures when it was compiled
    from them, so it is left out by default, named with the units that belong to it; the clerk
    counts it when it holds only the government's own (本级) figures.  ``counted``: the units
    counted so far with their names as compared (``agency_key_of``)."""
    governments = [(unit, own, match.group(1)) for unit, own in counted
                   if unit.include and (match := _GOVERNMENT.fullmatch(own))]
    if not governments:
        return
    names = sorted(own for unit, own in counted if unit.include)
    for unit, own, place in governments:
        below = (bisect_left(names, place + "\U0010ffff") - bisect_left(names, place)
                 - (bisect_right(names, own) - bisect_left(names, own)))
        if below < 2:
            continue
        example = next(u.agency for u, name in counted if u.include and name.startswith(place) and name != own)
        head = (f"是{unit.agency}本身的报告，与所属的{below}个单位（如{example}）的报告一同报送：如它是已由所属单位汇总的"
                f"报告，再计入会把这些单位的数字算两次，")
        reason = _clerks_reason(unit)
        tail = ("但已选择计入，请核实其中只有本级的数字" + reason if unit.choice
                else "未计入（如其中只有本级的数字、不含所属单位，请改为计入）")
        unit.problems.append(UnitProblem(GOVERNMENT_REPORT, head + tail, excludes=not unit.choice))
        unit.include = bool(unit.choice)


# ---------------------------------------------------------------------------------------------
# Summing


@dataclass(frozen=True)
class Contribution:
    unit: Unit
    value: Value


@dataclass
class Consolidation:
    report: Report
    units: list[Unit]                       # every unit, in the order given
    warnings: list[str] = field(default_factory=list)   # about the sum itself (stocks, …)

    @property
    def included(self) -> list[Unit]:
        return [u for u in self.units if u.include and u.readable]

    @property
    def excluded(self) -> list[Unit]:
        return [u for u in self.units if not (u.include and u.readable)]

    @property
    def with_errors(self) -> list[Unit]:
        """Included units that fail their own checks (the usual source of an unbalanced sum)."""
        return [u for u in self.included if u.errors]

    @property
    def converted_units(self) -> list[Unit]:
        """Included units of another format version (counted after conversion)."""
        return [u for u in self.included if u.conversion is not None]

    def errors(self) -> list[Finding]:
        """The errors of the consolidated report itself (see ``imbalance_causes`` for their units)."""
        return [f for f in check_report(self.report) if f.severity is Severity.ERROR]

    def unbalanced(self) -> list[tuple[Unit, list[Finding]]]:
        """Included units whose figures *as counted* (converted where needed) fail a hard rule of
        the consolidated version (三 balance, a negative count), with those errors.  The rules are
        sums, so a sum of units that pass them passes them too: these units are the cause of every
        such error in the consolidated report."""
        form = self.report.form
        rules = {b.rule for b in form.balances} | {NEGATIVE.id}
        out = []
        for unit in self.included:
            if unit.converted is None:   # counted as it is: its own check has judged these rules
                errors = [f for f in unit.findings if f.severity is Severity.ERROR and f.rule in rules]
            else:
                counted = Report(form.version, Metadata(year=self.report.meta.year), values=dict(unit.converted))
                errors = [f for f in check_report(counted) if f.severity is Severity.ERROR and f.rule in rules]
            if errors:
                out.append((unit, errors))
        return out

    def imbalance_causes(self) -> list[str]:
        """One line per unit that makes the consolidated report fail its balance: whether its own
        report fails, or only its figures converted to the consolidated version (naming the
        figures the conversion could not carry)."""
        lines = []
        for unit, errors in self.unbalanced():
            rules = {f.rule for f in errors}
            own = [f for f in unit.findings if f.severity is Severity.ERROR and f.is_open and f.rule in rules]
            example = errors[0].message + (f"；另有{len(errors) - 1}处" if len(errors) > 1 else "")
            if own or unit.conversion is None:
                lines.append(f"{unit.label()}：本身的报告有校验错误（{example}），请该单位更正后重新报送")
                continue
            lost = [f"{_cell_name(k)}={format_value(v)}" for k, v in unit.conversion.lost
                    if k.table in get_form(unit.conversion.target).balanced_tables]
            why = (f"，{unit.conversion.target}版没有对应栏目而未计入的数字：" + "、".join(lost)) if lost else ""
            lines.append(f"{unit.label()}：本身平衡，但按{unit.conversion.target}版格式转换后不平衡"
                         f"（{example}）{why}；请该单位按{unit.conversion.target}版格式重新报送")
        return lines

    def breakdown(self, key: CellKey) -> list[Contribution]:
        """Which included unit contributed what to ``key`` (non-zero contributions, largest first)."""
        form = self.report.form
        items = [Contribution(u, v) for u in self.included if (v := u.value_in_target(form, key))]
        return sorted(items, key=lambda c: -(c.value or 0))

    def breakdown_text(self, key: CellKey) -> str:
        items = self.breakdown(key)
        total = sum((c.value or 0 for c in items), 0)
        head = f"{_cell_name(key)}合计{format_value(total)}"
        if not items:
            return head + "：各单位均为0或空白。"
        lines = [f"{c.unit.agency or c.unit.name}：{format_value(c.value)}" for c in items]
        zero = len(self.included) - len(items)
        tail = f"（其余{zero}个单位为0或空白）" if zero > 0 else ""
        return head + "，其中：\n" + "\n".join(lines) + tail

    def unit_lines(self) -> list[str]:
        """The unit list as text lines (for the command line and logs)."""
        out = []
        for i, u in enumerate(self.units, 1):
            state = "计入" if u.include and u.readable else "未计入"
            what = (f"{u.agency or '（未填机关名称）'}，{u.year or '未填'}年度，{u.version}版，"
                    f"{u.errors}个错误，{u.warnings}个警告") if u.readable else "无法读取"
            line = f"{i}. [{state}] {u.name}：{what}"
            if u.problems:
                line += "\n     问题：" + "；".join(p.message for p in u.problems)
            out.append(line)
        return out


def consolidation_sentence(n_units: int, agency: str = "") -> str:
    who = f"{agency}所属" if agency else "所属"
    return (f"本报告根据{who}各镇乡（街道）、各部门共{n_units}个单位报送的政府信息公开工作年度报告汇总编制，"
            "表格中的数字为各单位数字之和。")


def sum_rows(form: FormSpec, units: list[Unit]) -> dict[CellKey, int | Decimal]:
    """Each input cell's sum over ``units``; a cell blank in every unit stays out (blank)."""
    keys = _input_keys(form)
    sums: list[int | Decimal] = [0] * len(keys)
    given = [False] * len(keys)
    for unit in units:   # row by row: ten thousand units in a fraction of a second
        row = unit.row_in_target(form)
        sums = [a if v is None else a + v for a, v in zip(sums, row)]
        given = [g or v is not None for g, v in zip(given, row)]
    return {k: total for k, total, g in zip(keys, sums, given) if g}


SUM_STEP = 500   # units summed between two pauses (sum_rows_in_steps)
Sums = dict[CellKey, int | Decimal]


def sum_rows_in_steps(form: FormSpec, units: list[Unit], pause: Callable[[], None]) -> Sums:
    """``sum_rows(form, units)``, ``SUM_STEP`` units at a time with ``pause`` called between."""
    totals: Sums = {}
    for first in range(0, len(units), SUM_STEP):
        add_sums(totals, sum_rows(form, units[first:first + SUM_STEP]))
        pause()
    return in_cell_order(form, totals)


def add_sums(totals: Sums, sums: Sums) -> None:
    """Adds one group of units' ``sum_rows`` into ``totals`` (whole numbers and decimals add up
    exactly, the same in any grouping, up to the 28 digits of ``decimal``'s context)."""
    for key, value in sums.items():
        totals[key] = totals.get(key, 0) + value


def in_cell_order(form: FormSpec, totals: Sums) -> Sums:
    """``totals`` in the order of the input cells, as ``sum_rows`` gives them."""
    return {key: totals[key] for key in _input_keys(form) if key in totals}


def _input_keys(form: FormSpec) -> tuple[CellKey, ...]:
    return _version_input_keys(form.version)


@lru_cache(maxsize=None)   # (by version: hashing a whole declaration on every call would cost more)
def _version_input_keys(version: str) -> tuple[CellKey, ...]:
    return get_form(version).input_keys()


def _addends(form: FormSpec, key: CellKey) -> tuple[tuple[CellKey, int], ...]:
    return _version_addends(form.version, key)


@lru_cache(maxsize=None)
def _version_addends(version: str, key: CellKey) -> tuple[tuple[CellKey, int], ...]:
    """The input cells a total adds up, each with how many times it counts (totals of totals)."""
    form = get_form(version)
    rule = next(t for t in form.totals if t.target == key)
    counts: Counter = Counter()
    for addend in rule.addends:
        if form.cell(addend).computed:
            counts.update(dict(_version_addends(version, addend)))
        else:
            counts[addend] += 1
    return tuple(counts.items())


def consolidate(units: list[Unit], form_version: str, year: int, agency: str = "",
                base: Metadata | None = None, sections: dict[str, str] | None = None,
                sums: dict[CellKey, int | Decimal] | None = None) -> Consolidation:
    """Sum the included units into a new report of ``form_version`` (units already assessed).

    ``base`` supplies the consolidated report's other metadata (contact details); ``sections`` its
    prose (by default the standard outline of a new report); ``sums``: the included units'
    ``sum_rows``, when already added up (while they were read)."""
    form = get_form(form_version)
    meta = Metadata(**{f: getattr(base, f) for f in base.__dataclass_fields__}) if base else Metadata()
    meta.agency = agency or meta.agency
    meta.issuing_organ = meta.issuing_organ or meta.agency
    meta.year = year
    report = Report(form.version, meta)
    result = Consolidation(report, units)
    included = [u for u in units if u.include and u.readable]
    sums = sum_rows(form, included) if sums is None else sums
    for key, total in sums.items():
        kind = form.cell(key).kind
        report.set(key, total if kind is Kind.MONEY else int(total))

    stock = sorted({c.key for c in form.all_cells() if c.stock and sums.get(c.key)})
    if stock:
        shown = "、".join(key.name() for key in stock)
        result.warnings.append(
            f"{shown}是年末存量（不是本年发生数），汇总数为各单位之和，同一事项可能被多个单位重复计算，请按实际核定后修改。")
    mixed = [u for u in included if u.conversion is not None]   # (result.converted_units)
    if mixed:
        names = "、".join(f"{u.agency or u.name}（{u.version}版）" for u in mixed)
        review = [u for u in mixed if u.conversion is not None and u.conversion.needs_review]
        tail = (f"其中{len(review)}个单位有按相近栏目计入或没有对应栏目的数字，请核实（见单位清单）。" if review
                else "转换中改动的栏目见单位清单。")
        result.warnings.append(f"有{len(mixed)}个单位使用其他版本格式，已按{form.version}版格式转换后计入：{names}；{tail}")
    if not included:
        result.warnings.append("没有可计入的单位，汇总表格为空。")

    sentence = consolidation_sentence(len(included), agency)
    report.meta.preamble = (report.meta.preamble + "\n" + sentence).strip() if report.meta.preamble else sentence
    if sections is None:
        from .drafting import outline
        sections = outline(form.version)
    report.sections = dict(sections)
    return result


def merge_units(units: list[Unit], form_version: str | None = None, year: int | None = None,
                agency: str = "", base: Metadata | None = None) -> Consolidation:
    """Assess and consolidate in one step, with the year and version defaulting from the units."""
    year = year or default_year(units)
    version = form_version or (form_for_year(year) if year else newest_form()).version
    assess_units(units, year, version)
    return consolidate(units, version, year, agency, base)
