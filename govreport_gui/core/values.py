"""Exact cell values: reading them the many ways clerks write them, writing them one way.

Counts are ``int`` (only 本年增/减 may be negative), money is ``Decimal`` in 万元, and a blank cell is
``None`` — distinct from 0.  ``parse_value`` is the tolerant reader shared by every importer and
by paste in the editor; it never guesses silently: whatever it had to interpret is returned as a
note, and what it cannot read raises ``ValueProblem`` with a Chinese message.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from .forms.spec import CellSpec, Kind
from .lazy_pattern import LazyPattern
from .records import record

Value = int | Decimal | None

BLANK_MARKS = {"", "/", "-", "—", "——", "–", "无", "空", "－", "／", "―", "─", "——", "n/a", "N/A"}
COUNT_UNITS = ("件", "条", "项", "个", "次", "人", "家", "份", "宗", "起")
WAN = Decimal(10000)   # 元 in a 万元
# the marks and units of a figure as a page in traditional characters prints them (無, 萬元, 億元, 個, 項, 條)
_TRADITIONAL_MARKS = str.maketrans("無萬億個項條", "无万亿个项条")
_YI = Decimal(100000000)
_NUMBER = LazyPattern(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")   # the patterns: compiled when first used (start-up time)
_GROUPED = LazyPattern(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


class ValueProblem(ValueError):
    """A cell's text could not be read as a value of its kind; ``str(e)`` is the Chinese reason."""


@record
class Parsed:
    """A value read from a cell, with a note when it had to be interpreted."""

    value: Value
    note: str | None = None  # what had to be interpreted, e.g. "“12件”按12读取"


#: Characters that take no room and print nothing, left in text by web pages, converters and
#: copying: zero-width space and (non-)joiners, word joiner, byte-order mark, soft hyphen,
#: direction marks and embeddings.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
                                    "\u2060\u2061\u2062\u2063\u2064\ufeff"), None)


_HAS_INVISIBLE = LazyPattern("[" + "".join(map(chr, _INVISIBLE)) + "]")


def without_invisible(text: str) -> str:
    """``text`` without the characters that print nothing (``_INVISIBLE``): the same text to a reader."""
    return text.translate(_INVISIBLE) if _HAS_INVISIBLE.search(text) else text   # (looking costs a tenth of translating)


def normalise_text(text: str) -> str:
    """Full-width → half-width (NFKC), all white space and invisible characters removed (incl.
    U+3000, line breaks, zero-width spaces)."""
    return "".join(unicodedata.normalize("NFKC", without_invisible(text)).split())   # split(): at exactly what isspace() is


