"""The figures a sentence of the prose states, and which figures of the tables they mean.

Clerks write the figures of 三 and 四 into the prose in many ways: “共收到政府信息公开申请40件”,
“受理申请42件”, “予以公开及部分公开30件” (a sum), “不予公开和无法提供共10件”, “行政复议、行政诉讼各1件”,
“予以公开、部分公开分别为25件、5件”, “按期办结36件”; and they compare them with last year:
“较上年增加10件、增长25%”, “与上年持平”, “较上年收到申请15件增加25件”.  ``figures`` reads a sentence
into ``Figure``s (what is stated, the number, what it is compared with) and ``Change``s (a
comparison with last year that follows a figure); each figure says which figures of a report it
may mean (``Figure.expect``) — a phrase that can mean several (受理 counts with or without last
year's carried-over applications) accepts each of them, because a warning on a sentence that
agrees with the tables is worse than a missed one.

A phrase is read only when its words leave no doubt what it counts: the short phrasings
(“受理申请N件”, “共办理N件”) only where the text around them is about applications for
information (依申请公开, 政府信息公开申请) and nothing else before them in the sentence names
another kind of case (行政许可, 12345热线, 信访, 提案…).  Tables and rows are found by their tags in
the format declaration (``Tag``), never by an official label spelled here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache

from .forms import CellKey, FormSpec, TableSpec
from .forms.spec import RowGroup, Tag
from .forms.traditional import fold_traditional
from .values import Value, cn_number, format_value, sum_values

ValueOf = Callable[[CellKey], Value]
Option = tuple["int | Decimal", str]   # a figure the phrase may mean; how a message names it ("": not named)
Expect = Callable[[FormSpec, ValueOf], "list[Option] | None"]

NUM = r"(?P<n>\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百]+)"


def normalized(text: str) -> str:
    """The sentence as the phrases are matched: NFKC (full-width digits and ，（） become ASCII),
    without spaces (“36 件”), traditional characters folded (``fold_traditional``: 收到政府資訊公開申請
    reads as 收到政府信息公开申请; one character for one, so each keeps its place)."""
    return _normalized(text)[0]


def _normalized(text: str) -> tuple[str, list[int]]:
    """``normalized(text)`` and, for each of its characters, where it stands in ``text`` (so a
    message quotes the words as the clerk wrote them)."""
    out: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        if ch.isspace():
            continue
        for c in unicodedata.normalize("NFKC", ch):
            out.append(c)
            where.append(i)
    return fold_traditional("".join(out)), where


# ---------------------------------------------------------------------------------------------
# Which figures of a report a phrase may mean


def _n(v: Value) -> str:
    return format_value(v if v is not None else 0)


def _sum(value: ValueOf, table: TableSpec, rows: tuple[str, ...]) -> int | Decimal:
    return sum_values(value(CellKey(table.id, r, _total_col(table))) for r in rows)


def _total_col(table: TableSpec) -> str:
    assert table.total_col is not None, f"表{table.id}没有总计列"
    return table.total_col


def describe(table: TableSpec, group: RowGroup, v: int | Decimal) -> str:
    """“表三“（一）予以公开”总计为25” / “表三“（三）不予公开”各项合计为0”."""
    if len(group.rows) == 1:
        return f"表{table.id}“{group.rows[0]}”{table.total_col}为{_n(v)}"
    return f"表{table.id}“{group.label}”各项合计为{_n(v)}"


def _group(form: FormSpec, tag: Tag) -> tuple[TableSpec, RowGroup] | None:
    try:
        table = form.table_tagged(tag)
        return table, table.group(tag)
    except KeyError:
        return None  # a version without this figure


def _group_options(form: FormSpec, value: ValueOf, tag: Tag) -> list[Option] | None:
    """The row's (or the group's) 总计; for a group also each leaf's (“因不掌握相关信息无法提供9件”
    may count one reason only)."""
    found = _group(form, tag)
    if found is None:
        return None
    table, group = found
    total = _sum(value, table, group.rows)
    options: list[Option] = [(total, describe(table, group, total))]
    if len(group.rows) > 1:
        options += [(_sum(value, table, (row,)), "") for row in group.rows]
    if tag is Tag.DISCLOSED:  # “予以公开30件（含部分公开5件）”: the two together
        partly = _group(form, Tag.PARTLY)
        if partly is not None:
            options.append((total + _sum(value, *partly[:1], partly[1].rows), ""))
    return options


def _litigation(form: FormSpec, value: ValueOf) -> list[Option] | None:
    found = _group(form, Tag.LITIGATION)
    if found is None:
        return None
    table, group = found
    parts = [(g, value(CellKey(table.id, g, _total_col(table))) or 0) for g in group.rows]
    s = sum(v for _, v in parts)
    shown = "+".join(f"“{g}”{_n(v)}" for g, v in parts)
    return [(s, f"表{table.id}“{group.label}”{table.total_col}为{shown}={_n(s)}")]


def _term_options(tag: Tag) -> Expect:
    if tag is Tag.LITIGATION:
        return _litigation
    return lambda form, value: _group_options(form, value, tag)


def _received(form: FormSpec, value: ValueOf) -> list[Option] | None:
    """New applications, or new and carried over together (“共受理申请42件（含上年结转）”)."""
    new, carried = _group(form, Tag.NEW), _group(form, Tag.CARRIED_IN)
    if new is None or carried is None:
        return None
    n, c = _sum(value, *new[:1], new[1].rows), _sum(value, *carried[:1], carried[1].rows)
    options: list[Option] = [(n, describe(*new, n))]
    if c:
        options.append((n + c, f"加上年结转为{_n(n + c)}"))
    return options


def _decided(form: FormSpec, value: ValueOf) -> list[Option] | None:
    """办结 / 答复: the applications decided this year (（七）总计)."""
    return _group_options(form, value, Tag.RESULTS_TOTAL)


def _handled(form: FormSpec, value: ValueOf) -> list[Option] | None:
    """办理 / 处理: said of the applications received (with or without those carried over) as often
    as of those decided."""
    received, decided = _received(form, value), _decided(form, value)
    if received is None or decided is None:
        return None
    if len(received) == 1 and received[0][0] != decided[0][0]:
        received.append((received[0][0], ""))  # (no carried-over applications: the same figure)
    return decided + received


def _in_force(word: str) -> Expect:
    """现行有效[的]X N件 → the 现行有效件数 cell (as tagged) of 二's row whose label ends with X."""
    def expect(form: FormSpec, value: ValueOf) -> list[Option] | None:
        for spec in _tagged_cells(form, Tag.IN_FORCE):
            if spec.key.row.endswith(word) or word.endswith(spec.key.row):
                v = value(spec.key) or 0
                return [(v, f"{spec.key.name()}为{_n(v)}")]
        return None
    return expect


