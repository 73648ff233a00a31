"""Reading a published report from a PDF with a text layer (the file attached to the portal page).

The PDF is turned into the same stream of blocks a Word document gives — paragraphs in reading
order and tables as logical grids (``blocks.Grid`` of ``DCell``s with their row and column
spans) — and read from there exactly like a Word report: the title, agency and year, the preamble,
the sections 一…六, the signature, and the figures found by their labels (``table_locate``).

* Tables are found from their rules only (``pdf_rules``: drawn lines and thin bars, never a filled
  rectangle under text — WPS draws a white one behind every line of prose); ``pdfplumber`` makes
  the cells, a cell's rectangle gives its row and column span (the cell edges of the whole table
  are the grid lines).  Every character outside the ruled cells is text, whatever lies under it.  Text wrapped inside a narrow cell
  (``商业企\\n业``, a vertical ``三、\\n本\\n年\\n度…``, a figure ``1069\\n8``) is joined again.
* A table that runs to the bottom of a page and continues at the top of the next one (same left
  and right edges, nothing between) is one table: a header repeated on the new page is dropped, a
  row broken at the page (the label's tail ``明确`` at the top of the next page, the figures on one
  side) is one row again, a merged label cell split by the page is one cell.
* Text outside the tables becomes paragraphs: lines are joined while a line runs to the right
  margin and the next one is not indented (a section heading always starts one); page numbers
  (``— 3 —``, ``第3页``) are dropped.

The blocks are read by ``document.read_blocks``, the reading every published form shares (Word,
web page, PDF); notes naming a table by its number also name its page.

Hostile or unusable files get a message for the clerk before anything is read: a scanned PDF
without text (OCR is not done), an encrypted or damaged (truncated) PDF, one of too many pages, a
page whose content is too large; at most ``MAX_PAGES`` pages are read.
"""

from __future__ import annotations

import re
import time
import unicodedata
import zlib
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path

from ...core.errors import ReadError
from ...core.forms import Role
from ...core.values import BLANK_MARKS, TABLE_NOTE_START, normalise_text
from ..locate.labels import MAX_LABEL_CHARS
from ..locate.sheet_grid import MAX_COLS, MAX_ROWS
from ..locate.table_locate import label_index
from ..notes import Note
from ..registry import ImportResult
from .blocks import Block, DCell, Grid, one_line
from .document import read_blocks
from .outline import looks_like_heading
from .pdf_columns import column_runs
from .pdf_rules import rule_edges, table_settings
from .pdf_struck import strikes
from .pdf_unruled import attached_note, picture_note, picture_pages, unruled_note, unruled_read_note, unruled_runs
from .pdf_unruled_read import read_unruled, words_of
from .tables import looks_numeric

#: A published annual report is a few pages (rarely more than 20); pages after these are not read.
MAX_PAGES = 40
#: A file claiming more pages than this is no annual report (and is refused before reading any).
REFUSE_PAGES = 2000
#: Decompressed content of one page (text and drawing operators); a normal page has < 200 KB.
MAX_PAGE_CONTENT = 8 * 1024 * 1024
#: Total time spent on the pages; a normal report takes about a second.
MAX_SECONDS = 120.0
#: Share of the page height at its top and bottom where a running header or footer stands.
MARGIN_ZONE = 0.12
#: Points within which two cell edges are the same grid line.
EDGE_TOLERANCE = 2.0

_PAGE_NUMBER = re.compile(r"^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?"
                          r"|\d{1,4}\s*/\s*\d{1,4}|-\s*\d{1,4}\s*-)$")




@dataclass
class PdfContent:
    blocks: list[Block] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    pages: int = 0            # pages in the file
    pages_read: int = 0
    unmapped: int = 0         # characters whose font gives no text (read as "(cid:123)")
    unmapped_pages: list[int] = field(default_factory=list)
    pictures: list[int] = field(default_factory=list)   # pages with a picture half the page wide
    unruled: list[int] = field(default_factory=list)    # pages with a table printed without rules


# ---------------------------------------------------------------------------------------------
# Text as it was meant: lines wrapped in a cell joined, spaces put in by the layout removed


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F")


def join_lines(lines: list[str]) -> str:
    """Lines of one cell or paragraph as one text: a Chinese text wrapped at the cell's edge is
    joined without a space; two Latin words or numbers are kept apart by one."""
    out = ""
    for line in (tidy(line) for line in lines):
        if not line:
            continue
        if out and not _is_wide(out[-1]) and not _is_wide(line[0]) and out[-1].isalpha() and line[0].isalpha():
            out += " "
        out += line
    return out


_WIDE_SPACE = re.compile(r"(?<=[^\x00-\x7f])[ \t\u3000\xa0]+|[ \t\u3000\xa0]+(?=[^\x00-\x7f])")


#: Kangxi radicals, CJK radicals and compatibility ideographs → the ideographs they stand for: a
#: font's text encoding often maps its glyph of 一 人 行 方 … to the radical (⼀ ⼈ ⾏ ⽅), which
#: looks the same and is another character.
_RADICALS = {code: unicodedata.normalize("NFKC", chr(code)) for code in (*range(0x2E80, 0x2FE0), *range(0xF900, 0xFB00))
             if unicodedata.normalize("NFKC", chr(code)) != chr(code)}
#: The radicals of the supplement (U+2E80…) that are whole simplified characters drawn with the
#: same glyph (Noto/Source Han and the PDFs Qt, Chrome and Word make with them give ⺠ for 民,
#: ⻚ for 页): Unicode gives them no decomposition, their unified ideographs are listed here.
_RADICALS.update({ord(radical): ideograph for radical, ideograph in zip(
    "⺁⺇⺌⺩⺬⺳⺠⻄⻅⻆⻉⻋⻑⻓⻔⻗⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻪⻬⻮⻰",
    "厂几小王示网民西见角贝车長长门雨青韦页风飞食马骨鬼鱼鸟卤麦黄黾齐齿龙", strict=True)})


