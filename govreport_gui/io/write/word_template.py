"""The Word template of the exported report: page setup, page numbers and the named styles.

``resources/report-template.docx`` is built by this module (``python3 -m
govreport_gui.io.write.word_template``) and read by the exporter, so an office can replace it with its
own template: the exporter uses the styles *by name* (``STYLE_NAMES``) and the template's first
section (paper, margins, footers with page numbers).  A style an office template lacks is added
from the definitions here, so a partial template still gives a complete document.

Typography follows GB/T 9704-2012 as used for the annual reports: A4, margins 37/35/28/26 mm,
仿宋_GB2312 3号 body with fixed 28.95 pt lines and a two-character first-line indent, 方正小标宋简体
2号 title, 黑体 / 楷体_GB2312 headings, 4号 宋体 page numbers ``— 1 —`` right on odd pages and left on
even pages.  Every Chinese font is set as the East-Asian font (``w:eastAsia``) of its style: a
font set only as ``w:ascii`` is silently replaced by Word and WPS.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ...core.forms import Layout, newest_form

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Page setup (twips: 1 mm = 56.6929 twips).
PAGE_WIDTH, PAGE_HEIGHT = 11906, 16838           # A4
MARGIN_TOP, MARGIN_BOTTOM = 2098, 1984           # 37 mm, 35 mm
MARGIN_LEFT, MARGIN_RIGHT = 1587, 1474           # 28 mm, 26 mm
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 8845 twips = 156 mm
HEADER_DISTANCE, FOOTER_DISTANCE = 851, 1247     # 15 mm; page number about 7 mm below the text block
BODY_LINE = 579                                   # fixed line spacing 28.95 pt (22 lines per page)

FONT_BODY = "仿宋_GB2312"
FONT_TITLE = "方正小标宋简体"
FONT_HEADING1 = "黑体"
FONT_HEADING2 = "楷体_GB2312"
FONT_TABLE = "宋体"
FONT_PAGE_NUMBER = "宋体"
FONT_LATIN = "Times New Roman"

# The official tables (二, 三, 四), numbered by the section they stand under; each has its own text
# style, sized by its layout: the blocks of 二 in 五号, the ten columns of 三 in 小五, the fifteen of
# 四 in 8 pt (half-points).
_TABLES = newest_form().tables.values()
_SECTION_NUMBER = {s.table: i for i, s in enumerate(newest_form().sections, 1) if s.table}
_TABLE_TEXT_SIZE = {Layout.BLOCKS: 21, Layout.ROWS: 18, Layout.COLUMN_GROUPS: 16}


def table_text_key(table_id: str) -> str:
    """The ``STYLE_NAMES`` key of the text style of table ``table_id``."""
    return f"table_text_{table_id}"


# The style names the exporter uses (what an office template must — or may — define).
STYLE_NAMES = {
    "title": "年报标题",
    "body": "年报正文",
    "heading1": "年报一级标题",
    "heading2": "年报二级标题",
    "heading2_run": "年报二级标题字符",
    "heading3_run": "年报三级标题字符",
    "signature": "年报落款",
    "table": "年报表格",
    "table_text": "年报表格文字",
    **{table_text_key(t.id): f"年报表{t.id}文字" for t in _TABLES},
    "page_number": "年报页码",
}


def _fonts(east_asia: str, latin: str = FONT_LATIN) -> str:
    return (f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{east_asia}" '
            f'w:cs="{latin}" w:hint="eastAsia"/>')


def _size(half_points: int) -> str:
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


_FIXED = f'<w:spacing w:before="0" w:after="0" w:line="{BODY_LINE}" w:lineRule="exact"/>'
_SINGLE = '<w:snapToGrid w:val="0"/><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
_INDENT2 = '<w:ind w:firstLineChars="200" w:firstLine="640"/>'

# (style id, type, name, based on, pPr inner XML, rPr inner XML)
_STYLES: tuple[tuple[str, str, str, str | None, str, str], ...] = (
    ("GRBody", "paragraph", STYLE_NAMES["body"], "Normal",
     f'<w:widowControl/><w:spacing w:before="0" w:after="0" w:line="{BODY_LINE}" w:lineRule="exact"/>'
     f'{_INDENT2}<w:jc w:val="both"/>',
     _fonts(FONT_BODY) + _size(32)),
    ("GRTitle", "paragraph", STYLE_NAMES["title"], "Normal",
     '<w:keepNext/><w:spacing w:before="0" w:after="0" w:line="720" w:lineRule="exact"/>'
     '<w:ind w:firstLine="0"/><w:jc w:val="center"/>',
     _fonts(FONT_TITLE) + _size(44)),
    ("GRHeading1", "paragraph", STYLE_NAMES["heading1"], "GRBody",
     f'<w:keepNext/>{_FIXED}{_INDENT2}<w:outlineLvl w:val="0"/>',
     _fonts(FONT_HEADING1) + _size(32)),
    ("GRHeading2", "paragraph", STYLE_NAMES["heading2"], "GRBody",
     f'<w:keepNext/>{_FIXED}{_INDENT2}<w:outlineLvl w:val="1"/>',
     _fonts(FONT_HEADING2) + _size(32)),
    ("GRHeading2Char", "character", STYLE_NAMES["heading2_run"], None, "",
     _fonts(FONT_HEADING2) + _size(32)),
    ("GRHeading3Char", "character", STYLE_NAMES["heading3_run"], None, "",
     _fonts(FONT_BODY) + '<w:b/><w:bCs/>' + _size(32)),
    ("GRSignature", "paragraph", STYLE_NAMES["signature"], "GRBody",
     f'{_FIXED}<w:ind w:firstLine="0" w:rightChars="400" w:right="1280"/><w:jc w:val="right"/>',
     _fonts(FONT_BODY) + _size(32)),
    ("GRTableText", "paragraph", STYLE_NAMES["table_text"], "Normal",
     f'{_SINGLE}<w:ind w:firstLine="0"/><w:jc w:val="center"/>',
     _fonts(FONT_TABLE) + '<w:kern w:val="0"/>' + _size(21)),
    *((f"GRTable{_SECTION_NUMBER[t.id]}Text", "paragraph", STYLE_NAMES[table_text_key(t.id)], "GRTableText", "",
       _size(_TABLE_TEXT_SIZE[t.layout])) for t in _TABLES),
    ("GRPageNumber", "paragraph", STYLE_NAMES["page_number"], "Normal",
     f'{_SINGLE}<w:ind w:firstLine="0"/>',
     _fonts(FONT_PAGE_NUMBER, FONT_PAGE_NUMBER) + _size(28)),
)

_TABLE_STYLE = (
    f'<w:style xmlns:w="{W_NS}" w:type="table" w:customStyle="1" w:styleId="GRTable">'
    f'<w:name w:val="{STYLE_NAMES["table"]}"/><w:basedOn w:val="TableNormal"/><w:qFormat/>'
    '<w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'
    '<w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr>'
    f'<w:rPr>{_fonts(FONT_TABLE)}{_size(21)}</w:rPr>'
    '<w:tblPr><w:jc w:val="center"/><w:tblBorders>'
    + "".join(f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
              for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    + '</w:tblBorders><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="57" w:type="dxa"/>'
    '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr>'
    '<w:tcPr><w:vAlign w:val="center"/></w:tcPr></w:style>'
)


def _style_xml(style_id: str, kind: str, name: str, based_on: str | None, ppr: str, rpr: str) -> str:
    based = f'<w:basedOn w:val="{based_on}"/>' if based_on else ""
    link = '<w:qFormat/>' if kind == "paragraph" else ""
    return (f'<w:style xmlns:w="{W_NS}" w:type="{kind}" w:customStyle="1" w:styleId="{style_id}">'
            f'<w:name w:val="{name}"/>{based}{link}'
            + (f"<w:pPr>{ppr}</w:pPr>" if ppr and kind == "paragraph" else "")
            + (f"<w:rPr>{rpr}</w:rPr>" if rpr else "") + "</w:style>")


def ensure_styles(document) -> list[str]:
    """Add every exporter style the document's template lacks; returns the names added."""
    from docx.oxml import parse_xml

    styles_el = document.styles.element
    names = {s.name for s in document.styles}
    ids = {s.style_id for s in document.styles}
    added = []
    for style_id, kind, name, based_on, ppr, rpr in _STYLES:
        if name in names:
            continue
        sid = style_id if style_id not in ids else f"{style_id}X"
        if based_on and based_on not in ids and based_on not in {s for s, *_ in _STYLES}:
            based_on = None
        styles_el.append(parse_xml(_style_xml(sid, kind, name, based_on, ppr, rpr)))
        ids.add(sid)
        added.append(name)
    if STYLE_NAMES["table"] not in names:
        styles_el.append(parse_xml(_TABLE_STYLE))
        added.append(STYLE_NAMES["table"])
    return added


