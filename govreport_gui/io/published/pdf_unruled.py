"""Statistical tables a PDF has no rules for: printed without lines (whitespace-aligned, or with
horizontal rules only), pasted as pictures, or left to an attachment.

Their figures are not read — without the cells' borders a figure cannot be told to which column
it belongs when cells are blank, and a picture has no text — but the clerk is told which pages
they are on and what to do, and a table's lines are not taken for words of the report:

* ``unruled_runs``: runs of lines set smaller than the section headings, among them labels of the
  format with their figures (``行政规范性文件 2 1 11``) — a table's text, not prose;
* ``picture_pages``: pages with a picture as wide as half the page (a table pasted as a picture,
  or a scanned page); a seal or a logo is smaller, a site's banner short and at the top.
"""

from __future__ import annotations

import re
from typing import Protocol, TypeVar

from ...core.forms import tables_named
from ..locate.table_locate import label_index

#: A line of a table is set at most this share of the headings' height (9–10.5 pt against 16).
SMALLER = 0.85
#: Lines of a run that are labels of the format before the run is taken for a table.
MIN_LABELS = 2
#: Figures of a line of figures alone taken for a row of a table.
MIN_FIGURES = 3
#: Characters of a line tried as a label at its start (the longest official label has 37).
LONGEST_LABEL = 40
#: A picture at least this share of the page's width, and of its height, is a table or a page,
#: not a seal or a logo; one that begins in the page's top share is a site's banner.
WIDE_PICTURE = 0.5
TALL_PICTURE = 0.05
BANNER_ZONE = 0.08

_TRAILING_FIGURES = re.compile(r"(?:[\s\u3000]*[-+]?\d[\d,.]*(?:万?元)?)+$")


class _Line(Protocol):
    text: str
    page: int

    size: float


L = TypeVar("L", bound=_Line)


def _known_label(text: str) -> bool:
    """The line is a label of the format, or begins with one (the words of a header's cells run
    together on one line: ``行政复议行政诉讼``), its figures aside; or it is a row of figures
    alone (四's, under headers wrapped in narrow columns: ``结果`` / ``维持``)."""
    label = _TRAILING_FIGURES.sub("", text).strip()[:LONGEST_LABEL]
    if not label:
        return len(text.split()) >= MIN_FIGURES
    index = label_index()
    return any(index.lookup(label[:end]) for end in range(len(label), 1, -1))


def unruled_runs(lines: list[L], heading: float) -> list[list[L]]:
    """Runs of consecutive lines smaller than the section headings (``heading``: their characters' height)
    holding at least ``MIN_LABELS`` row or column labels of the format: the text of a table
    printed without rules."""
    runs: list[list[L]] = []
    current: list[L] = []
    for line in [*lines, None]:
        if line is not None and line.size < SMALLER * heading:
            current.append(line)
            continue
        labels = (item for item in current if _known_label(item.text))
        if sum(1 for _ in zip(range(MIN_LABELS), labels)) == MIN_LABELS:
            runs.append(current)
        current = []
    return runs


def picture_pages(page_images: dict[int, list[dict]]) -> list[int]:
    """The pages holding a picture of a table: at least ``WIDE_PICTURE`` of the page wide and
    ``TALL_PICTURE`` high, below the page's top (a site's banner over a page printed from the
    portal is wide, short and at the top).  Each picture: its ``x0``, ``x1``, ``top``, ``bottom``
    and ``page`` (the page's width and height)."""
    def table_like(i: dict) -> bool:
        width, height = i["page"]
        return (i["x1"] - i["x0"] >= WIDE_PICTURE * width and i["bottom"] - i["top"] >= TALL_PICTURE * height
                and i["top"] >= BANNER_ZONE * height)

    return sorted(page for page, images in page_images.items() if any(table_like(i) for i in images))


def pages_text(pages: list[int]) -> str:
    """``第2页`` / ``第2、3页``."""
    return "第" + "、".join(str(p) for p in pages) + "页"


def unruled_note(pages: list[int]) -> str:
    return (f"{pages_text(pages)}的统计表没有表格线（只按空格对齐，或只有横线），无法可靠地分清每个数字属于哪一列，"
            "表中的数字没有读取，表格的文字也没有当作正文。请对照 PDF 手工填写这些表，"
            "或导入门户网站上的年报网页、Word/Excel 文件。")


def unruled_read_note(pages: list[int]) -> str:
    return (f"{pages_text(pages)}的统计表没有表格线，已按各行标签、各列标题与数字的位置读取其中的数字"
            "（行、列都能确定时才读取）。请对照 PDF 核对这些表的数字。")


def picture_note(pages: list[int], missing: list[str]) -> str:
    """``missing``: the ids of the tables not found."""
    return (f"{pages_text(pages)}的统计表是图片（扫描或粘贴的图片），图片中的数字无法读取（本软件不做文字识别 OCR），"
            f"{tables_named(missing)}按空白处理。请对照 PDF 手工填写这几张表，或向发布单位索取年报的 Word/Excel 文件、"
            "导入门户网站上的年报网页。")


def attached_note(missing: list[str]) -> str:
    return ("PDF 中只有正文，没有统计表（正文提到了附件，统计表可能作为附件另行发布），"
            f"{tables_named(missing)}按空白处理。"
            "请找到该附件，对照填写这几张表，或导入门户网站上的年报网页、Word/Excel 文件。")