#: What a character stands for whose font gives no text (pdfminer reads it as ``(cid:123)``).
UNMAPPED = "\ufffd"
_CID = re.compile(r"\(cid:\d+\)")


def tidy(text: str) -> str:
    """A line as written: the gaps the PDF layout leaves beside Chinese characters (read as spaces)
    removed, other runs of spaces made one, radicals read as the characters they stand for, a
    character whose font gives no text as ``UNMAPPED``."""
    text = _WIDE_SPACE.sub("", _CID.sub(UNMAPPED, text.strip()).translate(_RADICALS))
    return re.sub(r"[ \t]{2,}", " ", text)


# ---------------------------------------------------------------------------------------------
# Opening, with the guards


def _open(stream, path: Path):
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(stream)
        pdf.doc.catalog  # noqa: B018 - parsing the trailer raises here for a damaged file
    except (PDFPasswordIncorrect, PDFEncryptionError) as exc:
        raise ReadError(_encrypted(path)) from exc
    except PdfminerException as exc:
        inner = exc.args[0] if exc.args else exc
        if isinstance(inner, (PDFPasswordIncorrect, PDFEncryptionError)):
            raise ReadError(_encrypted(path)) from exc
        raise ReadError(_damaged(path)) from exc
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as exc:
        raise ReadError(_damaged(path)) from exc
    return pdf


def _encrypted(path: Path) -> str:
    return (f"“{path.name}”设置了打开密码（已加密），无法读取。请向发布单位索取不加密的文件，"
            "或在 PDF 阅读器中输入密码后“另存为”不加密的 PDF，再导入。")


def _damaged(path: Path) -> str:
    return (f"“{path.name}”不是完整的 PDF 文件（可能没有下载完，或已损坏），无法读取。"
            "请重新下载该文件，或导入门户网站上的年报网页（在浏览器中“另存为”网页）。")


def _check_complete(path: Path) -> None:
    """A PDF ends with ``%%EOF``; a download cut short does not (its tables would be read in part)."""
    with open(path, "rb") as f:
        head = f.read(1024)
        f.seek(0, 2)
        size = f.tell()
        f.seek(max(0, size - 2048))
        tail = f.read()
    if b"%PDF-" not in head or b"%%EOF" not in tail:
        raise ReadError(_damaged(path))


def _page_count(pdf, path: Path) -> int:
    from pdfminer.pdftypes import resolve1

    pages = resolve1(pdf.doc.catalog.get("Pages"))
    count = resolve1(pages.get("Count")) if isinstance(pages, dict) else None
    if not isinstance(count, int) or count < 0:
        raise ReadError(_damaged(path))
    if count > REFUSE_PAGES:
        raise ReadError(f"“{path.name}”有 {count} 页，不是政府信息公开工作年度报告（年报通常只有几页），未读取。")
    return count


def _check_content_size(page_obj, path: Path, number: int) -> None:
    """Refuse a page whose content — its own streams and the drawings (Form XObjects) it calls,
    followed inside each other — decompresses to more than ``MAX_PAGE_CONTENT`` bytes, before the
    PDF library decompresses them whole (a few KB can hold gigabytes of zeros)."""
    from pdfminer.pdftypes import resolve1

    budget = [MAX_PAGE_CONTENT]
    seen: set[int] = set()
    streams = [resolve1(s) for s in page_obj.contents or []]
    resources = [resolve1(page_obj.resources)]
    while streams or resources:
        if streams:
            _spend(streams.pop(), budget, seen, resources)
        else:
            streams += _form_streams(resources.pop(), seen)
        if budget[0] < 0:
            raise ReadError(f"“{path.name}”第{number}页的内容异常庞大（超过 {MAX_PAGE_CONTENT // 1024 // 1024} MB），"
                            "不是正常的年报文件，未读取。请向发布单位索取 Word/Excel 文件，或导入年报网页。")


def _form_streams(resources, seen: set[int]) -> list:
    """The Form XObject streams a resource dictionary names (not yet measured)."""
    from pdfminer.pdftypes import PDFStream, resolve1
    from pdfminer.psparser import LIT
    if not isinstance(resources, dict):
        return []
    xobjects = resolve1(resources.get("XObject"))
    out = []
    for obj in (xobjects.values() if isinstance(xobjects, dict) else ()):
        stream = resolve1(obj)
        if isinstance(stream, PDFStream) and id(stream) not in seen and stream.get("Subtype") is LIT("Form"):
            out.append(stream)
    return out


def _spend(stream, budget: list[int], seen: set[int], resources: list) -> None:
    """Take the stream's decompressed size (through its whole filter chain, stopping at what is
    left of the budget) from ``budget``; a Form's own resources are measured next."""
    from pdfminer.pdftypes import LITERALS_FLATE_DECODE, PDFStream, resolve1
    if not isinstance(stream, PDFStream) or id(stream) in seen:
        return
    seen.add(id(stream))
    data = stream.rawdata if stream.rawdata is not None else b""
    for name, _params in stream.get_filters():
        if name not in LITERALS_FLATE_DECODE:
            break   # other filters (images, ASCII85 …) are measured as they stand
        try:
            data = zlib.decompressobj().decompress(data, max(budget[0], 0) + 1)
        except zlib.error:
            break   # left to the PDF library, which tolerates damaged streams
    budget[0] -= len(data)
    resources.append(resolve1(stream.get("Resources")))


# ---------------------------------------------------------------------------------------------
# One page: its ruled tables (cells with their rectangles) and the lines of text outside them


@dataclass(eq=False)
class _Cell:
    x0: float
    top: float
    x1: float
    bottom: float
    text: str


