"""Word reports as other people's tools lay them out: list numbering kept in numbering.xml, a 落款
in a text box or a borderless table, a heading in a one-cell box, tracked changes, a split
table's 续表 line, page numbers typed into the text.  Every test reads the words (sections,
preface, title, 落款), not only the figures."""

from __future__ import annotations

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from report_builders import fill_every_cell

from govreport_gui.core.forms import CellKey
from govreport_gui.io.registry import read_report

from .docx_builders import add_table, official_rows

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
HEADINGS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
ONE = ["（一）主动公开", "全年在门户网站发布文件和动态共计三百余条，做到应公开尽公开。",
       "（二）依申请公开", "本年度办理申请均在法定期限内答复，答复文书格式统一。"]
FIVE = "一是栏目更新不够及时；二是解读形式较少。下一步将建立提醒机制。"
SIX = "本年度未收取信息处理费。"
ORGAN, DATE = "青川县水务局", "2025年1月20日"
TITLE = "青川县水务局2024年政府信息公开工作年度报告"


def _doc(title=(TITLE,), preface=("本报告依据《条例》编制，统计期限自2024年1月1日起至2024年12月31日止。",),
         heading=None, one=ONE, tables=False):
    """A report in python-docx: ``heading(document, text)`` writes each heading (default: a plain
    paragraph); ``tables``: the 2021 tables filled, under 二/三/四."""
    document = docx.Document()
    for line in title:
        document.add_paragraph(line)
    for line in preface:
        document.add_paragraph(line)
    report = fill_every_cell("2021")
    for n, text in enumerate(HEADINGS):
        (heading or (lambda d, t: d.add_paragraph(t)))(document, text)
        body = {0: one, 4: [FIVE], 5: [SIX]}.get(n, [])
        for line in body:
            document.add_paragraph(line)
        if tables and n in (1, 2, 3):
            add_table(document, *official_rows(report, "二三四"[n - 1]))
    return document, report


def _sign(document, organ=ORGAN, date=DATE):
    for text in (organ, date):
        document.add_paragraph(text).alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _read(document, tmp_path, name="r.docx"):
    path = tmp_path / name
    document.save(str(path))
    return read_report(path)


def _words_whole(report) -> None:
    assert report.sections["一"] == "\n".join(ONE)
    assert report.sections["五"] == FIVE
    assert report.sections["六"] == SIX


# ---------------------------------------------------------------------------------------------
# Word's list numbering: the number is in numbering.xml, not in the text


def _list(document, num_id: str, levels: list[tuple[str, str]]) -> None:
    lvls = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
                   for i, (fmt, text) in enumerate(levels))
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {NS} w:abstractNumId="{num_id}">{lvls}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {NS} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'))


def _numbered(paragraph, num_id: str, level: int = 0) -> None:
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {NS}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def test_headings_and_items_numbered_by_word_lists_read_with_their_numbers(tmp_path):
    """一、… and （一）… printed by a list (chineseCounting, ``%1、`` / ``（%2）``): the headings are
    found and the items of 一 keep their numbers."""
    document = docx.Document()
    _list(document, "40", [("chineseCounting", "%1、"), ("chineseCounting", "（%2）")])
    document.add_paragraph(TITLE)
    for n, text in enumerate(HEADINGS):
        _numbered(document.add_paragraph(text.split("、", 1)[1]), "40")
        if n == 0:
            for line in ONE:
                p = document.add_paragraph(line.split("）", 1)[1] if line.startswith("（") else line)
                if line.startswith("（"):
                    _numbered(p, "40", 1)
        if n == 4:
            document.add_paragraph(FIVE)
        if n == 5:
            document.add_paragraph(SIX)
    _sign(document)
    report = _read(document, tmp_path).report
    _words_whole(report)
    assert (report.meta.agency, report.meta.year, report.meta.date) == ("青川县水务局", 2024, DATE)


def test_headings_numbered_through_their_style(tmp_path):
    """Heading 1 / Heading 2 linked to a multilevel list (the numbers live in styles.xml)."""
    document = docx.Document()
    _list(document, "41", [("chineseCountingThousand", "%1、"), ("chineseCountingThousand", "（%2）")])
    for style, level in (("Heading 1", 0), ("Heading 2", 1)):
        document.styles[style].element.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {NS}><w:ilvl w:val="{level}"/><w:numId w:val="41"/></w:numPr>'))
    document.add_paragraph(TITLE)
    for n, text in enumerate(HEADINGS):
        document.add_paragraph(text.split("、", 1)[1], style="Heading 1")
        for line in {0: ONE, 4: [FIVE], 5: [SIX]}.get(n, []):
            if line.startswith("（"):
                document.add_paragraph(line.split("）", 1)[1], style="Heading 2")
            else:
                document.add_paragraph(line)
    report = _read(document, tmp_path).report
    _words_whole(report)


