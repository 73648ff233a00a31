"""Dates as clerks keep them in a ledger: date cells, Excel serial numbers, ``2025/3/1``, ``2025-03-01``,
``2025.03.01``, ``2025年3月1日``, ``20250301``, ``二〇二五年三月一日`` (a time after the date is ignored, ``下午3:20``, ``上午`` and
the weekday ``星期六`` too, and a
remark in brackets that says nothing about the day: ``（邮寄）`` but not ``（延期）``).

A date without its year (``3月1日``, ``03-01``, ``3.1``: a ledger kept per year, its year written
only in the title, the sheet's name or the file's name) is read with the ``year`` the caller found
there (``core.ledger.year``); without one it is a ``YearMissing`` problem, never a guess.  So is a
year of two figures (``25.3.5``): read when they are that year's (or the year before or after it).

A status word after the date (``2024.3.8 已办结``, ``2024-03-08（已答复）``, ``3月8日已回复``) says only
what it says: a word of an answered row is set aside, a word of an open one (``办理中``) beside a
date is a problem for the clerk.  A year and month without the day (``2024年1月``) is a ``MonthOnly``
problem that carries the month: the caller decides where the month is enough (``core.ledger.count``).

``read_date`` returns a ``date``, ``None`` for an empty cell, or raises ``DateProblem`` with the
reason in Chinese — a value that could be two dates (``3/1/25``) or none is never guessed.
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata

from ..values import cn_number

#: Dates outside these years are taken for typing errors (a stray number in a date column).
FIRST_YEAR, LAST_YEAR = 1990, 2100
_EXCEL_EPOCH = _dt.date(1899, 12, 30)   # serial 1 = 1900-01-01, with Excel's fictitious 1900-02-29
_BLANK = {"", "/", "-", "—", "——", "无", "空", "未办结", "办理中", "尚未办结", "未答复", "未审结", "尚未审结", "审理中"}
_YMD = re.compile(r"^(\d{4})\s*[-/.年—–]\s*(\d{1,2})\s*[-/.月—–]\s*(\d{1,2})\s*[日号]?")   # (— –: dashes typed in Chinese)
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
# a year of two figures: 25.3.5, 25/3/5, 25-03-05 (read only with the ledger's year: ``_short_year``)
_SHORT_YMD = re.compile(r"^(\d{2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?!\d)")
# month and day only: 3月1日, 03-01, 3/1, 3.1 (never a third number: 3/1/25 is not this)
_MONTH_DAY = re.compile(r"^(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?|^(\d{1,2})\s*[-/.]\s*(\d{1,2})(?!\s*[-/.]\s*\d)(?!\d)")
_WEEKDAY = r"(\(?(星期|周|礼拜)?[一二三四五六日天]\)|(星期|周|礼拜)[一二三四五六日天])"
_TIME_AFTER = re.compile(r"^\s*" + _WEEKDAY + r"?\s*[T ]?\s*(上午|下午|中午|晚上|凌晨|早上)?\s*"
                         r"(\d{1,2}([:时点]\d{1,2}([:分]\d{1,2}(\.\d+)?秒?)?)?[分点时]?)?\s*" + _WEEKDAY + r"?\s*"
                         r"[.。,，;；]?\s*$")   # (a full stop typed after the date: 2025.1.9.)


# A remark in brackets after a date (2025年3月5日（邮寄）) is set aside — unless it names another date
# or says the date is not the day itself (延期, 预计, 截止 …).
_REMARK = re.compile(r"\s*\(([^()\d]{1,12})\)\s*$")
_NOT_THE_DAY = ("延期", "延长", "预计", "拟", "截止", "期限", "届满", "之前", "以前", "前", "后", "未", "待", "约", "左右")


# An answering date written as "the same day" as the receiving one (当场答复 at the counter).
SAME_DAY = ("同日", "当日", "当天", "即日", "同一天", "当场", "同日办结", "当日办结", "当天办结", "当场答复", "即时办结",
            "当日答复", "同日答复")


def is_same_day(raw: object) -> bool:
    """``raw`` says the answer was given the day the application was received (``SAME_DAY``)."""
    return isinstance(raw, str) and "".join(unicodedata.normalize("NFKC", raw).split()) in SAME_DAY


class DateProblem(ValueError):
    """``str(e)``: why the value is not a date."""


class YearMissing(DateProblem):
    """A month and day without a year, and no year given to read it with."""


class MonthOnly(DateProblem):
    """A year and a month without the day: ``first`` and ``last``, the month's first and last days."""

    def __init__(self, message: str, first: _dt.date) -> None:
        super().__init__(message)
        self.first = first
        self.last = (first.replace(day=28) + _dt.timedelta(days=4)).replace(day=1) - _dt.timedelta(days=1)


