"""PDFs drawn operator by operator, the way office suites print a report, without any PDF library.

``draw_report(report, style)`` lays a report out on A4 pages — a title in two lines, the preface,
the six headings with their prose, the three tables from the format declaration with every
figure, the 落款 — and returns the bytes of a PDF whose text layer is what a clerk's reader meets:

* ``white_boxes``: a filled white rectangle behind every line of prose, touching the next one, as
  WPS draws them (``cell_boxes``: behind every line in a table cell too);
* ``highlight``: a yellow box behind a few words of some prose lines;
* ``borders``: the rules drawn as stroked lines (LibreOffice), thin filled rectangles (Word, WPS)
  or each cell as a stroked rectangle; none at all, or only a line over and under the table and
  under its header (a web page whose borders were lost in printing, a "three-line" table);
  ``outer``: the table's outer frame drawn in full, without
  its left and right sides, or without them and without a rule where a page breaks the table;
  ``shade``: header cells filled grey;
* ``repeat_header``: 三's header rows repeated on a new page; ``split_rows``: a row may break
  across a page (its label's lines on both pages); ``break_in``: the page ends after the first
  lines of the cell with that text (a group label such as ``（四）无法提供`` split by the page);
* ``labels``: row labels printed otherwise (``规范性文件`` for ``行政规范性文件``, a misprint);
  ``tables``: a table drawn in another layout (2019's 三 in a 2021 report), with ``values``;
* ``running_header``: a line at the top of every page (``{page}``: the page's number);
* ``wrapped_title``: the title set as one paragraph the page's width wraps (``…年度`` / ``报告``);
  ``line``: the pitch of the prose's lines (44: double spacing); ``landscape``: the section of
  that table (its heading, words and table) printed on landscape pages of its own;
  ``break_before``: the page also ends before the row of the cell with that text;
* ``under``: a note in small type under a table; ``note_rows``: a note in a last row of a table;
* ``fake_bold``: the title, the headings and the tables' headers and totals made bold by printing
  each character twice, 0.4 pt apart (as some PDF printers do for a font without a bold face);
* ``radicals``: the font's text encoding gives the Kangxi radical for some characters (⼀ for 一,
  ⼈ for 人, ⾏ for 行, ⽅ for 方, ⽇ for 日) or a radical of the supplement (⺠ for 民, ⻚ for 页), as
  the encodings of many fonts do;
* ``kerning``: every line shown glyph by glyph in a ``TJ`` array, each glyph moved by that many
  thousandths of the size (Word's kerning, a justified line's added space);
* ``unmapped_figures``: the tables' figures set in a font whose text encoding is missing (they
  read as ``(cid:20)``), as a subset font embedded without its ToUnicode map gives.

The font is the standard ``STSong-Light`` with the ``UniGB-UTF16-H`` encoding (not embedded): every
PDF reader knows it, so the text layer is exact.
"""

from __future__ import annotations

import unicodedata
import zlib
from dataclasses import dataclass, field, replace

from govreport_gui.core.forms.spec import GridCell, Layout, Role, TableSpec
from govreport_gui.core.recalc import all_values
from govreport_gui.core.report import Report
from govreport_gui.core.values import format_value

WIDTH, HEIGHT = 595.0, 842.0
LEFT, TEXT_WIDTH = 79.0, 448.0          # 28 characters of 16 pt
TOP, BOTTOM = 100.0, 760.0
BODY = 16.0                              # 3号
LINE = 28.0                              # fixed line spacing of the body
PAD = 2.0                                # inside a cell


@dataclass
class Style:
    white_boxes: bool = False
    cell_boxes: bool = False             # white boxes behind the lines in table cells too
    highlight: bool = False
    borders: str = "lines"               # "lines" | "thin" | "boxes" | "none" | "horizontal"
    outer: str = "all"                   # "all" | "sides" (no left/right) | "open" (nor at a page break)
    shade: bool = False
    repeat_header: bool = False
    split_rows: bool = False
    break_in: tuple[str, int] | None = None    # (cell text, lines kept on the first page)
    filler: int = 0                      # prose paragraphs in 三 before its table
    narrow_labels: bool = False
    table_font: float = 9.0
    running_header: str = ""             # a line at the top of every page
    wrapped_title: bool = False
    line: float = 28.0                   # pitch of the prose's lines
    landscape: str = ""                  # a table id
    break_before: str = ""               # cell text
    fake_bold: bool = False
    radicals: bool = False
    unmapped_figures: bool = False
    kerning: int = 0                     # each glyph of a line shown apart in a TJ array, moved by this much
    labels: dict[str, str] = field(default_factory=dict)   # official label -> as printed
    tables: dict[str, TableSpec] = field(default_factory=dict)   # a table drawn in another layout
    values: dict = field(default_factory=dict)             # figures of those tables' own cells
    under: dict[str, str] = field(default_factory=dict)    # table id -> a paragraph under the table (注：…)
    note_rows: dict[str, str] = field(default_factory=dict)   # table id -> a last row of the table, one cell (注：…)