def _tagged_cells(form: FormSpec, tag: Tag):
    try:
        return form.table_tagged(tag).tagged(tag)
    except KeyError:
        return ()   # a version without this figure


def _fees(form: FormSpec, value: ValueOf) -> list[Option] | None:
    for spec in _tagged_cells(form, Tag.FEES):
        v = value(spec.key) or Decimal(0)
        return [(v, f"{spec.key.name()}为{_n(v)}万元")]
    return None


def _summed(expects: tuple[Expect, ...]) -> Expect:
    """“予以公开及部分公开42件”: the sum of each term's figure."""
    def expect(form: FormSpec, value: ValueOf) -> list[Option] | None:
        parts: list[Option] = []
        for e in expects:
            options = e(form, value)
            if not options:
                return None
            parts.append(options[0])
        total = sum_values(v for v, _ in parts)
        shown = "，".join(d for _, d in parts)
        return [(total, f"{shown}，合计为{_n(total)}")]
    return expect


# ---------------------------------------------------------------------------------------------
# The phrases


@dataclass(frozen=True)
class Figure:
    """A figure a sentence states: ``text`` as matched, in the words of ``what``."""

    what: str                 # “收到的政府信息公开申请数”
    text: str
    number: int | Decimal
    start: int                # in the normalized sentence
    end: int
    expect: Expect
    # the year the phrase is about, when named right before it: “上年” (较上年收到申请15件) or the
    # year (2023年收到申请15件, 较2023年收到申请15件); None: not named (this year's)
    year: str | None = None
    other_year: bool = False  # words before it compare it with some year: not a figure of this year


