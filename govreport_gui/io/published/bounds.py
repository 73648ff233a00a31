"""Where the report begins and ends among the lines of a published file, whatever its reader.

A report published on a portal, saved by a crawler or printed from a page comes with text that is
not the report: the site's navigation and menus, a crawler's header block (``标题：…`` ``采集时间：…``),
the line of publishing details, toolbars and share bars, attachment lists and the site footer.
None of it is recognised by its words — sites word it in a thousand ways — but by its shape:

* a line of a link-dense block (``Block.links``: most of its text is links — menus, breadcrumbs,
  link lists, share bars) or outside the page's article container (``Block.outside``, judged by
  the web page and Word readers) is never the report's;
* a *field line* ``标签：值`` (a short label, a colon) is page furniture unless it is a contact line
  (its value has a phone number, postcode or e-mail: ``电话：0571-…``, as prefaces end);
* prose is made of sentences; a run of short lines that are no sentences (a menu, a toolbar, the
  footer's lines) is not, and neither is a line without a Chinese character (``— 3 —``, ``Copyright``).

The title is the last line before the first heading that names the report (or the value of a
``标题：`` field when the page has no other), joined with a line above or below it when the title
is set in two lines.  The preface starts at the first sentence after the title.  The report ends
with the 落款 (a date line, the organ above it) when there is one, else with the last section's
content: at the first link-dense or outside line, or the first run of lines that are no content.
What is left out is listed for the clerk (``Bounds.left_out``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ...core.forms.traditional import fold_traditional
from ...core.values import normalise_text
from .blocks import is_address, one_line
from .report_title import Title, parse_title

# a 落款's date: 2024年1月18日, 二〇二四年一月十八日; 元月 for January, the day left out (2024年1月)
_DATE_RE = re.compile(r"^(?:19|20)\d{2}年(?:\d{1,2}|元)月(?:\d{1,2}日)?$")
_DATE_CN_RE = re.compile(r"^[〇○零一二三四五六七八九]{4}年(?:[一二三四五六七八九十]{1,2}|元)月(?:[一二三四五六七八九十]{1,3}日)?$")
_NUMERIC_DATE = re.compile(r"^[(\[]?(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}(?:\d{1,2}:\d{2}(?::\d{2})?)?[)\]]?$")
# "标签：值": a short label (no punctuation, no numbering) then a colon (after normalise_text)
_FIELD = re.compile(r"^[【\[]?(?P<label>[^\s:,。;!?()（）、.]{1,8})[】\]]?:(?P<value>.*)$")
# a phone number (0571-86012345, 13800000000), a postcode standing alone (310000), an e-mail —
# not a site's 10-digit 网站标识码 or an ICP filing number
_CONTACT_VALUE = re.compile(r"(?<!\d)(?:0\d{2,3}-?\d{7,8}|1[3-9]\d{9}|\d{6})(?!\d)|@")
_OUTLINE = re.compile(r"^(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、]|[一二三四五六七八九十]{1,3}[、是])")
_SENTENCE_END = "。；;！!？?…:"
_CJK = re.compile(r"[\u4e00-\u9fff]")
# a breadcrumb or a menu: links set side by side with separators; a toolbar of 【打印】【关闭】
_SEPARATORS = re.compile(r"[>＞»›|｜]")
# ``<…>`` / ``〈…〉`` inside a line quote a title within a title (《关于印发<…>的通知》): no separators
_QUOTED_TITLE = re.compile(r"[<〈][^<>〈〉]{1,80}[>〉]")
# a date, a time or both (``2024-01-18``, ``2024年01月18日``, ``10:20:33``): an item of a publishing details line
_DATE_OR_TIME = re.compile(r"^[(\[]?(?=.*\d)(?:(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?)?(?:\d{1,2}:\d{2}(?::\d{2})?)?[)\]]?$")
_BRACKET_LABEL = re.compile(r"^[【\[][^】\]]{1,8}[】\]]")
# a line that speaks of the page itself, not of the agency's work: what the reader may do with it
# (scan it, open it on a phone, print it, close it, share it) — a share bar's or a toolbar's words
_ABOUT_THE_PAGE = re.compile(r"扫一扫|扫码|二维码|手机(?:上)?(?:打开|浏览|查看|阅读)|当前页|本页|此页|(?:关闭|打印)(?:窗口|页面)"
                             r"|分享到|加入收藏|返回顶部")
_BRACKETED = re.compile(r"^(?:【[^】]{1,12}】|\[[^\]]{1,12}\])+$")
#: A line of at most this many characters that is no sentence is a short line.
SHORT = 20
#: A title is at most this long.
MAX_TITLE = 60
_PUBLISHED = re.compile(r"信息公开|政务公开|公开目录|公开指南")
_REPORT_WORDS = re.compile(r"(?:信息公开|政务公开).{0,12}(?:报告|年报)")
# an agency named on a title line of its own ends like one (局, 委员会, 办公室, 人民政府, 街道办事处…)
_AGENCY_END = re.compile(r"(?:局|委|会|办|室|府|厅|院|处|所|中心|(?<!网)站|队|馆|台|部|署|司|社|行|团|关|校|学"
                         r"|街道|镇|乡|区|县|市|州|盟|旗|场)$")
#: An agency's name is at most this long.
MAX_AGENCY = 40


def looks_like_agency(text: str) -> bool:
    """Ends as an organ's name does (局, 委员会, 办公室, 人民政府, 街道办事处…), no punctuation in it."""
    return bool(_AGENCY_END.search(fold_traditional(text))) and not re.search(r"[，。；;,!！?？:：]", text)