# What a clerk writes after the date of an answer: the row's state.  Done: set aside; open: a problem.
_DONE_STATUS = ("已办结", "办结", "已答复", "答复", "已回复", "回复", "已告知", "已书面告知", "已送达", "已邮寄",
                "已完成", "完成", "已处理", "已结案", "结案", "已审结", "审结", "已领取", "已反馈")
_OPEN_STATUS = ("未办结", "尚未办结", "办理中", "正在办理", "未答复", "尚未答复", "待答复", "在办", "处理中", "审理中",
                "未审结", "尚未审结", "延期答复", "延期")
_STATUS = re.compile(r"^(?P<date>.*?[\d月日号])[\s,，;；:：/(\[【\-—]*(?P<word>"
                     + "|".join(sorted(map(re.escape, _DONE_STATUS + _OPEN_STATUS), key=len, reverse=True))
                     + r")[)\]】]?[。.]?\s*$")
_YEAR_MONTH = re.compile(r"^(\d{4})\s*(?:年\s*(\d{1,2})\s*月份?|[-/](\d{1,2}))$")


def read_date(raw: object, year: int | None = None) -> _dt.date | None:
    """``raw`` as a date; ``year``: the year of a date written without one (the ledger's year)."""
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
    text = _without_status(text)
    if (month := _YEAR_MONTH.match(text)) is not None:
        _month_only(text, int(month.group(1)), int(month.group(2) or month.group(3)))
    remark = _REMARK.search(text)
    if remark is not None and remark.start() > 0 and not any(w in remark.group(1) for w in _NOT_THE_DAY):
        text = text[:remark.start()]
    return _from_text(text, year)


def _without_status(text: str) -> str:
    """``text`` without the state of the row written after its date (已办结); a problem when the
    state says the row is still open (2024-03-08 办理中: which is it?)."""
    m = _STATUS.match(text)
    if m is None:
        return text
    if m.group("word") in _OPEN_STATUS:
        raise DateProblem(f"“{_shown(text)}”写了日期又写了“{m.group('word')}”：已办结的请只写办结日期，"
                          "尚未办结的请不写日期（或写“办理中”）")
    return m.group("date").strip()


def _month_only(text: str, year: int, month: int) -> None:
    if not 1 <= month <= 12:
        raise DateProblem(f"“{_shown(text)}”不是有效日期（没有这个月）")
    first = _checked(_dt.date(year, month, 1), text)
    raise MonthOnly(f"“{_shown(text)}”只写到月份，没有写哪一天（请写明是{year}年{month}月几日）", first)


def _from_number(value: int | float) -> _dt.date:
    if value != value or value in (float("inf"), float("-inf")):
        raise DateProblem("不是日期")
    if float(value).is_integer() and 10_000_000 <= value <= 99_999_999:
        return _from_text(str(int(value)), None)   # 20250301 typed as a number
    if isinstance(value, float) and 1 <= value < 13 and not value.is_integer():
        raise DateProblem(f"“{_shown(value)}”是数字，不是日期（3.1 与 3.10 在数字中无法区分），"
                          "请改写为 2025-03-01 或 2025年3月1日")
    if 1 <= value < 2_958_466:
        days = int(value)
        if days == 60:
            raise DateProblem("Excel 日期序号60（1900年2月29日）不是真实日期")
        day = _EXCEL_EPOCH + _dt.timedelta(days=days if days > 60 else days + 1)
        return _checked(day, value)
    raise DateProblem(f"“{_shown(value)}”不是日期")


