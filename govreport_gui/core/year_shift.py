"""Last year's words in this year's report: the report year moved on, every other year left alone.

A preface carried from last year's report says “统计期限自2024年1月1日起至2024年12月31日止”,
“2024年度”, “2024年，我局……”: there 2024 is the report year and becomes 2025.  The same year in a
document's name or number (《2024年政务公开工作要点》, 〔2024〕5号, 2024年第3号), in a dated event
(“2024年3月印发”, “自2024年1月1日起施行”) is not the report year and stays; so do all other years
(国办公开办函〔2021〕30号, 2019年修订的《条例》).  Every change and every occurrence kept is
reported with its sentence before and after, for the clerk to check.

    >>> moved = move_report_year("统计期限自2024年1月1日起至2024年12月31日止。", 2024, 2025)
    >>> moved.text
    '统计期限自2025年1月1日起至2025年12月31日止。'
    >>> move_report_year("《条例》自2024年1月1日起施行。", 2024, 2025).kept[0].why
    '具体日期'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .forms.traditional import fold_traditional

_CN = "〇一二三四五六七八九"
_CN_ALT = {"零": "〇", "○": "〇", "Ｏ": "〇", "O": "〇"}
_FULL = "０１２３４５６７８９"
_SENTENCE_END = "。！？；!?;\n"
# brackets whose content is a document's name or number: a year inside is the document's
_QUOTING = (("《", "》"), ("〔", "〕"), ("［", "］"), ("[", "]"), ("【", "】"), ("〈", "〉"))
_MONTH = re.compile(r"\s*(?:\d{1,2}|[０-９]{1,2}|[一二三四五六七八九十]{1,2})\s*月")
_NUMBER = re.compile(r"\s*第\s*[\d０-９一二三四五六七八九十百]+\s*号")
_EVENT = re.compile(r"\s*(?:印发|修订|修正|发布|颁布|施行|出台|制定|通过|版|第[一二三四五六七八九十\d]+次)")
_PERIOD = re.compile(r"统计|(?:1|１|一)月(?:1|１|一)日.*(?:12|１２|十二)月(?:31|３１|三十一)日")


@dataclass(frozen=True)
class YearChange:
    """One sentence of the text, as it was and as it is now; ``why`` says why a year was kept."""

    before: str
    after: str
    why: str = ""


@dataclass
class Shifted:
    text: str
    changes: list[YearChange] = field(default_factory=list)   # sentences where the year moved
    kept: list[YearChange] = field(default_factory=list)      # sentences where it was left, and why


def _spellings(year: int) -> dict[str, str]:
    """The year as written: Arabic, full-width and Chinese digits (二〇二四)."""
    digits = str(year)
    return {"arabic": digits, "full": digits.translate(str.maketrans("0123456789", _FULL)),
            "chinese": "".join(_CN[int(d)] for d in digits)}


def _pattern(year: int) -> re.Pattern[str]:
    spelled = _spellings(year)
    chinese = "".join(f"[{d}{''.join(k for k, v in _CN_ALT.items() if v == d)}]" for d in spelled["chinese"])
    return re.compile(rf"(?<![\d０-９〇零○一二三四五六七八九])(?:{spelled['arabic']}|{spelled['full']}|{chinese})"
                      rf"(?![\d０-９〇零○一二三四五六七八九])")


def _respell(found: str, year: int) -> str:
    """``year`` written in the digits ``found`` (the old year as written) uses."""
    spelled = _spellings(year)
    if found[0].isascii():
        return spelled["arabic"]
    return spelled["full"] if found[0] in _FULL else spelled["chinese"]


def _sentence_at(text: str, start: int, end: int) -> tuple[int, int]:
    left = max((text.rfind(ch, 0, start) for ch in _SENTENCE_END), default=-1) + 1
    right = min((i for i in (text.find(ch, end) for ch in _SENTENCE_END) if i >= 0), default=len(text))
    return left, min(len(text), right + 1)


def _quoted(text: str, at: int) -> bool:
    return any(text.rfind(o, 0, at) > text.rfind(c, 0, at) for o, c in _QUOTING)


def _why_kept(text: str, m: re.Match[str], sentence: str) -> str:
    """"" when the year at ``m`` is the report year; else why it is not."""
    if _quoted(text, m.start()):
        return "文件名称或文号中的年份"
    rest = text[m.end():]
    if not rest.startswith("年"):
        return "" if _PERIOD.search(sentence) and re.match(r"\s*[./\-－—]\s*\d", rest) else "不是“某年”的写法"
    after = rest[1:]
    if _NUMBER.match(after):
        return "文号中的年份"
    if _MONTH.match(after) and not _PERIOD.search(sentence):
        return "具体日期"
    if _EVENT.match(after):
        return "文件印发、施行等的年份"
    return ""


def move_report_year(text: str, old: int, new: int) -> Shifted:
    """``text`` with the report year ``old`` changed to ``new`` wherever it means the report year."""
    if not (1000 <= old <= 9999 and 1000 <= new <= 9999) or old == new or not text:
        return Shifted(text)   # four digits both: a sentence keeps its place and length
    out, last = [], 0
    touched: dict[tuple[int, int], list[str]] = {}
    folded = fold_traditional(text)   # (a text in traditional characters: 修訂, 統計; the same places)
    for m in _pattern(old).finditer(text):
        span = _sentence_at(text, m.start(), m.end())
        why = _why_kept(folded, m, folded[span[0]:span[1]])
        touched.setdefault(span, []).append(why)
        if why:
            continue
        out += [text[last:m.start()], _respell(m.group(0), new)]
        last = m.end()
    result = Shifted("".join(out) + text[last:])
    for (start, end), whys in touched.items():
        before, after = text[start:end].strip(), result.text[start:end].strip()
        if before != after:
            result.changes.append(YearChange(before, after))
        for why in dict.fromkeys(w for w in whys if w):
            result.kept.append(YearChange(before, after, why))
    return result


__all__ = ["move_report_year", "Shifted", "YearChange"]