@dataclass
class Line:
    """One non-blank line of a paragraph block, with what its reader knew about the block."""

    text: str
    right: bool = False       # set to the right (a signature)
    linky: bool = False       # most of its block's text is links
    outside: bool = False     # outside the page's article container
    origin: object = field(default=None, repr=False, compare=False)   # its block's element in the source
    picture: bool = False     # a picture follows it (a table published as an image)


# a page's number as printed (— 3 —, -3-, 第3页, 第3页 共8页, 3/8) and a split table's ``续表`` line
_PAGE_NUMBER = re.compile(r"^(?:[-—–－]{1,3}\s*\d{1,3}\s*[-—–－]{1,3}|第\s*\d{1,3}\s*页(?:\s*[,，/]?\s*共\s*\d{1,3}\s*页)?"
                          r"|共\s*\d{1,3}\s*页\s*[,，]?\s*第\s*\d{1,3}\s*页|\d{1,3}\s*/\s*\d{1,3})$")
# where the seal goes on a template's 落款 (``（盖章）``), on the organ's line or a line of its own
_SEAL_MARK = re.compile(r"[(（]\s*(?:盖章|印章|公章|签章|章)\s*[)）]$")
# a 落款's date written in figures (2025-01-20, 2025.1.20, 2025/1/20), no time of day
_FIGURES_DATE = re.compile(r"^(?:19|20)\d{2}([-/.])\d{1,2}\1\d{1,2}$")
_CONTINUED = re.compile(r"^[(（]?(?:续表|续上表|接上表|表[一二三四1-4]?\s*[(（]续[)）])[一二三四1-4]?[)）]?[:：]?$")


def layout_mark(text: str) -> bool:
    """A line the page's layout prints, no text of the report: a page number, ``续表`` above a
    table's continued part."""
    s = text.strip(" \t\u3000\xa0")
    return bool(_PAGE_NUMBER.match(s) or _CONTINUED.match(s) or _SEAL_MARK.fullmatch(normalise_text(s)))


def is_date_line(text: str) -> bool:
    text = normalise_text(text)
    return bool(_DATE_RE.match(text) or _DATE_CN_RE.match(text))


def is_sentence(text: str, lead_in: bool = True) -> bool:
    """Prose: it ends like a sentence (or, ``lead_in``, with a colon: ``现将有关情况报告如下：``), or
    runs on with commas."""
    s = normalise_text(text)
    ends = _SENTENCE_END if lead_in else _SENTENCE_END.replace(":", "")
    return bool(s) and (s[-1] in ends or "。" in s or ("," in s and len(s) > SHORT))


