"""Text a Word file holds but Word and WPS neither show nor print: hidden text (``w:vanish`` on a
run, through a character or paragraph style, on the runs of a table's row or column), a field's
code (``PAGE``, ``HYPERLINK "…"``, a field nested in another's code), a table of contents, text
deleted with changes tracked.  The report read is the one printed; what was left out is named in
the notes.  Text hidden only in Web Layout view (``w:webHidden``) is printed, and read."""

from __future__ import annotations

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from report_builders import fill_every_cell

from govreport_gui.core.forms import CellKey
from govreport_gui.io.published.word_hidden import hidden_styles
from govreport_gui.io.registry import read_report

from .docx_builders import add_table, official_rows

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
HEADINGS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
TITLE = "岚山镇人民政府2024年政府信息公开工作年度报告"
PREFACE = "本报告按照《条例》要求编制，所列数据的统计期限为2024年1月1日至12月31日。"
ONE = ["（一）主动公开", "镇政府在门户网站开设专栏，按月更新财政和民生资金信息。",
       "（二）依申请公开", "收到的申请均由党政办登记，按期书面答复。"]
FIVE = "公开栏目分类还不够清晰。明年将按事项重新梳理栏目。"
SIX = "本年度没有收取信息处理费。"
ORGAN, DATE = "岚山镇人民政府", "2025年1月22日"


def _run(text: str, props: str = "") -> str:
    return f'<w:r {NS}>{f"<w:rPr>{props}</w:rPr>" if props else ""}<w:t xml:space="preserve">{text}</w:t></w:r>'


def _field(paragraph, code: str, result: str, result_props: str = "") -> None:
    """A field as Word writes it: begin, its code, separate, its result, end."""
    for xml in (f'<w:r {NS}><w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r {NS}><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>',
                f'<w:r {NS}><w:fldChar w:fldCharType="separate"/></w:r>', _run(result, result_props),
                f'<w:r {NS}><w:fldChar w:fldCharType="end"/></w:r>'):
        paragraph._p.append(parse_xml(xml))


def _paragraph(document, *runs: str, style=None):
    paragraph = document.add_paragraph(style=style)
    for xml in runs:
        paragraph._p.append(parse_xml(xml))
    return paragraph


def _report_doc(body: dict[int, list] | None = None, tables=True):
    """Title, preface, the six headings with their text and the 2021 tables, the 落款; ``body``:
    extra writers ``(document) -> None`` called after the text of part n (0 … 5)."""
    document = docx.Document()
    figures = fill_every_cell("2021")
    document.add_paragraph(TITLE)
    document.add_paragraph(PREFACE)
    grids = {}
    for n, heading in enumerate(HEADINGS):
        document.add_paragraph(heading)
        for line in {0: ONE, 4: [FIVE], 5: [SIX]}.get(n, []):
            document.add_paragraph(line)
        if tables and n in (1, 2, 3):
            grids["二三四"[n - 1]] = add_table(document, *official_rows(figures, "二三四"[n - 1]))
        for write in (body or {}).get(n, []):
            write(document)
    for text in (ORGAN, DATE):
        document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    return document, figures, grids


def _read(document, tmp_path):
    path = tmp_path / "r.docx"
    document.save(str(path))
    return read_report(path)


def _words_as_printed(report) -> None:
    assert report.meta.preamble == PREFACE
    assert report.sections["一"] == "\n".join(ONE)
    assert report.sections["五"] == FIVE
    assert report.sections["六"] == SIX
    assert (report.meta.agency, report.meta.year) == ("岚山镇人民政府", 2024)
    assert (report.meta.issuing_organ, report.meta.date) == (ORGAN, DATE)


def _hidden_note(result) -> str:
    return next((n for n in result.notes if "隐藏的文字" in n), "")


def test_hidden_runs_and_paragraphs_are_left_out_and_named(tmp_path):
    """Hidden on a run (inside a sentence), on every run of a paragraph, and a hidden paragraph
    of guidance under 五: the words read are the printed ones; the notes name what was hidden."""
    def guidance(document):
        _paragraph(document, _run("（此处填写整改措施，定稿前隐藏）", "<w:vanish/>"))

    document, _, _ = _report_doc({4: [guidance]})
    one = next(p for p in document.paragraphs if p.text == ONE[1])
    one._p.insert(2, parse_xml(_run("（草稿：数字待核）", "<w:vanish/>")))
    result = _read(document, tmp_path)
    _words_as_printed(result.report)
    note = _hidden_note(result)
    assert "草稿：数字待核" in note and "此处填写整改措施" in note, result.notes


