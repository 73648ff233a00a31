"""The report's year and agency as written in its title, for every reader (Word, Excel).

A title names the agency, the year and the report: ``XX市XX局2023年政府信息公开工作年度报告``.
Clerks write the year in Arabic digits (half- or full-width: ``２０２３``) or in Chinese numerals
(``二〇二三年``, also with ``○`` / ``零``), add ``度`` (``2023年度``) or leave out ``年`` before the name
(``2023政府信息公开…``), leave out ``工作`` or ``年度``
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
#: The year's 年 left out right before the report's own name (``XX厅2022政府信息公开工作年度报告``).
_NO_NIAN = r"(?=(?:政府)?(?:信息公开|政务公开))"
_TITLE = re.compile(rf"^(?P<agency>[^{_NOT_IN_TITLE}]{{0,60}}?){_SPAN}?(?P<year>{YEAR})(?:年(?:度)?|{_NO_NIAN})(?={_NAME})")
_TITLE_YEAR_LAST = re.compile(
    rf"^(?P<agency>[^{_NOT_IN_TITLE}]{{0,60}}?)(?:政府)?(?:信息公开|政务公开)[^{_NOT_IN_TITLE}]{{0,12}}?"
    rf"(?:年度报告|年报)[(\[【](?P<year>{YEAR})年(?:度)?[)\]】]")
#: The report's own name, where a title that starts with the year has the agency before it.
_REPORT_NAME = re.compile(r"(?:(?<!人民)政府)?信息公开|政务公开")
#: The report's name left at the end of the agency when the year stands inside the name.
_NAME_TAIL = re.compile(r"(?:的)?(?:(?:(?<!人民)政府)?信息公开|政务公开)(?:工作)?$")
_PERIOD = re.compile(rf"(?P<year>{YEAR})年(?:0?1|一)月(?:0?1|一)日")
# a statistics period given by its end alone (``截止2023年12月31日``, ``截至到2023年12月31日统计的数据``)
_PERIOD_END = re.compile(rf"(?:截止|截至|止至)(?:到|于)?(?P<year>{YEAR})年(?:12|十二)月(?:31|三十一)日")
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
    marks = _LEADING_MARKS.match(folded, start, end)
    start = marks.end() if marks else start
    tail = _NAME_TAIL.search(folded[start:end])
    end = start + tail.start() if tail else end
    if start == end and m.re is _TITLE:
        start = m.end()
        end = start + _agency_after_year(folded[start:])
    end = start + _without_joiners(folded[start:end])
    return Title(s[start:end], year_number(m.group("year")))


# what a page sets before a title that is no part of the agency: a list's bullet, a dash, a CMS's
# tag in brackets (``• 2022年XX局…``, ``【图文】XX局2022年…``, ``[转载]``), the year of the page's
# column run into it (``2025XX乡2025年度…``: no agency's name opens with a year)
_LEADING_MARKS = re.compile(r"(?:[\s•·●○◦▪■□◆◇▶►★☆※*>›»\-—–]|[【\[][^】\]\d]{1,4}[】\]]|(?:19|20)\d{2}(?![\d年度]))+")


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
# 工作编制``, ``现公布XX局2023年政府信息公开工作年度报告``, the year first: ``现向社会公布2021年XX局政府
# 信息公开工作年度报告`` (after normalise_text); an agency's name may end in brackets (``XX县人民政府（县
# 人民政府办公室）``)
_AGENCY_CHARS = rf"[^\s{_NOT_IN_TITLE}、《》“”\"'<>]"
_NAMED_WORK = re.compile(rf"(?P<agency>{_AGENCY_CHARS}{{2,40}}?)(?P<year>{YEAR})年(?:度)?(?:的)?"
                         r"(?:政府)?(?:信息公开|政务公开)")
_NAMED_WORK_YEAR_FIRST = re.compile(rf"(?P<year>{YEAR})年(?:度)?(?P<agency>{_AGENCY_CHARS}{{2,40}}?)(?:的)?"
                                    r"(?:(?<!人民)政府)?(?:信息公开|政务公开)")
# the organ a preface says compiled the report: ``由XX街道办事处编制``, ``由XX镇人民政府按照《…》要求编制``
_COMPILED_BY = re.compile(rf"由(?P<agency>{_AGENCY_CHARS}{{2,40}}?)(?:(?:负责|牵头)?编制|(?:按照|根据|依据)[^。]{{0,160}}?编制)")
# the organ opening a clause that goes on to compile the report: ``……要求，XX局结合单位实际，编制本单位
# 2022年度……年度报告``, ``XX街道办事处在总结……的基础上，编制了此报告``
_SUBJECT_COMPILES = re.compile(rf"(?:^|(?<=[，。；,;:：\n]))(?P<agency>{_AGENCY_CHARS}{{2,40}}?)(?:结合|在|根据|按照|依据|认真)"
                               r"[^。]{0,100}?编制(?!委员会|办)[^。]{0,30}?(?:报告|年报)")
# the organ a preface gives to contact about the report: ``请与XX局办公室联系``, ``请联系XX街道办事处（地址：…）``
_CONTACT_ORGAN = re.compile(rf"(?:请|可)(?:直接)?(?:与|联系)[:：]?(?P<agency>{_AGENCY_CHARS}{{2,40}}?)(?:联系|[(（,，。;；:：]|$)")
# an organ's internal office (its 办公室, 综合股; a township's 党政办公室): the report is the organ's
# (a street's 政府信息公开领导小组办公室 too: ``XX街道办事处政府信息公开领导小组办公室``)
_INTERNAL_UNIT = re.compile(r"(?:党政综合办公室|党政办公室|党政办|综合办公室|政务公开办公室"
                            r"|(?:(?<!人民)政府)?信息公开(?:工作)?领导小组办公室|办公室|综合股|综合科|党建办)$")
# the words that lead into the agency's name in such a sentence
# (``特向社会公布XX街道2021年度…``, ``特编制XX办2023年…``: 特 and 向社会 lead in too)
_LEAD_IN = re.compile(rf"^(?:本年度报告|本报告|特此|特|向社会公众|向社会|结合|现公布|公布|现将|现|发布|编制|制定|根据|按照|依据|"
                      rf"对|将|由|是|为|了|及|{YEAR}年度?(?:以来)?)+")
# a verb the agency's name follows wherever it stands in the clause (``我局编制并向社会公开XX局…``);
# 编制 not of an organ's name (``机构编制委员会办公室``)
_LEAD_VERB = re.compile(r".*(?:向社会(?:公众)?(?:公开|公布|发布)|现(?:予以)?(?:公布|发布|公开)|特(?:此)?(?:公布|编制)|"
                        r"编制(?!委员会|办)(?:并|了|完成)?|予以公布|现将|报送|结合|完成|印发|制作)")
_BRACKETS = r"(?:[(（][^()（）]{1,20}[)）])?"
# an organ's name ends so (局, 委员会, 人民政府, 街道办事处…)
_AGENCY_END = re.compile(rf"(?:局|委|会|办|室|府|厅|院|处|所|中心|队|馆|部|署|司|社|街道|镇|乡){_BRACKETS}$")
# … or, right before the year of the report named, a place's whose government or administration
# reports under it (``现发布《XX区2024年……》``, ``特编制XX经济开发区2022年度……``) — elsewhere a place
# names no report's agency (``2023年度在XX县政府信息公开网站上……``: a site)
_PLACE_END = re.compile(r"(?:区|县|市|旗)$")
# what names no organ: the report's own words, or the agency speaking of itself (我局, 本镇, 全区,
# 本级政府（机关）, 本单位)
_NO_AGENCY = re.compile(r"^(?:政府|信息公开|政务公开|[我本该全各].{0,2}$|[我本该](?:级|单位|机关|部门))")
# a short name a preface gives the agency in brackets (``XX镇人民政府（以下简称“镇政府”）2025年度……``)
_SHORT_NAME = re.compile(r"[(（]以下简称[^()（）]{0,20}[)）]")


def agency_in_preface(text: str, year: int) -> str:
    """The agency a preface names as the one whose ``year``'s work it reports, before the year
    (``现公布XX局2023年政府信息公开工作年度报告``; for a title without the agency, unsigned), else ""."""
    named = named_work(text, year, year_first=False)
    return named.agency if named is not None else ""


def agency_in_words(text: str, year: int) -> str:
    """The agency other words about the report name: its work with the year first (``现向社会公布
    2023年XX局政府信息公开工作年度报告``), else the organ said to have compiled it (``由XX局编制``),
    else "" — asked when nothing else names the agency."""
    named = named_work(text, year)
    if named is not None:
        return named.agency
    written = _plain(text)
    folded = fold_traditional(written)
    for form in (_COMPILED_BY, _SUBJECT_COMPILES):
        for m in form.finditer(folded):
            agency = _organ(written, m, cut_report_words=True, own_office=False)
            if agency:
                return agency
    return ""


def agency_to_contact(text: str) -> str:
    """The organ a preface gives to contact about the report (``如对本报告有疑问，请与XX局办公室联系``),
    without its internal office (``XX局``), else "" — the last words read for an agency nothing else names."""
    written = _plain(text)
    for m in _CONTACT_ORGAN.finditer(fold_traditional(written)):
        agency = _organ(written, m, own_office=False)
        if agency:
            return agency
    return ""


def named_work(text: str, year: int = 0, year_first: bool = True) -> Title | None:
    """The report a preface names with its agency and year (``现公布XX局2023年政府信息公开工作年度报告``,
    or, ``year_first``, ``…公布2023年XX局政府信息公开…``), the first of ``year``'s when it is given, else None."""
    written = _plain(text)
    folded = fold_traditional(written)
    forms = (_NAMED_WORK, _NAMED_WORK_YEAR_FIRST) if year_first else (_NAMED_WORK,)
    found = sorted((m for form in forms for m in form.finditer(folded)), key=lambda m: m.start())
    for m in found:
        if _in_other_title(folded, m.start()):
            continue
        agency = _organ(written, m, place=m.re is _NAMED_WORK)
        if agency and (not year or year_number(m.group("year")) == year):
            return Title(agency, year_number(m.group("year")))
    return None