# ---------------------------------------------------------------------------------------------
# Pages and the file


def _wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in ("W", "F", "A")


def text_width(text: str, size: float) -> float:
    return sum(size if _wide(ch) else size / 2 for ch in text)


class Page:
    def __init__(self, width: float = WIDTH, height: float = HEIGHT, kerning: int = 0) -> None:
        self.ops: list[str] = []
        self.width, self.height = width, height
        self.kerning = kerning

    def text(self, x: float, top: float, text: str, size: float, bold: bool = False, unmapped: bool = False) -> None:
        """``unmapped``: in the font without a text encoding (each character its glyph number)."""
        baseline = self.height - top - size * 0.88
        font, code = ("F2", "".join(f"{ord(ch):04x}" for ch in text)) if unmapped else ("F1", text.encode("utf-16-be").hex())
        show = f"<{code}> Tj"
        if self.kerning:   # one glyph after the other, each moved by the kerning (thousandths of the size)
            step = 4 if len(code) == 4 * len(text) else len(code) // len(text)
            show = "[" + f" {-self.kerning} ".join(f"<{code[i:i + step]}>" for i in range(0, len(code), step)) + "] TJ"
        for dx in (0.0, 0.4) if bold else (0.0,):
            self.ops.append(f"BT /{font} {size:g} Tf 1 0 0 1 {x + dx:.2f} {baseline:.2f} Tm {show} ET")

    def fill(self, x: float, top: float, w: float, h: float, rgb: tuple[float, float, float]) -> None:
        self.ops.append(f"q {rgb[0]:g} {rgb[1]:g} {rgb[2]:g} rg {x:.2f} {self.height - top - h:.2f} {w:.2f} {h:.2f} re f Q")

    def line(self, x0: float, t0: float, x1: float, t1: float) -> None:
        self.ops.append(f"q 0 G 0.5 w {x0:.2f} {self.height - t0:.2f} m {x1:.2f} {self.height - t1:.2f} l S Q")

    def box(self, x: float, top: float, w: float, h: float) -> None:
        self.ops.append(f"q 0 G 0.5 w {x:.2f} {self.height - top - h:.2f} {w:.2f} {h:.2f} re S Q")


RADICALS = {"一": "\u2f00", "人": "\u2f08", "行": "\u2f8f", "方": "\u2f45", "日": "\u2f47", "民": "\u2ea0", "页": "\u2eda"}


def _to_unicode(swapped: dict[str, str]) -> bytes:
    """A text encoding (ToUnicode CMap) giving each UTF-16 code its own character, but ``swapped``."""
    ranges = [(0x20, 0x7E), (0x2000, 0x206F), (0x3000, 0x303F), (0x4E00, 0x9FFF), (0xFF00, 0xFFEF)]
    lines = ["/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Swapped def",
             "1 begincodespacerange <0000> <FFFF> endcodespacerange", f"{len(ranges)} beginbfrange",
             *(f"<{a:04X}> <{b:04X}> <{a:04X}>" for a, b in ranges), "endbfrange", f"{len(swapped)} beginbfchar",
             *(f"<{ord(k):04X}> <{ord(v):04X}>" for k, v in swapped.items()),
             "endbfchar endcmap CMapName currentdict /CMap defineresource pop end end"]
    data = "\n".join(lines).encode("ascii")
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def pdf_bytes(pages: list[Page], radicals: bool = False) -> bytes:
    """A PDF of ``pages`` (content streams compressed), with a correct cross-reference table;
    ``radicals``: the font's text encoding swaps ``RADICALS`` in."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")
    tree = add(b"")
    encoding = b"/Identity-H /ToUnicode 6 0 R" if radicals else b"/UniGB-UTF16-H"
    font = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding %s "
               b"/DescendantFonts [4 0 R] >>" % encoding)
    add(b"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /DW 1000 /W [%s] "
        b"/FontDescriptor 5 0 R >>" % (b"32 126 500" if radicals else b"1 95 500"))
    add(b"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] "
        b"/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>")
    if radicals:
        add(_to_unicode(RADICALS))
    unmapped = add(b"<< /Type /Font /Subtype /Type0 /BaseFont /ABCDEF+Figures /Encoding /Identity-H "
                   b"/DescendantFonts [%d 0 R] >>" % (len(objects) + 2))
    add(b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /ABCDEF+Figures /CIDSystemInfo << /Registry (Adobe) "
        b"/Ordering (Identity) /Supplement 0 >> /DW 500 /FontDescriptor 5 0 R >>")
    kids = []
    for page in pages:
        data = zlib.compress("\n".join(page.ops).encode("ascii"))
        stream = add(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data + b"\nendstream")
        kids.append(add(b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %g %g] /Resources << /Font << /F1 %d 0 R "
                        b"/F2 %d 0 R >> >> /Contents %d 0 R >>" % (tree, page.width, page.height, font, unmapped, stream)))
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R >>" % tree
    objects[tree - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    return pdf_file(objects)


def pdf_file(objects: list[bytes]) -> bytes:
    """A PDF of ``objects`` (object 1 is the catalog) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# ---------------------------------------------------------------------------------------------
