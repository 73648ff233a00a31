"""Reading a published report from a saved web page (.html/.htm, or a "单个文件" .mhtml/.mht).

Portals publish the annual report as an article page: navigation, breadcrumbs and a footer around
it, the text in ``<p>``/``<div>`` (often inside layout tables), the three statistical tables as
HTML tables with ``rowspan``/``colspan``, figures wrapped in ``<span>``/``<font>``, ``&nbsp;`` for
blanks.  The page becomes a stream of paragraphs and tables (each table a logical ``Grid``, as a
Word table is) in reading order, read by ``document.read_blocks`` — title, prose of 一…六,
signature, and the tables found by their labels like in a workbook.  Each paragraph keeps its
element and how much of it is links, so the shared mechanism (``bounds``) leaves out the portal's
text that is no part of the report: link lists, what lies outside the article's container.

Safety: the page is parsed by ``lxml.html`` with the network off; scripts, styles and frames are
skipped, never run; nothing is fetched (no images, links or entities).  Size and spans are bounded.
"""

from __future__ import annotations

import email
import email.policy
import re
from pathlib import Path

from ...core.errors import ReadError
from ..locate.sheet_grid import MAX_CELLS, MAX_COLS, MAX_ROWS
from ..notes import Note, kind_of
from ..registry import ImportResult
from .blocks import MAX_SPAN, Block, DCell, Grid, is_address
from .document import read_blocks
from .outline import looks_like_heading, numbered_heading

MAX_PAGE_BYTES = 20 * 1024 * 1024   # a report page is well under 1 MB; 20 MB is no report page
MAX_BLOCKS = 20_000

# elements whose content is never part of the report: code, styling, forms, embedded frames,
# and the page's own furniture (HTML5 navigation elements)
_SKIPPED = {"script", "style", "noscript", "template", "head", "title", "iframe", "frame", "frameset", "object",
            "embed", "select", "option", "button", "input", "textarea", "form", "nav", "svg", "math", "canvas",
            "audio", "video", "map"}
# elements that start a new line of text
_BLOCK = {"p", "div", "section", "article", "main", "header", "footer", "aside", "h1", "h2", "h3", "h4", "h5", "h6",
          "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "center", "address", "figure", "figcaption",
          "hr", "tr", "body", "html", "caption", "fieldset", "legend"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
# an XHTML page's XML declaration: its encoding counts as declared; lxml refuses a str that keeps it
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_\-]+)""", re.I)
_RIGHT = re.compile(r"text-align\s*:\s*(right|end)", re.I)


# ---------------------------------------------------------------------------------------------
# Entry points (registered in io.registry)


def read_html(path: Path) -> ImportResult:
    """Last year's report from a saved web page.  Raises ``ReadError`` with a message for the clerk."""
    path = Path(path)
    data = _read_bytes(path)
    text, guessed = decode_page(data)
    return _read_page(text, path.name, "html", [Note("网页没有声明文字编码，已按 GB18030（GBK）读取", "conversion")]
                      if guessed else [])


def read_mhtml(path: Path) -> ImportResult:
    """Last year's report from a web page saved as a single file (.mhtml/.mht)."""
    path = Path(path)
    data = _read_bytes(path)
    html = mhtml_page(data)
    if html is None:
        raise ReadError(f"“{path.name}”是单个文件网页（MHTML），但其中没有网页正文，无法读取。"
                        "请在浏览器中重新打开原网页，另存为“网页，仅 HTML”后再导入。")
    text, _ = decode_page(*html)
    return _read_page(text, path.name, "mhtml", [])


def _read_bytes(path: Path) -> bytes:
    size = path.stat().st_size
    if size > MAX_PAGE_BYTES:
        raise ReadError(f"“{path.name}”有 {size // 1024 // 1024} MB，不是一篇年报网页（年报网页通常不到 1 MB）。"
                        "请确认选择的是保存的年报网页。")
    return path.read_bytes()