# the report named with its year whatever names its agency (``现公开我局2020年度政府信息公开工作年度报告``,
# ``现将2023年度政府信息公开工作报告如下``)
_REPORT_OF_YEAR = re.compile(rf"(?P<year>{YEAR})年(?:度)?(?:的)?(?:(?<!人民)政府)?(?:信息公开|政务公开)(?:工作)?(?:年度)?(?:报告|年报)")


def report_year(text: str) -> int:
    """The year of the report ``text`` names with its year (a preface: ``现公开我局2020年度政府信息公开
    工作年度报告``), not inside another document's quoted title, else 0."""
    folded = fold_traditional(_plain(text))
    for m in _REPORT_OF_YEAR.finditer(folded):
        if not _in_other_title(folded, m.start()):
            return year_number(m.group("year"))
    return 0


def _plain(text: str) -> str:
    """``text`` normalised, without the short names it gives in brackets (``（以下简称“镇政府”）``)."""
    return _SHORT_NAME.sub("", normalise_text(text))


# the agency as the subject opening a clause of 一's first sentence, right before its verb
# (``2022年，在区委区政府的正确领导下，XX管理委员会认真贯彻……``, ``2024年，市财政局认真……``)
_SUBJECT_VERBS = r"(?:认真|坚持|严格|始终|深入|全面|高度重视|积极|紧紧围绕|紧扣|围绕|聚焦|按照|依据|根据|持续|扎实|进一步|不断|以习近平)"
_SUBJECT = re.compile(rf"(?:^|(?<=[，,]))(?P<agency>{_AGENCY_CHARS}{{2,40}}?){_SUBJECT_VERBS}")
# the organs a clause names above the agency (县委县政府, 区委, 党工委): they lead, the agency reports
_ABOVE = re.compile(r"^(?:[省市县区州旗乡镇]委|.*(?:党委|党工委))")


