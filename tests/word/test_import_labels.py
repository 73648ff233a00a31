"""Word tables whose labels are written the way clerks write them: without their numbering
(Word's auto-numbering is not part of the text), with spaces, full-width or half-width variants.
The Word reader finds the tables exactly as the Excel reader does (``table_locate`` +
``LabelIndex``), so whatever label the Excel reader accepts, the Word reader accepts too."""

from __future__ import annotations

import re

import docx
import openpyxl
import pytest
from report_builders import fill_every_cell

from govreport_gui.core.forms import CellKey, get_form
from govreport_gui.io.locate.labels import LabelIndex
from govreport_gui.io.notes import kind_of
from govreport_gui.io.registry import read_report

from .docx_builders import add_table, build, official_rows
from .test_import import fixture, inputs_equal

INDEX = LabelIndex()
NUMBERING = re.compile(r"^(\d{1,2}\.|[一二三四五六七八九十]{1,3}、|（[一二三四五六七八九十]{1,3}）)")


def unnumbered(label: str) -> str:
    """A label without its ``一、`` / ``（六）`` / ``1.`` — unless that leaves another label
    (``（七）总计`` → ``总计`` is a column, ``3.其他`` → ``其他`` too): clerks keep those."""
    bare = NUMBERING.sub("", label)
    if bare == label or any(u.what == "col" for u in INDEX.uses.get(bare, ())):
        return label
    return bare


def spaced(label: str) -> str:
    """Extra spaces, an ideographic space, a line break, full-width digits and brackets."""
    label = unnumbered(label)
    label = label.replace("（", "(").replace("）", ")") if len(label) % 2 else label
    label = label.translate(str.maketrans("0123456789.", "０１２３４５６７８９．"))
    if len(label) > 4:
        label = label[:2] + "  " + label[2:4] + "\u3000" + label[4:]
    return " " + label + "\n"


def table_inputs_equal(a, b, table_id: str) -> None:
    keys = [k for k in a.form.input_keys() if k.table == table_id]
    assert any(a.values.get(k) for k in keys)
    assert [b.values.get(k) or 0 for k in keys] == [a.values.get(k) or 0 for k in keys]


def _table_document(tmp_path, report, label, tables=("二", "三", "四"), name="r.docx"):
    form = report.form
    parts = []
    for section in form.sections:
        table = official_rows(report, section.table, label=label) if section.table in tables else None
        parts.append((section.heading, ["正文。"] if not section.table else [], table))
    return build(tmp_path / name, [f"{report.meta.agency}{report.meta.year}年政府信息公开工作年度报告"], [], parts)


@pytest.mark.parametrize("version", ["2019", "2021"])
@pytest.mark.parametrize("label", [unnumbered, spaced], ids=["unnumbered", "spaced"])
def test_labels_without_numbering_or_with_variants(tmp_path, version, label):
    """Every row label of 三 without ``一、`` / ``（一）`` / ``1.`` (2019's data row ``其他处理``
    included): every figure is read, nothing is left unplaced."""
    report = fill_every_cell(version)
    written = {g.text: label(g.text) for g in report.form.tables["三"].grid if g.text}
    assert written["一、本年新收政府信息公开申请数量"].strip() != "一、本年新收政府信息公开申请数量"
    result = read_report(_table_document(tmp_path, report, label))
    inputs_equal(report, result.report)
    assert [n for n in result.notes if kind_of(n) in ("unplaced", "problem")] == []


def test_other_handling_without_numbering_is_a_data_row_in_2019(tmp_path):
    """``其他处理`` alone: the 2019 data row （六）其他处理 (in 2021 a group heading)."""
    report = fixture("2019_haishu_district")
    report.set(CellKey("三", "（六）其他处理", "自然人"), 4)
    report.set(CellKey("三", "（六）其他处理", "其他"), 2)
    rows, spans = official_rows(report, "三")
    spec = report.form.tables["三"]
    g = next(g for g in spec.grid if g.text == "（六）其他处理")
    rows[g.row][g.col] = "其他处理"
    path = build(tmp_path / "a.docx", ["宁波市海曙区人民政府2019年政府信息公开工作年度报告"], [],
                 [("三、收到和处理政府信息公开申请情况", [], (rows, spans))])
    back = read_report(path).report
    assert back.form_version == "2019"
    assert back.values[CellKey("三", "（六）其他处理", "自然人")] == 4
    assert back.values[CellKey("三", "（六）其他处理", "其他")] == 2
    table_inputs_equal(report, back, "三")


def test_flat_table_three_with_unnumbered_labels_and_group_rows(tmp_path):
    """A table typed by hand: one label column, group rows of their own, no numbering at all."""
    report = fill_every_cell("2021")
    spec = report.form.tables["三"]
    rows = [["项目", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]]
    for row in spec.rows:
        if row == "（一）予以公开":
            rows.append([unnumbered("三、本年度办理结果")] + [""] * 7)
        values = [report.values.get(CellKey("三", row, c)) for c in spec.cols]
        rows.append([unnumbered(row)] + ["" if v is None else str(v) for v in values])
    document = docx.Document()
    document.add_paragraph("某某市生态环境局2022年政府信息公开工作年度报告")
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    add_table(document, rows)
    path = tmp_path / "flat.docx"
    document.save(str(path))
    back = read_report(path).report
    for cell in spec.cells:
        if not cell.computed:
            assert (back.values.get(cell.key) or 0) == (report.values.get(cell.key) or 0), cell.key