# Text flowing down the pages


def wrap(text: str, width: float, size: float) -> list[str]:
    lines, line = [], ""
    for ch in text:
        if line and text_width(line + ch, size) > width + 0.01:
            lines.append(line)
            line = ""
        line += ch
    return [*lines, line] if line else lines


class Flow:
    def __init__(self, style: Style) -> None:
        self.style = style
        self.pages: list[Page] = [Page(kerning=style.kerning)]
        self.y = TOP

    @property
    def page(self) -> Page:
        return self.pages[-1]

    def new_page(self, landscape: bool = False) -> None:
        self.pages.append(Page(HEIGHT, WIDTH, self.style.kerning) if landscape else Page(kerning=self.style.kerning))
        self.y = TOP

    @property
    def text_width(self) -> float:
        return self.page.width - (WIDTH - TEXT_WIDTH)

    @property
    def bottom(self) -> float:
        return self.page.height - (HEIGHT - BOTTOM)

    def paragraph(self, text: str, size: float = BODY, align: str = "justify", indent: int = 2,
                  line: float = LINE, bold: bool = False) -> None:
        first = indent * size
        lines = wrap(text, self.text_width - first, size)
        if len(lines) > 1:
            rest = wrap(text[len(lines[0]):], self.text_width, size)
            lines = [lines[0], *rest]
        for i, text_line in enumerate(lines):
            if self.y + line > self.bottom:
                self.new_page()
            w = text_width(text_line, size)
            x = {"center": LEFT + (self.text_width - w) / 2, "right": LEFT + self.text_width - w - 2 * size}.get(
                align, LEFT + (first if i == 0 else 0))
            if self.style.white_boxes:
                self.page.fill(LEFT, self.y, self.text_width, line, (1, 1, 1))
            if self.style.highlight and len(text_line) > 6 and (len(self.pages) + i) % 2:
                self.page.fill(x + 2 * size, self.y + 2, 4 * size, line - 4, (1, 1, 0))
            self.page.text(x, self.y + (line - size) / 2, text_line, size, bold and self.style.fake_bold)
            self.y += line

    def numbers(self) -> None:
        """Page numbers at the foot of every page, and the running header at the top."""
        for n, page in enumerate(self.pages, 1):
            label = f"— {n} —"
            page.text(LEFT + (page.width - WIDTH + TEXT_WIDTH - text_width(label, 14)) / 2, page.height - 70, label, 14)
            if self.style.running_header:
                page.text(LEFT, 50, self.style.running_header.format(page=n), 9)


# ---------------------------------------------------------------------------------------------
# Tables


def _widths(spec: TableSpec, narrow: bool) -> list[float]:
    if spec.n_cols <= 4 or spec.layout is Layout.COLUMN_GROUPS:
        return [TEXT_WIDTH / spec.n_cols] * spec.n_cols
    label = [22.0, 30.0, 100.0] if narrow else [36.0, 48.0, 124.0]
    rest = (TEXT_WIDTH - sum(label)) / (spec.n_cols - 3)
    return [*label, *[rest] * (spec.n_cols - 3)]


@dataclass
class _Band:
    """A stretch of the table (strip coordinates top..bottom) drawn on ``page`` from ``y``;
    ``repeat``: the header drawn again; ``framed``: its top is the table's edge on that page."""
    page: int
    top: float
    bottom: float
    y: float
    repeat: bool = False
    framed: bool = True