# an item's heading run into its paragraph (``（一）主动公开情况。2022年XX局……``)
_RUN_IN_ITEM = re.compile(r"^[(（][一二三四五六七八九十]{1,2}[)）][^。]{0,20}。")


def agency_as_subject(text: str) -> str:
    """The organ that opens a clause of the first sentence of a paragraph of ``text`` (the preface,
    the start of 一; an item's run-in heading left out) right before its verb (``2023年，XX局认真
    贯彻……``, ``（一）主动公开情况。2022年XX局全面……``), not an organ above it, else "" — read when
    no other words name the agency."""
    for paragraph in text.split("\n"):
        paragraph = _RUN_IN_ITEM.sub("", _plain(paragraph).strip())
        sentence = paragraph[:paragraph.find("。")] if "。" in paragraph else paragraph
        folded = fold_traditional(sentence)
        for m in _SUBJECT.finditer(folded):
            agency = _organ(sentence, m)
            if agency and not _ABOVE.match(fold_traditional(agency)):
                return agency
    return ""


def _in_other_title(folded: str, at: int) -> bool:
    """``at`` is inside the title of another document quoted in ``《》`` (``《XX办公室关于2023年政府
    信息公开工作年度报告编制工作的通知》``), not the report's own (``现发布《XX镇2023年…年度报告》``)."""
    opened = folded.rfind("《", 0, at)
    if opened < 0 or folded.rfind("》", 0, at) > opened:
        return False
    closed = folded.find("》", at)
    quoted = folded[opened + 1:closed if closed >= 0 else len(folded)]
    return not re.search(r"(?:报告|年报)$", quoted)