def test_list_numbers_as_word_prints_them():
    from govreport_gui.io.published.word_numbering import chinese_number, format_number

    assert [chinese_number(n) for n in (1, 6, 10, 11, 20, 23, 101)] == ["一", "六", "十", "十一", "二十", "二十三", "一百零一"]
    assert format_number(3, "decimalEnclosedCircle") == "③"
    assert format_number(2, "ideographTraditional") == "乙"
    assert format_number(4, "upperRoman") == "IV" and format_number(2, "lowerLetter") == "b"
    assert format_number(5, "bullet") == ""


# ---------------------------------------------------------------------------------------------
# The 落款 and the headings set in boxes


def _textbox(organ: str, date: str) -> str:
    """A text box as Word 2010+ writes it: the drawing, and the same box again in VML for older readers."""
    ns = ('xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
          'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
          'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
          'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml"')
    box = (f'<w:txbxContent><w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t>{organ}</w:t></w:r></w:p>'
           f'<w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t>{date}</w:t></w:r></w:p></w:txbxContent>')
    return (f'<w:r {NS} {ns}><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<wps:wsp><wps:txbx>{box}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>'
            f'</mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>'
            '</mc:AlternateContent></w:r>')


def test_signature_in_a_text_box_read_once(tmp_path):
    document, _ = _doc()
    document.add_paragraph()._p.append(parse_xml(_textbox(ORGAN, DATE)))
    report = _read(document, tmp_path).report
    _words_whole(report)
    assert (report.meta.issuing_organ, report.meta.date) == (ORGAN, DATE)


def test_signature_in_a_borderless_table(tmp_path):
    """The organ and the date in the right-hand cells of a table without borders (left cells empty)."""
    document, _ = _doc(tables=True)
    table = document.add_table(2, 2)
    table.cell(0, 1).text, table.cell(1, 1).text = ORGAN, DATE
    report = _read(document, tmp_path).report
    _words_whole(report)
    assert (report.meta.issuing_organ, report.meta.date) == (ORGAN, DATE)
    assert report.values[CellKey("二", "行政许可", "本年处理决定数量")]     # the report's tables still read


def test_headings_in_one_cell_boxes(tmp_path):
    def boxed(document, text):
        document.add_table(1, 1).cell(0, 0).text = text

    document, source = _doc(heading=boxed, tables=True)
    _sign(document)
    result = _read(document, tmp_path)
    report = result.report
    _words_whole(report)
    assert (report.meta.agency, report.meta.year) == ("青川县水务局", 2024)
    key = CellKey("三", "（一）予以公开", "自然人")
    assert report.values[key] == source.values[key]