def test_word_reads_what_excel_reads(tmp_path):
    """The same unnumbered, spaced labels in a workbook and in a Word table give the same figures."""
    report = fill_every_cell("2021")
    word = read_report(_table_document(tmp_path, report, spaced)).report
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "年报"
    ws.cell(1, 1, f"{report.meta.agency}{report.meta.year}年政府信息公开工作年度报告")
    top = 3
    for table_id in ("二", "三", "四"):
        rows, spans = official_rows(report, table_id, label=spaced)
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if text:
                    ws.cell(top + r, 1 + c, text)
        for r, c, rs, cs in spans:
            if rs > 1 or cs > 1:
                ws.merge_cells(start_row=top + r, start_column=1 + c, end_row=top + r + rs - 1, end_column=c + cs)
        top += len(rows) + 3
    path = tmp_path / "r.xlsx"
    wb.save(path)
    excel = read_report(path).report
    assert word.values == excel.values
    inputs_equal(report, word)


def test_notes_name_the_word_table_not_a_spreadsheet_cell(tmp_path):
    """A row label of 三 with no figures anywhere: the note says which Word table and row."""
    report = fixture("2019_haishu_district")
    rows, spans = official_rows(report, "三")
    rows.append(["（八）其他情形"] + [None] * 2 + ["1"] * 7)
    spans.append((len(rows) - 1, 0, 1, 3))
    path = build(tmp_path / "a.docx", ["宁波市海曙区人民政府2019年政府信息公开工作年度报告"], [],
                 [("三、收到和处理政府信息公开申请情况", [], (rows, spans))])
    result = read_report(path)
    unplaced = [n for n in result.notes if kind_of(n) == "unplaced" and "其他情形" in n]
    assert unplaced, result.notes
    assert re.search(r"第1个表格第\d+行", unplaced[0]) and "!" not in unplaced[0], unplaced
    table_inputs_equal(report, result.report, "三")


def test_declared_grid_is_unchanged_by_the_label_functions():
    """Guard for the helpers above: they change the labels they should, and only those."""
    assert unnumbered("（六）其他处理") == "其他处理"
    assert unnumbered("（七）总计") == "（七）总计"
    assert unnumbered("3.其他") == "3.其他"
    assert unnumbered("1.属于国家秘密") == "属于国家秘密"
    assert get_form("2021").tables["三"].rows[0] == "一、本年新收政府信息公开申请数量"


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_columns_in_another_order(tmp_path, version):
    """三 with 科研机构 before 商业企业, 四 with 结果纠正 before 结果维持 in every group: each
    figure is read under its own header, not by position."""
    report = fill_every_cell(version)
    t3, spans3 = official_rows(report, "三")
    for row in t3[2:]:
        row[4], row[5] = row[5], row[4]
    t4, spans4 = official_rows(report, "四")
    for r, pairs in {1: [(0, 1)], 2: [(5, 6), (10, 11)], 3: [(0, 1), (5, 6), (10, 11)]}.items():
        for a, b in pairs:
            t4[r][a], t4[r][b] = t4[r][b], t4[r][a]
    assert t3[2][4] == "科研机构" and t4[1][0] == "结果纠正" and t4[2][10] == "结果纠正"
    path = build(tmp_path / "o.docx", [f"某某市生态环境局{report.meta.year}年政府信息公开工作年度报告"], [],
                 [("三、收到和处理政府信息公开申请情况", [], (t3, spans3)),
                  ("四、政府信息公开行政复议、行政诉讼情况", [], (t4, spans4))])
    result = read_report(path)
    table_inputs_equal(report, result.report, "三")
    table_inputs_equal(report, result.report, "四")
    assert [n for n in result.notes if kind_of(n) in ("unplaced", "problem") and "表二" not in n] == []


def test_a_table_twice_in_the_document_is_read_once_and_noted(tmp_path):
    """As in a workbook: the first copy is read, the clerk is told about the second and where
    the figures differ — named by Word table and rows, not spreadsheet ranges."""
    report = fixture("2019_haishu_district")
    rows, spans = official_rows(report, "四")
    other = [list(r) for r in rows]
    other[3][0] = "7"
    path = build(tmp_path / "d.docx", ["宁波市海曙区人民政府2019年政府信息公开工作年度报告"], [],
                 [("四、政府信息公开行政复议、行政诉讼情况", [], (rows, spans)),
                  ("五、存在的主要问题及改进情况", ["附：上年同期数据"], (other, spans))])
    result = read_report(path)
    table_inputs_equal(report, result.report, "四")
    duplicate = [n for n in result.notes if kind_of(n) == "duplicate"]
    assert len(duplicate) == 1 and "第1个表格第1至4行（已读取）、第2个表格第1至4行" in duplicate[0], result.notes
    assert "第2个表格第4行第1列 为7" in duplicate[0] and ":" not in duplicate[0]
