"""Reading a published Word report (.docx from Word or WPS, 2019 or 2021 format).

The document's body becomes blocks in reading order (``blocks.Block``): its paragraphs as they
are printed (with their element and how much of them is hyperlinks) — the number Word's list
numbering prints before a heading or an item (``word_numbering``), not the text deleted or moved
away with changes tracked, nor what Word does not show (hidden text, field codes, a table of
contents: ``word_hidden``, named in the notes) — each followed by the text boxes anchored in it (a 落款 set in a box),
and its tables as logical grids (``gridSpan`` / ``vMerge`` resolved, a merged cell once); a
portal page saved as Word has its layout table opened up, and what lies outside the cell holding
the report is left out by the shared mechanism (``bounds``).  ``document.read_blocks`` reads the
report from them, as it does for a web page or a PDF.

Hostile files: ``zip_safety.check_package`` (the same checks and limits as for workbooks) runs
before any XML is parsed.  Reading needs the main document part, and the lists and styles only
when its paragraphs may be numbered: ``open_docx`` parses them alone, with python-docx's parser
settings but plain lxml elements (python-docx would parse every part — headers, footers, settings,
themes — and wrap each element in its own classes: three times the time, which a 汇总 of
hundreds of Word files felt).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from ...core.errors import ReadError, cannot_read
from ..locate.sheet_grid import MAX_CELLS, MAX_COLS, MAX_ROWS
from ..notes import Note
from ..registry import ImportResult
from ..safety.zip_safety import WORD, check_package
from .blocks import MAX_SPAN, Block, DCell, Grid, is_address, one_line
from .document import read_blocks
from .word_hidden import Removed, hidden_mark, hidden_styles, remove_unseen
from .word_numbering import Numbering, read_numbering

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"


# ---------------------------------------------------------------------------------------------
# The package: guard, then open


def open_docx_body(data: bytes, name: str):
    """The ``w:body`` of the package's main document part, after the zip-bomb and XML-entity
    guards (a .docm/.dotx/.dotm too: the part the package names as its document)."""
    return open_docx(data, name)[0]


def open_docx(data: bytes, name: str) -> tuple:
    """(``w:body``, ``Numbering`` or None, ``Removed``): the main document part without the text
    Word does not show (``word_hidden``) and, when its paragraphs are numbered by Word's lists, the
    lists (``numbering.xml``) and the styles that number them."""
    from lxml import etree

    check_package(data, name, WORD)
    incomplete = ReadError(f"“{name}”不是完整的 Word 文档，无法读取。请用 Word/WPS 打开后另存为 .docx 再试。")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            main = _main_part(archive)
            root = etree.fromstring(archive.read(main), _xml_parser())
            numbering, hidden = _styles(archive, main, root)
    except (KeyError, ValueError, zipfile.BadZipFile):
        raise incomplete from None
    except etree.XMLSyntaxError:
        raise ReadError(f"“{name}”内容已损坏（XML 结构错误），无法读取。请用 Word/WPS 打开后另存一份再试。") from None
    body = root.find(f"{W}body")
    if body is None:
        raise incomplete
    return body, numbering, remove_unseen(body, hidden)


def _xml_parser():
    """python-docx's parser settings, without entities or network."""
    from lxml import etree
    return etree.XMLParser(remove_blank_text=True, resolve_entities=False, no_network=True)


def _styles(archive: zipfile.ZipFile, main: str, root) -> tuple[Numbering | None, dict[str, bool]]:
    """The document's lists, read only when a paragraph or a style may be numbered, and the styles
    that hide their text, read only when a style does (the parts next to the main part:
    ``word/numbering.xml``, ``word/styles.xml``); a damaged part costs the numbers or the hidden
    styles, not the report."""
    from lxml import etree
    folder = main.rpartition("/")[0]
    names = set(archive.namelist())
    part, styles = (f"{folder}/{n}" if folder else n for n in ("numbering.xml", "styles.xml"))
    style_data = archive.read(styles) if styles in names else b""
    numbered = part in names and (root.find(f".//{W}numPr") is not None or _numbered_styles_used(root, style_data))
    hiding = b"vanish" in style_data
    if not numbered and not hiding:
        return None, {}   # (parsing the parts costs a Word unit of a 汇总 as much again as its text)
    try:
        style_root = etree.fromstring(style_data, _xml_parser()) if style_data else None
    except etree.XMLSyntaxError:
        style_root = None
    hidden = hidden_styles(style_root) if hiding else {}
    if not numbered:
        return None, hidden
    try:
        return read_numbering(etree.fromstring(archive.read(part), _xml_parser()), style_root), hidden
    except etree.XMLSyntaxError:
        return None, hidden


