"""Reports printed to PDF by another producer than LibreOffice: Qt's own PDF engine (``QPdfWriter``
and ``QPainter``), drawing the way Word, WPS, browsers and PDF printers draw (a subset font embedded
with its text encoding, as they do).

``print_report(report, look, path)`` lays the report out on A4 pages — the title in two lines, the
preface, the six headings and their prose, the three tables from the format declaration, the 落款
— and writes the PDF.  ``Look``:

* ``rules``: the tables' rules as thin filled rectangles (Word: ``rects``; each cell its own four:
  ``cellrects``), stroked lines (``lines``), none (a web page whose borders were lost) or a line
  over and under the table only (``horizontal``);
* ``shade``: header cells filled grey, or dark with white text (a Word table style);
* ``glyphs``: ``each`` character drawn by itself at its place (as PDF printers and WPS place
  them), or the short headers letter-spaced across their cell (``spaced``: WPS's 分散对齐);
* ``footer`` (第X页 共Y页, — X —, X/Y) and ``header`` (a running header with a rule under it);
  ``browser``: the date and title over each page, the address and 1/N under it;
* ``filler`` paragraphs push 三 across a page, ``repeat`` repeats its header there;
* ``rotate``: that table on a page of its own drawn turned, the page's ``/Rotate 90`` turning it
  back (a PDF printer's landscape page); ``landscape``: on a landscape page;
* ``two_columns``: section 一's prose set in two columns;
* ``zero``: how a zero prints in a report of few figures (``sparse``); ``figures``: set to the
  ``right`` of their cells (the headers centred).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from govreport_gui.core.forms.spec import Layout, Role, TableSpec
from govreport_gui.core.recalc import all_values
from govreport_gui.core.report import Report
from govreport_gui.core.values import format_value

W, H = 595.0, 842.0
LEFT, TEXT_W = 79.0, 448.0
TOP, BOTTOM = 100.0, 760.0
FONT = "Noto Serif CJK SC"


@dataclass(frozen=True)
class Look:
    version: str = "2021"
    rules: str = "rects"
    shade: str = ""
    glyphs: str = "run"
    footer: str = ""
    header: str = ""
    browser: bool = False
    filler: int = 0
    repeat: bool = False
    rotate: str = ""
    landscape: str = ""
    two_columns: bool = False
    sparse: bool = False
    zero: str = "0"
    figures: str = "center"
    font: str = FONT
    table_font: float = 9.0
    body: float = 16.0
    line: float = 28.0
    indent: int = 2


def filler(i: int) -> str:
    return f"（说明{i + 1}）本表统计的是本年度收到和办理的申请。"


@dataclass
class Page:
    width: float = W
    height: float = H
    rotate: bool = False
    ops: list = field(default_factory=list)


class Flow:
    """Text and tables flowing down pages, recorded as drawing operations."""

    def __init__(self, look: Look) -> None:
        self.look = look
        self.pages = [Page()]
        self.y = TOP
        self._metrics: dict[float, object] = {}

    def width_of(self, text: str, size: float) -> float:
        from PySide6.QtGui import QFont, QFontMetricsF, QGuiApplication
        if size not in self._metrics:
            font = QFont(self.look.font)
            font.setPointSizeF(size)
            self._metrics[size] = QFontMetricsF(font)
        scale = 72.0 / QGuiApplication.primaryScreen().logicalDotsPerInch()
        return self._metrics[size].horizontalAdvance(text) * scale

    @property
    def page(self) -> Page:
        return self.pages[-1]

    @property
    def text_w(self) -> float:
        return self.page.width - (W - TEXT_W)

    @property
    def bottom(self) -> float:
        return self.page.height - (H - BOTTOM)

    def new_page(self, landscape: bool = False, rotate: bool = False) -> None:
        self.pages.append(Page(H, W, rotate) if landscape or rotate else Page())
        self.y = TOP

    def text(self, x, top, text, size, bold=False, color=(0, 0, 0), spaced=0.0, page=None) -> None:
        (page or self.page).ops.append(("text", x, top, text, size, bold, color, spaced))

    def wrap(self, text: str, width: float, size: float) -> list[str]:
        lines, line = [], ""
        for ch in text:
            if line and self.width_of(line + ch, size) > width + 0.01:
                lines.append(line)
                line = ""
            line += ch
        return [*lines, line] if line else lines

    def _lines(self, text: str, width: float, size: float, first: float) -> list[str]:
        lines = self.wrap(text, width - first, size)
        return [lines[0], *self.wrap(text[len(lines[0]):], width, size)] if len(lines) > 1 else lines

    def paragraph(self, text: str, size: float = 0.0, align: str = "justify", indent: int | None = None) -> None:
        size, line = size or self.look.body, self.look.line
        first = (self.look.indent if indent is None else indent) * size
        for i, part in enumerate(self._lines(text, self.text_w, size, first)):
            if self.y + line > self.bottom:
                self.new_page()
            w = self.width_of(part, size)
            x = {"center": LEFT + (self.text_w - w) / 2, "right": LEFT + self.text_w - w - 2 * size}.get(
                align, LEFT + (first if i == 0 else 0))
            self.text(x, self.y + (line - size) / 2, part, size, size > self.look.body)
            self.y += line

    def two_columns(self, texts: list[str]) -> None:
        size, line, gap = self.look.body, self.look.line, 2 * self.look.body
        width = (self.text_w - gap) / 2
        first = self.look.indent * size
        lines = [(part, first if i == 0 else 0.0) for text in texts
                 for i, part in enumerate(self._lines(text, width, size, first))]
        half = (len(lines) + 1) // 2
        if self.y + half * line > self.bottom:
            self.new_page()
        for i, (part, indent) in enumerate(lines):
            column, row = divmod(i, half)
            self.text(LEFT + column * (width + gap) + indent, self.y + row * line + (line - size) / 2, part, size)
        self.y += half * line


# ---------------------------------------------------------------------------------------------
# Tables


def _widths(spec: TableSpec, total: float) -> list[float]:
    if spec.n_cols <= 4 or spec.layout is Layout.COLUMN_GROUPS:
        return [total / spec.n_cols] * spec.n_cols
    label = [36.0, 48.0, 124.0]
    return [*label, *[(total - sum(label)) / (spec.n_cols - 3)] * (spec.n_cols - 3)]


def _cell_text(g, values: dict, look: Look) -> str:
    if g.role not in (Role.INPUT, Role.COMPUTED):
        return g.text
    value = values.get(g.key)
    if not value:
        return look.zero if look.sparse else "0" if value == 0 else ""
    return format_value(value)


def _row_tops(cells, n_rows: int, lh: float, pad: float) -> list[float]:
    heights = [lh + 2 * pad] * n_rows
    for g, lines in sorted(cells, key=lambda c: c[0].rowspan):
        need = len(lines) * lh + 2 * pad - sum(heights[g.row:g.row + g.rowspan])
        if need > 0:
            heights[g.row + g.rowspan - 1] += need
    ys = [0.0]
    for h in heights:
        ys.append(ys[-1] + h)
    return ys


def _bands(flow: Flow, spec: TableSpec, ys: list[float]) -> list[tuple[Page, int, int, float]]:
    """Where each stretch of rows goes (rows kept whole), the header repeated on a new page when asked."""
    bands, row, first, y = [], 0, 0, flow.y
    while row < spec.n_rows:
        if y + ys[row + 1] - ys[first] > flow.bottom and row > first:
            bands.append((flow.page, first, row, y))
            flow.new_page(landscape=flow.page.width > W and not flow.page.rotate, rotate=flow.page.rotate)
            y = flow.y
            if flow.look.repeat and spec.header_rows and first < spec.header_rows <= row:
                bands.append((flow.page, 0, spec.header_rows, y))
                y += ys[spec.header_rows]
            first = row
            continue
        row += 1
    bands.append((flow.page, first, spec.n_rows, y))
    return bands


def draw_table(flow: Flow, spec: TableSpec, values: dict) -> None:
    look, size = flow.look, flow.look.table_font
    lh, pad = size * 1.35, 2.5
    xs = [LEFT]
    for w in _widths(spec, flow.text_w):
        xs.append(xs[-1] + w)
    cells = [(g, flow.wrap(_cell_text(g, values, look), xs[g.col + g.colspan] - xs[g.col] - 2 * pad, size)) for g in spec.grid]
    ys = _row_tops(cells, spec.n_rows, lh, pad)
    bands = _bands(flow, spec, ys)
    for page, r0, r1, y0 in bands:
        for g, lines in cells:
            lo, hi = max(g.row, r0), min(g.row + g.rowspan, r1)
            if lo < hi:   # a cell the page cuts: its text in the part with its first row (or a repeated header)
                shown = lines if lo == g.row or r0 == 0 else []
                _cell(flow, page, g, shown, (xs[g.col], y0 + ys[lo] - ys[r0], xs[g.col + g.colspan], y0 + ys[hi] - ys[r0]))
        if look.rules == "horizontal":
            for y in {y0, y0 + ys[r1] - ys[r0], *([y0 + ys[spec.header_rows]] if r0 == 0 else [])}:
                page.ops.append(("line", xs[0], y, xs[-1], y))
    page, r0, r1, y0 = bands[-1]
    flow.y = y0 + ys[r1] - ys[r0] + look.line / 2


def _cell(flow: Flow, page: Page, g, lines: list[str], box: tuple[float, float, float, float]) -> None:
    look, size = flow.look, flow.look.table_font
    lh, pad = size * 1.35, 2.5
    x0, top, x1, bottom = box
    header = g.role in (Role.HEADER, Role.NOTE, Role.CAPTION)
    color = (1, 1, 1) if look.shade == "dark" and header else (0, 0, 0)
    if look.shade and header:
        page.ops.append(("fill", x0, top, x1 - x0, bottom - top, (0.85, 0.85, 0.85) if look.shade == "grey" else (0.12, 0.25, 0.45)))
    y = top + (bottom - top - len(lines) * lh) / 2
    for i, text in enumerate(lines):
        w = flow.width_of(text, size)
        spaced = look.glyphs == "spaced" and header and len(text) <= 6 and x1 - x0 > w + 2 * size
        x = x0 + pad if (g.role is Role.LABEL and w > 3 * size) or spaced else x0 + (x1 - x0 - w) / 2
        if look.figures == "right" and g.role in (Role.INPUT, Role.COMPUTED):
            x = x1 - pad - w
        flow.text(x, y + i * lh + (lh - size) / 2, text, size, g.role is Role.COMPUTED, color,
                  x1 - x0 - 2 * pad if spaced else 0.0, page)
    if look.rules in ("lines", "rects", "cellrects"):
        for a, b, c, d in ((x0, top, x1, top), (x0, bottom, x1, bottom), (x0, top, x0, bottom), (x1, top, x1, bottom)):
            if look.rules == "lines":
                page.ops.append(("line", a, b, c, d))
            else:
                t = 0.5 if look.rules == "rects" else 0.75
                page.ops.append(("fill", a - t / 2, b - t / 2, c - a + t, d - b + t, (0, 0, 0)))


# ---------------------------------------------------------------------------------------------
# The report and the file


def lay_out(report: Report, look: Look) -> list[Page]:
    flow = Flow(look)
    form = report.form
    values = all_values(form, report.values)
    for text in (f"{report.meta.agency}{report.meta.year}年", "政府信息公开工作年度报告"):
        flow.paragraph(text, size=22, align="center", indent=0)
    flow.y += look.line / 2
    for text in report.meta.preamble.split("\n"):
        flow.paragraph(text)
    for section in form.sections:
        turned = section.table and section.table in (look.landscape, look.rotate)
        if turned:
            flow.new_page(landscape=section.table == look.landscape, rotate=section.table == look.rotate)
        flow.paragraph(section.heading)
        texts = [t for t in report.sections.get(section.key, "").split("\n") if t]
        if look.two_columns and section.key == "一":
            flow.two_columns(texts)
        else:
            for text in texts:
                flow.paragraph(text)
        for i in range(look.filler if section.table == "三" else 0):
            flow.paragraph(filler(i))
        if section.table:
            draw_table(flow, form.table(section.table), values)
        if turned:
            flow.new_page()
    flow.y += look.line
    flow.paragraph(report.meta.issuing_organ, align="right", indent=0)
    flow.paragraph(report.meta.date, align="right", indent=0)
    _margins(flow, report)
    return flow.pages


def _margins(flow: Flow, report: Report) -> None:
    look, n = flow.look, len(flow.pages)
    for i, page in enumerate(flow.pages, 1):
        label = {"of": f"第{i}页 共{n}页", "dash": f"— {i} —", "slash": f"{i}/{n}"}.get(look.footer)
        if label:
            flow.text(page.width / 2 - flow.width_of(label, 10.5) / 2, page.height - 60, label, 10.5, page=page)
        if look.header:
            flow.text(LEFT, 52, look.header, 9, page=page)
            page.ops.append(("line", LEFT, 66, page.width - (W - LEFT - TEXT_W), 66))
        if look.browser:
            flow.text(30, 20, "2026/12/7 10:31", 8, page=page)
            flow.text(page.width / 2 - 40, 20, f"{report.meta.agency}{report.meta.year}年政府信息公开工作年度报告", 8, page=page)
            flow.text(30, page.height - 28, "http://www.example.gov.cn/zwgk/ndbg/t20240120_12345.html", 8, page=page)
            flow.text(page.width - 50, page.height - 28, f"{i}/{n}", 8, page=page)


def print_report(report: Report, look: Look, path: Path) -> Path:
    """The report printed to ``path`` by Qt's PDF engine (a QGuiApplication must exist)."""
    from PySide6.QtCore import QMarginsF, QSizeF
    from PySide6.QtGui import QPageLayout, QPageSize, QPainter, QPdfWriter

    pages = lay_out(report, look)
    writer = QPdfWriter(str(path))
    writer.setResolution(72)
    writer.setCreator("Microsoft® Word 2016")

    def layout(page: Page) -> None:
        wide = page.width > page.height and not page.rotate
        orientation = QPageLayout.Orientation.Landscape if wide else QPageLayout.Orientation.Portrait
        writer.setPageLayout(QPageLayout(QPageSize(QSizeF(W, H), QPageSize.Unit.Point), orientation, QMarginsF()))

    layout(pages[0])
    painter = QPainter(writer)
    for n, page in enumerate(pages):
        if n:
            layout(page)
            writer.newPage()
        painter.save()
        if page.rotate:   # drawn turned; the page's /Rotate turns it back
            painter.translate(0, H)
            painter.rotate(-90)
        _replay(painter, page, look)
        painter.restore()
    painter.end()
    _rotate(path, [i for i, page in enumerate(pages) if page.rotate])
    return path


