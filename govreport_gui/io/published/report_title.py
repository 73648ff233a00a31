"""The report's year and agency as written in its title, for every reader (Word, Excel).

A title names the agency, the year and the report: ``XX市XX局2023年政府信息公开工作年度报告``.
Clerks write the year in Arabic digits (half- or full-width: ``２０２３``) or in Chinese numerals
(``二〇二三年``, also with ``○`` / ``零``), add ``度`` (``2023年度``), leave out ``工作`` or ``年度``
(``…政府信息公开年度报告``, ``…政府信息公开工作报告``), break the title over two lines, put the year
first (``2019年XX办公厅政府信息公开工作年度报告``), inside the report's name
(``XX局政府信息公开工作2023年度报告``) or last in brackets (``政府信息公开工作年度报告（2023年）``).

Only a title gives the agency: a sentence of the body (``2023年，我局……``) is no title — text with
sentence punctuation before the year, or no report name right after it, is not read as one.
When the title has no year, a reader may take it from the body's statistics period
(``统计期限自2023年1月1日起……``): ``period_year``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...core.forms.traditional import fold_traditional
from ...core.values import normalise_text

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "O": 0, "o": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
              "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "〇○零Oo一二三四五六七八九"
#: A year of the reports' era in Arabic or Chinese numerals (after ``normalise_text``).
YEAR = rf"(?:(?:19|20)\d{{2}}|一九[{_CN}]{{2}}|二[〇○零Oo][{_CN}]{{2}})"
_NOT_IN_TITLE = "，。；;,:：!！?？"
#: The report's name after the year: a report, or its tables' title in a workbook
#: (``…情况统计表``); ``政务公开工作总结`` / ``工作要点`` are other documents.
_NAME = rf"(?:[^{_NOT_IN_TITLE}]{{0,30}}?(?:报告|年报|报表|统计|情况表|数据))"
#: ``2022—2023年``: a span of years; the agency ends before it, the year read is the last one.
_SPAN = rf"(?:{YEAR}年?度?\s*[—–\-~～至到]+\s*)"
_TITLE = re.compile(rf"^(?P<agency>[^{_NOT_IN_TITLE}]{{0,60}}?){_SPAN}?(?P<year>{YEAR})年(?:度)?(?={_NAME})")
_TITLE_YEAR_LAST = re.compile(
    rf"^(?P<agency>[^{_NOT_IN_TITLE}]{{0,60}}?)(?:政府)?(?:信息公开|政务公开)[^{_NOT_IN_TITLE}]{{0,12}}?"
    rf"(?:年度报告|年报)[(\[【](?P<year>{YEAR})年(?:度)?[)\]】]")
#: The report's own name, where a title that starts with the year has the agency before it.
_REPORT_NAME = re.compile(r"(?:(?<!人民)政府)?信息公开|政务公开")
#: The report's name left at the end of the agency when the year stands inside the name.
_NAME_TAIL = re.compile(r"(?:的)?(?:(?:(?<!人民)政府)?信息公开|政务公开)(?:工作)?$")
_PERIOD = re.compile(rf"(?P<year>{YEAR})年(?:0?1|一)月(?:0?1|一)日")
_ANY_YEAR = re.compile(rf"(?<!\d)(?P<year>{YEAR})(?!\d)")


@dataclass(frozen=True)
class Title:
    agency: str     # "" when the title starts with the year (the agency may be on the line above)
    year: int


def year_number(text: str) -> int:
    """``"2023"`` / ``"二〇二三"`` → 2023 (``text`` matched by ``YEAR``)."""
    if text.isdigit():
        return int(text)
    return int("".join(str(_CN_DIGITS[ch]) for ch in text))


def parse_title(text: object) -> Title | None:
    """The agency and year of a report title, or None when ``text`` is no such title.

    ``parse_title("XX市XX局2023年政府信息公开工作年度报告") == Title("XX市XX局", 2023)``;
    ``parse_title("XX局二〇二三年度政府信息公开工作年度报告").year == 2023``;
    ``parse_title("2023年，我局认真贯彻《条例》……") is None``.
    """
    if not isinstance(text, str):
        return None
    s = normalise_text(text)
    folded = fold_traditional(s)   # (matched folded, the agency kept as written: the same places)
    m = _TITLE.match(folded) or _TITLE_YEAR_LAST.match(folded)
    if m is None:
        return None
    start, end = m.span("agency")
    tail = _NAME_TAIL.search(folded[start:end])
    end = start + tail.start() if tail else end
    if start == end and m.re is _TITLE:
        start = m.end()
        end = start + _agency_after_year(folded[start:])
    end = start + _without_joiners(folded[start:end])
    return Title(s[start:end], year_number(m.group("year")))


def _agency_after_year(rest: str) -> int:
    """How long ``XX办公厅`` of ``2019年XX办公厅政府信息公开工作年度报告`` is (``rest``: the text after the year)."""
    name = _REPORT_NAME.search(rest)
    return name.start() if name else 0


def _without_joiners(agency: str) -> int:
    """How long the agency is without the words that join it to the year or the name (``XX局关于…``, ``XX局的…``)."""
    for joiner in ("关于", "的"):
        if agency.endswith(joiner):
            agency = agency[:-len(joiner)]
    return len(agency)


# the report's own work named in a preface with its agency and year: ``结合XX区人民政府2019年度政府信息公开
# 工作编制``, ``现公布XX局2023年政府信息公开工作年度报告`` (after normalise_text)
_NAMED_WORK = re.compile(rf"(?P<agency>[^\s{_NOT_IN_TITLE}、()《》“”\"'<>]{{2,40}}?)(?P<year>{YEAR})年(?:度)?(?:的)?"
                         r"(?:政府)?(?:信息公开|政务公开)")
# the words that lead into the agency's name in such a sentence
# (``特向社会公布XX街道2021年度…``, ``特编制XX办2023年…``: 特 and 向社会 lead in too)
_LEAD_IN = re.compile(r"^(?:本年度报告|本报告|特此|特|向社会公众|向社会|结合|现公布|公布|现将|现|发布|编制|制定|根据|按照|依据|"
                      r"对|将|由|是|为|了|及)+")
_AGENCY_END = re.compile(r"(?:局|委|会|办|室|府|厅|院|处|所|中心|队|馆|部|署|司|社|街道|镇|乡)$")


def agency_in_preface(text: str, year: int) -> str:
    """The agency a preface names as the one whose ``year``'s work it reports (for a title without
    the agency, unsigned), else ""."""
    written = normalise_text(text)
    for m in _NAMED_WORK.finditer(fold_traditional(written)):
        lead = _LEAD_IN.match(m.group("agency"))
        start = m.start("agency") + (lead.end() if lead else 0)
        agency = written[start:m.end("agency")]
        if year_number(m.group("year")) == year and len(agency) >= 2 and _AGENCY_END.search(m.group("agency")):
            return agency
    return ""


def period_year(text: object) -> int | None:
    """The year of a statistics period starting on 1 January (``自2023年1月1日起``), else None."""
    if not isinstance(text, str):
        return None
    m = _PERIOD.search(normalise_text(text))
    return year_number(m.group("year")) if m else None


def parse_year(value: object) -> int | None:
    """A year given on its own (a ``报告年度`` cell): ``2023``, ``"2023年"``, ``"二〇二三年度"``."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        if not value.is_integer():
            return None
        value = int(value)
    if isinstance(value, int):
        return value if 1900 <= value < 2100 else None
    if not isinstance(value, str):
        return None
    m = _ANY_YEAR.search(normalise_text(value))
    return year_number(m.group("year")) if m else None