def _numbered_styles_used(root, style_data: bytes) -> bool:
    """Whether a paragraph style the document uses may number it: a ``w:numPr`` inside that
    style's definition, or one it is based on (looked for in the part's text, without parsing it;
    a style not found so is taken as numbered, and the parts are read)."""
    used = {str(el.get(f"{W}val", "")) for el in root.iter(f"{W}pStyle")}
    if not used or b"numPr" not in style_data:
        return False
    text = style_data.decode("utf-8", "replace")
    seen: set[str] = set()
    while used - seen:
        style_id = (used - seen).pop()
        seen.add(style_id)
        start = text.find(f'w:styleId="{style_id}"')
        if start < 0:
            return True   # (written otherwise than Word and WPS write it: read the parts)
        definition = text[start:text.find("</w:style>", start)]
        if "numPr" in definition:
            return True
        based = re.search(r'<w:basedOn w:val="([^"]+)"', definition)
        if based:
            used.add(based.group(1))
    return False


_OFFICE_DOCUMENT = "/officeDocument"   # (the end of the relationship type of a package's main part)


def _main_part(archive: zipfile.ZipFile) -> str:
    """The name of the main document part, from the package's relationships."""
    from lxml import etree
    rels = etree.fromstring(archive.read("_rels/.rels"), etree.XMLParser(resolve_entities=False, no_network=True))
    for rel in rels:
        if str(rel.get("Type", "")).endswith(_OFFICE_DOCUMENT) and rel.get("TargetMode") != "External":
            return str(rel.get("Target", "")).lstrip("/")
    raise KeyError("officeDocument")


def cell_text(tc) -> str:
    """Text of a ``w:tc`` (or of a ``w:p``): its paragraphs joined with line breaks (nested tables
    and text boxes included), as ``paragraph_text`` reads each."""
    paragraphs = [tc] if tc.tag == f"{W}p" else tc.iter(f"{W}p")
    return "\n".join(paragraph_text(p) for p in paragraphs)


#: What a paragraph holds that is not its printed text: a text box's content (read as blocks of
#: its own, after the paragraph it is anchored to), text deleted or moved away with changes
#: tracked, and the older copy of a drawing (``mc:Fallback``: the same text box again, in VML).
_NOT_ITS_TEXT = frozenset({f"{W}txbxContent", f"{W}del", f"{W}moveFrom", f"{MC}Fallback"})


def paragraph_text(p) -> str:
    """The printed text of a ``w:p``: runs, tabs and line breaks, inside hyperlinks, fields, content
    controls and smart tags too — not the text deleted or moved away (tracked changes), not an
    empty content control's placeholder, not its text boxes' (``text_boxes``)."""
    out: list[str] = []

    def walk(el) -> None:
        for child in el.iterchildren():
            tag = child.tag
            if tag == f"{W}t":
                out.append(child.text or "")
            elif tag == f"{W}tab":
                out.append("\t")
            elif tag in (f"{W}br", f"{W}cr"):
                out.append("\n")
            elif tag not in _NOT_ITS_TEXT and not showing_placeholder(child):
                walk(child)

    walk(p)
    return "".join(out)


def showing_placeholder(el) -> bool:
    """A content control left empty: what it shows is its placeholder (``单击或点击此处输入文字。``),
    no text of the report."""
    return el.tag == f"{W}sdt" and el.find(f"{W}sdtPr/{W}showingPlcHdr") is not None