@dataclass(frozen=True)
class Change:
    """A comparison with last year following ``figure``: “，较上年增加10件、增长25%” / “，与上年持平”."""

    figure: Figure
    text: str
    same: bool                               # 持平
    end: int = 0                             # in the normalized sentence
    count: int | Decimal | None = None       # signed: 增加 +, 减少 −
    percent: Decimal | None = None           # signed
    year: str | None = "上年"                # compared with: “上年” (同比, 较上年) or the year named


_UNITS = r"(?P<unit>件|个|条|份|宗)"
_GAP = r"(?:的|各类|各项|共|共计|合计|总计|累计|计|为|了|数量|案件|申请|有|达|答复|决定)*"
_TOPIC = r"(?:政府信息依申请公开|政府信息公开|依申请公开(?:政府信息)?|信息公开)"
# What the text must be about for a short phrasing (“受理申请N件”) to count applications for
# information: the last subject named before it (in its paragraph, or the heading above) is
# applications for information, not another kind of case.
_ABOUT_APPLICATIONS = re.compile(r"依申请|公开申请|申请公开")
_OTHER_CASES = re.compile(r"许可|审批|政务服务|办件|热线|12345|信访|来信|来访|来电|信箱|信件|来件|工单|诉求|留言|咨询|投诉|举报|"
                          r"建议|提案|复议|诉讼|"
                          r"救助|补贴|登记|备案|人大|政协|收文|发文|公文")
_SUBJECT = re.compile(f"(?P<applications>{_ABOUT_APPLICATIONS.pattern})|{_OTHER_CASES.pattern}")
_WINDOW = 300  # characters before a phrase searched for its subject

# Terms that can be joined (“予以公开及部分公开”), each a group of rows of 三 or 四.
_TERMS: tuple[tuple[str, Tag, str], ...] = (
    ("部分公开的申请数", Tag.PARTLY, r"予以部分公开|部分予以公开|部分公开"),
    ("予以公开的申请数", Tag.DISCLOSED, r"(?<!不)(?<!部分)予以(?:全部)?公开"),
    ("不予公开的申请数", Tag.WITHHELD, r"不予(?:以)?公开"),
    ("无法提供的申请数", Tag.UNABLE, r"无法提供"),
    ("不予处理的申请数", Tag.NOT_PROCESSED, r"不予处理"),
    ("其他处理的申请数", Tag.OTHER_HANDLING, r"其他处理"),
    ("上年结转的申请数", Tag.CARRIED_IN, r"上(?:一)?年(?:度)?(?:结转|转结)"),
    ("结转下年度继续办理的申请数", Tag.CARRIED_OUT, r"结转(?:(?:至|到)?下(?:一)?年|(?:至|到)\d{4}年)(?:度)?(?:继续)?(?:办理)?"),
    ("行政复议案件数", Tag.REVIEW, r"行政复议"),
    ("行政诉讼案件数", Tag.LITIGATION, r"行政诉讼"),
)
_CASES = (Tag.REVIEW, Tag.LITIGATION)
_TERM_CASES = re.compile(r"行政复议|行政诉讼")
_TERM = re.compile("|".join(f"(?P<t{i}>{p})" for i, (_, _, p) in enumerate(_TERMS)))
_JOIN = re.compile(r"(?:和|及|与|以及|或|或者|、|加)")
_AFTER_TERMS = re.compile(_GAP + r"(?:" + _TOPIC + r")?" + _GAP + r"(?P<mode>分别|各|均)?" + _GAP + NUM)
_UNIT = re.compile(r"件|个|条|份|宗|起|次")
_MORE_NUMBERS = re.compile(r"(?:[、,]|和|及|以及)" + NUM)

# Words before a phrase that make it about another year (“较上年收到申请15件增加25件”).
_OTHER_YEAR = re.compile(r"((?:上年|去年|上一年)(?!度?结转)|同比|较|比|前年|累计至今|历年)")
# The year a phrase is about, named right before it: “较上年收到申请15件”, “2021年收到申请1件”.
_YEAR_NAMED = re.compile(r"(?:(?:较|比|与)?(?:上年|去年|上一年)|(?:较|比|与)?(?P<year>\d{4})年)(?:度)?(?:同期)?"
                         r",?(?:的|共|全年|共计|累计)*$")


def _unit_fits(tags: tuple[Tag, ...], unit: str) -> bool:
    """Applications are counted in 件 (个, 宗); cases also in 起 and 次."""
    return unit in ("件", "个", "宗") or (unit in ("起", "次") and all(t in _CASES for t in tags))


