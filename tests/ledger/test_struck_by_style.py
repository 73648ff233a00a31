"""Rows struck through by a named style the clerk applied (a 作废 cell style), not by formatting the
cells one by one: an .ods cell style based on a named one in styles.xml, a SpreadsheetML ``Style``
and its ``ss:Parent``, a web page's class in its style sheet (how Excel saves a cell style as a web
page), a Word character or paragraph style.  Like direct strikethrough: not counted, named."""

from __future__ import annotations

import datetime as dt
import zipfile

import pytest

from govreport_gui.io.workbook.ledger_read import read_ledgers

from .ledger_files import ODS_NS, write_html
from .test_cancelled_rows import ENTRIES, HEADER, STRUCK, assert_cancelled, count, ods_cell


def _values(entry) -> list[str]:
    return ["" if v is None else (f"{v:%Y-%m-%d}" if isinstance(v, dt.date) else str(v)) for v in entry]


NAMED = ('<office:document-styles {ns}><office:styles>'
         '<style:style style:name="Default" style:family="table-cell"/>'
         '<style:style style:name="作废" style:family="table-cell" style:parent-style-name="Default">'
         '<style:text-properties style:text-line-through-style="solid" style:text-line-through-type="single"/>'
         '</style:style>'
         '<style:style style:name="作废居中" style:family="table-cell" style:parent-style-name="作废"/>'
         '</office:styles></office:document-styles>').format(ns=ODS_NS)


@pytest.mark.parametrize("style", ["ce1", "作废", "作废居中"])
def test_struck_rows_of_an_ods_by_a_named_style(tmp_path, style):
    # ce1: an automatic style with no text properties of its own, based on the named style
    automatic = ('<office:automatic-styles><style:style style:name="ce1" style:family="table-cell" '
                 'style:parent-style-name="作废"><style:table-cell-properties fo:border="none"/></style:style>'
                 '<style:style style:name="ce2" style:family="table-cell" style:parent-style-name="作废">'
                 '<style:text-properties style:text-line-through-style="none"/></style:style>'
                 '</office:automatic-styles>')
    rows = ["<table:table-row>" + "".join(ods_cell(v, None) for v in HEADER) + "</table:table-row>"]
    for r, entry in enumerate(ENTRIES, 2):
        cell_style = style if r in STRUCK else ("ce2" if r == 4 else None)   # ce2 takes the line off again
        rows.append("<table:table-row>" + "".join(ods_cell(v, cell_style) for v in entry) + "</table:table-row>")
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NS} '
               f'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0">{automatic}<office:body>'
               f'<office:spreadsheet><table:table table:name="台账">{"".join(rows)}</table:table>'
               "</office:spreadsheet></office:body></office:document-content>")
    path = tmp_path / "台账.ods"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("styles.xml", '<?xml version="1.0" encoding="UTF-8"?>' + NAMED)
        zf.writestr("content.xml", content)
    (sheet,) = read_ledgers([path])
    assert sheet.struck_rows == {2, 5}
    assert_cancelled(count([sheet]), "台账.ods", "台账")


@pytest.mark.parametrize("how", ["cell_style", "parent_style", "row_style", "rich_text"])
def test_struck_rows_of_an_xml_spreadsheet_by_its_styles(tmp_path, how):
    def cell(v: str, style: str | None = None) -> str:
        attr = f' ss:StyleID="{style}"' if style else ""
        return f'<Cell{attr}><Data ss:Type="String">{v}</Data></Cell>' if v else "<Cell/>"

    rows = ["<Row>" + "".join(cell(h) for h in HEADER) + "</Row>"]
    for r, entry in enumerate(ENTRIES, 2):
        values = _values(entry)
        if r not in STRUCK:
            rows.append("<Row>" + "".join(cell(v) for v in values) + "</Row>")
        elif how == "row_style":
            rows.append('<Row ss:StyleID="void">' + "".join(cell(v) for v in values) + "</Row>")
        elif how == "rich_text":
            rows.append("<Row>" + "".join(
                f'<Cell><ss:Data ss:Type="String" xmlns="http://www.w3.org/TR/REC-html40"><S>{v}</S></ss:Data></Cell>'
                if v else "<Cell/>" for v in values) + "</Row>")
        else:
            rows.append("<Row>" + "".join(cell(v, "void" if how == "cell_style" else "s70") for v in values) + "</Row>")
    rows[3] = rows[3].replace('<Cell><Data ss:Type="String">同意公开', '<Cell ss:StyleID="void"><Data ss:Type="String">同意公开')
    xml = ('<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>'
           '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
           '<Styles><Style ss:ID="Default" ss:Name="Normal"><Font ss:FontName="宋体"/></Style>'
           '<Style ss:ID="void" ss:Name="作废"><Font ss:FontName="宋体" ss:StrikeThrough="1"/></Style>'
           '<Style ss:ID="s70" ss:Parent="void"><Alignment ss:Horizontal="Center"/></Style></Styles>'
           f'<Worksheet ss:Name="台账"><Table>{"".join(rows)}</Table></Worksheet></Workbook>')
    path = tmp_path / "导出.xls"
    path.write_text(xml, encoding="utf-8")
    (sheet,) = read_ledgers([path])
    assert sheet.struck_rows == {2, 5}
    assert_cancelled(count([sheet]), "导出.xls", "台账")