def test_text_hidden_by_its_style_is_left_out_unless_the_run_shows_it(tmp_path):
    """A paragraph style that hides (based on another that does), a character style that hides,
    and a run that says ``vanish=0`` in a hiding paragraph style: shown."""
    document, _, _ = _report_doc()
    hiding = document.styles.add_style("编写提示", WD_STYLE_TYPE.PARAGRAPH)
    hiding.font.hidden = True
    derived = document.styles.add_style("编写提示二", WD_STYLE_TYPE.PARAGRAPH)
    derived.base_style = hiding
    hidden_chars = document.styles.add_style("隐藏字符", WD_STYLE_TYPE.CHARACTER)
    hidden_chars.font.hidden = True
    shown = document.styles.add_style("显示字符", WD_STYLE_TYPE.CHARACTER)
    shown.base_style = hidden_chars
    shown.font.hidden = False
    five = next(p for p in document.paragraphs if p.text == FIVE)
    five.insert_paragraph_before("模板说明：本部分写问题和措施。", style=derived)
    five.add_run("（内部备注）", style=hidden_chars)
    six = next(p for p in document.paragraphs if p.text == SIX)
    six.text = ""
    six.style = hiding
    six._p.append(parse_xml(_run(SIX, '<w:vanish w:val="0"/>')))
    six._p.append(parse_xml(_run("（按样式隐藏）")))
    extra = next(p for p in document.paragraphs if p.text == ONE[3]).add_run("（不显示）", style=shown)
    extra.text = ""   # (a shown character style based on a hiding one: nothing to see, nothing hidden)
    result = _read(document, tmp_path)
    _words_as_printed(result.report)
    note = _hidden_note(result)
    assert all(w in note for w in ("模板说明", "内部备注", "按样式隐藏")), result.notes


def test_which_styles_hide():
    styles = parse_xml(
        f'<w:styles {NS}>'
        '<w:style w:styleId="a"><w:rPr><w:vanish/></w:rPr></w:style>'
        '<w:style w:styleId="b"><w:basedOn w:val="a"/></w:style>'
        '<w:style w:styleId="c"><w:basedOn w:val="b"/><w:rPr><w:vanish w:val="false"/></w:rPr></w:style>'
        '<w:style w:styleId="d"><w:basedOn w:val="c"/></w:style>'
        '<w:style w:styleId="e"><w:basedOn w:val="e"/></w:style>'
        '<w:style w:styleId="f"/></w:styles>')
    assert hidden_styles(styles) == {"a": True, "b": True, "c": False, "d": False}
    assert hidden_styles(None) == {}


def test_field_codes_are_no_words_and_their_results_are(tmp_path):
    """A page number field typed into the text, a link made by a HYPERLINK field, a field nested
    in another's code (IF … MERGEFIELD): the results read, no code."""
    document, _, _ = _report_doc()
    six = next(p for p in document.paragraphs if p.text == SIX)
    six.text = "本年度没有收取"
    _field(six, 'HYPERLINK "http://www.example.gov.cn/fee.html"', "信息处理费")
    six.add_run("。")
    one = next(p for p in document.paragraphs if p.text == ONE[3])
    one.text = "收到的申请均由"
    for xml in (f'<w:r {NS}><w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r {NS}><w:instrText xml:space="preserve"> IF </w:instrText></w:r>',
                f'<w:r {NS}><w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r {NS}><w:instrText xml:space="preserve"> MERGEFIELD 承办部门 </w:instrText></w:r>',
                f'<w:r {NS}><w:fldChar w:fldCharType="separate"/></w:r>', _run("综合办"),
                f'<w:r {NS}><w:fldChar w:fldCharType="end"/></w:r>',
                f'<w:r {NS}><w:instrText xml:space="preserve"> = "" "党政办" "党政办" </w:instrText></w:r>',
                f'<w:r {NS}><w:fldChar w:fldCharType="separate"/></w:r>', _run("党政办"),
                f'<w:r {NS}><w:fldChar w:fldCharType="end"/></w:r>', _run("登记，按期书面答复。")):
        one._p.append(parse_xml(xml))
    five = next(p for p in document.paragraphs if p.text == FIVE)
    five.text = FIVE[:8]
    _field(five, "QUOTE 0", "", "")   # an empty result
    five.add_run(FIVE[8:])
    page = _paragraph(document)
    _field(page, "PAGE \\* MERGEFORMAT", "3")
    document.element.body.remove(page._p)
    next(p for p in document.paragraphs if p.text == HEADINGS[4])._p.addprevious(page._p)
    result = _read(document, tmp_path)
    words = "".join(result.report.sections.values()) + result.report.meta.preamble
    for code in ("HYPERLINK", "MERGEFIELD", "QUOTE", "IF", "PAGE", "综合办", "example"):
        assert code not in words, (code, result.report.sections)
    _words_as_printed(result.report)


def test_fields_that_do_not_close_keep_their_text(tmp_path):
    """A damaged file: a field begun and never ended keeps the text after it (nothing is lost)."""
    document, _, _ = _report_doc()
    one = next(p for p in document.paragraphs if p.text == ONE[1])
    one.text = ""
    one._p.append(parse_xml(f'<w:r {NS}><w:fldChar w:fldCharType="begin"/></w:r>'))
    one._p.append(parse_xml(f'<w:r {NS}><w:instrText xml:space="preserve"> REF x </w:instrText></w:r>'))
    one._p.append(parse_xml(_run(ONE[1])))
    result = _read(document, tmp_path)
    _words_as_printed(result.report)