def _term_figures(s: str, context: str) -> list[Figure]:
    """Figures of the joinable terms: one term, terms joined (a sum), 各/均 (each the number),
    分别 (one number each)."""
    out: list[Figure] = []
    terms = list(_TERM.finditer(s))
    i = 0
    while i < len(terms):
        chain = [terms[i]]
        while (i + 1 < len(terms) and (j := _JOIN.match(s, chain[-1].end())) and j.end() == terms[i + 1].start()):
            i += 1
            chain.append(terms[i])
        i += 1
        if not _cases_handled_by_the_agency(s, chain[0].start(), context):
            out += _chain_figures(s, chain)
    return out


# 复议/诉讼 cases the agency itself handles (a 司法局 “受理行政复议申请500件”, “办理行政应诉案件”) are not
# the cases about its information disclosure, unless the text says so.
_HANDLING = re.compile(r"(?:受理|办理|审理|审结|承办|应诉|出庭|代理)[^,，。;；]{0,6}$")
_ABOUT_DISCLOSURE = re.compile(_ABOUT_APPLICATIONS.pattern + "|信息公开")


def _cases_handled_by_the_agency(s: str, start: int, context: str) -> bool:
    if not _TERM_CASES.match(s, start):
        return False
    before = s[max(0, start - _WINDOW):start]
    return bool(_HANDLING.search(before[-16:])) and not _ABOUT_DISCLOSURE.search(context[-_WINDOW:] + before)


def _chain_figures(s: str, chain: list[re.Match[str]]) -> list[Figure]:
    specs = [_TERMS[int((m.lastgroup or "t0")[1:])] for m in chain]
    tags = tuple(tag for _, tag, _ in specs)
    after = _AFTER_TERMS.match(s, chain[-1].end())
    if after is None:
        return []
    unit = _UNIT.match(s, after.end())
    if unit is None or not _unit_fits(tags, unit.group(0)):
        return []
    end = after.end() + len(unit.group(0))
    numbers = [(after.group("n"), end)]
    mode = after.group("mode")
    if mode == "分别":
        pos = end
        while len(numbers) < len(chain) and (more := _MORE_NUMBERS.match(s, pos)) and \
                s[more.end():more.end() + 1] == unit.group(0):
            pos = more.end() + 1
            numbers.append((more.group("n"), pos))
        if len(numbers) != len(chain):
            return []   # not one number per term: not read
    start = chain[0].start()
    if len(chain) == 1 or mode in ("分别", "各", "均"):
        return [f for k, (what, tag, _) in enumerate(specs)
                if (f := _figure(s, what, numbers[k if mode == "分别" else 0], start, _term_options(tag),
                                 skip_before=tag is not Tag.CARRIED_IN)) is not None]
    what = "和".join(w.removesuffix("的申请数").removesuffix("案件数") for w, _, _ in specs)
    what += "的案件数" if all(t in _CASES for t in tags) else "的申请数"
    summed = _summed(tuple(_term_options(t) for t in tags))
    found = _figure(s, what, numbers[0], start, summed)
    return [found] if found is not None else []


def _figure(s: str, what: str, number: tuple[str, int], start: int, expect: Expect,
            skip_before: bool = True) -> Figure | None:
    n = cn_number(number[0])
    if n is None:
        return None
    end = number[1]
    named = _YEAR_NAMED.search(s[max(0, start - 12):start]) if skip_before else None
    year = (named.group("year") or "上年") if named is not None else None
    other = skip_before and bool(_OTHER_YEAR.search(s[max(0, start - 8):start]))
    return Figure(what, s[start:end], n, start, end, expect, year=year, other_year=other)


# Phrases that stand alone: applications received, handled, decided; 二's stock and fees.
@dataclass(frozen=True)
class _Phrase:
    what: str
    pattern: re.Pattern[str]
    expect: Callable[[re.Match[str]], Expect]
    about_applications: bool = False  # a short phrasing must be about applications (see above)