def field_of(text: str) -> tuple[str, str] | None:
    """(label, value) of a ``标签：值`` line, else None."""
    m = _FIELD.match(normalise_text(text))
    return (m.group("label"), m.group("value")) if m else None


def is_contact(text: str) -> bool:
    """A contact line of a preface or of 六 (``电话：0571-8888888``, ``电子邮箱：a@b.cn``)."""
    found = field_of(text)
    return found is not None and bool(_CONTACT_VALUE.search(found[1]))


def is_furniture(line: Line) -> bool:
    """Never the report's, whatever it says: links, outside the article, a field that is neither a
    contact line nor a sentence, a line without a Chinese character, a publishing date, a
    breadcrumb, a toolbar of 【】 items."""
    text = normalise_text(line.text)
    found = field_of(text)
    return (line.linky or line.outside or (found is not None and not is_contact(text) and not is_sentence(found[1], lead_in=False))
            or (not _CJK.search(text) and not is_contact(text)) or bool(_NUMERIC_DATE.match(text)) or _separated(text)
            or bool(_BRACKETED.match(text)) or (_details(line.text) and not is_contact(text)) or _about_the_page(text))


def _about_the_page(text: str) -> bool:
    """A short line that is no sentence and speaks of the page (``扫一扫在手机打开当前页``, ``打印页面``)."""
    return len(text) <= SHORT and not is_sentence(text) and bool(_ABOUT_THE_PAGE.search(fold_traditional(text)))


def _separated(text: str) -> bool:
    """Items set side by side with separators (a breadcrumb, a menu) — not a title quoted in ``<>``."""
    return bool(_SEPARATORS.search(_QUOTED_TITLE.sub("", text)))


def _details(text: str) -> bool:
    """A line of publishing details: items set side by side, at least two of them a date, a time
    or a field (``2021-02-09 发布：XX办公室 点击数：``), the others the site's address or the
    letters and brackets of a text-size chooser (``www.xx.gov.cn 来源：XX办 字号：[ 大 中 小 ]``)."""
    items = text.split()
    facts = sum(bool(_DATE_OR_TIME.match(normalise_text(item)) or _empty_or_plain_field(item)) for item in items)
    others = [item for item in items if not (_DATE_OR_TIME.match(normalise_text(item)) or _empty_or_plain_field(item))]
    return facts >= 2 and all(len(item) == 1 or is_address(item) for item in others)


def _empty_or_plain_field(text: str) -> bool:
    found = field_of(text)
    return found is not None and not is_sentence(found[1], lead_in=False)


def _ends_sentence(line: Line) -> bool:
    """A sentence that ends as one (not a line running on with commas: a browser notice), or an
    item of an outline."""
    s = normalise_text(line.text)
    return bool(s) and (s[-1] in "。！？!?；;…" or bool(_OUTLINE.match(s)))


def _content(line: Line) -> bool:
    """A line that reads as the report's own: a sentence, an item of an outline, a contact line —
    one field, or fields joined as a sentence; fields set side by side (``地址：… 邮编：… 电话：…``)
    are a footer's unless the report goes on after them."""
    return not is_furniture(line) and (is_sentence(line.text) or bool(_OUTLINE.match(normalise_text(line.text)))
                                       or (is_contact(line.text) and not _details(line.text)))


# ---------------------------------------------------------------------------------------------
# The title


@dataclass
class TitleFound:
    start: int             # first line of the title
    end: int               # the line after it
    text: str
    parsed: Title | None
    above: str = ""        # the agency, when a line of its own above the title gave it


def _names_report(text: str) -> bool:
    s = normalise_text(text)
    return len(s) <= MAX_TITLE and not is_sentence(s) and not _separated(s) and (
        parse_title(s) is not None or bool(_REPORT_WORDS.search(fold_traditional(s))))