def parse_value(raw: object, kind: Kind) -> Parsed:
    """Read a cell value of ``kind`` from a spreadsheet/Word/paste value (str, int, float, Decimal)."""
    if raw is None:
        return Parsed(None)
    if isinstance(raw, bool):
        raise ValueProblem(f"“{raw}”不是数字")
    if isinstance(raw, int):
        return _finish(Decimal(raw), kind, None, str(raw))
    if isinstance(raw, float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise ValueProblem("不是有效数字")
        return _finish(Decimal(repr(raw)), kind, None, repr(raw))
    if isinstance(raw, Decimal):
        return _finish(raw, kind, None, str(raw))
    original = str(raw)
    text = normalise_text(original).replace("−", "-").replace("－", "-").translate(_TRADITIONAL_MARKS)
    if text in BLANK_MARKS or text.lower() in BLANK_MARKS:
        note = None if text == "" else f"“{original.strip()}”按空白（0）读取"
        return Parsed(None, note)
    factor: Decimal | None = Decimal(1)  # money is stored in 万元 (None: 元, converted below)
    if kind is Kind.MONEY:
        for unit, unit_factor in (("亿元", _YI / WAN), ("万元", Decimal(1)), ("元", None)):
            if text.endswith(unit):
                text = text[: -len(unit)]
                factor = unit_factor
                break
    else:
        for unit in COUNT_UNITS:
            if text.endswith(unit):
                text = text[: -len(unit)]
                break
    if _GROUPED.match(text):
        text = text.replace(",", "")
    if not _NUMBER.match(text):
        raise ValueProblem(f"“{original.strip()}”不是数字")
    number = Decimal(text)
    number = number / WAN if factor is None else number * factor  # exact: values < 10**15
    changed = text != original.strip() or factor != 1
    return _finish(number, kind, original.strip() if changed else None, original.strip())


def _finish(number: Decimal, kind: Kind, interpreted_from: str | None, shown: str) -> Parsed:
    if not number.is_finite():
        raise ValueProblem(f"“{shown}”不是有效数字")
    if abs(number) >= Decimal(10) ** 15:
        raise ValueProblem(f"“{shown}”数值过大")
    if kind is Kind.MONEY:
        value: Value = _plain(number)
    else:
        if number != number.to_integral_value():
            raise ValueProblem(f"“{shown}”应为整数")
        value = int(number)
    note = None
    if interpreted_from is not None:
        note = f"“{interpreted_from}”按{format_value(value, kind)}读取"
        if kind is Kind.MONEY:
            note += "（万元）"
    return Parsed(value, note)


def _plain(d: Decimal) -> Decimal:
    """A Decimal without exponent or trailing zeros (2009.540 → 2009.54, 1E+2 → 100)."""
    d = d.normalize()
    exponent = d.as_tuple().exponent   # 'n' / 'N' / 'F' for NaN and infinity
    if isinstance(exponent, int) and exponent > 0:
        d = d.quantize(Decimal(1))
    return d


def sum_values(values: Iterable[Value]) -> int | Decimal:
    """The sum of figures, blanks counting as 0."""
    total: int | Decimal = 0
    for value in values:
        total += value or 0
    return total


def magnitude(value: int | Decimal) -> int | Decimal:
    """``abs()`` that keeps the type (a type checker reads ``abs(int | Decimal)`` as ``object``)."""
    return -value if value < 0 else value


def format_value(value: Value, kind: Kind | None = None) -> str:
    """The canonical text of a value: ``""`` for blank, ``-12``, ``2009.54``."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(_plain(value), "f")
    return str(value)


MONEY_UNIT = "万元"  # money is stored in 万元


def value_with_unit(value: Value, spec: CellSpec) -> str:
    """A value as shown in a table: money carries ``万元`` unless the declaration says its column
    header names the unit (``CellSpec.unit_in_header``: the 2021 fee header says 万元, the 2019
    `采购总金额` header does not)."""
    text = format_value(value)
    if text and spec.kind is Kind.MONEY and not spec.unit_in_header:
        text += MONEY_UNIT
    return text


def with_header_unit(text: str, unit: str | None) -> str:
    """Money typed as text under a header that names the unit (元/亿元): a bare number takes the
    header's unit; text that carries its own unit, or a blank mark, is left as it is."""
    plain = normalise_text(text)
    if unit in ("元", "亿元") and plain and plain[-1].isdigit():
        return plain + unit
    return text


def coerce_exact(value: object, kind: Kind) -> Value:
    """Check a value given by program code (not text): int for counts, Decimal for money."""
    if value is None:
        return None
    if kind is Kind.MONEY:
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            raise ValueProblem("金额应为精确小数")
        try:
            return _plain(Decimal(value))
        except InvalidOperation as exc:  # pragma: no cover - Decimal(int) cannot fail
            raise ValueProblem("金额无效") from exc
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueProblem("应为整数")
    return value


def shorten(text: str, limit: int = 60) -> str:
    """``text`` as a message quotes it: cut short with “…” beyond ``limit`` characters."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


# a note's opening in a table's part: 注： 注1： 说明： 备注： (註： 說明： 備註： in traditional characters)
TABLE_NOTE_START = LazyPattern(r"^\s*(?:[注註]\d*|[说說]明|[备備][注註])\s*[:：]")


def text_and_table_notes(text: str) -> tuple[list[str], list[str]]:
    """A table part's text as (the lines printed above its table, the note under it): the note
    runs from its first line opening with 注：/说明：/备注： to the end of the text."""
    lines = text.split("\n")
    start = next((n for n, line in enumerate(lines) if TABLE_NOTE_START.match(line)), len(lines))
    return lines[:start], lines[start:]


# Numbers written in words (a report's prose, a ledger's dates: 十二, 二十六, 一百零五)
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}


def cn_number(text: str) -> int | Decimal | None:
    """“35” / “１２” / “215.36” / “一” / “十二” / “二十三” / “一百零五” → the number; else None."""
    text = unicodedata.normalize("NFKC", text)
    if re.fullmatch(r"\d+", text):
        return int(text)
    if re.fullmatch(r"\d+\.\d+", text):
        try:
            return Decimal(text)
        except InvalidOperation:
            return None
    total, current = 0, 0
    if not text or any(ch not in _CN_DIGITS and ch not in "十百" for ch in text):
        return None
    for ch in text:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
    return total + current