def _replay(painter, page: Page, look: Look) -> None:
    from PySide6.QtCore import QPointF, QRectF
    from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPen

    for kind, *args in page.ops:
        if kind == "fill":
            x, top, w, h, color = args
            painter.fillRect(QRectF(x, top, w, h), QColor.fromRgbF(*color))
        elif kind == "line":
            painter.setPen(QPen(QColor("black"), 0.5))
            painter.drawLine(QPointF(args[0], args[1]), QPointF(args[2], args[3]))
        else:
            x, top, text, size, bold, color, spaced = args
            font = QFont(look.font)
            font.setPointSizeF(size)
            font.setBold(bold)
            painter.setFont(font)
            painter.setPen(QColor.fromRgbF(*color))
            base = top + size * 0.88
            if spaced and len(text) > 1:
                for i, ch in enumerate(text):
                    painter.drawText(QPointF(x + i * (spaced - size) / (len(text) - 1), base), ch)
            elif look.glyphs == "each":
                metrics = QFontMetricsF(font, painter.device())
                for ch in text:
                    painter.drawText(QPointF(x, base), ch)
                    x += metrics.horizontalAdvance(ch)
            else:
                painter.drawText(QPointF(x, base), text)


def _rotate(path: Path, pages: list[int]) -> None:
    """Give ``pages`` a ``/Rotate 90`` (pypdfium2, installed with pdfplumber)."""
    if not pages:
        return
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    for i in pages:
        pdf[i].set_rotation(90)
    turned = path.with_suffix(".turned.pdf")
    pdf.save(str(turned))
    pdf.close()
    turned.replace(path)