def title_lines(lines: list[Line], end: int, text: str = "") -> TitleFound | None:
    """The report's title among ``lines[:end]`` (the lines before the first heading); ``text``:
    the report's text after them (a name it repeats is an agency's, whatever its last word)."""
    plain = [i for i in range(end) if not lines[i].linky and field_of(lines[i].text) is None
             and _names_report(lines[i].text)]
    plain = [i for i in plain if not _catalogue_entry(lines[i].text)] or plain
    if plain:
        return _named_above(lines, plain, _repeated(lines, plain[-1], end, text), text)
    broken = _broken_title(lines, end)
    if broken is not None:
        return broken
    fields = [i for i in range(end) if not lines[i].linky and (f := field_of(lines[i].text)) and _names_report(f[1])]
    if fields:
        field = field_of(lines[fields[-1]].text)
        assert field is not None   # a field line: found so above
        value = field[1]
        return TitleFound(fields[-1], fields[-1] + 1, value, parse_title(value))
    return None


# a catalogue's index number (索引号 ``620702074/2024-00047``, ``11330524K14997759R/2024-00016``)
_INDEX_NUMBER = re.compile(r"^\S*\d\S*/(?:19|20)\d{2}-\d+$")


def _catalogue_entry(text: str) -> bool:
    """A line of a 信息公开目录 entry's fields set side by side, one of them its index number
    (``索引号 620702074/2024-00047 发文字号 XX局2023年…年度报告``): it may name the report, but it is
    the catalogue's line, not the title."""
    items = text.split()
    return len(items) >= 2 and any(_INDEX_NUMBER.match(item) for item in items)


def _repeated(lines: list[Line], at: int, end: int, text: str) -> TitleFound:
    """The title at line ``at``, read from the first of the lines repeating it right above (a page
    that prints its title twice: a heading element and the article's first line), so that the
    line above those (an agency on its own line) is joined to it as to a title printed once."""
    first = at
    while first > 0 and normalise_text(lines[first - 1].text) == normalise_text(lines[at].text):
        first -= 1
    found = _joined(lines, first, end, text)
    return replace(found, end=max(found.end, at + 1))


def _named_above(lines: list[Line], plain: list[int], found: TitleFound, text: str) -> TitleFound:
    """``found``, or, when it is the report's bare name (``政府信息公开工作年度报告``: no agency, no
    year) under a title that gives them (``2025年XX镇政府信息公开工作年度报告`` / a publishing line /
    the bare name: a page printing the name again as the article's heading), the span from that title."""
    if found.parsed is not None and (found.parsed.agency or found.parsed.year):
        return found
    for at in reversed([i for i in plain if i < found.start]):
        above = _repeated(lines, at, found.start, text)
        if above.parsed is not None and above.parsed.year:
            return replace(above, end=found.end)
    return found


def _broken_title(lines: list[Line], end: int) -> TitleFound | None:
    """A title broken inside its words over two lines of which neither names the report alone
    (``XX局2020年度政府信息`` / ``公开工作年度报告``): the last such pair before ``end``."""
    for i in range(end - 2, -1, -1):
        first, second = lines[i], lines[i + 1]
        if first.linky or second.linky or not (_part_of_title(first) and _part_of_title(second)):
            continue
        joined = normalise_text(first.text) + normalise_text(second.text)
        parsed = parse_title(joined) if _names_report(joined) else None
        if parsed is not None:
            return TitleFound(i, i + 2, joined, parsed)
    return None


def _completeness(parsed: Title | None) -> int:
    return 0 if parsed is None else 1 + bool(parsed.agency) + bool(parsed.year)


def _part_of_title(line: Line) -> bool:
    """A line that may be the other line of a title set in two: short, plain, no furniture."""
    s = normalise_text(line.text)
    return 0 < len(s) <= 40 and not is_sentence(s) and not is_furniture(line) and not is_date_line(s)


def _named_again(agency: str, after: list[Line], text: str) -> bool:
    """``agency`` (a line above the title) is named again in the report: an agency, not a site's line
    (a column of the site names what is published: ``信息公开目录``)."""
    return len(agency) >= 2 and not _PUBLISHED.search(fold_traditional(agency)) and (
        agency in text or any(agency in line.text for line in after))