_RECEIVE = r"(?:受理|收到|接收|接到|新收|收悉)"
_HANDLE = r"(?<!不予)(?<!其他)(?<!未)(?:(?:收到|受理)(?:并|和|及))?(?:办理|处理)"
_DECIDE = r"(?<!未)(?:办结|答复|办复)"
# Words right before 办理 / 办结 that make its number the applications still open or carried on
# (“结转到2025年办理7件”, “正在办理3件”), not those handled.
_STILL_OPEN = re.compile(r"(?:结转|转入|转至|转到|顺延|延至|留待|继续|正在|尚在|仍在|待)[^,，。;；]{0,8}$")
# “答复信息公开申请3件、纸质申请36件”: a figure followed by another part of a list is one part of a
# breakdown, not the whole (unless what follows is itself a figure read: “受理0件、办结0件”).
_LIST_NEXT = re.compile(r"(?:、|和|及|以及)(?P<next>[^,，。;；、\d]{1,10})(?:\d+|[一二两三四五六七八九十]+)(?:件|个|份|条|宗)")
_READ_WORDS = re.compile(_RECEIVE + "|" + _HANDLE + "|" + _DECIDE)
_G = r"(?:的|各类|各项|共|共计|合计|总计|累计|计|为|了|数量|总数|总量|有|达)*"
_NOUN_FIRST = _G + r"(?:(?P<topic>" + _TOPIC + r")(?:的)?(?:申请|信息)?|申请)件?" + _G + NUM + _UNITS
_NUMBER_FIRST = _G + NUM + _UNITS + r"(?:的)?(?:各类)?(?P<topic2>" + _TOPIC + r")?(?:的)?申请"

_PHRASES: tuple[_Phrase, ...] = (
    _Phrase("收到的政府信息公开申请数", re.compile(_RECEIVE + _NOUN_FIRST), lambda m: _received, True),
    _Phrase("收到的政府信息公开申请数", re.compile(_RECEIVE + _NUMBER_FIRST), lambda m: _received, True),
    _Phrase("办理的政府信息公开申请数", re.compile(_HANDLE + _NOUN_FIRST), lambda m: _handled, True),
    _Phrase("办理的政府信息公开申请数", re.compile(_HANDLE + _G + NUM + _UNITS), lambda m: _handled, True),
    _Phrase("办结的政府信息公开申请数", re.compile(_DECIDE + _NOUN_FIRST), lambda m: _decided, True),
    _Phrase("办结的政府信息公开申请数", re.compile(_DECIDE + _G + NUM + _UNITS), lambda m: _decided, True),
    _Phrase("现行有效件数", re.compile(r"现行有效(?:的)?(?P<what>行政规范性文件|规范性文件|规章)" + _GAP + NUM
                                     + r"(?P<unit>件|个|份)"), lambda m: _in_force(m.group("what"))),
    _Phrase("行政事业性收费金额", re.compile(r"(?:行政事业性收费|收费金额|收取费用|收费)" + _GAP
                                        + r"(?P<n>\d+(?:\.\d+)?)(?P<unit>亿元|万元|元)"), lambda m: _fees),
)


def _about_applications(s: str, m: re.Match[str], context: str) -> bool:
    """A short phrasing (no 政府信息公开 / 依申请公开 in it) counts applications for information only
    when the last subject named before it — in ``context`` (its paragraph before the sentence, and
    the heading above) or earlier in the sentence — is applications for information."""
    groups = m.groupdict()
    if groups.get("topic") or groups.get("topic2"):
        return True
    last = None
    for last in _SUBJECT.finditer(context[-_WINDOW:] + s[max(0, m.start() - _WINDOW):m.start()]):
        pass
    return last is not None and last.group("applications") is not None


def _one_part_of_a_list(s: str, end: int) -> bool:
    following = _LIST_NEXT.match(s, end)
    return following is not None and not (_TERM.search(following.group("next"))
                                          or _READ_WORDS.search(following.group("next")))


def _phrase_figures(s: str, context: str) -> list[Figure]:
    out = []
    for phrase in _PHRASES:
        for m in phrase.pattern.finditer(s):
            if phrase.about_applications and not _about_applications(s, m, context):
                continue
            if phrase.about_applications and (_STILL_OPEN.search(s[max(0, m.start() - 16):m.start()])
                                              or _one_part_of_a_list(s, m.end())):
                continue
            if phrase.what == "行政事业性收费金额" and "处理费" in s:
                continue  # 信息处理费 is reported in 六, not a figure of 二
            n = cn_number(m.group("n"))
            if n is None:
                continue
            unit = m.group("unit")
            if unit == "元":
                n = Decimal(n) / 10000
            elif unit == "亿元":
                n = Decimal(n) * 10000
            found = _figure(s, phrase.what, (m.group("n"), m.end()), m.start(), phrase.expect(m))
            if found is not None:
                out.append(replace(found, number=n))
    return out