def _cell_text(g: GridCell, values: dict, style: Style) -> str:
    if g.role in (Role.INPUT, Role.COMPUTED):
        value = values.get(g.key)
        return format_value(value) if value is not None else ""
    return style.labels.get(g.text, g.text)


def draw_table(flow: Flow, spec: TableSpec, values: dict) -> None:
    style, size = flow.style, flow.style.table_font
    lh = size * 1.3
    widths = _widths(spec, style.narrow_labels)
    xs = [LEFT]
    for w in widths:
        xs.append(xs[-1] + w)
    cells = [(g, wrap(_cell_text(g, values, style), xs[g.col + g.colspan] - xs[g.col] - 2 * PAD, size))
             for g in spec.grid]
    heights = [lh + 2 * PAD] * spec.n_rows
    for g, lines in sorted(cells, key=lambda c: c[0].rowspan):
        need = len(lines) * lh + 2 * PAD
        have = sum(heights[g.row:g.row + g.rowspan])
        if need > have:
            heights[g.row + g.rowspan - 1] += need - have
    ys = [0.0]
    for h in heights:
        ys.append(ys[-1] + h)
    bands = _bands(flow, spec, cells, ys, lh)
    for g, lines in cells:
        _draw_cell(flow, style, g, lines, xs, ys, bands, lh, size)
    if style.borders == "horizontal":   # over and under the table (on each page) and under its header
        for band in bands:
            page = flow.pages[band.page]
            for y in {band.top, band.bottom, *([ys[spec.header_rows]] if band.top < ys[spec.header_rows] <= band.bottom else [])}:
                page.line(xs[0], band.y + y - band.top, xs[-1], band.y + y - band.top)
    flow.y = bands[-1].y + (bands[-1].bottom - bands[-1].top) + LINE / 2


def _bands(flow: Flow, spec: TableSpec, cells, ys: list[float], lh: float) -> list[_Band]:
    """Where each stretch of the table goes: cut at the page's bottom (between rows, or inside a
    row when rows may split), the header repeated on the next page when asked."""
    style = flow.style
    forced = _forced_breaks(style, cells, ys, lh)
    bands = [_Band(len(flow.pages) - 1, 0.0, 0.0, flow.y)]
    head = ys[spec.header_rows]
    row = 0
    while row < len(ys) - 1:
        band = bands[-1]
        room = flow.bottom - band.y - (band.bottom - band.top)
        end = ys[row + 1]
        if forced and band.bottom < forced[0] <= end and forced[0] - band.bottom <= room:
            band.bottom = forced.pop(0)
            row += band.bottom == end
        elif end - band.bottom <= room:
            band.bottom = end
            row += 1
            continue
        elif style.split_rows and room > lh + 2 * PAD:
            band.bottom += room - ((room - PAD) % lh)
        flow.new_page(landscape=flow.page.width > WIDTH)
        if style.repeat_header and spec.header_rows and band.bottom >= head:
            bands.append(_Band(len(flow.pages) - 1, 0.0, head, flow.y, repeat=True))
            bands.append(_Band(len(flow.pages) - 1, band.bottom, band.bottom, flow.y + head, framed=False))
        else:
            bands.append(_Band(len(flow.pages) - 1, band.bottom, band.bottom, flow.y))
    return [b for b in bands if b.bottom > b.top]


def _forced_breaks(style: Style, cells, ys: list[float], lh: float) -> list[float]:
    """Where ``break_before`` and ``break_in`` end the page: before the cell's row; after the
    cell's first lines (inside a row when rows may split, else at the next row's top)."""
    def cell(text: str) -> GridCell | None:
        return next((g for g, _ in cells if g.text == text or style.labels.get(g.text) == text), None)

    out = []
    if style.break_before and (g := cell(style.break_before)) is not None:
        out.append(ys[g.row])
    if style.break_in and (g := cell(style.break_in[0])) is not None:
        at = ys[g.row] + PAD + style.break_in[1] * lh
        out.append(at if style.split_rows else min(y for y in ys if y >= at - 0.01))
    return sorted(out)