def _set_defaults(document) -> None:
    """Document defaults and Normal: 仿宋_GB2312 as the East-Asian font (no theme fonts — a theme
    font attribute would override the explicit one), Chinese language, no paragraph spacing."""
    styles_el = document.styles.element
    q = f"{{{W_NS}}}"
    defaults = styles_el.find(f"{q}docDefaults")
    rpr = defaults.find(f"{q}rPrDefault/{q}rPr")
    for child in list(rpr):
        rpr.remove(child)
    rpr.extend(_xml(_fonts(FONT_BODY) + _size(32) + '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'))
    ppr = defaults.find(f"{q}pPrDefault/{q}pPr")
    for child in list(ppr):
        ppr.remove(child)
    ppr.extend(_xml('<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>'))
    # Normal, and the built-in styles that name theme fonts, lose the theme attributes.
    for font in styles_el.iter(f"{q}rFonts"):
        for attr in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
            font.attrib.pop(f"{q}{attr}", None)
    normal = document.styles["Normal"]
    normal.font.size = None
    npr = normal.element.get_or_add_rPr()
    for child in list(npr):
        npr.remove(child)
    npr.extend(_xml(_fonts(FONT_BODY) + _size(32)))


def _xml(fragment: str) -> list:
    """Elements of a WordprocessingML fragment (several siblings allowed)."""
    from docx.oxml import parse_xml

    return list(parse_xml(f'<w:x xmlns:w="{W_NS}">{fragment}</w:x>'))


