"""Drafting help: the standard outline of the prose of a new report, and a summary of the tables
written as the usual sentences (``插入数据摘要``).

The outline is declared with each format version (``FormSpec.outline``, after FORMAT.md §7).  Only
its sub-headings are text; what to write under each is a placeholder (``core.prompts``), shown in
grey while the part is empty, never counted, exported or checked as prose.
Every figure of ``data_summary`` is read from the tables through the format declaration, so the
sentences always agree with them (and the prose-against-tables check stays quiet).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from functools import lru_cache

from .forms import CellKey, FormSpec, TableSpec, get_form, newest_form
from .forms.spec import RowGroup, Tag
from .prompts import heading_line, opens_with_overview
from .recalc import all_values
from .report import Report
from .values import Value, format_value, magnitude, sum_values


def outline(form_version: str | None = None) -> dict[str, str]:
    """Editable starting text of the prose sections of a new report: the sub-headings the format
    version declares (``FormSpec.outline``, its required topics first), one per line, each part
    empty (its hint is a placeholder, ``core.prompts``); the first section opens with an empty
    line for the overview.  Default: the version in force now."""
    form = get_form(form_version) if form_version else newest_form()
    out = {}
    for key, topics in form.outline.items():
        lines = [heading_line(i, t) for i, t in enumerate(topics)]
        if opens_with_overview(form, key):
            lines.insert(0, "")
        out[key] = "\n".join(lines)
    return out


# ---------------------------------------------------------------------------------------------
# The data summary


def _count(v: Value) -> str:
    return format_value(v or 0)


def change_words(this: Value, prev: Value, unit: str = "件") -> str:
    """“，较上年增加N件、增长X%” / “，较上年减少N件、下降X%” / “，与上年持平” (no percentage when last
    year's figure is 0); the prose checks read these words back (``core.prose_figures``)."""
    this, prev = this or 0, prev or 0
    if this == prev:
        return "，与上年持平"
    diff = this - prev
    text = f"，较上年{'增加' if diff > 0 else '减少'}{format_value(magnitude(diff))}{unit}"
    if prev:
        pct = (Decimal(magnitude(diff)) * 100 / Decimal(prev)).quantize(Decimal("0.1"))
        text += f"、{'增长' if diff > 0 else '下降'}{format_value(pct)}%"
    return text


class _Figures:
    """This year's (and last year's) figures of a report, summed over rows of one column."""

    def __init__(self, report: Report, previous: Report | None) -> None:
        self.values = all_values(report.form, report.values)
        self.previous = previous
        self.prev_values = all_values(previous.form, previous.values) if previous is not None else None

    def this(self, table: TableSpec, rows: tuple[str, ...], col: str | None = None) -> int | Decimal:
        col = col or table.total_col
        assert col is not None, f"表{table.id}没有总计列"
        return sum_values(self.values.get(CellKey(table.id, r, col)) for r in rows)

    def last(self, table: TableSpec, rows: tuple[str, ...], col: str | None = None) -> int | Decimal | None:
        """Last year's figure, if last year's format has every one of these cells."""
        if self.prev_values is None or self.previous is None:
            return None
        col = col or table.total_col
        assert col is not None, f"表{table.id}没有总计列"
        keys = [CellKey(table.id, r, col) for r in rows]
        if not all(self.previous.form.has(k) for k in keys):
            return None
        return sum_values(self.prev_values.get(k) for k in keys)

    def last_tagged(self, tag: Tag) -> int | Decimal | None:
        """Last year's figure of the row group tagged ``tag`` in last year's own format (the rows
        of a group may differ between versions: （六）其他处理 is one row in 2019, three in 2021)."""
        if self.prev_values is None or self.previous is None:
            return None
        try:
            table = self.previous.form.table_tagged(tag)
        except KeyError:
            return None
        col = table.total_col
        assert col is not None, f"表{table.id}没有总计列"
        return sum_values(self.prev_values.get(CellKey(table.id, r, col)) for r in table.group(tag).rows)


def data_summary(report: Report, previous: Report | None = None) -> str:
    """The standard sentences on applications, 复议 and 诉讼, written from the tables.  Tables and
    rows are found by their tags in the declaration (``Tag``), never by id, position or label."""
    form = report.form
    figures = _Figures(report, previous)
    t3 = form.table_tagged(Tag.NEW)
    new, carried = t3.group(Tag.NEW).rows, t3.group(Tag.CARRIED_IN).rows
    year = f"{report.meta.year}年" if report.meta.year else "本年度"
    received = f"{year}共收到政府信息公开申请{_count(figures.this(t3, new))}件"
    if figures.last(t3, new) is not None:
        received += change_words(figures.this(t3, new), figures.last(t3, new))
    sentences = [received + f"，上年结转{_count(figures.this(t3, carried))}件", _outcomes_sentence(t3, figures)]
    t4 = form.table_tagged(Tag.REVIEW)
    sentences.append(_review_sentence(t4, t4.group(Tag.REVIEW), figures))
    sentences.append(_review_sentence(t4, t4.group(Tag.LITIGATION), figures))
    return "。".join(sentences) + "。"


def _outcomes_sentence(t3: TableSpec, figures: _Figures) -> str:
    """Outcomes: the single rows by their label, the groups by their group label (sum of leaves)."""
    parts = []
    for outcome in t3.outcomes():
        amount = figures.this(t3, outcome.rows)
        if amount:
            parts.append(f"{_strip_number(outcome.label)}{format_value(amount)}件")
    decided = f"本年度办结{_count(figures.this(t3, t3.group(Tag.RESULTS_TOTAL).rows))}件"
    if parts:
        decided += "，其中" + "、".join(parts)
    return decided + f"；结转下年度继续办理{_count(figures.this(t3, t3.group(Tag.CARRIED_OUT).rows))}件"


def _review_sentence(t4: TableSpec, group: RowGroup, figures: _Figures) -> str:
    what = group.label
    n = figures.this(t4, group.rows)
    if not n:
        return f"本年度未发生因政府信息公开引起的{what}"
    text = f"本年度因政府信息公开引起{what}{format_value(n)}件"
    prev_n = figures.last(t4, group.rows)
    if prev_n is not None:
        text += change_words(n, prev_n)
    details = []
    for col in (c for c in t4.cols if c != t4.total_col):
        m = figures.this(t4, group.rows, col)
        if m:
            details.append(f"{col}{format_value(m)}件")
    if details:
        text += "，其中" + "、".join(details)
    return text


# ---------------------------------------------------------------------------------------------
# 同比: this year against last year


def year_on_year(report: Report, previous: Report) -> str:
    """The usual comparisons with last year for 一、总体情况, written from both years' tables:
    “2024年新收政府信息公开申请40件，较上年增加20件、增长100%。办结…。其中予以公开25件，与上年持平；…”.
    A figure last year's format has no counterpart of is left out; the prose checks read every
    sentence back (``core.prose_checks.check_changes``)."""
    form = report.form
    figures = _Figures(report, previous)
    t3, t4 = form.table_tagged(Tag.NEW), form.table_tagged(Tag.REVIEW)
    year = f"{report.meta.year}年" if report.meta.year else "本年度"
    sentences = [_compared(figures, t3, Tag.NEW, f"{year}新收政府信息公开申请"),
                 _compared(figures, t3, Tag.RESULTS_TOTAL, "办结政府信息公开申请")]
    outcomes = [_compared(figures, t3, o.tag, _strip_number(o.label)) for o in t3.outcomes()
                if figures.this(t3, o.rows) or figures.last_tagged(o.tag)]
    if any(outcomes):
        sentences.append("其中" + "；".join(o for o in outcomes if o))
    for tag in (Tag.REVIEW, Tag.LITIGATION):
        group = t4.group(tag)
        if not figures.this(t4, group.rows) and figures.last_tagged(tag) == 0:
            sentences.append(f"本年度与上年均未发生因政府信息公开引起的{group.label}")
        else:
            sentences.append(_compared(figures, t4, tag, f"因政府信息公开引起{group.label}"))
    sentences += _compared_stock(form, figures)
    return "。".join(s for s in sentences if s) + "。"


def _compared(figures: _Figures, table: TableSpec, tag: Tag, words: str) -> str | None:
    """“{words}N件，较上年增加M件、增长P%”; None when last year's format has no such figure."""
    last = figures.last_tagged(tag)
    if last is None:
        return None
    this = figures.this(table, table.group(tag).rows)
    return f"{words}{format_value(this)}件{change_words(this, last)}"


def _compared_stock(form: FormSpec, figures: _Figures) -> list[str]:
    """现行有效 regulations and normative documents, where both years' formats count them and this
    year's is typed: a stock left blank is a figure still to write (a to-do), not 0 — “现行有效…0件，
    较上年减少42件、下降100%” was written from a cell nobody had filled in yet."""
    out = []
    for spec in _in_force_cells(form):
        last = figures.last(form.table(spec.key.table), (spec.key.row,), spec.key.col)
        this = figures.values.get(spec.key)
        if last is None or this is None:
            continue
        if this or last:
            out.append(f"现行有效{spec.key.row}{format_value(this)}件{change_words(this, last)}")
    return out


def _in_force_cells(form: FormSpec):
    try:
        return form.table_tagged(Tag.IN_FORCE).tagged(Tag.IN_FORCE)
    except KeyError:
        return ()  # a version without the figure


def _strip_number(label: str) -> str:
    """“（一）予以公开” → “予以公开”; drops the parenthetical note of （二）."""
    text = label
    if text.startswith("（") and "）" in text[:4]:
        text = text[text.index("）") + 1:]
    if "（" in text:
        text = text[:text.index("（")]
    return text


# ---------------------------------------------------------------------------------------------
# What is not written yet (the to-dos of a report being drafted)


@lru_cache(maxsize=8)
def _inputs_behind(form: FormSpec) -> dict[CellKey, tuple[CellKey, ...]]:
    """Every total of ``form`` → the input cells it is summed from (through the totals it adds)."""
    out: dict[CellKey, tuple[CellKey, ...]] = {}
    for total in form.totals:  # declared in dependency order
        keys: list[CellKey] = []
        for key in total.addends:
            keys += out.get(key, (key,))
        out[total.target] = tuple(keys)
    return out


def not_typed(form: FormSpec, values: Mapping[CellKey, Value], keys) -> bool:
    """Whether every input cell behind ``keys`` (the cells themselves, or what their totals add up)
    is still blank: a figure derived from them is 0 only because nothing has been typed yet."""
    behind = _inputs_behind(form)
    return all(values.get(k) is None for key in keys for k in behind.get(key, (key,)))


__all__ = ["outline", "data_summary", "year_on_year", "change_words", "not_typed", "new_report"]


def new_report(form_version: str, year: int, agency: str = "") -> Report:
    """A blank report that starts with the standard outline of 一, 五 and 六 (editable sub-headings,
    every part empty: its prompt is a placeholder)."""
    report = Report.new(form_version, year, agency)
    report.sections = outline(form_version)
    return report