@lru_cache(maxsize=4096)
def figures(sentence: str, context: str = "") -> tuple[tuple[Figure, ...], tuple[Change, ...]]:
    """The figures ``sentence`` states and the comparisons with last year that follow them.
    ``context``: the text of its paragraph before it (and the heading above), which says what a
    short phrasing such as “共办理N件” counts."""
    s, where = _normalized(sentence)
    around = normalized(context)
    found = _term_figures(s, around) + _phrase_figures(s, around)
    # One reading per number: the phrase that starts first says what it counts (“予以公开答复966件”
    # is not also “答复966件”); the terms of one phrase (“行政复议、行政诉讼各1件”) share it.
    first: dict[int, int] = {}
    for f in found:
        first[f.end] = min(first.get(f.end, f.start), f.start)
    kept = sorted((f for f in found if f.start == first[f.end]), key=lambda f: (f.end, f.start))
    changes = [c for f in kept if (c := _change_after(s, f)) is not None]

    def written(start: int, end: int) -> str:  # the words as written in the sentence
        return sentence[where[start]:where[end - 1] + 1] if end > start else ""

    as_written = {id(f): replace(f, text=written(f.start, f.end)) for f in kept}
    return (tuple(as_written[id(f)] for f in kept),
            tuple(replace(c, figure=as_written[id(c.figure)], text=written(c.figure.end, c.end)) for c in changes))


# ---------------------------------------------------------------------------------------------
# Comparisons with last year

_BRIDGE = r"[,、]?(?:\([^()]{0,30}\))?[,、]?"
_OPENER = r"(?:同比|(?:较|比|与)(?:上年|去年|上一年|(?P<year>\d{4})年)(?:度)?(?:同期)?(?:相比|相较)?)[,]?"
_SAME = re.compile(_BRIDGE + _OPENER + r"(?P<roughly>基本|大致|大体)?持平")
_PART = re.compile(r"(?P<dir>增加|增长|上升|提高|增多|多|减少|下降|降低|减|少|回落)了?(?P<n>\d+(?:\.\d+)?|"
                   r"[零〇一二两三四五六七八九十百]+)(?P<unit>%|件(?!次)|个(?!百分点)|起|宗|条|份)")
_RATE = re.compile(r"(?P<dir>增幅|增长率|增速|降幅|下降率)(?:为|达|达到|是)?(?P<n>\d+(?:\.\d+)?)(?P<unit>%)")
_OPEN = re.compile(_BRIDGE + _OPENER)
_SEP = re.compile(r"[、,(]")
_ROUGHLY = re.compile(r"以上|以下|左右|上下|多|余|有余")   # “增长20%以上”: not a figure
_UP = ("增加", "增长", "上升", "提高", "增多", "多", "增幅", "增长率", "增速")


def _change_after(s: str, figure: Figure) -> Change | None:
    """The comparison right after ``figure`` (only punctuation or a short parenthesis between):
    “，较上年增加10件、增长25%”; after a figure of last year the change itself (“…15件增加25件”)."""
    same = _SAME.match(s, figure.end)
    if same:
        if same.group("roughly"):
            return None  # 基本持平: not a figure
        return Change(figure, s[figure.end:same.end()], True, same.end(),
                      year=same.group("year") or "上年")
    opener = _OPEN.match(s, figure.end)
    if opener is None and figure.year is None:
        return None
    pos = opener.end() if opener is not None else figure.end
    count = percent = None
    while (part := _PART.match(s, pos) or _RATE.match(s, pos)) is not None:
        n = cn_number(part.group("n"))
        if n is None or _ROUGHLY.match(s, part.end()):
            return None
        signed = n if part.group("dir") in _UP else -n
        if part.group("unit") == "%":
            percent = Decimal(signed) if percent is None else percent
        elif count is None:
            count = signed
        pos = part.end()
        sep = _SEP.match(s, pos)
        if sep is None:
            break
        pos = sep.end()
    if count is None and percent is None:
        return None
    end = pos if s[pos - 1:pos] not in ("、", ",", "(") else pos - 1
    year = (opener.group("year") or "上年") if opener is not None else figure.year
    return Change(figure, s[figure.end:end], False, end, count, percent, year)