def _joined(lines: list[Line], at: int, end: int, report_text: str = "") -> TitleFound:
    """The title line ``at``, joined with the line above (``XX局`` / ``2023年政府信息…报告``;
    ``XX局2023年`` / ``政府信息公开工作年度报告``) or below (``…年度报告`` / ``（2023年）``) when that
    reads as a more complete title."""
    text = normalise_text(lines[at].text)
    best = TitleFound(at, at + 1, text, parse_title(text))
    for start in (at - 1, at - 2):
        if start < 0 or not all(_part_of_title(lines[i]) and not _REPORT_WORDS.search(fold_traditional(lines[i].text))
                                for i in range(start, at)):
            break
        above = "".join(normalise_text(lines[i].text) for i in range(start, at))
        joined = TitleFound(start, at + 1, above + text, parse_title(above + text))
        agency = joined.parsed.agency if joined.parsed else ""
        joined.above = agency
        if _completeness(joined.parsed) > _completeness(best.parsed) and (
                not agency or looks_like_agency(agency) or _named_again(agency, lines[at + 1:end], report_text)):
            best = joined
    below = at + 1
    if (best.parsed is None or not best.parsed.year) and below < end and _part_of_title(lines[below]):
        joined_text = best.text + normalise_text(lines[below].text)
        parsed = parse_title(joined_text)
        if _completeness(parsed) > _completeness(best.parsed):
            best = TitleFound(best.start, below + 1, joined_text, parsed)
    return best


# ---------------------------------------------------------------------------------------------
# The article's container (web pages, portal pages saved as Word)


def article_container(anchors: list) -> object | None:
    """The innermost element holding every anchor (the title's, the headings' and the report
    tables' elements), or None when that is the whole page (``body``) or nothing is known."""
    chains = [_ancestors(el) for el in anchors if el is not None]
    if len(chains) < 2:
        return None
    common = None
    for level in zip(*chains):
        if any(el is not level[0] for el in level):
            break
        common = level[0]
    if common is None or common.getparent() is None or _local_name(common) in ("body", "html"):
        return None
    return common


def mark_outside(lines: list[Line], container: object | None) -> None:
    """Lines whose element lies outside ``container`` are marked ``outside``."""
    if container is None:
        return
    inside: dict[int, bool] = {}   # id(element) → inside ``container`` (for each element climbed through)
    climbed: list = []             # those elements, kept while their ids are keys
    for line in lines:
        if line.origin is not None and not _within(line.origin, container, inside, climbed):
            line.outside = True


def _within(el, container: object, inside: dict[int, bool], climbed: list) -> bool:
    """``el`` is ``container`` or lies inside it, remembered for each element climbed through to
    find it (the lines of a page share their paragraphs and their paragraphs' ancestors)."""
    path = []
    while el is not None and id(el) not in inside and el is not container:
        path.append(el)
        el = el.getparent()
    found = el is container or (el is not None and inside[id(el)])
    for step in path:
        inside[id(step)] = found
    climbed.extend(path)
    return found


def _ancestors(el) -> list:
    """``el`` and its ancestors, the root first."""
    chain = []
    while el is not None:
        chain.append(el)
        el = el.getparent()
    return chain[::-1]


def _local_name(el) -> str:
    tag = el.tag if isinstance(el.tag, str) else ""
    return tag.rsplit("}", 1)[-1].lower()


# ---------------------------------------------------------------------------------------------
# The preface and the end


@dataclass
class Bounds:
    """What was kept and what was left out, for the notes."""

    before_title: list[str] = field(default_factory=list)
    page_furniture: list[str] = field(default_factory=list)   # between the title (if any) and the report
    after_end: list[str] = field(default_factory=list)
    layout: list[str] = field(default_factory=list)            # page numbers, 续表 lines
    titled: bool = True                                         # a title was found

    def notes(self) -> list[str]:
        out = []
        between = "标题与正文之间的发布信息、工具栏等网页内容未读取：" if self.titled else "正文之前的网站栏目、发布信息等未读取："
        for lines, what in ((self.before_title, "标题之前的文字（网站栏目、导航等）未读取："),
                            (self.page_furniture, between),
                            (self.after_end, "正文结束后的文字（附件、分享栏、网站页脚等）未读取："),
                            (self.layout, "页码、“续表”等排版文字未作为正文读取：")):
            if lines:
                out.append(what + "／".join(one_line(t) for t in lines[:8]) + ("…" if len(lines) > 8 else ""))
        return out