def _draw_cell(flow: Flow, style: Style, g: GridCell, lines: list[str], xs, ys, bands: list[_Band],
               lh: float, size: float) -> None:
    top, bottom = ys[g.row], ys[g.row + g.rowspan]
    x0, x1 = xs[g.col], xs[g.col + g.colspan]
    left_edge, right_edge = xs[0], xs[-1]
    queue = list(lines)
    for band in bands:
        lo, hi = max(top, band.top), min(bottom, band.bottom)
        if hi <= lo:
            continue
        page = flow.pages[band.page]
        y0, y1 = band.y + lo - band.top, band.y + hi - band.top
        if style.shade and g.role in (Role.HEADER, Role.NOTE, Role.CAPTION):
            page.fill(x0, y0, x1 - x0, y1 - y0, (0.85, 0.85, 0.85))
        shown = list(lines) if band.repeat else []
        if not band.repeat:
            room = int((y1 - y0 - PAD + 0.01) // lh)
            shown, queue = queue[:room], queue[room:]
        for i, text in enumerate(shown):
            w = text_width(text, size)
            x = x0 + PAD if g.role is Role.LABEL and w > 3 * size else x0 + (x1 - x0 - w) / 2
            if style.cell_boxes:
                page.fill(x0 + PAD, y0 + PAD + i * lh, x1 - x0 - 2 * PAD, lh, (1, 1, 1))
            bold = style.fake_bold and g.role in (Role.HEADER, Role.CAPTION, Role.COMPUTED)
            figure = g.role in (Role.INPUT, Role.COMPUTED)
            page.text(x, y0 + PAD + i * lh + (lh - size) / 2, text, size, bold, style.unmapped_figures and figure)
        outer = {"all": set(), "sides": {"l", "r"}, "open": {"l", "r", "t", "b"}}[style.outer]
        first, last = band is bands[0], band is bands[-1]
        sides = {"t": (lo == band.top and band.framed and not first, (x0, y0, x1, y0)),
                 "b": (hi == band.bottom and not band.repeat and not last, (x0, y1, x1, y1)),
                 "l": (x0 == left_edge, (x0, y0, x0, y1)), "r": (x1 == right_edge, (x1, y0, x1, y1))}
        drawn = {s: seg for s, (is_outer, seg) in sides.items() if not (is_outer and s in outer)}
        _rules(page, style, drawn, (x0, y0, x1, y1))


def _rules(page: Page, style: Style, drawn: dict, rect: tuple[float, float, float, float]) -> None:
    if style.borders in ("none", "horizontal"):
        return
    if style.borders == "boxes" and len(drawn) == 4:
        x0, y0, x1, y1 = rect
        page.box(x0, y0, x1 - x0, y1 - y0)
        return
    for x0, y0, x1, y1 in drawn.values():
        if style.borders == "thin":
            page.fill(x0 - 0.375, y0 - 0.375, x1 - x0 + 0.75, y1 - y0 + 0.75, (0, 0, 0))
        else:
            page.line(x0, y0, x1, y1)


# ---------------------------------------------------------------------------------------------
# The report


def _with_note_row(spec: TableSpec, note: str | None) -> TableSpec:
    """``spec`` with a last row of one cell across the table holding ``note``."""
    if not note:
        return spec
    row = GridCell(spec.n_rows, 0, Role.NOTE, note, 1, spec.n_cols)
    return replace(spec, n_rows=spec.n_rows + 1, grid=(*spec.grid, row))


def draw_report(report: Report, style: Style | None = None) -> bytes:
    style = style or Style()
    flow = Flow(style)
    form = report.form
    values = all_values(form, report.values)
    title = (f"{report.meta.agency}{report.meta.year}年", "政府信息公开工作年度报告")
    for text in ["".join(title)] if style.wrapped_title else title:
        flow.paragraph(text, size=22, align="center", indent=0, line=36, bold=True)
    flow.y += LINE / 2
    for text in report.meta.preamble.split("\n"):
        flow.paragraph(text, line=style.line)
    for section in form.sections:
        if section.table and section.table == style.landscape:
            flow.new_page(landscape=True)
        flow.paragraph(section.heading, bold=True)
        for text in report.sections.get(section.key, "").split("\n"):
            if text:
                flow.paragraph(text, line=style.line)
        if section.table == "三":
            for i in range(style.filler):
                flow.paragraph(f"（说明{i + 1}）本表统计的是本年度收到和办理的申请。")
        if section.table:
            draw_table(flow, _with_note_row(style.tables.get(section.table, form.table(section.table)),
                                            style.note_rows.get(section.table)), {**values, **style.values})
            if section.table in style.under:
                flow.paragraph(style.under[section.table], size=12, indent=0, line=20)
        if section.table and section.table == style.landscape:
            flow.new_page()
    flow.y += LINE
    flow.paragraph(report.meta.issuing_organ, align="right", indent=0)
    flow.paragraph(report.meta.date, align="right", indent=0)
    flow.numbers()
    return pdf_bytes(flow.pages, style.radicals)