def _read_page(text: str, name: str, kind: str, notes: list) -> ImportResult:
    blocks, page_notes = page_blocks(text)
    if not any(b.kind == "tbl" for b in blocks) and not any(b.text.strip() for b in blocks):
        raise ReadError(f"“{name}”是网页，但其中没有文字内容（可能是脚本生成的页面），无法读取。"
                        "请在浏览器中打开年报页面，等内容显示完整后再“另存为”网页（全部），或导入年报的 Word/PDF 附件。")
    result = read_blocks(blocks, name, kind)
    result.notes[:] = [*notes, *page_notes, *map(_on_page, result.notes)]
    result.found_in = {table_id: _on_page(where) for table_id, where in result.found_in.items()}
    return result


_TABLE_NUMBER = re.compile(r"第\d+(?:、\d+)*个表格")


def _on_page(note: str) -> str:
    """A note naming a table by its number says it is the page's (网页中的第2个表格)."""
    text = _TABLE_NUMBER.sub(lambda m: "网页中的" + m.group(0), note)
    return note if text == note else Note(text, kind_of(note))


# ---------------------------------------------------------------------------------------------
# Bytes to text


def decode_page(data: bytes, declared: str | None = None) -> tuple[str, bool]:
    """The page's text and whether its encoding had to be guessed: a BOM, the part's or the
    ``<meta>``'s declaration, else UTF-8 if it decodes, else GB18030 (a superset of GBK/GB2312)."""
    for bom, bom_codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(bom_codec, errors="replace"), False
    match = _CHARSET.search(data[:8192]) or _XML_ENCODING.match(data[:512])
    codec = _codec(declared) or _codec(match.group(1).decode("ascii") if match else None)
    if codec:
        return data.decode(codec, errors="replace"), False
    try:
        return data.decode("utf-8"), False
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace"), True


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    name = name.strip().lower()
    if name in ("gbk", "gb2312", "gb_2312-80", "x-gbk", "cp936", "gb18030", "euc-cn"):
        return "gb18030"   # pages labelled GB2312 often hold GBK characters; GB18030 reads them all
    try:
        import codecs
        return codecs.lookup(name).name
    except LookupError:
        return None


