"""What the 同比 charts show, as data: categories, one or more series of figures, the unit.

The editor's chart widget only paints a ``BarChart``; every figure is read here from the reports
through the format declaration (tables by their layout, rows by their tags), so a chart agrees with
the tables and a test can compare its bars with them.  Figures of last year's report are taken by
tag — a result group, the applications received, a case kind — which both versions declare, so a
2021 report compares exactly with a 2020 one even though （六）其他处理 is one row in 2019 and three in
2021.  A figure that cannot be known is ``None`` (drawn as no bar), never 0.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from .forms import CellKey, Fidelity, FormSpec, Kind, Layout, TableSpec
from .forms.spec import Tag
from .recalc import all_values
from .records import record
from .report import Report
from .values import Value, sum_values
from .year_compare import Prior, year_change

Figure = int | Decimal | None


@record
class Series:
    """One colour of bars: a name (``2024年``, ``（一）予以公开``) and a figure per category."""

    name: str
    values: tuple[Figure, ...]


@record
class BarChart:
    """Bars by category: side by side, one per series (this year, last year), or ``stacked``."""

    title: str
    categories: tuple[str, ...]
    series: tuple[Series, ...]
    unit: str = "件"
    stacked: bool = False
    note: str = ""                    # one line under the title (what is compared, what is left out)
    details: tuple[str, ...] = ()     # per category, the full name (a unit's agency and file)

    def value(self, category: int, series: int) -> Figure:
        return self.series[series].values[category]

    def category_total(self, category: int) -> int | Decimal:
        return sum_values(s.values[category] for s in self.series)

    def largest(self) -> int | Decimal:
        """The tallest bar (or stack): the chart's scale."""
        if self.stacked:
            return max((self.category_total(i) for i in range(len(self.categories))), default=0)
        return max((v for s in self.series for v in s.values if v is not None), default=0)

    def detail(self, category: int) -> str:
        return self.details[category] if category < len(self.details) else self.categories[category]


def short_label(label: str) -> str:
    """A row label as a chart names it: the note after the name dropped —
    ``（二）部分公开（区分处理的，只计这一情形，不计其他情形）`` → ``（二）部分公开``."""
    head = label.find("）") + 1 if label.startswith("（") else 0   # the （一） numbering stays
    cut = label.find("（", head)
    return label[:cut] if cut > 0 else label


def year_name(report: Report, fallback: str) -> str:
    return f"{report.meta.year}年" if report.meta.year else fallback


# ---------------------------------------------------------------------------------------------
# One report against last year's


def has_charts(form: FormSpec, table_id: str) -> bool:
    """Whether the table has 同比 charts (三 and 四; 二 is a list of unrelated figures)."""
    return form.table(table_id).layout in (Layout.ROWS, Layout.COLUMN_GROUPS)


def table_charts(report: Report, previous: Report | None, table_id: str) -> tuple[BarChart, ...]:
    """The charts of one table: 三 by result group and by applicant type (applications received),
    四 by case kind and by result; this year beside last year when last year's report is known."""
    table = report.form.table(table_id)
    reports = _with_values(report, previous)
    if table.layout is Layout.ROWS:
        return (_outcome_chart(table, reports), _applicant_chart(table, reports))
    if table.layout is Layout.COLUMN_GROUPS:
        return (_case_kind_chart(table, reports), _case_result_chart(table, reports))
    return ()


@record
class _Year:
    name: str
    form: FormSpec
    values: Mapping[CellKey, Value]


def _with_values(report: Report, previous: Report | None) -> list[_Year]:
    years = [_Year(year_name(report, "本年"), report.form, all_values(report.form, report.values))]
    if previous is not None:
        years.append(_Year(year_name(previous, "上年"), previous.form, all_values(previous.form, previous.values)))
    return years


def group_figure(form: FormSpec, values: Mapping[CellKey, Value], tag: Tag, col: str | None = None) -> Figure:
    """The figure of a tagged group of rows in one column (default: the total column), summed over
    its rows; None when the version does not declare the group."""
    try:
        table = form.table_tagged(tag)
    except KeyError:
        return None
    column = col or table.total_col
    keys = [CellKey(table.id, row, column) for row in table.group(tag).rows] if column else []
    if not keys or not all(form.has(k) for k in keys):
        return None
    return sum_values(values.get(k) for k in keys)


def _cell_figure(year: _Year, key: CellKey) -> Figure:
    return sum_values([year.values.get(key)]) if year.form.has(key) else None


def _outcome_chart(table: TableSpec, years: list[_Year]) -> BarChart:
    outcomes = table.outcomes()
    series = tuple(Series(y.name, tuple(group_figure(y.form, y.values, g.tag) for g in outcomes)) for y in years)
    received = [group_figure(y.form, y.values, Tag.NEW) for y in years]
    note = "本年新收申请：" + "，".join(f"{y.name}{_count(v)}件" for y, v in zip(years, received))
    if len(received) == 2 and received[1] is not None:
        change = year_change(received[0], Prior(received[1], Fidelity.SAME), Kind.COUNT)
        note += f"，较上年{change.text()}" if change is not None and change.diff else "，与上年持平"
    return BarChart("办理结果（按类别）", tuple(short_label(g.label) for g in outcomes), series, note=note,
                    details=tuple(g.label for g in outcomes))


def _applicant_chart(table: TableSpec, years: list[_Year]) -> BarChart:
    new = table.group(Tag.NEW)
    cols = tuple(c for c in table.cols if c != table.total_col)
    series = tuple(Series(y.name, tuple(_cell_figure(y, CellKey(table.id, new.rows[0], c)) for c in cols))
                   for y in years)
    return BarChart(f"{short_label(new.label)}（按申请人）", cols, series)