# A date in Chinese numerals, as on a signed paper: 二〇二四年一月五日, 二〇二四年十二月二十六日, 三月五日.
_CN_DIGIT = {ch: str(i) for i, ch in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0", "Ｏ": "0", "O": "0", "o": "0"}
_CN_DATE = re.compile(r"^(?:([〇○零Ｏ一二三四五六七八九Oo]{4})\s*年)?\s*([一二三四五六七八九十]{1,2})\s*月"
                      r"\s*([一二三四五六七八九十]{1,3})\s*[日号]")


def _arabic(text: str) -> str:
    """``text`` with a date in Chinese numerals at its start written in digits (2024年1月5日)."""
    m = _CN_DATE.match(text)
    if m is None:
        return text
    month, day = cn_number(m.group(2)), cn_number(m.group(3))
    year = "".join(_CN_DIGIT[ch] for ch in m.group(1)) + "年" if m.group(1) else ""
    return f"{year}{month}月{day}日" + text[m.end():]


def _from_text(text: str, year: int | None) -> _dt.date:
    digits = _arabic(text)
    if digits == text:
        return _from_digits(text, year)
    try:
        return _from_digits(digits, year)
    except DateProblem as exc:   # (the message quotes the date as the clerk wrote it)
        raise type(exc)(str(exc).replace(f"“{_shown(digits)}”", f"“{_shown(text)}”")) from None


def _from_digits(text: str, year: int | None) -> _dt.date:
    m = _YMD.match(text) or _COMPACT.match(text)
    if m is None:
        if re.fullmatch(r"\d{5,}(\.\d+)?", text):   # an Excel serial kept as text
            return _from_number(float(text))
        if (md := _MONTH_DAY.match(text)) is not None and _TIME_AFTER.match(text[md.end():]):
            return _month_day(text, md, year)
        if (short := _SHORT_YMD.match(text)) is not None and _TIME_AFTER.match(text[short.end():]):
            return _short_year(text, short, year)
        raise DateProblem(f"“{_shown(text)}”不是可识别的日期（请写作 2025-03-01 或 2025年3月1日）")
    if not _TIME_AFTER.match(text[m.end():]):
        raise DateProblem(f"“{_shown(text)}”不是可识别的日期（日期后面还有其他文字）")
    return _day(text, int(m.group(1)), int(m.group(2)), int(m.group(3)))


def _month_day(text: str, m: re.Match, year: int | None) -> _dt.date:
    if year is None:
        raise YearMissing(f"“{_shown(text)}”没有写年份")
    month, day = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    return _day(text, year, int(month), int(day))


def _short_year(text: str, m: re.Match, year: int | None) -> _dt.date:
    """``25.3.5``: the year's last two figures, read as the ledger's year (or the year before or after
    it: a carried-in application, an answer of the next year) when they are its — never otherwise."""
    if year is None:
        raise YearMissing(f"“{_shown(text)}”的年份只写了两位")
    near = {y % 100: y for y in (year - 1, year, year + 1)}
    found = near.get(int(m.group(1)))
    if found is None:
        raise DateProblem(f"“{_shown(text)}”的年份只写了两位，与台账的年度（{year}年）不符：请写四位年份（如 {year}-03-01）")
    return _day(text, found, int(m.group(2)), int(m.group(3)))


def _day(text: str, year: int, month: int, day: int) -> _dt.date:
    try:
        found = _dt.date(year, month, day)
    except ValueError:
        raise DateProblem(f"“{_shown(text)}”不是有效日期（没有这一天）") from None
    return _checked(found, text)


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