def text_boxes(p) -> list:
    """The text boxes anchored in a paragraph (a 落款 or a note set in a box), each once: the
    current drawing's, else the older (VML) copy's when the paragraph has only that."""
    boxes = [box for box in p.iter(f"{W}txbxContent") if not _inside(box, f"{MC}Fallback", p)]
    return boxes or [box for box in p.iter(f"{W}txbxContent") if not _inside(box, f"{W}txbxContent", p)]


def _inside(el, tag: str, stop) -> bool:
    """``el`` lies inside an element ``tag`` below ``stop``."""
    el = el.getparent()
    while el is not None and el is not stop:
        if el.tag == tag:
            return True
        el = el.getparent()
    return False


def table_grid(tbl) -> Grid:
    """Resolve ``gridBefore``, ``gridSpan`` and ``vMerge`` of a ``w:tbl`` into a logical grid in
    which each merged cell is one ``DCell`` (python-docx would repeat it in every grid slot)."""
    cells: list[DCell] = []
    occ: list[dict[int, DCell]] = []
    slots = 0
    truncated = False
    for r, tr in enumerate(tbl.iterchildren(f"{W}tr")):
        if r >= MAX_ROWS or slots > MAX_CELLS:
            truncated = True
            break
        row: dict[int, DCell] = {}
        col = 0
        before = tr.find(f"{W}trPr/{W}gridBefore")
        if before is not None:
            col = max(0, _int_attr(before, 0))
            if col > MAX_SPAN:
                col, truncated = MAX_SPAN, True
        for tc in tr.iterchildren(f"{W}tc", f"{W}sdt"):
            for real_tc in ([tc] if tc.tag == f"{W}tc" else tc.iter(f"{W}tc")):
                if col >= MAX_COLS:
                    truncated = True
                    break
                tcpr = real_tc.find(f"{W}tcPr")
                span = 1
                merge = None
                if tcpr is not None:
                    gs = tcpr.find(f"{W}gridSpan")
                    if gs is not None:
                        span = max(1, _int_attr(gs, 1))
                        if span > MAX_SPAN:
                            span, truncated = MAX_SPAN, True
                    vm = tcpr.find(f"{W}vMerge")
                    if vm is not None:
                        merge = vm.get(f"{W}val") or "continue"
                span = min(span, MAX_COLS - col)
                above = occ[r - 1].get(col) if r > 0 else None
                if merge == "continue" and above is not None and above.col == col:
                    above.rowspan = r - above.row + 1
                    for c in range(col, min(col + above.colspan, MAX_COLS)):
                        row[c] = above
                    col += max(span, above.colspan)
                    continue
                cell = DCell(r, col, span, cell_text(real_tc))
                cells.append(cell)
                for c in range(col, col + span):
                    row[c] = cell
                col += span
        slots += len(row)
        occ.append(row)
    return Grid(cells, occ, truncated)


def _int_attr(el, default: int) -> int:
    try:
        return int(el.get(f"{W}val"))
    except (TypeError, ValueError):
        return default


def document_grids(body) -> list[Grid]:
    """The logical grids of the tables of a document's ``w:body``, in document order (inside
    content controls too)."""
    return [grid for grid, _tbl in document_tables(body)]


def document_tables(body) -> list[tuple[Grid, object]]:
    """``document_grids`` with each grid's ``w:tbl`` (for what a grid does not keep: the runs' fonts)."""
    return [(b.grid, b.origin) for b in _blocks(body) if b.kind == "tbl" and b.grid is not None]