def preface(lines: list[Line], bounds: Bounds, text_after: str = "") -> list[str]:
    """The preface among the lines between the title and the first heading: from the first sentence
    on, link-dense and outside lines left out (the publishing details, toolbars, a date line and a
    site menu before it, too), a page's summary of the text (``内容概述：本报告依据……``) and a
    bulleted list of the page's fields (``• 发布单位：XX厅``);
    ``text_after``: the report's text after the first heading."""
    following = [normalise_text(line.text) for line in lines] + [normalise_text(text_after)]
    teasers = {i for i, line in enumerate(lines) if _teaser(line, "".join(following[i + 1:]))}
    first = next((i for i, line in enumerate(lines)
                  if i not in teasers and ((not is_furniture(line) and is_sentence(line.text)) or _contact_block(lines, i))),
                 len(lines))
    kept = []
    for i, line in enumerate(lines):
        if i < first or line.linky or line.outside or i in teasers or _listed_field(line.text):
            bounds.page_furniture.append(line.text)
        else:
            kept.append(line.text)
    return kept


# a list's bullet before a line's words
_BULLET = re.compile(r"^[•·●▪◦■◆]\s*")


def _listed_field(text: str) -> bool:
    """A ``标签：值`` line set as an item of a bulleted list (``• 发布单位：XX厅``, ``• 中文名：…``): the
    page's list of the document's properties, wherever it stands — not a contact line."""
    s = normalise_text(text)
    bullet = _BULLET.match(s)
    if bullet is None:
        return False
    found = field_of(s[bullet.end():])
    return found is not None and not is_contact(s[bullet.end():]) and not is_sentence(found[1], lead_in=False)


def _contact_block(lines: list[Line], at: int) -> bool:
    """Line ``at`` starts the contact lines that end the lines before the first heading (a preface
    of only ``地址：…`` / ``电话：…`` / ``电子邮箱：…``): each of them one field, one at least with a
    phone number, a postcode or an e-mail."""
    rest = lines[at:]
    return any(is_contact(line.text) for line in rest) and all(
        field_of(line.text) is not None and not _details(line.text) and not line.linky and not line.outside for line in rest)


def _teaser(line: Line, following: str) -> bool:
    """A page's summary of the text before it: the start of a paragraph that follows, cut short or
    labelled (``内容概述：本报告依据《条例》编制……``)."""
    found = field_of(line.text)
    value = found[1] if found else _BRACKET_LABEL.sub("", normalise_text(line.text))
    cut = value.rstrip(".…")
    labelled = found is not None or value != normalise_text(line.text)
    return len(cut) >= 12 and (cut != value or labelled) and cut in following


@dataclass
class Ending:
    keep: int                   # lines of the last section that are the report's
    organ: str = ""
    date: str = ""
    after: int | None = None    # the line after the 落款, when it is not on lines of its own

    @property
    def signed(self) -> int:
        """The line after the report's last (its content and its 落款)."""
        return self.after if self.after is not None else self.keep + bool(self.organ) + bool(self.date)


# a date closing a line without a space before it (``XX局2024年1月18日``)
_DATE_AT_END = re.compile(r"(?:(?:19|20)\d{2}|[〇○零一二三四五六七八九]{4})年[^年]{1,8}$")


def _organ_and_date(line: Line) -> tuple[str, str] | None:
    """(organ, date) of a 落款 set on one line, the date after spaces (``XX局　　2024年1月18日``),
    or run on after the organ when the line lost its spaces (a table's cells joined into one
    paragraph by a conversion): then the words before the date end as an organ's name do."""
    *before, date = line.text.split() or [""]
    organ = " ".join(before)
    joined = _DATE_AT_END.search(line.text.strip()) if not organ else None
    if joined and is_date_line(joined.group(0)) and looks_like_agency(organ_name(line.text.strip()[:joined.start()])):
        organ, date = line.text.strip()[:joined.start()], joined.group(0)
    if not organ or not is_date_line(date):
        return None
    alone = replace(line, text=organ, outside=False)
    if len(organ) > 40 or is_sentence(organ) or is_furniture(alone) or is_date_line(organ):
        return None
    return organ_name(organ), date