# an organ's name followed by the verb of the clause it opens: the name ends there
_NAME_THEN_VERB = re.compile(rf"(?:局|委|会|办|室|府|厅|院|处|所|中心|队|馆|部|署|司|社|街道|镇|乡)(?={_SUBJECT_VERBS})")


def _organ(written: str, m: re.Match, cut_report_words: bool = False, own_office: bool = True, place: bool = False) -> str:
    """The organ's name of a match's ``agency`` group: the words leading into it left out, and,
    ``cut_report_words``, cut before the report's own words it runs into (``由XX局政府信息公开工作
    机构编制``); without ``own_office`` (an organ said to compile the report or to be contacted), an
    internal office at its end left out (``由XX局办公室编制``); ``place``: a place's name may be the
    organ (before the year of the report named); "" when it names no organ."""
    start, end = m.span("agency")
    folded = m.string
    lead = _LEAD_VERB.match(folded, start, end) or _LEAD_IN.match(folded[start:end])
    if lead is not None:
        start = lead.end() if lead.re is _LEAD_VERB else start + lead.end()
    lead = _LEAD_IN.match(folded[start:end])
    start += lead.end() if lead else 0
    inner = _REPORT_NAME.search(folded, start + 2, end) if cut_report_words else None
    if inner is not None and _AGENCY_END.search(folded[start:inner.start()]):
        end = inner.start()
    end = end if own_office else start + _without_internal_unit(folded[start:end])
    acting = _NAME_THEN_VERB.search(folded, start, end)   # ``2025年XX街道积极推动街道政府信息公开工作``
    end = acting.end() if acting else end
    agency = written[start:end]
    ends = _AGENCY_END.search(folded[start:end]) or (place and _PLACE_END.search(folded[start:end]))
    return agency if len(agency) >= 2 and ends and not _NO_AGENCY.match(folded[start:end]) else ""


def _without_internal_unit(agency: str) -> int:
    """How long ``agency`` is without an internal office at its end (``XX局办公室`` → ``XX局``,
    ``XX镇人民政府党政办公室`` → ``XX镇人民政府``); a government's 办公室 is an organ of its own
    (``XX县人民政府办公室``) and is kept."""
    unit = _INTERNAL_UNIT.search(agency)
    if unit is None:
        return len(agency)
    organ = agency[:unit.start()]
    own_organ = unit.group() == "办公室" and organ.endswith("政府")
    return unit.start() if len(organ) >= 2 and _AGENCY_END.search(organ) and not own_organ else len(agency)


def period_year(text: object, end: bool = False) -> int | None:
    """The year of a statistics period starting on 1 January (``自2023年1月1日起``), else None;
    ``end``: of a period given by its end (``截止2023年12月31日``)."""
    if not isinstance(text, str):
        return None
    m = (_PERIOD_END if end else _PERIOD).search(normalise_text(text))
    return year_number(m.group("year")) if m else None


# a paragraph opening with the year it tells of (``2023年，我局……``, ``2023年以来，……``, ``2023年度，……``)
_OPENING_YEAR = re.compile(rf"^(?P<year>{YEAR})年(?:度)?(?:以来)?[,，]")


def opening_year(text: str) -> int:
    """The year ``text`` opens with as the time it tells of (``2023年，我局认真……``), else 0."""
    m = _OPENING_YEAR.match(normalise_text(text).strip())
    return year_number(m.group("year")) if m else 0


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