def test_a_table_of_contents_is_no_text_of_the_report(tmp_path):
    """A TOC field (its entries linked to the headings, page numbers hidden in Web Layout only)
    after the preface with its caption, and one in Word's content control before the title."""
    document, _, _ = _report_doc()
    preface = next(p for p in document.paragraphs if p.text == PREFACE)
    entries = []
    for n, heading in enumerate(HEADINGS):
        paragraph = docx.Document().add_paragraph()
        if n == 0:
            paragraph._p.append(parse_xml(f'<w:r {NS}><w:fldChar w:fldCharType="begin"/></w:r>'))
            paragraph._p.append(parse_xml(f'<w:r {NS}><w:instrText xml:space="preserve"> TOC \\o "1-2" \\h \\z \\u </w:instrText></w:r>'))
            paragraph._p.append(parse_xml(f'<w:r {NS}><w:fldChar w:fldCharType="separate"/></w:r>'))
        paragraph._p.append(parse_xml(f'<w:hyperlink {NS} w:anchor="_Toc{n}">{_run(heading)}<w:r><w:tab/></w:r>'
                                      f'{_run(str(n + 2), "<w:webHidden/>")}</w:hyperlink>'))
        if n == 5:
            paragraph._p.append(parse_xml(f'<w:r {NS}><w:fldChar w:fldCharType="end"/></w:r>'))
        entries.append(paragraph._p)
    caption = parse_xml(f'<w:p {NS}>{_run("目　　录")}</w:p>')
    preface._p.addnext(caption)
    for entry in reversed(entries):
        caption.addnext(entry)
    control = parse_xml(
        f'<w:sdt {NS}><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/>'
        f'</w:docPartObj></w:sdtPr><w:sdtContent><w:p>{_run("目录")}</w:p>'
        + "".join(f"<w:p>{_run(h)}<w:r><w:tab/></w:r>{_run('1')}</w:p>" for h in HEADINGS) + '</w:sdtContent></w:sdt>')
    document.element.body.insert(0, control)
    result = _read(document, tmp_path)
    _words_as_printed(result.report)
    assert any("目录" in n for n in result.notes), result.notes
    assert not any("网页内容" in n or "标题之前" in n for n in result.notes), result.notes


def test_web_layout_hidden_text_is_printed_and_read(tmp_path):
    document, _, _ = _report_doc()
    five = next(p for p in document.paragraphs if p.text == FIVE)
    five.text = FIVE[:6]
    five._p.append(parse_xml(_run(FIVE[6:], "<w:webHidden/>")))
    result = _read(document, tmp_path)
    _words_as_printed(result.report)
    assert not _hidden_note(result)


def test_tracked_deletion_and_hidden_row_and_column_of_a_table(tmp_path):
    """Text deleted with changes tracked is no text; a row of 三 whose text is hidden (a row of
    the old format kept out of print) and a hidden column of 四 beside the figures give neither
    figures nor labels to rename."""
    document, figures, grids = _report_doc()
    five = next(p for p in document.paragraphs if p.text == FIVE)
    five._p.append(parse_xml(f'<w:del {NS} w:id="7" w:author="审核人" w:date="2025-01-10T09:00:00Z">'
                             '<w:r><w:delText>已删去的一句。</w:delText></w:r></w:del>'))
    three = grids["三"]
    row = three.add_row()
    row.cells[0].merge(row.cells[2])
    for cell, text in zip([row.cells[0], *row.cells[3:]], ["（八）旧格式的其他情形"] + [str(n) for n in range(91, 98)]):
        cell.paragraphs[0]._p.append(parse_xml(_run(text, "<w:vanish/>")))
    rows = three._tbl.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tr")
    rows[-2].addnext(rows[-1])   # above 四、结转下年度继续办理: under （七）总计
    four = grids["四"]
    for n, tr in enumerate(four._tbl.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tr")):
        tc = parse_xml(f'<w:tc {NS}><w:p>{_run("备注" if n == 0 else str(500 + n), "<w:vanish/>")}</w:p></w:tc>')
        tr.append(tc)
    result = _read(document, tmp_path)
    _words_as_printed(result.report)
    for key, value in figures.values.items():
        assert result.report.values.get(key) == value, key
    assert not [n for n in result.notes if "请改为官方格式" in n or "未读取（按空白" in n], result.notes
    assert "已删去" not in _hidden_note(result) and "旧格式的其他情形" in _hidden_note(result)
    assert result.report.values.get(CellKey("四", "行政复议", "结果维持")) == figures.values[CellKey("四", "行政复议", "结果维持")]