def ending(lines: list[Line]) -> Ending:
    """Where the last section ends: after its 落款 when one follows its content (a date line, the
    organ and at most one more line between them and the content), else at its content's end —
    the first line outside the article's container, or the first run of lines that are no
    content (link lines, fields, short lines: an attachment list, a share bar, the footer; two
    suffice unless a date follows), or the lines of furniture alone that end it, however few
    (a lone share line, even as the section's only line).  After a line of furniture only a
    sentence that ends as one makes the text the report's again (not a contact line, not a line
    running on with commas: a footer's address, a browser notice)."""
    stop = _with_signature_outside(lines, next((i for i, line in enumerate(lines) if line.outside), len(lines)))
    run = None
    for i in range(stop):
        line = lines[i]
        if i and (is_date_line(line.text) or _figures_signed(lines, i)) and (run is None or i - run <= 2) \
                and not _prose_follows(lines, i, stop):
            return _signed(lines, i, run)
        if i and (one_line_signature := _organ_and_date(line)) and (run is None or i - run <= 1) \
                and not _prose_follows(lines, i, stop):
            return Ending(i, *one_line_signature, after=i + 1)
        if (_content(line) and (run is None or _ends_sentence(line))) or (i == 0 and not is_furniture(line)):
            run = None
            continue
        run = i if run is None else run
        length = i - run + 1
        if length >= 3 or (length == 2 and run > 0 and not (i + 1 < stop and is_date_line(lines[i + 1].text))):
            return Ending(run)
    if run is not None and all(is_furniture(line) for line in lines[run:stop]):
        return Ending(run)     # the section ends in furniture alone: a share bar, a lone link
    return Ending(stop)


def _figures_signed(lines: list[Line], at: int) -> bool:
    """Line ``at`` is a 落款's date written in figures (``2025-01-20``) under the organ's name — a
    date in figures alone is a page's publishing date, no 落款."""
    above = lines[at - 1]
    return (bool(_FIGURES_DATE.match(normalise_text(lines[at].text))) and not above.linky and not above.outside
            and len(above.text) <= MAX_AGENCY and looks_like_agency(organ_name(above.text)))


def organ_name(text: str) -> str:
    """A 落款's organ without the template's mark where the seal goes (``XX局（盖章）`` → ``XX局``)."""
    return _SEAL_MARK.sub("", text.strip()).strip()


def _with_signature_outside(lines: list[Line], stop: int) -> int:
    """``stop``, or past the organ and date lines set just outside the article's container (a
    CMS may keep the signature in an element of its own)."""
    for n in (2, 1):
        if stop + n <= len(lines) and all(line.outside and not line.linky for line in lines[stop:stop + n]) \
                and is_date_line(lines[stop + n - 1].text):
            return stop + n
    return stop


def _prose_follows(lines: list[Line], at: int, stop: int) -> bool:
    """A long sentence right after a date line: the date was a line of the text, no signature."""
    return at + 1 < stop and is_sentence(lines[at + 1].text) and len(lines[at + 1].text) > 60


def _signed(lines: list[Line], date_at: int, run: int | None) -> Ending:
    """The 落款 ending with the date line ``date_at``: the organ is the line above when that is
    no content (``run`` reaches it), or the section's only line set to the right."""
    signed = Ending(date_at, date=lines[date_at].text)
    above = lines[date_at - 1]
    organ_like = len(above.text) <= 40 and not is_sentence(above.text) and not is_furniture(replace(above, outside=False))
    if organ_like and ((run is not None and run <= date_at - 1) or (date_at == 1 and above.right)):
        signed.keep, signed.organ = date_at - 1, organ_name(above.text)
    return signed