def test_struck_rows_of_a_web_page_by_a_class_of_its_style_sheet(tmp_path):
    # how Excel saves a sheet as a web page: each cell style a class of the page's style sheet
    head = ("<style><!--\n.xl65 {mso-style-parent:style0; white-space:normal;}\n"
            ".xl66\n\t{mso-style-parent:style0;\n\ttext-decoration:line-through;\n\ttext-line-through:single;}\n"
            "td.void, .other { color:gray; text-decoration: line-through }\n--></style>")
    body = ["<tr>" + "".join(f"<td class=xl65>{h}</td>" for h in HEADER) + "</tr>"]
    for r, entry in enumerate(ENTRIES, 2):
        values = _values(entry)
        cls = ("xl66" if r == 3 else "void") if r in STRUCK else "xl65"
        body.append("<tr>" + "".join(f"<td class='{cls} x'>{v}</td>" for v in values) + "</tr>")
    body[3] = body[3].replace("<td class='xl65 x'>同意公开</td>", "<td class='xl66'>同意公开</td>")   # one cell: kept
    path = write_html(tmp_path / "导出.xls", ["".join(body)], encoding="utf-8", head=head)
    (sheet,) = read_ledgers([path])
    assert sheet.struck_rows == {2, 5}
    assert_cancelled(count([sheet]), "导出.xls", "")


@pytest.mark.parametrize("how", ["character", "paragraph", "based_on"])
def test_struck_rows_of_a_word_table_by_its_styles(tmp_path, how):
    import docx
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    char_style = document.styles.add_style("作废字", WD_STYLE_TYPE.CHARACTER)
    char_style.font.strike = True
    para_style = document.styles.add_style("作废段", WD_STYLE_TYPE.PARAGRAPH)
    para_style.font.strike = True
    child = document.styles.add_style("作废段居中", WD_STYLE_TYPE.PARAGRAPH)
    child.base_style = para_style
    table = document.add_table(rows=len(ENTRIES) + 1, cols=len(HEADER))
    for c, h in enumerate(HEADER):
        table.cell(0, c).paragraphs[0].add_run(h)
    for r, entry in enumerate(ENTRIES, 2):
        for c, v in enumerate(_values(entry)):
            paragraph = table.cell(r - 1, c).paragraphs[0]
            if r in STRUCK and how != "character":
                paragraph.style = "作废段" if how == "paragraph" else "作废段居中"
            run = paragraph.add_run(v)
            if r in STRUCK and how == "character":
                run.style = "作废字"
            if r == 4 and c == 4:
                run.style = "作废字"   # one struck cell: kept
    path = tmp_path / "台账.docx"
    document.save(path)
    (sheet,) = read_ledgers([path])
    assert sheet.struck_rows == {2, 5}
    assert_cancelled(count([sheet]), "台账.docx", "")


def _move_workbook_part(src, dst):
    """The same package with its workbook part elsewhere (``xl/book.xml``, named by the package's
    relationships and content types, as some exporting systems write it): the fast .xlsx pass does
    not follow it, and the workbook is read through openpyxl instead."""
    moved = {"xl/workbook.xml": "xl/book.xml", "xl/_rels/workbook.xml.rels": "xl/_rels/book.xml.rels"}
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename in ("_rels/.rels", "[Content_Types].xml"):
                data = data.replace(b"xl/workbook.xml", b"xl/book.xml")
            zout.writestr(moved.get(item.filename, item.filename), data)
    return dst


def test_struck_rows_of_an_xlsx_read_through_openpyxl(tmp_path, caplog):
    import logging

    from .test_cancelled_rows import struck_xlsx
    path = _move_workbook_part(struck_xlsx(tmp_path / "原.xlsx"), tmp_path / "台账.xlsx")
    with caplog.at_level(logging.INFO, logger="govreport_gui.io.workbook.ledger_read"):
        (sheet,) = read_ledgers([path])
    assert any("按 openpyxl 读取台账" in r.getMessage() for r in caplog.records)   # (the path this test is for)
    assert sheet.struck_rows == {2, 5}
    assert_cancelled(count([sheet]), "台账.xlsx", "台账")