@dataclass(eq=False)
class _Table:
    cells: list[_Cell]
    pages: list[int]
    ruled: bool = True        # False: a table printed without rules, read from its words' places

    @property
    def x0(self) -> float:
        return min(c.x0 for c in self.cells)

    @property
    def x1(self) -> float:
        return max(c.x1 for c in self.cells)

    @property
    def top(self) -> float:
        return min(c.top for c in self.cells)

    @property
    def bottom(self) -> float:
        return max(c.bottom for c in self.cells)


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int
    margin: bool = False      # in the top or bottom margin of the page (where a running header is)
    width: float = 0.0        # the page's width
    chars: list = field(default_factory=list, repr=False)   # its characters (a table without rules is read from them)
    column: tuple[float, float] | None = None   # the left and right edge of its column (text in two columns)
    size: float = 0.0         # the height of its largest character (the line's own height grows when
                              # characters a little above or below it are read with it: a group label
                              # centred over a table's rows)
    gapped: bool = False      # a gap between its characters was read as a space

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)



def _page_items(page, continued: tuple[float, float] | None = None,
                struck: list[str] | None = None) -> tuple[list[_Table | _Line], int]:
    """The page's tables and lines of text, top to bottom, and how many characters it has.
    Every character outside the tables' ruled cells is text, whatever is drawn under it — but
    not what is struck through (``pdf_struck``: a deletion printed with the changes shown; its
    words are added to ``struck``).
    ``continued``: the left and right edges of the table the previous page ended with.
    A character printed twice at the same place (bold imitated by printing it again a fraction
    of a point aside) is read once."""
    page = page.dedupe_chars()
    crossed, rules = strikes(page)
    if crossed:
        gone = {id(obj) for obj in (*crossed, *rules)}
        page = page.filter(lambda obj: id(obj) not in gone)
        if struck is not None:
            struck.append("".join(c["text"] for c in crossed))
    tables = _ruled_tables(page, continued)
    cells = [(c.x0, c.top, c.x1, c.bottom) for t in tables for c in t.cells]

    def outside(obj) -> bool:
        if obj.get("object_type") != "char":
            return True
        cx, cy = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= cx <= x1 and top <= cy <= bottom for x0, top, x1, bottom in cells)

    lines = []
    for raw in page.filter(outside).extract_text_lines(return_chars=True):
        text = tidy(raw["text"])
        margin = raw["bottom"] < MARGIN_ZONE * page.height or raw["top"] > (1 - MARGIN_ZONE) * page.height
        if text and not (margin and _PAGE_NUMBER.match(text)):   # amid the page a number is a table's
            size = max((c["bottom"] - c["top"] for c in raw["chars"]), default=raw["bottom"] - raw["top"])
            lines.append(_Line(text, raw["x0"], raw["x1"], raw["top"], raw["bottom"], page.page_number, margin,
                               round(page.width), raw["chars"], size=size, gapped=" " in raw["text"]))
    items: list[_Table | _Line] = [*tables, *lines]
    items.sort(key=lambda item: item.top)
    return items, len(page.chars)


def _ruled_tables(page, continued: tuple[float, float] | None) -> list[_Table]:
    """The tables drawn with rules (``pdf_rules``); a single ruled box (a frame round a
    paragraph, a page border) holds text, not a table."""
    settings = table_settings(rule_edges(page, continued))
    if settings is None:
        return []
    found = page.find_tables(settings)
    return [part for t in found for part in _unframed(_table(t, page.page_number)) if len(part.cells) > 1]


def _unframed(table: _Table) -> list[_Table]:
    """A page printed with the borders of the portal's layout table around the report is one
    "table" whose rows of one cell across the whole frame hold the prose; those rows are text, the
    rows between them are the report's tables.  A row of one cell that opens as a note (``注：……``)
    right under a table's rows is that table's last row, as in a Word file or a web page (the
    reader puts it into the part's text and says so)."""
    rows = _rows(table.cells)

    def prose(row: list[_Cell]) -> bool:
        across = len(row) == 1 and _near(row[0].x0, table.x0) and _near(row[0].x1, table.x1)
        text = normalise_text(row[0].text)
        return across and ("。" in text or looks_like_heading(text) or len(text) > MAX_LABEL_CHARS)

    if not any(prose(row) for row in rows):
        return [table]
    parts: list[_Table] = [_Table([], table.pages)]
    for row in rows:
        if prose(row) and parts[-1].cells and TABLE_NOTE_START.match(normalise_text(row[0].text)):
            parts[-1].cells.extend(row)   # a note in the last row of the table above: that table's
            parts.append(_Table([], table.pages))
        elif prose(row):
            parts.append(_Table([], table.pages))
        else:
            parts[-1].cells.extend(row)
    return parts


def _table(found, page_number: int) -> _Table:
    """A table ``pdfplumber`` found, as cells with rectangles and their text (wrapped lines joined;
    text turned on its side read in its own direction)."""
    cells = []
    turned = [c for c in found.page.chars if not c.get("upright", True)]
    for row, texts in zip(found.rows, found.extract()):
        for bbox, text in zip(row.cells, texts):
            if bbox is not None:
                x0, top, x1, bottom = bbox
                inside = [c for c in turned if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom]
                lines = _turned_lines(inside) if inside and len(inside) * 2 >= len(normalise_text(text or "")) else None
                cells.append(_Cell(x0, top, x1, bottom, join_lines(lines or (text or "").split("\n"))))
    return _Table(cells, [page_number])


def _unit(x: float, y: float) -> tuple[float, float]:
    length = (x * x + y * y) ** 0.5 or 1.0
    return x / length, y / length


