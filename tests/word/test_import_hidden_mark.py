"""A paragraph whose mark alone is hidden (``w:vanish`` in the paragraph mark's properties — what
Word's 样式分隔符 writes between a run-in heading in a heading style and the body text after it, and
what a clerk gets hiding a ¶ to join two lines) is printed by Word and WPS as the start of the
next paragraph: read so, the part's text is the line as printed, the heading as found before."""

from __future__ import annotations

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from report_builders import fill_every_cell

from govreport_gui.core.recalc import all_values
from govreport_gui.io.registry import read_report

from .docx_builders import add_table, official_rows

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
AGENCY, YEAR, DATE = "白沙镇人民政府", 2024, "2025年1月16日"
PREFACE = "本报告依照《条例》编写，统计期限为2024年1月1日至12月31日。"
RUN_IN = "（一）主动公开。"
BODY = "镇政府在公开专栏按月张贴低保和临时救助名单。"
SECOND = ["（二）依申请公开", "全年收到的申请都由党政办登记后按期书面答复。"]
FIVE = "专栏更新有时滞后。明年落实专人每周检查。"
SIX = "本年度未收取信息处理费。"


def _mark(paragraph, props: str = "<w:vanish/>") -> None:
    """The paragraph's mark given ``props`` (``w:pPr/w:rPr``), as Word writes a hidden ¶."""
    ppr = paragraph._p.get_or_add_pPr()
    ppr.append(parse_xml(f"<w:rPr {NS}>{props}</w:rPr>"))


def _document(report):
    """The report; returns the document and its paragraphs by their text."""
    document = docx.Document()
    document.add_paragraph(f"{AGENCY}{YEAR}年政府信息公开工作年度报告")
    document.add_paragraph(PREFACE)
    words = {"一": [RUN_IN, BODY, *SECOND], "五": [FIVE], "六": [SIX]}
    for section in report.form.sections:
        document.add_paragraph(section.heading)
        for line in words.get(section.key, []):
            document.add_paragraph(line)
        if section.table:
            add_table(document, *official_rows(report, section.table))
    for line in (AGENCY, DATE):
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return document, {p.text: p for p in document.paragraphs}


def _read(document, tmp_path):
    path = tmp_path / "r.docx"
    document.save(str(path))
    result = read_report(path)
    got = result.report
    assert (got.meta.agency, got.meta.year, got.meta.issuing_organ, got.meta.date) == (AGENCY, YEAR, AGENCY, DATE)
    assert (got.meta.preamble, got.sections["五"], got.sections["六"]) == (PREFACE, FIVE, SIX)
    return got


def test_a_run_in_heading_before_a_style_separator_is_one_line_with_its_text(tmp_path):
    report = fill_every_cell("2021")
    document, paragraphs = _document(report)
    _mark(paragraphs[RUN_IN])
    got = _read(document, tmp_path)
    assert got.sections["一"] == "\n".join([RUN_IN + BODY, *SECOND])
    expected = all_values(report.form, report.values)
    assert {k: v for k, v in all_values(got.form, got.values).items() if v} == {k: v for k, v in expected.items() if v}


def test_a_mark_shown_by_its_own_setting_keeps_two_paragraphs(tmp_path):
    document, paragraphs = _document(fill_every_cell("2021"))
    _mark(paragraphs[RUN_IN], '<w:vanish w:val="0"/>')
    assert _read(document, tmp_path).sections["一"] == "\n".join([RUN_IN, BODY, *SECOND])


def test_hidden_marks_in_a_row_run_on_into_the_first_shown_one(tmp_path):
    """The heading 一 and two lines after it, each mark hidden: printed as one line, the heading
    still found at its start and the rest its text."""
    document, paragraphs = _document(fill_every_cell("2021"))
    for text in ("一、总体情况", RUN_IN, BODY):
        _mark(paragraphs[text])
    got = _read(document, tmp_path)
    assert got.sections["一"] == "\n".join([RUN_IN + BODY + SECOND[0], SECOND[1]])


def test_a_hidden_mark_before_a_table_leaves_the_paragraph_its_own(tmp_path):
    """Nothing to run on into (a table follows): Word keeps the paragraph; so does the reader, and
    the table is read whole."""
    report = fill_every_cell("2021")
    report.sections["三"] = "本年度申请办理情况如下表。"
    document, paragraphs = _document(report)
    heading = paragraphs["三、收到和处理政府信息公开申请情况"]
    intro = heading.insert_paragraph_before("本年度申请办理情况如下表。")
    heading._p.addnext(intro._p)   # (after the heading, right above the table)
    _mark(intro)
    got = _read(document, tmp_path)
    assert got.sections["三"] == "本年度申请办理情况如下表。"
    expected = all_values(report.form, report.values)
    assert {k: v for k, v in all_values(got.form, got.values).items() if v} == {k: v for k, v in expected.items() if v}
