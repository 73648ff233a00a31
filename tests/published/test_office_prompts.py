"""A field nobody filled in shows the office suite's prompt (``单击或点击此处输入文字。``).  In a
.docx the empty content control says so, but a .doc has no content controls — Word and WPS keep
the prompt as text, LibreOffice as a form field's text (several times over) — and a PDF prints it.
Whichever file it comes in, the prompt is no word of the report: the part's text is the clerk's
alone, and the notes say that prompts were left out."""

from __future__ import annotations

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from report_builders import fill_every_cell
from support import convert_with_libreoffice, require_libreoffice
from word.docx_builders import add_table, official_rows

from govreport_gui.io.published.office_prompts import without_prompts
from govreport_gui.io.registry import read_report

from .words_read import assert_words_and_figures

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
AGENCY, YEAR, DATE = "青石镇人民政府", 2024, "2025年1月20日"
PREFACE = "本报告依据《条例》编制，统计期限为2024年1月1日至12月31日。"
ONE = ["（一）主动公开", "镇政府按季度在公开专栏更新惠农补贴发放名单。"]
FIVE = "专栏内容分类不够细。下一年度按事项梳理栏目。"
SIX = "本年度未收取信息处理费。"
PROMPT = "单击或点击此处输入文字。"


def _report():
    report = fill_every_cell("2021")
    report.meta.agency, report.meta.year = AGENCY, YEAR
    report.sections.update({"一": "\n".join(ONE), "五": FIVE, "六": SIX})
    return report


def _content_control(prompt: str = PROMPT):
    """An empty block content control as Word writes it: its placeholder showing."""
    return parse_xml(f'<w:sdt {NS}><w:sdtPr><w:alias w:val="补充说明"/><w:showingPlcHdr/></w:sdtPr><w:sdtContent>'
                     f'<w:p><w:r><w:rPr><w:rStyle w:val="PlaceholderText"/></w:rPr><w:t>{prompt}</w:t></w:r></w:p>'
                     '</w:sdtContent></w:sdt>')


def _word(report, path, *, as_text: bool):
    """The report as a Word file with a prompt after 五's and 六's text: an empty content control,
    or (``as_text``) the prompt as plain text, as a .doc saved by Word or WPS holds it — there
    also inside 五's sentence."""
    document = docx.Document()
    document.add_paragraph(f"{AGENCY}{YEAR}年政府信息公开工作年度报告")
    document.add_paragraph(PREFACE)
    for section in report.form.sections:
        document.add_paragraph(section.heading)
        lines = list(filter(None, report.sections.get(section.key, "").split("\n")))
        if as_text and section.key == "五":
            lines = [FIVE + "单击此处输入文字。"]
        for line in lines:
            document.add_paragraph(line)
        if section.table:
            add_table(document, *official_rows(report, section.table))
        if section.key in "五六":
            if as_text:
                document.add_paragraph(PROMPT)
            else:
                body = document.element.body
                body.insert(len(body) - 1, _content_control())
    for line in (AGENCY, DATE):
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(str(path))
    return path


def _assert_words(result, report) -> None:
    assert_words_and_figures(result, report, agency=AGENCY, year=YEAR, preface=PREFACE, one=ONE,
                             five=FIVE, six=SIX, date=DATE)


def test_a_prompt_kept_as_text_is_no_word_of_the_report(tmp_path):
    report = _report()
    result = read_report(_word(report, tmp_path / "r.docx", as_text=True))
    _assert_words(result, report)
    assert [n for n in result.notes if "单击或点击此处输入文字" in n and "共3处" in n], result.notes


def test_an_empty_content_control_in_a_docx_is_left_out_without_a_note(tmp_path):
    """(The .docx marks its placeholder: it is never read as text, so there is nothing to note.)"""
    report = _report()
    result = read_report(_word(report, tmp_path / "r.docx", as_text=False))
    _assert_words(result, report)
    assert not [n for n in result.notes if "输入提示" in n], result.notes



@pytest.mark.parametrize("kind", ["doc", "pdf"])
def test_empty_content_controls_saved_as_doc_or_printed_to_pdf(kind, tmp_path):
    """LibreOffice writes each empty control into a .doc as form fields holding the prompt (more
    than once), and prints the prompt into a PDF: read, the parts hold the clerk's words only."""
    soffice = require_libreoffice()
    report = _report()
    source = _word(report, tmp_path / "r.docx", as_text=False)
    result = read_report(convert_with_libreoffice(soffice, source, kind, tmp_path))
    _assert_words(result, report)
    assert [n for n in result.notes if "输入提示" in n], result.notes


@pytest.mark.parametrize("line, kept", [
    ("单击或点击此处输入文字。", ""),
    ("Click or tap here to enter text.", ""),
    ("单击或点击以输入日期。", ""),
    ("联系电话：单击此处输入文字。", "联系电话："),
    ("群众可点击此处查看办事指南。", "群众可点击此处查看办事指南。"),
    ("请在专栏中输入文字后提交。", "请在专栏中输入文字后提交。"),
])
def test_only_the_prompt_is_taken_out_of_a_line(line, kept):
    assert without_prompts(line)[0] == kept
