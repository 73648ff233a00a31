"""Tables printed without rules (a web page whose borders were lost, a Word table with its borders
removed, a "three-line" table): their figures are read when the rows and columns can be told with
certainty from where the words stand, and nothing is read otherwise.

The first tests lay words out by hand (``pdf_unruled_read`` on its own); the others draw whole
reports (``drawn.py``) and read them as the clerk's import does."""

from __future__ import annotations

import dataclasses

import pytest

from govreport_gui.core.forms import get_form
from govreport_gui.core.forms.spec import Role
from govreport_gui.io.published.pdf_import import read_pdf
from govreport_gui.io.published.pdf_unruled_read import Word, _figure_lines, _Unsure, read_table

from .drawn import Style, draw_report
from .test_drawn_pdfs import assert_read_whole, report_with_words

OUTCOMES = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
GROUPS = ("行政复议", "未经复议直接起诉", "复议后起诉")
PITCH = 28.0     # from one column of 四 to the next


def _word(text: str, x: float, top: float, size: float = 9.0, page: int = 1) -> Word:
    """A word whose left edge is ``x``, one character ``size`` wide each (figures half that)."""
    width = sum(size / 2 if ch.isascii() else size for ch in text)
    return Word(text, x, x + width, top, top + size, page)


def _centred(text: str, centre: float, top: float) -> Word:
    w = _word(text, 0.0, top)
    return dataclasses.replace(w, x0=centre - (w.x1 - w.x0) / 2, x1=centre + (w.x1 - w.x0) / 2)


def four_words(figures: list[str | None], groups=GROUPS, shift: dict[int, float] | None = None) -> list[Word]:
    """四 without rules: its headers centred over the 15 columns, its row of figures (None: blank)."""
    centres = [100.0 + PITCH * j for j in range(15)]
    words = [_centred("行政复议", centres[2], 50.0), _centred("行政诉讼", (centres[5] + centres[14]) / 2, 50.0),
             _centred(groups[1], centres[7], 62.0), _centred(groups[2], centres[12], 62.0)]
    words += [_centred(text, centres[j], 74.0 if j < 5 else 86.0) for j, text in enumerate(OUTCOMES * 3)]
    shift = shift or {}
    words += [_centred(f, centres[j] + shift.get(j, 0.0), 110.0) for j, f in enumerate(figures) if f is not None]
    return words


def _four():
    return get_form("2021").table("四")


def _read_four(words: list[Word]) -> list[str]:
    read = read_table(_four(), words)
    cells = sorted((g for g in _four().grid if g.role in (Role.INPUT, Role.COMPUTED)), key=lambda g: g.col)
    return [read[g] for g in cells]


def test_a_full_row_of_figures_is_read_in_the_format_order():
    figures = [str(10 + j) for j in range(15)]
    assert _read_four(four_words(figures)) == figures


def test_blank_cells_take_the_column_of_the_header_they_stand_under():
    figures = ["1", None, "2", None, "3", None, None, None, None, None, "4", "5", None, "6", "15"]
    assert _read_four(four_words(figures)) == [f or "" for f in figures]


def test_a_figure_between_two_columns_is_not_read():
    figures = ["1", None, "2", None, "3", None, None, None, None, None, "4", "5", None, "6", "15"]
    with pytest.raises(_Unsure):
        _read_four(four_words(figures, shift={2: PITCH / 2}))


def test_a_column_the_format_has_not_is_not_taken_for_one_it_has():
    """A figure under a column beside the official ones (a 小计 or 备注 the agency added), one
    official cell blank: as many figures as columns, but not under them — nothing is read."""
    figures: list[str | None] = [str(10 + j) for j in range(14)] + [None]
    words = [*four_words(figures), _centred("99", 100.0 + PITCH * 15, 110.0)]
    with pytest.raises(_Unsure):
        _read_four(words)


def test_groups_printed_in_another_order_are_not_read():
    """The outcomes repeat under each group: only the groups' places tell them apart."""
    figures = [str(10 + j) for j in range(15)]
    with pytest.raises(_Unsure):
        _read_four(four_words(figures, groups=("行政复议", "复议后起诉", "未经复议直接起诉")))


def test_a_word_among_the_figures_is_no_figure_and_nothing_is_read():
    figures = [str(10 + j) for j in range(15)]
    words = [*four_words(figures), _word("件", 100.0 + PITCH * 15, 110.0)]
    with pytest.raises(_Unsure):
        _read_four(words)