def _page_number_paragraph(footer, odd: bool) -> None:
    """``— N —``: odd pages right, even pages left, one character in from the margin."""
    p = footer.paragraphs[0]._p
    for child in list(p):
        if child.tag != f"{{{W_NS}}}pPr":
            p.remove(child)
    ppr = p.get_or_add_pPr()
    side = ('<w:ind w:right="280" w:rightChars="100"/><w:jc w:val="right"/>' if odd
            else '<w:ind w:left="280" w:leftChars="100"/><w:jc w:val="left"/>')
    ppr.extend(_xml(side))
    rpr = f"<w:rPr>{_fonts(FONT_PAGE_NUMBER, FONT_PAGE_NUMBER)}{_size(28)}</w:rPr>"
    for inner in ('<w:t xml:space="preserve">— </w:t>', '<w:fldChar w:fldCharType="begin"/>',
                  '<w:instrText xml:space="preserve"> PAGE </w:instrText>',
                  '<w:fldChar w:fldCharType="separate"/>', '<w:t>1</w:t>',
                  '<w:fldChar w:fldCharType="end"/>', '<w:t xml:space="preserve"> —</w:t>'):
        p.extend(_xml(f"<w:r>{rpr}{inner}</w:r>"))


def build_template():
    """A python-docx ``Document`` holding the template (styles, page setup, page numbers)."""
    import docx

    document = docx.Document()
    _set_defaults(document)
    ensure_styles(document)
    section = document.sections[0]
    sect = section._sectPr
    q = f"{{{W_NS}}}"
    pg_sz = sect.find(f"{q}pgSz")
    pg_sz.set(f"{q}w", str(PAGE_WIDTH))
    pg_sz.set(f"{q}h", str(PAGE_HEIGHT))
    pg_mar = sect.find(f"{q}pgMar")
    for attr, value in (("top", MARGIN_TOP), ("bottom", MARGIN_BOTTOM), ("left", MARGIN_LEFT),
                        ("right", MARGIN_RIGHT), ("header", HEADER_DISTANCE),
                        ("footer", FOOTER_DISTANCE), ("gutter", 0)):
        pg_mar.set(f"{q}{attr}", str(value))
    grid = sect.find(f"{q}docGrid")
    if grid is not None:  # no snapping to a line grid: the styles set fixed line spacing
        grid.attrib.pop(f"{q}type", None)
        grid.set(f"{q}linePitch", str(BODY_LINE))
    document.settings.odd_and_even_pages_header_footer = True
    section.footer.is_linked_to_previous = False
    section.even_page_footer.is_linked_to_previous = False
    for footer, odd in ((section.footer, True), (section.even_page_footer, False)):
        footer.paragraphs[0].style = document.styles[STYLE_NAMES["page_number"]]
        _page_number_paragraph(footer, odd)
    # The body of the template is empty: the exporter fills it.
    body = document.element.body
    for child in list(body):
        if child.tag != f"{q}sectPr":
            body.remove(child)
    document.core_properties.title = "政府信息公开工作年度报告"
    document.core_properties.author = "年报编制助手"
    document.core_properties.comments = "年报编制助手导出模板：样式名见 README（Word 导出）。"
    return document


def main(argv: list[str] | None = None) -> int:
    from ...resources import resource

    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else resource("report-template.docx")
    build_template().save(str(out))
    print(f"written {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