def _case_kind_chart(table: TableSpec, years: list[_Year]) -> BarChart:
    names = tuple(_case_kind_name(table, row) for row in table.rows)
    series = tuple(Series(y.name, tuple(_cell_figure(y, CellKey(table.id, row, table.total_col or ""))
                                        for row in table.rows)) for y in years)
    return BarChart("案件数（按类别）", names, series, details=names)


def _case_kind_name(table: TableSpec, row: str) -> str:
    """``行政复议`` / ``行政诉讼：复议后起诉`` — a row under a group of several is named with it."""
    for group in table.groups:
        if row in group.rows and group.label != row:
            return f"{group.label}：{row}"
    return row


def _case_result_chart(table: TableSpec, years: list[_Year]) -> BarChart:
    cols = tuple(c for c in table.cols if c != table.total_col)
    series = tuple(Series(y.name, tuple(_column_sum(y, table, c) for c in cols)) for y in years)
    return BarChart("按结果（行政复议、行政诉讼合计）", cols, series)


def _column_sum(year: _Year, table: TableSpec, col: str) -> Figure:
    keys = [CellKey(table.id, row, col) for row in table.rows]
    return sum_values(year.values.get(k) for k in keys) if all(year.form.has(k) for k in keys) else None


def _count(value: Figure) -> str:
    return "—" if value is None else str(value)


# ---------------------------------------------------------------------------------------------
# The units of a consolidation


@record
class UnitFigures:
    """One unit of a consolidation as the charts see it: its name, its full name (agency and file),
    its figures in the consolidated report's version, and last year's report when known."""

    name: str
    detail: str
    values: Mapping[CellKey, Value]
    previous: Report | None = None


SORT_ORDERS = {"value": "按数量（从多到少）", "name": "按单位名称", "list": "按清单顺序"}
MEASURES = {"received": "本年新收申请", "results": "办理结果（按类别）"}


def units_chart(form: FormSpec, units: Sequence[UnitFigures], measure: str = "received",
                order: str = "value") -> BarChart:
    """The units side by side: the applications each received, or their results by group
    (stacked); sorted by the figure (largest first), by name, or as listed."""
    t3 = form.table_tagged(Tag.NEW)
    figures = [all_values(form, u.values) for u in units]
    if measure == "results":
        groups = t3.outcomes()
        series = tuple(Series(short_label(g.label), tuple(group_figure(form, f, g.tag) for f in figures))
                       for g in groups)
    else:
        series = (Series(MEASURES["received"], tuple(group_figure(form, f, Tag.NEW) for f in figures)),)
    chart = BarChart(f"各单位{MEASURES.get(measure, MEASURES['received'])}", tuple(u.name for u in units),
                     series, stacked=measure == "results", details=tuple(u.detail for u in units))
    return sort_units(chart, order)


def sort_units(chart: BarChart, order: str) -> BarChart:
    """The same chart with its categories (units) in ``order``: ``value`` (largest first, then by
    name), ``name``, or ``list`` (as given)."""
    indexes = list(range(len(chart.categories)))
    if order == "value":
        indexes.sort(key=lambda i: (-chart.category_total(i), chart.categories[i]))
    elif order == "name":
        indexes.sort(key=lambda i: chart.categories[i])
    return BarChart(chart.title, tuple(chart.categories[i] for i in indexes),
                    tuple(Series(s.name, tuple(s.values[i] for i in indexes)) for s in chart.series),
                    chart.unit, chart.stacked, chart.note, tuple(chart.detail(i) for i in indexes))


def units_total_chart(form: FormSpec, units: Sequence[UnitFigures], year: int) -> BarChart | None:
    """The units' total against last year's, over the units whose last year's report is known
    (None when none is): applications received, results by group, 复议 and 诉讼 cases."""
    known = [u for u in units if u.previous is not None]
    if not known:
        return None
    tags = total_tags(form)
    names = tuple(_tag_name(form, tag) for tag in tags)
    this = _tag_sums(tags, ((form, all_values(form, u.values)) for u in known))
    last = _tag_sums(tags, ((u.previous.form, all_values(u.previous.form, u.previous.values))
                            for u in known if u.previous is not None))
    note = ("全部单位" if len(known) == len(units) else f"{len(units)}个单位中有上年报告的{len(known)}个单位") + "合计"
    this_name, last_name = (f"{year}年", f"{year - 1}年") if year else ("本年", "上年")
    return BarChart("汇总与上年比较", names, (Series(this_name, this), Series(last_name, last)), note=note,
                    details=names)


def total_tags(form: FormSpec) -> tuple[Tag, ...]:
    """The figures a total is compared by: applications received, each result group, 复议, 诉讼."""
    return (Tag.NEW, *(g.tag for g in form.table_tagged(Tag.NEW).outcomes()), Tag.REVIEW, Tag.LITIGATION)


def _tag_name(form: FormSpec, tag: Tag) -> str:
    return MEASURES["received"] if tag is Tag.NEW else short_label(form.table_tagged(tag).group(tag).label)


def _tag_sums(tags: tuple[Tag, ...], reports: Iterable[tuple[FormSpec, Mapping[CellKey, Value]]]
              ) -> tuple[Figure, ...]:
    sums: list[Figure] = [0] * len(tags)
    for form, values in reports:
        for i, tag in enumerate(tags):
            figure = group_figure(form, values, tag)
            current = sums[i]
            sums[i] = None if figure is None or current is None else current + figure
    return tuple(sums)
