"""Dates as clerks keep them in a ledger: date cells, Excel serial numbers, ``2025/3/1``, ``2025-03-01``,
``2025.03.01``, ``2025年3月1日``, ``20250301`` (a time after the date is ignored).

``read_date`` returns a ``date``, ``None`` for an empty cell, or raises ``DateProblem`` with the
reason in Chinese — a value that could be two dates (``3/1/25``) or none is never guessed.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata

#: Dates outside these years are taken for typing errors (a stray number in a date column).
FIRST_YEAR, LAST_YEAR = 1990, 2100
_EXCEL_EPOCH = _dt.date(1899, 12, 30)   # serial 1 = 1900-01-01, with Excel's fictitious 1900-02-29
_BLANK = {"", "/", "-", "—", "——", "无", "空", "未办结", "办理中", "尚未办结", "未答复", "未审结", "尚未审结", "审理中"}
_YMD = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*[日号]?")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_TIME_AFTER = re.compile(r"^(\s*[T ]?\s*\d{1,2}([:时点]\d{1,2}([:分]\d{1,2}(\.\d+)?秒?)?)?分?)?\s*$")


class DateProblem(ValueError):
    """``str(e)``: why the value is not a date."""


def read_date(raw: object) -> _dt.date | None:
    if raw is None:
        return None
    if isinstance(raw, _dt.datetime):
        return _checked(raw.date(), raw)
    if isinstance(raw, _dt.date):
        return _checked(raw, raw)
    if isinstance(raw, bool):
        raise DateProblem(f"“{raw}”不是日期")
    if isinstance(raw, (int, float)):
        return _from_number(raw)
    text = unicodedata.normalize("NFKC", str(raw)).strip()
    if text in _BLANK:
        return None
    return _from_text(text)


def _from_number(value: int | float) -> _dt.date:
    if value != value or value in (float("inf"), float("-inf")):
        raise DateProblem("不是日期")
    if float(value).is_integer() and 10_000_000 <= value <= 99_999_999:
        return _from_text(str(int(value)))   # 20250301 typed as a number
    if 1 <= value < 2_958_466:
        days = int(value)
        if days == 60:
            raise DateProblem("Excel 日期序号60（1900年2月29日）不是真实日期")
        day = _EXCEL_EPOCH + _dt.timedelta(days=days if days > 60 else days + 1)
        return _checked(day, value)
    raise DateProblem(f"“{_shown(value)}”不是日期")


def _from_text(text: str) -> _dt.date:
    m = _YMD.match(text) or _COMPACT.match(text)
    if m is None:
        if re.fullmatch(r"\d+(\.\d+)?", text):   # an Excel serial kept as text
            return _from_number(float(text))
        raise DateProblem(f"“{_shown(text)}”不是可识别的日期（请写作 2025-03-01 或 2025年3月1日）")
    if not _TIME_AFTER.match(text[m.end():]):
        raise DateProblem(f"“{_shown(text)}”不是可识别的日期（日期后面还有其他文字）")
    try:
        day = _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        raise DateProblem(f"“{_shown(text)}”不是有效日期（没有这一天）") from None
    return _checked(day, text)


def _checked(day: _dt.date, raw: object) -> _dt.date:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise DateProblem(f"“{_shown(raw)}”（{format_date(day)}）不像台账中的日期，请核对")
    return day


def _shown(raw: object) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, _dt.datetime):
        raw = raw.date()
    text = str(raw)
    return text if len(text) <= 30 else text[:29] + "…"


def format_date(day: _dt.date) -> str:
    """``2025年3月1日`` — how messages show a date."""
    return f"{day.year}年{day.month}月{day.day}日"