def _turned_lines(chars: list[dict]) -> list[str]:
    """Characters set on their side (a label rotated to read from bottom to top, or top to
    bottom) as lines in reading order: along the direction the text advances, the lines one after
    the other across it.  Read as the page lays them out they come backwards (``果结理办…``)."""
    a, b, c, d = (float(v) for v in chars[0]["matrix"][:4])
    along, across = _unit(a, b), _unit(c, d)

    def project(ch: dict, axis: tuple[float, float]) -> float:
        x, y = (ch["x0"] + ch["x1"]) / 2, -(ch["top"] + ch["bottom"]) / 2   # y upwards, as the PDF's
        return axis[0] * x + axis[1] * y

    size = max(ch["size"] for ch in chars) or 1.0
    ordered = sorted(chars, key=lambda ch: -project(ch, across))
    lines: list[list[dict]] = []
    for ch in ordered:
        if lines and abs(project(ch, across) - project(lines[-1][-1], across)) <= size / 2:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return ["".join(ch["text"] for ch in sorted(line, key=lambda ch: project(ch, along))) for line in lines]


# ---------------------------------------------------------------------------------------------
# A table continued on the next page: one table again


def _near(a: float, b: float) -> bool:
    return abs(a - b) <= EDGE_TOLERANCE


def _continues(before: _Table, after: _Table) -> bool:
    return (before.ruled and after.ruled and after.pages[0] == before.pages[-1] + 1
            and _near(before.x0, after.x0) and _near(before.x1, after.x1))


def _rows(cells: list[_Cell]) -> list[list[_Cell]]:
    """Cells grouped by the line their top is on, top to bottom, each row left to right."""
    rows: list[list[_Cell]] = []
    for cell in sorted(cells, key=lambda c: (c.top, c.x0)):
        if rows and _near(rows[-1][0].top, cell.top):
            rows[-1].append(cell)
        else:
            rows.append([cell])
    return rows


def _row_texts(row: list[_Cell]) -> list[str]:
    return [normalise_text(c.text) for c in sorted(row, key=lambda c: c.x0) if c.text.strip()]


def _drop_repeated_header(before: _Table, after: _Table) -> None:
    """The header rows the next page repeats (Word's 标题行重复) are not read twice."""
    first, then = _rows(before.cells), _rows(after.cells)
    repeated = 0
    while repeated < min(len(first), len(then) - 1) and _row_texts(then[repeated]) \
            and _row_texts(then[repeated]) == _row_texts(first[repeated]):
        repeated += 1
    if repeated:
        dropped = {id(c) for row in then[:repeated] for c in row}
        after.cells = [c for c in after.cells if id(c) not in dropped]


def _unknown_text(texts: list[str]) -> bool:
    return any(t and not looks_numeric(t) and t not in BLANK_MARKS and len(t) <= MAX_LABEL_CHARS * 2
               and not label_index().lookup(t) for t in texts)


def _split_row(last: list[_Cell], first: list[_Cell]) -> bool:
    """The row at the page break was broken in two: the next page starts with the rest of a label
    (``明确``) and no figure, or the figures come only on the next page after a label cut short."""
    first_texts = [normalise_text(c.text) for c in first]
    last_texts = [normalise_text(c.text) for c in last]
    if not any(first_texts):
        return True
    figures_after = any(looks_numeric(t) for t in first_texts)
    figures_before = any(looks_numeric(t) for t in last_texts)
    return (not figures_after and _unknown_text(first_texts)) or (
        not figures_before and figures_after and _unknown_text(last_texts)) or (
        figures_after and (_nothing_under_labels(last, first) or _only_rests(last, first))) or _label_completed(last, first)


def _label_completed(last: list[_Cell], first: list[_Cell]) -> bool:
    """A row label the page cut (``2.其他法律行政法规禁`` | ``止公开``) is an official label only
    with its rest under it: the row goes on, whatever its figures (one moved down whole, the
    cell above it empty — its first value struck out)."""
    for cell in last:
        rest = next((f for f in first if _near(f.x0, cell.x0) and _near(f.x1, cell.x1)), None)
        if rest is None or not _is_label(cell.text) or not _is_label(rest.text) or _numbered(rest.text):
            continue
        index = label_index()
        if not index.lookup(normalise_text(cell.text)) and index.lookup(normalise_text(join_lines([cell.text, rest.text]))):
            return True
    return False


def _nothing_under_labels(last: list[_Cell], first: list[_Cell]) -> bool:
    """The next page's first row has nothing under the labels of the row the page ended with: it
    is the rest of that row — figures wrapped onto a second line in narrow columns (``11`` /
    ``9`` for 119) that the page break moved down.  A label whose cell goes on in a taller cell
    (the vertical ``三`` / ``、本年度办理结果``) has nothing in that row."""
    under = [[f for f in first if _near(f.x0, c.x0) and _near(f.x1, c.x1)] for c in last if _is_label(c.text)]
    under = [cells for cells in under if cells]   # a label cell continued by a taller one is not in the row
    return bool(under) and not any(normalise_text(f.text) for cells in under for f in cells)


_FIGURE = re.compile(r"[-+]?[\d,.]+\s*(?:万?元|件|个|项)?")


def _only_rests(last: list[_Cell], first: list[_Cell]) -> bool:
    """The next page's first row only continues the cells of the row above: its words are no
    label (unknown, not numbered: ``开`` of ``…禁止公开``) and each of its cells with text lies under a
    cell with text (``1`` under ``26`` of 261, wrapped in a narrow column)."""
    filled = [c for c in first if normalise_text(c.text)]
    words = [normalise_text(c.text) for c in filled if _is_label(c.text)]
    if not words or any(_numbered(t) or label_index().lookup(t) for t in words):
        return False
    return all(any(_near(a.x0, c.x0) and _near(a.x1, c.x1) and normalise_text(a.text) for a in last) for c in filled)


def _is_label(text: str) -> bool:
    """Words, not a figure (``4.无正当理由大量反复申请`` starts with a digit and is words)."""
    text = normalise_text(text)
    return bool(text) and not _FIGURE.fullmatch(text) and text not in BLANK_MARKS