def mhtml_page(data: bytes) -> tuple[bytes, str | None] | None:
    """The first text/html part of an MHTML file (decoded from quoted-printable or base64) and
    its declared charset."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes) and payload.strip():
                return payload, part.get_content_charset()
    return None


# ---------------------------------------------------------------------------------------------
# The page as paragraphs and tables


def page_blocks(text: str) -> tuple[list[Block], list]:
    """Paragraphs and data tables of the page in reading order, and notes about what was capped."""
    import lxml.html
    from lxml import etree

    text = _XML_DECLARATION.sub("", text, count=1)
    parser = etree.HTMLParser(recover=True, no_network=True, remove_comments=True, remove_pis=True, huge_tree=False)
    # lxml.html's elements, chosen in C (lxml.html's parser asks a Python method for each element's
    # class, each time the walk meets the element: the form elements' own classes are not needed here)
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment, pi=lxml.html.HtmlProcessingInstruction,
        entity=lxml.html.HtmlEntity))
    try:
        root = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):
        raise ReadError("网页内容为空或无法解析，无法读取。") from None
    walker = _Walker()
    walker.walk(root)
    walker.flush()
    name = root.find(".//title")
    if name is not None and name.text_content().strip():   # the page's name for itself: a title to fall back on
        walker.blocks.insert(0, Block("name", " ".join(name.text_content().split())))
    return walker.blocks, walker.notes


class _Walker:
    """Walks the DOM in document order, gathering inline text into lines and tables into grids;
    each block keeps the element it came from and how much of its text is links."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.notes: list = []
        self.line: list[str] = []
        self.link_chars = 0
        self.in_link = 0
        self.right = False
        self.capped = False
        self.open: list = []     # the block elements the walk is inside, innermost last

    def flush(self) -> None:
        if not self.line:   # nothing gathered since the last line (a block inside a block)
            self.link_chars = 0
            self.right = False
            return
        text = "".join(self.line)
        if text.strip() and len(self.blocks) < MAX_BLOCKS:
            origin = self.open[-1] if self.open else None
            self.blocks.append(Block("p", " ".join(text.split()), self.right, links=self.link_chars, origin=origin))
        self.line = []
        self.link_chars = 0
        self.right = False

    def _text(self, text: str | None) -> None:
        if text:
            self.line.append(text)
            if self.in_link:
                self.link_chars += len("".join(text.split()))

    def walk(self, el) -> None:
        tag = el.tag
        tag = tag.lower() if isinstance(tag, str) else ""
        if tag in _SKIPPED or _hidden(el):
            self._tail(el)
            return
        if tag == "table":
            self._table(el)
            self._tail(el)
            return
        if tag == "br":
            self.flush()
            self._tail(el)
            return
        if tag == "img":
            self._picture(el)
            self._tail(el)
            return
        block = tag in _BLOCK or tag in ("td", "th") or (tag in ("b", "strong") and self._heading_run(el))
        if block:
            self.flush()
            self.right = _is_right(el)
            self.open.append(el)
        # a bookmark (<a name=…>) is no link, nor an address written out (an e-mail in a contact line)
        link = tag == "a" and el.get("href") is not None and not is_address(el.text_content() if len(el) else el.text or "")
        self.in_link += link
        if tag:
            self._text(el.text)
        for child in el:
            self.walk(child)
        self.in_link -= link
        if block:
            self.flush()
            self.open.pop()
        self._tail(el)

    def _heading_run(self, el) -> bool:
        """Bold text opening a paragraph that is a section heading (or numbered as one), the section's
        text after it in the same paragraph (``<p><b>一、总体情况</b>本年度……</p>``): the heading is a
        paragraph of its own."""
        if "".join(self.line).strip():
            return False
        run = "".join(el.itertext()).strip()
        return looks_like_heading(run) or numbered_heading(run)

    def _tail(self, el) -> None:
        self._text(el.tail)

    def _picture(self, img) -> None:
        """A picture standing in the text (a table published as an image), not an icon (set a few
        pixels wide or high, or inside a link: a menu's, a share bar's)."""
        sizes = [_pixels(img.get(attr)) for attr in ("width", "height")]
        if self.in_link or any(size is not None and size <= ICON_PIXELS for size in sizes):
            return
        self.flush()
        if len(self.blocks) < MAX_BLOCKS:
            self.blocks.append(Block("pic", origin=img))

    def _table(self, table) -> None:
        self.flush()
        if _is_layout(table):
            for cell in _cells_of(table):   # a layout table: its cells hold the page's content
                self.walk(cell)
                self.flush()
            return
        grid, capped = table_grid(table)
        if capped and not self.capped:
            self.capped = True
            self.notes.append(Note(f"网页中有表格超出可读取的范围（超过 {MAX_ROWS} 行、{MAX_COLS} 列或单元格跨度过大），"
                                   "超出部分未读取。", "problem"))
        caption = table.find("caption")
        if caption is not None and _text(caption):   # the caption reads before its table
            self.blocks.append(Block("p", _text(caption), origin=table))
        if grid.cells:
            self.blocks.append(Block("tbl", grid=grid, origin=table))


#: A picture at most this many pixels wide or high is an icon, no content.
ICON_PIXELS = 48


def _pixels(value: str | None) -> int | None:
    """``"600"`` / ``"600px"`` → 600; None when not given in pixels."""
    found = re.match(r"^\s*(\d+)\s*(?:px)?\s*$", value or "")
    return int(found.group(1)) if found else None


def _hidden(el) -> bool:
    """An element the browser does not show (``display:none``, ``visibility:hidden``, ``hidden``)."""
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style or el.get("hidden") is not None


def _is_right(el) -> bool:
    return (el.get("align") or "").lower() == "right" or bool(_RIGHT.search(el.get("style") or ""))


