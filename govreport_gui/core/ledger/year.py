"""The year of a ledger's dates written without one (``3月1日``, ``03-01``): a ledger kept per year
often writes its year once, in the title above the header (``2025年依申请公开登记台账``), in the
sheet's name (``2025年``) or in the file's name (``2025年台账.xlsx``).

The sheet's own words (its name, the rows above the header) come first, then the file's name.  A
place that names two years (``2024—2025年``) names none: such dates are then refused with the
reason, never read with a year picked among several.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .dates import FIRST_YEAR, LAST_YEAR
from .sheet import LedgerSheet

_YEAR = re.compile(r"(?<!\d)(\d{4})(?!\d)")


@dataclass(frozen=True)
class LedgerYear:
    """The year found (None: none, or several), where it was written, and in words why not."""

    year: int | None
    where: str = ""
    problem: str = ""


def years_in(text: object) -> set[int]:
    """The plausible years written in ``text`` (``2025年``, ``2025``, ``２０２５``)."""
    found = _YEAR.findall(unicodedata.normalize("NFKC", str(text or "")))
    return {int(y) for y in found if FIRST_YEAR <= int(y) <= LAST_YEAR}


def ledger_year(sheet: LedgerSheet, header_row: int) -> LedgerYear:
    """The year of ``sheet``'s year-less dates; ``header_row``: the header's row (0-based)."""
    title = " ".join(str(v) for row in sheet.rows[:header_row] for v in row if isinstance(v, str))
    own = [(f"工作表名“{sheet.name}”", years_in(sheet.name)), (f"标题“{_short(title)}”", years_in(title))]
    in_sheet = set().union(*(years for _, years in own))
    if len(in_sheet) == 1:
        year = next(iter(in_sheet))
        return LedgerYear(year, "、".join(where for where, years in own if years))
    if len(in_sheet) > 1:
        shown = "、".join(f"{y}年" for y in sorted(in_sheet))
        return LedgerYear(None, problem=f"工作表名和标题中写有{shown}，无法确定是哪一年")
    in_file = years_in(sheet.source)
    if len(in_file) == 1:
        return LedgerYear(next(iter(in_file)), f"文件名“{sheet.source}”")
    if in_file:
        return LedgerYear(None, problem=f"文件名“{sheet.source}”中写有{len(in_file)}个年份，无法确定是哪一年")
    return LedgerYear(None, problem="台账的标题、工作表名和文件名中都没有写明年份，无法确定是哪一年")


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 30 else text[:29] + "…"