_NUMBERED = re.compile(r"^(?:\d{1,2}[.、]|[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十\d]{1,3}(?:\)|$))")


def _numbered(text: str) -> bool:
    """The text starts with a label's number (``1.`` ``三、`` ``（四）``, or ``（四`` cut short): it
    begins a label, it is not the rest of the one above."""
    return bool(_NUMBERED.match(normalise_text(text)))


def _join(before: _Table, after: _Table) -> _Table:
    """``after`` (at the top of the next page) continues ``before``: its rows below ours, a row
    broken by the page and a merged cell cut by it made whole again."""
    _drop_repeated_header(before, after)
    shift = before.bottom - after.top
    for cell in after.cells:
        cell.top += shift
        cell.bottom += shift
    edge = before.bottom
    last_top = max(c.top for c in before.cells)
    first_bottom = min(c.bottom for c in after.cells)
    last = [c for c in before.cells if _near(c.bottom, edge)]
    first = [c for c in after.cells if _near(c.top, edge)]
    split = _split_row([c for c in last if _near(c.top, last_top)], [c for c in first if _near(c.bottom, first_bottom)])
    merged = set()
    for cell in first:
        above = next((c for c in last if _near(c.x0, cell.x0) and _near(c.x1, cell.x1)), None)
        if above is None:
            continue
        tall = not _near(above.top, last_top) or not _near(cell.bottom, first_bottom)
        if _numbered(cell.text):
            continue   # a label of its own (``（四``: the next group, itself cut by the page)
        if split or (tall and _unknown_text([normalise_text(cell.text)]) or (tall and not cell.text.strip())):
            above.text = join_lines([above.text, cell.text])
            above.bottom = cell.bottom
            merged.add(id(cell))
    cells = before.cells + [c for c in after.cells if id(c) not in merged]
    return _Table(cells, before.pages + after.pages)


# ---------------------------------------------------------------------------------------------
# A table's logical grid: its cell edges are the grid lines