def _rows_of(table) -> list:
    """The table's own rows (not those of tables nested in it)."""
    rows = []
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            rows.append(child)
        elif tag in ("thead", "tbody", "tfoot"):
            rows.extend(c for c in child if isinstance(c.tag, str) and c.tag.lower() == "tr")
    return rows


def _cells_of(table) -> list:
    return [c for row in _rows_of(table) for c in row if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]


def _is_layout(table) -> bool:
    """A table that lays out the page rather than holding figures: it has tables inside it, or
    a single column (one cell in every row)."""
    if table.find(".//table") is not None:
        return True
    rows = _rows_of(table)
    return not rows or all(sum(_span(c, "colspan") for c in row if isinstance(c.tag, str)
                               and c.tag.lower() in ("td", "th")) <= 1 for row in rows)


_SPAN_DIGITS = re.compile(r"\s*(\d{1,7})")


def _span(cell, attr: str) -> int:
    value = cell.get(attr)
    digits = _SPAN_DIGITS.match(value) if value else None
    return max(1, int(digits.group(1))) if digits else 1


def _text(el) -> str:
    """A cell's text: ``<br>`` and block elements are line breaks, ``&nbsp;`` a space."""
    if len(el):
        parts: list[str] = [el.text or ""]
        for child in el:
            _cell_parts(child, parts)
        text = "".join(parts)
    else:   # text only (most cells)
        text = el.text or ""
    lines = ["".join(line.replace("\xa0", " ").split()) if _cjk_only(line) else " ".join(line.replace("\xa0", " ").split())
             for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def _cell_parts(node, parts: list[str]) -> None:
    """The text of ``node``, an element inside a cell, and its tail onto ``parts`` (a line break: "\\n")."""
    tag = node.tag.lower() if isinstance(node.tag, str) else ""
    if tag in _SKIPPED:
        parts.append(node.tail or "")
        return
    if tag == "br" or tag in _BLOCK:   # (``parts`` holds the cell's own text first: never empty here)
        parts.append("\n")
    parts.append(node.text or "" if tag else "")
    for child in node:
        _cell_parts(child, parts)
    if tag in ("p", "div", "li"):
        parts.append("\n")
    parts.append(node.tail or "")


def _cjk_only(line: str) -> bool:
    """A line of Chinese (spaces inside it are layout, ``自 然 人``), not a line of words."""
    return not _WORD.search(line)


_WORD = re.compile(r"[A-Za-z]{2,}")


def table_grid(table) -> tuple[Grid, bool]:
    """The table's logical grid, spans resolved as browsers do (a cell covered by a rowspan from
    above pushes later cells right); spans, rows and columns bounded.  Returns (grid, capped)."""
    cells: list[DCell] = []
    occ: list[dict[int, DCell]] = []
    capped = False
    slots = 0
    rows = _rows_of(table)
    for r, tr in enumerate(rows):
        if r >= MAX_ROWS or slots > MAX_CELLS:
            capped = True
            break
        while len(occ) <= r:
            occ.append({})
        row = occ[r]
        col = 0
        for td in tr:
            if not (isinstance(td.tag, str) and td.tag.lower() in ("td", "th")):
                continue
            while col in row:
                col += 1
            if col >= MAX_COLS:
                capped = True
                break
            colspan, rowspan = _span(td, "colspan"), _span(td, "rowspan")
            if colspan > MAX_SPAN or col + colspan > MAX_COLS or rowspan > MAX_ROWS:
                capped = True
            colspan = min(colspan, MAX_SPAN, MAX_COLS - col)
            rowspan = min(rowspan, MAX_ROWS - r, len(rows) - r) or 1
            cell = DCell(r, col, colspan, _text(td), rowspan)
            cells.append(cell)
            for rr in range(r, r + rowspan):
                while len(occ) <= rr:
                    occ.append({})
                for c in range(col, col + colspan):
                    occ[rr].setdefault(c, cell)
            slots += colspan * rowspan
            col += colspan
    return Grid(cells, occ[:max(1, len(rows))] if cells else [], capped), capped