def test_signature_on_one_line_spaced_with_ideographic_spaces(tmp_path):
    document, _ = _doc()
    document.add_paragraph(f"{ORGAN}\u3000\u3000\u3000{DATE}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    report = _read(document, tmp_path).report
    assert report.sections["六"] == SIX
    assert (report.meta.issuing_organ, report.meta.date) == (ORGAN, DATE)


# ---------------------------------------------------------------------------------------------
# Tracked changes, layout lines


def test_text_deleted_or_moved_away_with_changes_tracked_is_not_read(tmp_path):
    document, _ = _doc(one=[])
    p = document.add_paragraph()
    p._p.append(parse_xml(f'<w:r {NS}><w:t xml:space="preserve">全年主动公开信息</w:t></w:r>'))
    p._p.append(parse_xml(f'<w:ins {NS} w:id="1" w:author="审核"><w:r><w:t>二百余条</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:del {NS} w:id="2" w:author="审核"><w:r><w:delText>一百余条</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:moveFrom {NS} w:id="3" w:author="审核"><w:r><w:t>（移到后文的话）</w:t></w:r></w:moveFrom>'))
    p._p.append(parse_xml(f'<w:r {NS}><w:t>。</w:t></w:r>'))
    # the paragraph belongs to 一: move it there
    document.paragraphs[2]._p.addnext(p._p)
    _sign(document)
    report = _read(document, tmp_path).report
    assert report.sections["一"] == "全年主动公开信息二百余条。"


def test_continued_table_line_and_typed_page_numbers_are_no_text(tmp_path):
    """三 split over two pages with ``续表`` above its second part (header rows repeated), and the
    page numbers a converted file carries as paragraphs: the figures whole, no such line in the text."""
    document = docx.Document()
    report = fill_every_cell("2021")
    document.add_paragraph(TITLE)
    rows, spans = official_rows(report, "三")
    for n, text in enumerate(HEADINGS):
        document.add_paragraph(text)
        for line in {0: ONE, 4: [FIVE], 5: [SIX]}.get(n, []):
            document.add_paragraph(line)
        if n == 1:
            document.add_paragraph("— 2 —")
        if n == 2:
            add_table(document, rows[:12], [s for s in spans if s[0] + s[2] <= 12])
            document.add_paragraph("续表")
            header = 3
            second = [list(r) for r in rows[:header] + rows[12:]]
            add_table(document, second, [s for s in spans if s[0] < header]
                      + [(r - 12 + header, c, rs, cs) for r, c, rs, cs in spans if r >= 12])
        if n == 4:
            document.add_paragraph("第 3 页 共 4 页")
    _sign(document)
    result = _read(document, tmp_path)
    back = result.report
    _words_whole(back)
    for section in ("二", "三", "四"):
        assert not back.sections.get(section), (section, back.sections.get(section))
    for key in (CellKey("三", "（一）予以公开", "自然人"), CellKey("三", "四、结转下年度继续办理", "其他")):
        assert back.values.get(key) == report.values.get(key), key
    assert any("续表" in note and "— 2 —" in note for note in result.notes), result.notes


def test_layout_marks():
    from govreport_gui.io.published.bounds import layout_mark

    for text in ("— 3 —", "-12-", "第3页", "第 3 页 共 8 页", "3/8", "续表", "续表三", "（续表）", "表三（续）", "续上表："):
        assert layout_mark(text), text
    for text in ("三", "2024年", "续表明我局……", "第三部分", "共3页的材料已公开。"):
        assert not layout_mark(text), text


# ---------------------------------------------------------------------------------------------
# A title without the agency, no 落款: the agency the preface names


def test_agency_named_by_the_preface_of_an_unsigned_report(tmp_path):
    document, _ = _doc(title=("2024年政府信息公开工作年度报告",),
                       preface=("本报告结合青川县水务局2024年度政府信息公开工作情况编制，数据统计期限自2024年1月1日至12月31日。",))
    result = _read(document, tmp_path)
    assert (result.report.meta.agency, result.report.meta.year) == ("青川县水务局", 2024)
    assert any("前言" in note and "青川县水务局" in note for note in result.notes)
    _words_whole(result.report)


def test_agency_in_preface_needs_the_reports_year_and_an_organs_name():
    from govreport_gui.io.published.report_title import agency_in_preface

    assert agency_in_preface("现公布青川县水务局2024年政府信息公开工作年度报告。", 2024) == "青川县水务局"
    assert agency_in_preface("现公布青川县水务局2023年政府信息公开工作年度报告。", 2024) == ""
    assert agency_in_preface("本报告依据2024年政府信息公开工作要点编制。", 2024) == ""
    # the words that lead into the name: 特, 向社会 (公众) before the verb
    assert agency_in_preface("依照条例，特向社会公布青川县乔庄镇2024年度信息公开年度报告。", 2024) == "青川县乔庄镇"
    assert agency_in_preface("按条例要求，特编制青川县档案馆2024年政府信息公开工作年度报告。", 2024) == "青川县档案馆"
    assert agency_in_preface("现向社会公众公布青川县林业局2024年政府信息公开工作年度报告。", 2024) == "青川县林业局"


# ---------------------------------------------------------------------------------------------
# The preface's contact lines; an empty content control


def _linked(paragraph, lead: str, address: str) -> None:
    """``lead`` then ``address`` as a hyperlink, as Word's AutoFormat links an e-mail or web address."""
    paragraph.add_run(lead)
    rid = paragraph.part.relate_to("mailto:" + address, "http://schemas.openxmlformats.org/officeDocument/2006/"
                                   "relationships/hyperlink", is_external=True)
    paragraph._p.append(parse_xml(f'<w:hyperlink {NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
                                  f'relationships" r:id="{rid}"><w:r><w:t>{address}</w:t></w:r></w:hyperlink>'))


CONTACTS = ["联系地址：青川县滨河路8号", "联系电话：0839-6620000"]


def _contact_preface(document, sentence: str | None) -> None:
    """The preface (``sentence``, if any) and its contact lines, the e-mail and web address linked."""
    anchor = document.paragraphs[0]._p
    paragraphs = ([sentence] if sentence else []) + CONTACTS
    for text in reversed(paragraphs):
        anchor.addnext(docx.Document().add_paragraph(text)._p)
    last = document.paragraphs[len(paragraphs)]
    for lead, address in (("电子邮箱：", "qcsw@example.gov.cn"), ("网址：", "www.qcsw.example.gov.cn")):
        p = docx.Document().add_paragraph()
        _linked(p, lead, address)
        last._p.addnext(p._p)
        last = p


def test_contact_lines_with_linked_addresses_stay_in_the_preface(tmp_path):
    for sentence in ("本报告依据《条例》编制，统计期限自2024年1月1日起至2024年12月31日止。", None):
        document, _ = _doc(preface=())
        _contact_preface(document, sentence)
        _sign(document)
        result = _read(document, tmp_path)
        lines = result.report.meta.preamble.split("\n")
        want = ([sentence] if sentence else []) + CONTACTS + ["网址：www.qcsw.example.gov.cn", "电子邮箱：qcsw@example.gov.cn"]
        assert sorted(lines) == sorted(want), (sentence, lines, result.notes)
        _words_whole(result.report)


def test_empty_content_control_shows_a_placeholder_that_is_no_text(tmp_path):
    document, _ = _doc()
    _sign(document)
    six = next(p for p in document.paragraphs if p.text == SIX)
    six._p.addnext(parse_xml(f'<w:sdt {NS}><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r>'
                             '<w:t>单击或点击此处输入文字。</w:t></w:r></w:p></w:sdtContent></w:sdt>'))
    inline = parse_xml(f'<w:sdt {NS}><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r>'
                       '<w:t>在此输入日期</w:t></w:r></w:sdtContent></w:sdt>')
    next(p for p in document.paragraphs if p.text == FIVE)._p.append(inline)
    report = _read(document, tmp_path).report
    _words_whole(report)
    assert (report.meta.issuing_organ, report.meta.date) == (ORGAN, DATE)


def test_note_row_under_a_tables_figures_is_the_tables_note(tmp_path):
    """A row of 三 and of 四 holding only ``注：……`` under the figures: a note, not an unknown label
    the clerk is told to rename."""
    document = docx.Document()
    report = fill_every_cell("2021")
    document.add_paragraph(TITLE)
    for n, text in enumerate(HEADINGS):
        document.add_paragraph(text)
        for line in {0: ONE, 4: [FIVE], 5: [SIX]}.get(n, []):
            document.add_paragraph(line)
        if n in (2, 3):
            table = add_table(document, *official_rows(report, "二三四"[n - 1]))
            row = table.add_row()
            row.cells[0].merge(row.cells[-1]).text = ("注：“其他”指个体工商户等申请人。" if n == 2 else "注：本年度无结转案件。")
    _sign(document)
    result = _read(document, tmp_path)
    _words_whole(result.report)
    assert not [n for n in result.notes if "请改为官方格式" in n], result.notes
    assert sum("是表格的说明" in n for n in result.notes) == 2, result.notes
    key = CellKey("四", "行政复议", "结果维持")
    assert result.report.values[key] == report.values[key]


def test_a_label_alone_in_its_row_above_figures_is_no_note():
    from govreport_gui.io.locate.sheet_grid import SheetGrid
    from govreport_gui.io.published.tables import table_note

    sheet = SheetGrid("t")
    sheet.cells.update({(0, 0): "说明：以下为分项。", (1, 0): "行政许可", (1, 1): "3", (2, 0): "注：无。"})
    assert not table_note(sheet, 0, 0)      # figures below it
    assert table_note(sheet, 2, 0)


def test_numbering_parts_are_read_only_when_a_used_style_may_number():
    from lxml import etree

    from govreport_gui.io.published.word_import import _numbered_styles_used

    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = etree.fromstring(f'<w:body {ns}><w:p><w:pPr><w:pStyle w:val="Sub"/></w:pPr></w:p></w:body>')
    numbered_base = (f'<w:styles {ns}><w:style w:styleId="Base"><w:pPr><w:numPr><w:numId w:val="3"/></w:numPr>'
                     '</w:pPr></w:style><w:style w:styleId="Sub"><w:basedOn w:val="Base"/></w:style></w:styles>')
    plain = (f'<w:styles {ns}><w:style w:styleId="Sub"><w:pPr/></w:style>'
             '<w:style w:styleId="ListNumber"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style></w:styles>')
    assert _numbered_styles_used(body, numbered_base.encode())   # numbered through the style it is based on
    assert not _numbered_styles_used(body, plain.encode())      # only an unused style is numbered
    assert _numbered_styles_used(body, plain.replace('"Sub"', '"Other"').encode())   # not found: read the parts
    assert not _numbered_styles_used(body, b"")