def test_a_figure_wrapped_in_a_narrow_column_is_one_figure_of_its_row():
    """``1069`` over ``8``, each alone on its line, centred on the row's other figures."""
    row = [_word(f, 100.0 + 40 * j, 200.0) for j, f in enumerate(("1733", "1753"))]
    upper, lower = _word("1069", 200.0, 194.0), _word("8", 204.0, 204.5)
    lines = _figure_lines([*row, upper, lower])
    assert [[w.text for w in line] for line in lines] == [["1733", "1753", "10698"]]
    # two figures one above the other in rows of their own (行政处罚 8, 行政强制 9) stay apart
    lines = _figure_lines([_word("8", 200.0, 100.0), _word("9", 200.0, 111.0)])
    assert [[w.text for w in line] for line in lines] == [["8"], ["9"]]


def test_a_row_label_found_twice_reads_nothing():
    spec = get_form("2021").table("二")
    words = [_word("规章", 80.0, 100.0), _word("1", 200.0, 100.0), _word("规章", 80.0, 140.0)]
    with pytest.raises(_Unsure):
        read_table(spec, words)


# ---------------------------------------------------------------------------------------------
# Whole reports


UNRULED = {
    "none": Style(borders="none"),
    "none-white-boxes-split": Style(borders="none", white_boxes=True, split_rows=True, narrow_labels=True),
    "horizontal-repeat-header": Style(borders="horizontal", repeat_header=True, filler=2),
    "none-running-header": Style(borders="none", running_header="某某市生态环境局政府信息公开工作年度报告　第{page}页"),
}


@pytest.mark.parametrize("version", ("2019", "2021"))
@pytest.mark.parametrize("name", UNRULED)
def test_tables_without_rules_read_whole(tmp_path, version, name):
    """Every figure as printed (the printed totals too), every section's words, one note saying the
    figures were read from the words' places and asking to check them."""
    report, style = report_with_words(version), UNRULED[name]
    path = tmp_path / f"{name}-{version}.pdf"
    path.write_bytes(draw_report(report, style))
    assert_read_whole(path, report, style)
    result = read_pdf(path)
    assert len(result.report.printed) > 20
    said = [n for n in result.notes if "没有表格线" in n]
    assert len(said) == 1 and "已按" in said[0] and "核对" in said[0], result.notes


def test_blank_cells_of_a_table_without_rules(tmp_path):
    """Most cells blank (no full row in most blocks): each figure under its header."""
    from report_builders import balanced

    report = report_with_words("2021")
    report.values.clear()
    report.values.update(balanced("2021", year=report.meta.year, agency=report.meta.agency).values)
    style = Style(borders="none")
    path = tmp_path / "sparse.pdf"
    path.write_bytes(draw_report(report, style))
    assert_read_whole(path, report, style)


def test_columns_printed_in_another_order_are_not_read(tmp_path):
    """三 printed with 自然人 and 商业企业 swapped: the header is not the format's, the table is
    not read (the clerk is told), and no figure of it is made up."""
    report = report_with_words("2021")
    spec = report.form.table("三")
    swap = {"自然人": "商业企业", "商业企业": "自然人"}
    grid = tuple(dataclasses.replace(g, text=swap.get(g.text, g.text)) if g.role is Role.HEADER else g for g in spec.grid)
    path = tmp_path / "swapped.pdf"
    path.write_bytes(draw_report(report, Style(borders="none", tables={"三": dataclasses.replace(spec, grid=grid)})))
    result = read_pdf(path)
    assert not any(k.table == "三" for k in result.report.values)
    assert all(result.report.values.get(k) == v for k, v in report.values.items() if k.table != "三")
    said = [n for n in result.notes if "没有表格线" in n and "没有读取" in n]
    assert len(said) == 1 and getattr(said[0], "kind", "") == "unplaced", result.notes


def test_figures_whose_font_gives_no_text_are_said_once(tmp_path):
    """A subset font embedded without its text encoding for the figures: nothing is read from them,
    and one message says which pages, what is blank and what to do — not one per cell."""
    report = report_with_words("2021")
    path = tmp_path / "unmapped.pdf"
    path.write_bytes(draw_report(report, Style(borders="thin", unmapped_figures=True)))
    result = read_pdf(path)
    assert not any(v for v in result.report.values.values()), result.report.values
    assert result.report.sections == report.sections
    said = [n for n in result.notes if "没有附带文字编码" in n]
    assert len(said) == 1 and "第1、2、3页" in said[0] and "请" in said[0], result.notes
    assert not [n for n in result.notes if "cid" in n or "不是数字" in n], result.notes
