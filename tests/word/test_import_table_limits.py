"""Word tables are bounded like sheets: a hostile ``gridSpan`` / ``gridBefore`` is read as Word's
63-column limit, a table is read to at most ``MAX_ROWS`` rows / ``MAX_COLS`` columns, and the clerk
is told when a table was cut."""

from __future__ import annotations

import zipfile

from lxml import etree

from govreport_gui.io.locate.sheet_grid import MAX_COLS, MAX_ROWS
from govreport_gui.io.published.word_import import MAX_SPAN, W, table_grid
from govreport_gui.io.registry import read_report

_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_CT = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
       '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
       '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
       'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
_RELS = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
         '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
         'Target="word/document.xml"/></Relationships>')


def P(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def TC(text: str, span: int | None = None) -> str:
    pr = f'<w:tcPr><w:gridSpan w:val="{span}"/></w:tcPr>' if span else ""
    return f"<w:tc>{pr}{P(text)}</w:tc>"


def TR(cells: list[str], before: int | None = None) -> str:
    pr = f'<w:trPr><w:gridBefore w:val="{before}"/></w:trPr>' if before else ""
    return "<w:tr>" + pr + "".join(cells) + "</w:tr>"


def TBL(rows: list[str]) -> str:
    return "<w:tbl><w:tblPr/>" + "".join(rows) + "</w:tbl>"


HEAD = P("某某局2022年政府信息公开工作年度报告") + P("一、总体情况") + P("正文。")


def write_docx(path, body: str):
    xml = f'<?xml version="1.0" encoding="UTF-8"?><w:document {_NS}><w:body>{body}</w:body></w:document>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CT)
        z.writestr("_rels/.rels", _RELS)
        z.writestr("word/document.xml", xml)
    return path


def tbl_element(rows: list[str]):
    return etree.fromstring(f'<w:tbl {_NS}>' + "".join(rows) + "</w:tbl>")


def test_huge_grid_span_is_read_as_word_column_limit():
    grid = table_grid(tbl_element([TR([TC("自然人"), TC("1", span=2_000_000)]) for _ in range(200)]))
    assert grid.truncated
    assert grid.width == 1 + MAX_SPAN
    assert sum(len(row) for row in grid.occ) == 200 * (1 + MAX_SPAN)


def test_huge_grid_before_is_read_as_word_column_limit():
    grid = table_grid(tbl_element([TR([TC("自然人"), TC("1")], before=10 ** 12) for _ in range(3)]))
    assert grid.truncated
    assert grid.width <= MAX_SPAN + 2
    assert grid.cells[0].col == MAX_SPAN


def test_many_wide_cells_stop_at_the_column_limit():
    grid = table_grid(tbl_element([TR([TC(str(i), span=60) for i in range(50)])]))
    assert grid.truncated and grid.width == MAX_COLS


def test_ordinary_table_is_not_truncated():
    grid = table_grid(tbl_element([TR([TC("自然人"), TC("1", span=2)], before=1)]))
    assert not grid.truncated and grid.width == 4


def test_table_with_many_rows_is_cut_and_noted(tmp_path):
    rows = []
    for i in range(4000):
        rows += [TR([TC(""), TC("自然人"), TC("商业企业")]),
                 TR([TC("一、本年新收政府信息公开申请数量"), TC(str(i % 97)), TC("1")])]
    path = write_docx(tmp_path / "rows.docx", HEAD + P("三、收到和处理政府信息公开申请情况") + TBL(rows))
    grid = table_grid(next(zipfile_tables(path)))
    assert grid.truncated and grid.n_rows == MAX_ROWS
    result = read_report(path)
    cut = [str(n) for n in result.notes if "只读取了开头部分" in str(n)]
    assert cut and "第1个表格" in cut[0] and f"{MAX_ROWS} 行" in cut[0]


def test_spans_in_a_document_are_bounded(tmp_path):
    path = write_docx(tmp_path / "span.docx", HEAD + P("三、收到和处理政府信息公开申请情况")
                      + TBL([TR([TC("自然人"), TC("1", span=2_000_000)]) for _ in range(200)]))
    result = read_report(path)
    assert any("第1个表格" in str(n) and "只读取了开头部分" in str(n) for n in result.notes)


def zipfile_tables(path):
    with zipfile.ZipFile(path) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return root.iter(f"{W}tbl")