def _blocks(body, numbering: Numbering | None = None) -> list[Block]:
    out: list[Block] = []
    joined: list[Block] = []   # paragraphs whose mark is hidden: shown as the start of the next one

    def paragraph(p) -> None:
        block = _paragraph_block(p, numbering)
        if joined:
            block = _joined(joined, block)
            joined.clear()
        (joined if hidden_mark(p) else out).append(block)
        if _has_picture(p):
            out.append(Block("pic", origin=p))
        boxes = text_boxes(p)
        if boxes:
            held = joined[:]   # (a box's paragraphs are no continuation of this one)
            joined.clear()
            for box in boxes:
                walk(box)
            out.extend(joined)
            joined[:] = held

    def walk(parent) -> None:
        for child in parent.iterchildren():
            if child.tag == f"{W}p":
                paragraph(child)
            elif child.tag == f"{W}tbl":
                out.extend(joined)   # (no paragraph to run on into: one of its own after all)
                joined.clear()
                if _is_layout_table(child):
                    for tc in child.iter(f"{W}tc"):   # a web page's layout table: its cells hold the report
                        if tc.getparent().getparent() is child:
                            walk(tc)
                else:
                    out.append(Block("tbl", grid=table_grid(child), origin=child))
            elif child.tag in (f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}smartTag") and not showing_placeholder(child):
                walk(child.find(f"{W}sdtContent") if child.tag == f"{W}sdt" and
                     child.find(f"{W}sdtContent") is not None else child)

    walk(body)
    return out + joined


def _paragraph_block(p, numbering: Numbering | None) -> Block:
    """A ``w:p`` as a block: the number Word's list numbering prints before it, its text, whether
    it is set to the right (a signature), how much of it is links."""
    jc = p.find(f"{W}pPr/{W}jc")
    right = jc is not None and jc.get(f"{W}val") in ("right", "end")
    text = paragraph_text(p)
    label = numbering.label(p) if numbering is not None else ""
    return Block("p", label + text if text.strip() else text, right, links=_link_chars(p), origin=p)


def _has_picture(p) -> bool:
    """The paragraph holds a picture set in its line (a drawing or an older VML picture) — not a
    text box, whose paragraphs are read as text."""
    for run in p.iter(f"{W}drawing", f"{W}pict"):
        if not any(True for _ in run.iter(f"{W}txbxContent")):
            return True
    return False


def _joined(before: list[Block], block: Block) -> Block:
    """Paragraphs whose mark is hidden and the paragraph after them, as Word shows them: one
    paragraph (its text run on, set as the last one is)."""
    text = "".join(b.text for b in before) + block.text
    return Block("p", text, block.right, links=sum(b.links for b in before) + block.links, origin=before[0].origin)


def _link_chars(p) -> int:
    """Characters of a paragraph's text inside hyperlinks (a portal's menu or link list saved as
    Word) — not an address Word linked by itself (an e-mail, a web address)."""
    texts = ("".join((t.text or "") for t in link.iter(f"{W}t")) for link in p.iter(f"{W}hyperlink"))
    return sum(len("".join(text.split())) for text in texts if not is_address(text))


def _is_layout_table(tbl) -> bool:
    """A table that lays the page out rather than holding figures (a portal page saved or
    converted to Word): it has tables inside its cells."""
    return any(tc.find(f".//{W}tbl") is not None
               for tr in tbl.iterchildren(f"{W}tr") for tc in tr.iterchildren(f"{W}tc"))


def read_docx(path: Path) -> ImportResult:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise cannot_read(path, exc) from None
    return read_package(data, path.name)


def read_package(data: bytes, name: str) -> ImportResult:
    """The report of a .docx package's bytes (``name``: the file's, for the messages)."""
    body, numbering, removed = open_docx(data, name)
    result = read_body(body, numbering, name)
    result.notes[:0] = unseen_notes(removed)
    return result


def unseen_notes(removed: Removed) -> list[Note]:
    """What the notes say of the text taken out because Word does not show it."""
    out = []
    if removed.hidden:
        words = one_line("／".join(removed.hidden), 60)
        out.append(Note(f"文档中设为隐藏的文字（Word/WPS 中不显示、不打印）未读取：{words}"))
    if removed.contents:
        out.append(Note("文档中的目录（自动生成的各部分标题和页码）未读取"))
    return out


def read_body(body, numbering: Numbering | None = None, name: str = "Word 文档") -> ImportResult:
    """The report of a document's ``w:body`` element (its paragraphs numbered by ``numbering``)."""
    return read_blocks(_blocks(body, numbering), name)