def _edges(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > EDGE_TOLERANCE:
            out.append(v)
    return out


def _index(edges: list[float], value: float) -> int:
    return min(range(len(edges)), key=lambda i: abs(edges[i] - value))


def table_grid(table: _Table) -> Grid:
    """The logical grid of a table: each cell once, with the rows and columns its rectangle spans."""
    xs = _edges([v for c in table.cells for v in (c.x0, c.x1)])
    ys = _edges([v for c in table.cells for v in (c.top, c.bottom)])
    cells: list[DCell] = []
    occ: list[dict[int, DCell]] = [{} for _ in range(min(len(ys) - 1, MAX_ROWS))]
    truncated = len(ys) - 1 > MAX_ROWS or len(xs) - 1 > MAX_COLS
    for c in sorted(table.cells, key=lambda c: (c.top, c.x0)):
        row, col = _index(ys, c.top), _index(xs, c.x0)
        if row >= len(occ) or col >= MAX_COLS:
            continue
        rowspan = max(1, _index(ys, c.bottom) - row)
        colspan = max(1, min(_index(xs, c.x1), MAX_COLS) - col)
        cell = DCell(row, col, colspan, c.text, rowspan)
        cells.append(cell)
        for r in range(row, min(row + rowspan, len(occ))):
            for k in range(col, col + colspan):
                occ[r].setdefault(k, cell)
    return Grid(cells, occ, truncated)


# ---------------------------------------------------------------------------------------------
# Lines of text: paragraphs again


@dataclass(frozen=True)
class _Frame:
    """Where the text stands on pages of one width (a landscape page for a wide table has margins
    of its own) and how its lines follow each other."""

    left: float
    right: float
    body: float       # the body text's line height (the median line's)
    pitch: float      # from one line of a paragraph to the next (the median), 0 when unknown


def _frames(lines: list[_Line]) -> dict[float, _Frame]:
    """The frame of each page width the lines stand on: the margins of the pages most of the
    text is on, kept on pages of another width; the pitch of the lines a paragraph wraps (one
    running to the right margin, the next starting at the left one)."""
    heights = sorted(line.height for line in lines) or [1.0]
    body = heights[len(heights) // 2]
    widths = [line.width for line in lines]
    main = max(set(widths), key=widths.count, default=0.0)
    mine = [line for line in lines if line.width == main] or [_Line("", 0.0, 0.0, 0.0, 0.0, 0)]
    left, right = min(line.x0 for line in mine), _right_margin(mine, body)

    def wrapped(a: _Line, b: _Line) -> bool:
        return (a.page == b.page and b.top > a.bottom and a.x1 >= right + a.width - main - 1.5 * body
                and b.x0 <= left + 0.8 * body and abs(a.height - body) <= 0.15 * body and abs(b.height - body) <= 0.15 * body)

    steps = sorted(b.top - a.top for a, b in zip(lines, lines[1:]) if wrapped(a, b))
    pitch = steps[len(steps) // 2] if steps else 0.0

    def right_of(width: float) -> float:
        if width == main:
            return right
        return max([right + width - main, *(line.x1 for line in lines if line.width == width)])

    return {width: _Frame(left, right_of(width), body, pitch) for width in set(widths)}


def _right_margin(lines: list[_Line], body: float) -> float:
    """Where the lines a paragraph wraps end: the median right end of the lines ending near the
    rightmost one.  A document laid on a character grid (28 characters a line) leaves its full
    lines a little short of the margin a right-aligned 落款 reaches, and a line Word wrapped
    early — a comma may not start a line, so ``复，`` moved down together — ends a character
    before the full ones: both are measured from the full lines, not from the 落款."""
    ends = sorted(line.x1 for line in lines)
    near = [x for x in ends if x >= ends[-1] - 3 * body]
    return near[len(near) // 2]


def _starts_paragraph(prev: _Line, line: _Line, frame: _Frame, before: _Frame | None = None) -> bool:
    """``line`` begins a new paragraph: the line before ended short of the right margin (of its own
    frame ``before``: a column's), this one is indented (or centred) or a section heading, or more
    space than between the lines of a paragraph lies between them — unless it continues a title
    wrapped at the margin."""
    h = line.height
    if _wrapped_title(prev, line, frame):
        return False
    if prev.x1 < (before or frame).right - 1.5 * h - _moved_down(prev, line) or line.x0 > frame.left + 0.8 * h \
            or looks_like_heading(line.text):
        return True
    if line.page != prev.page:
        return False
    return line.top - prev.top > frame.pitch + 0.6 * h if frame.pitch else line.top - prev.bottom > 0.9 * h


# a run of Latin letters or digits a line may not be broken inside (``2021``, ``http://…``)
_UNBROKEN = re.compile(r"[0-9A-Za-z][0-9A-Za-z.,:/%\-]*")


def _moved_down(prev: _Line, line: _Line) -> float:
    """How wide the run of digits or letters opening ``line`` is when the line above runs on without
    ending a sentence: the word processor moved the whole run down (``…关于做好`` / ``2021年度…``),
    leaving the line above that much short of the margin."""
    run = _UNBROKEN.match(line.text)
    if run is None or not prev.text or prev.text[-1] in "。；;！!？?：:":
        return 0.0
    chars = [ch for ch in line.chars if not ch.get("text", "").isspace()][:run.end()]
    if len(chars) == run.end():
        return chars[-1]["x1"] - chars[0]["x0"] + 0.5 * line.height
    return 0.6 * line.height * run.end()


def _wrapped_title(prev: _Line, line: _Line, frame: _Frame) -> bool:
    """A line set larger than the body text that ran from margin to margin, and below it a line
    as large and centred: one title the page's width wrapped (``…政府信息公开工作年度`` / ``报告``)."""
    h = line.height
    large = min(prev.height, h) > 1.1 * frame.body and abs(prev.height - h) <= 0.15 * h
    full = prev.x0 <= frame.left + h and prev.x1 >= frame.right - 1.5 * h
    centred = abs((line.x0 + line.x1) - (frame.left + frame.right)) <= 2 * h
    return large and full and centred and line.page == prev.page and line.top - prev.bottom <= h


def _paragraphs(lines: list[_Line], frames: dict[float, _Frame]) -> list[Block]:
    out: list[Block] = []
    group: list[_Line] = []

    def flush() -> None:
        if group:
            first = group[0]
            frame = _frame_of(first, frames)
            pages = sorted({line.page for line in group})
            out.append(Block("p", join_lines([line.text for line in group]),
                                right=first.x0 > (frame.left + frame.right) / 2, where=_pages_text(pages)))
            group.clear()

    for line in lines:
        if group and _starts_paragraph(group[-1], line, _frame_of(line, frames), _frame_of(group[-1], frames)):
            flush()
        group.append(line)
    flush()
    return out


def _frame_of(line: _Line, frames: dict[float, _Frame]) -> _Frame:
    """Where the line's text stands: its page's frame, or its column's (text in two columns)."""
    frame = frames[line.width]
    return replace(frame, left=line.column[0], right=line.column[1]) if line.column else frame


def _pages_text(pages: list[int]) -> str:
    return f"第{pages[0]}页" if len(pages) == 1 else f"第{pages[0]}至{pages[-1]}页"


def _blocks(items: list[_Table | _Line]) -> list[Block]:
    """Tables (a table continued on the next page joined first) and paragraphs, in reading order."""
    lines = [item for item in items if isinstance(item, _Line)]
    frames = _frames(lines)
    joined: list[_Table | _Line] = []
    for item in items:
        previous = joined[-1] if joined else None
        if isinstance(item, _Table) and isinstance(previous, _Table) and _continues(previous, item):
            joined[-1] = _join(previous, item)
        else:
            joined.append(item)
    blocks: list[Block] = []
    run: list[_Line] = []
    ends: list[_Table | _Line | None] = [*joined, None]   # None: the last run of lines ends
    for block in ends:
        if isinstance(block, _Line):
            run.append(block)
            continue
        blocks.extend(_paragraphs(run, frames))
        run = []
        if block is not None:
            blocks.append(Block("tbl", grid=table_grid(block), where=_pages_text(block.pages)))
    return blocks


# ---------------------------------------------------------------------------------------------
# The document


def _pages(pdf, count: int):
    """The first ``MAX_PAGES`` pages, without walking the page tree of a file claiming millions."""
    from pdfminer.pdfpage import PDFPage
    from pdfplumber.page import Page

    doctop = 0.0
    for number, page_obj in enumerate(islice(PDFPage.create_pages(pdf.doc), min(count, MAX_PAGES)), 1):
        page = Page(pdf, page_obj, page_number=number, initial_doctop=doctop)
        doctop += page.height
        yield page


def pdf_content(path: Path) -> PdfContent:
    """The blocks of a PDF's text layer.  Raises ``ReadError`` with a message for the clerk."""
    path = Path(path)
    content = PdfContent()
    _check_complete(path)
    with open(path, "rb") as stream, _open(stream, path) as pdf:
        content.pages = _page_count(pdf, path)
        items, chars, images = _read_pages(pdf, path, content)
    if not chars:
        raise ReadError(_scanned(path, len(images)))
    if content.unmapped * 2 > chars:
        raise ReadError(f"“{path.name}”中的文字无法识别（PDF 里的字体没有附带文字编码，复制出来也是乱码），无法导入。"
                        "请向发布单位索取年报的 Word 或 Excel 文件，或导入门户网站上的年报网页；也可以按纸面内容直接填写。")
    content.pictures = picture_pages(images)
    if content.pages > content.pages_read:
        content.notes.append(Note(f"该 PDF 共 {content.pages} 页，只读取了前 {content.pages_read} 页"
                                  "（年报通常只有几页）；如年报在后面的页上，请只保留年报所在的页后再导入。"))
    content.blocks = _blocks(_without_unruled_tables(_without_running_lines(_in_columns(items), content), content))
    return content


def _in_columns(items: list[_Table | _Line]) -> list[_Table | _Line]:
    """The items with text set in two columns (``pdf_columns``) as the left column's lines, then the
    right one's, each line knowing its column's edges."""
    lines = [item for item in items if isinstance(item, _Line)]
    if not lines:
        return items
    sizes = sorted(line.size for line in lines)
    out: list[_Table | _Line] = []
    page: list[_Table | _Line] = []
    for item in [*items, None]:
        if page and (item is None or _page_of(item) != _page_of(page[0])):
            out.extend(_page_in_columns(page, sizes[len(sizes) // 2]))
            page = []
        if item is not None:
            page.append(item)
    return out


def _page_of(item: _Table | _Line) -> int:
    return item.pages[0] if isinstance(item, _Table) else item.page


def _page_in_columns(items: list[_Table | _Line], body: float) -> list[_Table | _Line]:
    lines = [item for item in items if isinstance(item, _Line)]
    runs = column_runs(lines, body)
    if not runs:
        return items
    replaced: dict[int, list[_Line]] = {}
    for start, end, (left_end, right_start) in runs:
        run = lines[start:end + 1]
        halves = [_halves(line, left_end, right_start) for line in run]
        left = [h for h, _ in halves if h is not None]
        right = [h for _, h in halves if h is not None]
        for column in (left, right):
            edges = (min(h.x0 for h in column), max(h.x1 for h in column)) if column else None
            for h in column:
                h.column = edges
        replaced[id(run[0])] = [*left, *right]
        replaced.update({id(line): [] for line in run[1:]})
    return [new for item in items for new in replaced.get(id(item), [item])]


def _halves(line: _Line, left_end: float, right_start: float) -> tuple[_Line | None, _Line | None]:
    """The part of ``line`` left of the gutter and the part right of it (None: nothing there)."""
    def part(chars: list[dict]) -> _Line | None:
        if not chars:
            return None
        chars = sorted(chars, key=lambda c: c["x0"])
        text = "".join((" " if b["x0"] - a["x1"] > EDGE_TOLERANCE else "") + b["text"] for a, b in zip([chars[0], *chars], chars))
        return replace(line, text=tidy(text), x0=chars[0]["x0"], x1=max(c["x1"] for c in chars), chars=chars)

    middle = (left_end + right_start) / 2
    return part([c for c in line.chars if c["x1"] <= middle]), part([c for c in line.chars if c["x1"] > middle])


def _without_unruled_tables(items: list[_Table | _Line], content: PdfContent) -> list[_Table | _Line]:
    """The items with the lines of a table printed without rules (``pdf_unruled``) replaced by the
    table when its rows and columns can be told with certainty (``pdf_unruled_read``), else left
    out: its labels and figures are no words of the report; the clerk is told on which pages."""
    lines = [item for item in items if isinstance(item, _Line)]
    if not lines:
        return items
    heights = sorted(line.size for line in lines if looks_like_heading(line.text))
    if not heights:
        return items
    runs = unruled_runs(lines, heights[len(heights) // 2])   # a table is set smaller than the headings
    if not runs:
        return items
    tables = {id(run[0]): _unruled_table(run) for run in runs}
    dropped = {id(line) for run in runs for line in run}
    unread = sorted({line.page for run in runs if tables[id(run[0])] is None for line in run})
    read = sorted({line.page for run in runs if tables[id(run[0])] is not None for line in run})
    content.unruled = unread
    if read:
        content.notes.append(Note(unruled_read_note(read)))
    if unread:
        content.notes.append(Note(unruled_note(unread), "unplaced"))
    out: list[_Table | _Line] = []
    for item in items:
        table = tables.get(id(item))
        if table is not None:
            out.append(table)
        if id(item) not in dropped:
            out.append(item)
    return out


def _unruled_table(run: list[_Line]) -> _Table | None:
    """The format's table the lines of ``run`` print without rules, its cells laid out as the
    format's grid (one unit a grid column and row), when read with certainty (``pdf_unruled_read``)."""
    chars: dict[int, list[dict]] = {}
    for line in run:
        chars.setdefault(line.page, []).extend(line.chars)
    found = read_unruled(words_of(chars, tidy))
    if found is None:
        return None
    spec, figures = found
    cells = [_Cell(10.0 * g.col, 10.0 * g.row, 10.0 * (g.col + g.colspan), 10.0 * (g.row + g.rowspan),
                   figures.get(g, "") if g.role in (Role.INPUT, Role.COMPUTED) else g.text) for g in spec.grid]
    return _Table(cells, sorted({line.page for line in run}), ruled=False)


def _without_running_lines(items: list[_Table | _Line], content: PdfContent) -> list[_Table | _Line]:
    """The items without a running header or footer: a line in the page's margin repeated at the
    same height on two pages or more, its numbers aside (``XX局年度报告　第2页``; a bare page
    number is dropped where it is read)."""
    def key(line: _Line) -> tuple[str, int]:
        return re.sub(r"\d+", "#", line.text), round(line.top / EDGE_TOLERANCE)

    seen: dict[tuple[str, int], set[int]] = {}
    shown: dict[tuple[str, int], str] = {}
    for item in items:
        if isinstance(item, _Line) and item.margin:
            seen.setdefault(key(item), set()).add(item.page)
            shown.setdefault(key(item), item.text)
    running = {k for k, pages in seen.items() if len(pages) >= 2}
    if not running:
        return items
    content.notes.append(Note("各页页眉、页脚重复的文字未读取：" + "／".join(dict.fromkeys(shown[k] for k in running))))
    return [item for item in items if not (isinstance(item, _Line) and item.margin and key(item) in running)]


def _read_pages(pdf, path: Path, content: PdfContent) -> tuple[list[_Table | _Line], int, dict[int, list[dict]]]:
    """The items of the pages read, how many characters they have, the images of each page."""
    from pdfminer.pdfexceptions import PDFException, PSException
    from pdfplumber.utils.exceptions import PdfminerException

    started = time.monotonic()
    items: list[_Table | _Line] = []
    chars = 0
    images: dict[int, list[dict]] = {}
    number = 1
    continued = None
    try:
        for page in _pages(pdf, content.pages):
            number = page.page_number
            if time.monotonic() - started > MAX_SECONDS:
                raise ReadError(f"读取“{path.name}”用时过长（第{number}页仍未读完），文件可能异常，已停止。"
                                "请向发布单位索取 Word/Excel 文件，或导入年报网页。")
            _check_content_size(page.page_obj, path, number)
            struck: list[str] = []
            page_items, page_chars = _page_items(page, continued, struck)
            if struck:
                content.notes.append(Note(f"第{number}页有划掉的文字（删除线：打印时显示了修订，或有意删去），未读取："
                                          f"{one_line(''.join(struck), 40)}"))
            items.extend(page_items)
            last = page_items[-1] if page_items else None
            continued = (last.x0, last.x1) if isinstance(last, _Table) else None
            chars += page_chars
            unmapped = sum(1 for c in page.chars if c["text"].startswith("(cid:"))
            content.unmapped += unmapped
            if unmapped:
                content.unmapped_pages.append(number)
            if page.images:
                images[number] = [{key: i[key] for key in ("x0", "x1", "top", "bottom")} | {"page": (page.width, page.height)}
                                  for i in page.images]
            content.pages_read += 1
            page.close()
    except (PdfminerException, PDFException, PSException) as exc:
        raise ReadError(f"“{path.name}”第{number}页已损坏，无法读取。请重新下载该文件，"
                        "或向发布单位索取 Word/Excel 文件，或导入门户网站上的年报网页。") from exc
    return items, chars, images


def _scanned(path: Path, images: int) -> str:
    what = "是扫描件（页面是图片）" if images else "没有文字内容"
    return (f"“{path.name}”{what}，其中没有可读取的文字，无法导入（本软件不做文字识别 OCR）。"
            "请向发布单位索取年报的 Word 或 Excel 文件，或在浏览器中把门户网站上的年报网页“另存为”网页后导入；"
            "也可以按纸面内容直接填写。")


# ---------------------------------------------------------------------------------------------
# Reading the blocks as a published report (the reading shared with the Word and web page readers)


def read_pdf(path: Path) -> ImportResult:
    """Last year's report from a published PDF.  Raises ``ReadError`` with a message for the clerk."""
    path = Path(path)
    content = pdf_content(path)
    result = read_blocks(content.blocks, path.name, "pdf")
    result.notes[:] = [*content.notes, *_unmapped_said_once(_with_pages(result.notes, content.blocks), content)]
    missing = [table for table in result.report.form.tables if table not in result.found_in]
    if missing and content.pictures:
        result.notes.append(Note(picture_note(content.pictures, missing), "unplaced"))
    elif missing and not content.unruled and _mentions_attachment(content.blocks):
        result.notes.append(Note(attached_note(missing), "unplaced"))
    elif not any(block.kind == "tbl" for block in content.blocks) and not content.unruled:
        result.notes.append(Note("PDF 中没有找到带框线的表格（表格可能没有框线，或是图片），三张统计表按空白处理。"
                                 "请导入门户网站上的年报网页或 Word/Excel 文件，或导入后手工填写各表。", "unplaced"))
    return result


def _unmapped_said_once(notes: list[str], content: PdfContent) -> list[str]:
    """The reader's notes on cells whose characters the font gives no text for (a figure
    ``\ufffd\ufffd`` is no number, a label no label) said as one: which pages, what is left blank,
    what to do — when such characters are in the report's text or tables (not only in a running
    header, which is not read)."""
    garbled = [note for note in notes if UNMAPPED in note]
    shown = any(UNMAPPED in block.text or (block.grid and any(UNMAPPED in c.text for c in block.grid.cells))
                for block in content.blocks)
    if not (garbled or shown):
        return notes
    pages = "、".join(str(p) for p in content.unmapped_pages)
    said = Note(f"第{pages}页有 {content.unmapped} 个字符所用的字体没有附带文字编码（复制出来是乱码），无法识别："
                "由这些字符写成的数字和表格标签没有读取（按空白处理），正文中以“\ufffd”标出。"
                "请对照 PDF 核对并手工填写这些内容，或向发布单位索取年报的 Word/Excel 文件、导入门户网站上的年报网页。", "problem")
    return [*(note for note in notes if UNMAPPED not in note), said]


def _mentions_attachment(blocks: list[Block]) -> bool:
    """The text sends the reader to an attachment (``附件：…统计表``, ``见附件``)."""
    return any(block.kind == "p" and "附件" in block.text for block in blocks)


_TABLE_NUMBER = re.compile(r"第(\d+)个表格")


def _with_pages(notes: list[str], blocks: list[Block]) -> list[str]:
    """Notes naming a table by its number (第2个表格) also name its page, which the clerk can find."""
    wheres = [block.where for block in blocks if block.kind == "tbl"]

    def page(match: re.Match) -> str:
        number = int(match.group(1))
        return f"{match.group(0)}（{wheres[number - 1]}）" if 0 < number <= len(wheres) else match.group(0)

    out = []
    for note in notes:
        text = _TABLE_NUMBER.sub(page, note)
        out.append(note if text == note else Note(text, getattr(note, "kind", "info")))
    return out
