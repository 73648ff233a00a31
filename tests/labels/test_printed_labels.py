"""Row labels as printers write them, read by every reader through the one locator: a label of the
other version (``规范性文件``), a misprint (``2.其他法律行政止公开``), 2019's single ``（六）其他处理`` row
in a 2021 table, a group label split over two cells (``（四）无`` | ``法提供``).  Every figure lands in
its official cell, a note says what was read as what, and no note asks the clerk to change the
file's wording; a label that could be more than one row is left blank with a note naming them."""

from __future__ import annotations

import pytest
from pdf.drawn import Style, draw_report
from report_builders import fill_every_cell

from govreport_gui.core.forms import CellKey
from govreport_gui.io.notes import kind_of
from govreport_gui.io.registry import read_report

from .printed import drawn_spec, drop_row, printed_tables, split_label, write_docx, write_html, write_xlsx

READERS = ("docx", "html", "xlsx", "pdf")
OTHER_HANDLING = "（六）其他处理"


def _report(version: str = "2021"):
    report = fill_every_cell(version)
    report.meta.preamble = "本报告依据《中华人民共和国政府信息公开条例》编制。"
    report.meta.issuing_organ = report.meta.agency
    report.meta.date = f"{report.meta.year + 1}年1月15日"
    report.sections.update({"一": "本年度公开工作有序开展。", "五": "解读形式还不够丰富。", "六": "无。"})
    return report


def _write(reader: str, path, report, tables):
    if reader == "pdf":
        style = Style(tables={t: drawn_spec(report, t, printed) for t, printed in tables.items()}, white_boxes=True)
        path.write_bytes(draw_report(report, style))
        return path
    return {"docx": write_docx, "html": write_html, "xlsx": write_xlsx}[reader](path, report, tables)


def _read(tmp_path, reader: str, report, tables):
    return read_report(_write(reader, tmp_path / f"printed.{reader}", report, tables))


def _no_false_alarm(result) -> None:
    said = [n for n in result.notes if "请改为" in n or ("不是" in n and "版格式的标签" in n and "读取" not in n)]
    assert not said, result.notes
    assert not [n for n in result.notes if kind_of(n) in ("unplaced", "problem")], result.notes


def _same(result, expected: dict) -> None:
    got = result.report.values
    wrong = {k: (got.get(k), v) for k, v in expected.items() if got.get(k) != v}
    assert not wrong and set(got) == set(expected), (wrong, set(got) ^ set(expected), result.notes)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("printed, official", [
    ("规范性文件", "行政规范性文件"),
    ("2.其他法律行政止公开", "2.其他法律行政法规禁止公开"),
    ("3.补正后申请内容仍不明", "3.补正后申请内容仍不明确"),
    ("（四）无法提共", "（四）无法提供"),
], ids=["other-version", "misprint", "cut-short", "group-misprint"])
def test_label_worded_otherwise(tmp_path, reader, printed, official):
    report = _report()
    result = _read(tmp_path, reader, report, printed_tables(report, {official: printed}))
    _same(result, report.values)
    assert any(f"“{printed}”" in n and f"按“{official}”读取" in n for n in result.notes), result.notes
    _no_false_alarm(result)
    assert (result.report.meta.agency, result.report.meta.year) == (report.meta.agency, report.meta.year)


@pytest.mark.parametrize("reader", READERS)
def test_2019_other_handling_row_in_a_2021_table(tmp_path, reader):
    """2021's 二 and 四, but 三 printed in the 2019 layout: its single （六）其他处理 row goes to
    （六）3.其他 — with the note the correspondence declares — and nothing is lost."""
    report = _report()
    leaves = [g for g in report.form.tables["三"].groups if g.label == OTHER_HANDLING][0].rows
    old, _ = report.convert("2019")
    result = _read(tmp_path, reader, report, printed_tables(report, {}, three=old))
    expected = {k: v for k, v in report.values.items() if k.row not in leaves}
    for col in report.form.tables["三"].cols[:-1]:
        expected[CellKey("三", leaves[-1], col)] = sum(report.values[CellKey("三", leaf, col)] for leaf in leaves)
    _same(result, expected)
    assert any(f"“{OTHER_HANDLING}”是2019版格式的行标签" in n and f"按“{leaves[-1]}”读取" in n
               for n in result.notes), result.notes
    assert result.report.form_version == "2021"
    _no_false_alarm(result)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("label, first", [("（四）无法提供", "（四）无"), ("（五）不予处理", "（五）不予"),
                                          ("三、本年度办理结果", "三、本年")])
def test_group_label_split_over_two_cells(tmp_path, reader, label, first):
    report = _report()
    tables = printed_tables(report, {})
    tables["三"] = split_label(tables["三"], label, first)
    result = _read(tmp_path, reader, report, tables)
    _same(result, report.values)
    _no_false_alarm(result)


@pytest.mark.parametrize("reader", ("xlsx", "pdf"))
def test_a_label_that_could_be_two_rows_is_left_blank(tmp_path, reader):
    """One row where two official rows are missing, its label like neither clearly: it is not
    guessed; the note names the rows it could be, and every other figure is read."""
    report = _report()
    four, five = "4.保护第三方合法权益", "5.属于三类内部事务信息"
    printed = "其他不予公开的情形"
    tables = printed_tables(report, {four: printed})
    tables["三"] = drop_row(tables["三"], five)
    result = _read(tmp_path, reader, report, tables)
    got = result.report.values
    assert not [k for k in got if k.row in (four, five)]
    assert any(f"“{printed}”" in n and "无法确定" in n and f"“{four}”" in n and f"“{five}”" in n
               for n in result.notes), result.notes
    assert not any("请改为" in n for n in result.notes), result.notes
    others = {k: v for k, v in report.values.items() if k.row not in (four, five)}
    assert {k: got.get(k) for k in others} == others
