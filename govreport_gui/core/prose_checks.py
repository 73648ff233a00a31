"""Checks a reviewer makes of the prose: figures against the tables, text copied from last year,
last year's year left in the text, the content the format version requires, leftover template text,
and figures that changed implausibly from last year.

Every finding is a warning (the clerk confirms or corrects); prose findings carry the ``section``
they point at ("一" … "六", or ``None`` for the preamble) and an ``anchor`` (the sentence, or the
topic) so an accepted warning stays accepted while the rest of the text is edited.  Which cell a
phrase is compared with is found through the format declaration (the ``Tag`` of a row, a group of
rows or a cell), never by position or by spelling an official label here.  A text in traditional
characters is read folded (``fold_traditional``) and quoted as written.

The rules, their titles and when they apply are declared in ``core.rules`` (``PROSE_FIGURE`` …).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .contacts import is_contact_sentence
from .drafting import change_words, not_typed
from .findings import Finding, Severity
from .forms import CellKey, FormSpec, Kind, Layout
from .forms.traditional import fold_traditional
from .prompts import OLD_PROMPT, Prompt, empty_parts, prompts, written_text
from .prose_figures import Change, Figure, figures
from .prose_figures import cn_number as cn_number  # re-exported: the prose's numbers are read there
from .recalc import all_values
from .report import Report
from .rules import (
    PROSE_CHANGE,
    PROSE_COPIED,
    PROSE_FIGURE,
    PROSE_REQUIRED,
    PROSE_TEMPLATE,
    PROSE_YEAR,
    YEAR_ON_YEAR,
)
from .values import Value, format_value, shorten

PREAMBLE_NAME = "前言"

# ---------------------------------------------------------------------------------------------
# Text helpers

_SENTENCE_END = "。！？；!?;\n"


@dataclass(frozen=True)
class Sentence:
    text: str    # as written (stripped)
    start: int   # offset in the section text
    end: int


def sentences(text: str) -> list[Sentence]:
    """Split prose into sentences at 。！？； and line breaks; offsets refer to ``text``."""
    return list(_sentences(text))


@lru_cache(maxsize=64)
def _sentences(text: str) -> tuple[Sentence, ...]:
    # A pure function of the text: the checks run after every edit, the prose rarely changes.
    out = []
    start = 0
    for i, ch in enumerate(text + "\n"):
        if ch in _SENTENCE_END:
            piece = text[start:i + 1 if i < len(text) and ch != "\n" else i]
            stripped = piece.strip()
            if stripped:
                lead = len(piece) - len(piece.lstrip())
                out.append(Sentence(stripped, start + lead, start + lead + len(stripped)))
            start = i + 1
    return tuple(out)


def _prose_parts(report: Report) -> Iterator[tuple[str | None, str]]:
    """(section key or None for the preamble, text) of every piece of prose."""
    if report.meta.preamble:
        yield None, report.meta.preamble
    for section in report.form.sections:
        key = section.key
        text = report.sections.get(key, "")
        if text:
            yield key, text


def _meta_of(section: str | None) -> str | None:
    """The 基本信息 field a piece of prose is (the 前言 is edited there), for ``Finding.meta``."""
    return "preamble" if section is None else None


def _where(section: str | None, report: Report | None = None) -> str:
    """“前言” or the section's heading in quotes (“一、总体情况”)."""
    if section is not None and report is not None:
        try:
            return f"“{report.form.section(section).heading}”"
        except KeyError:
            pass
    return PREAMBLE_NAME if section is None else f"第{section}部分"


def _n(v: Value) -> str:
    return format_value(v if v is not None else 0)


# ---------------------------------------------------------------------------------------------
# Prose against tables


def _with_context(text: str) -> Iterator[tuple[Sentence, str]]:
    """Each sentence of ``text`` with the words of its paragraph just before it (and a heading line
    just above the paragraph): what a short phrasing such as “共办理N件” counts is named there.
    Only the last ``CONTEXT`` characters count, so a long paragraph costs no more than a short one."""
    for s in _sentences(text):
        start = text.rfind("\n", max(0, s.start - CONTEXT), s.start) + 1
        start = max(start, s.start - CONTEXT)
        context = text[start:s.start]
        if start and text[start - 1] == "\n":
            above = text[text.rfind("\n", max(0, start - 1 - HEADING_LINE * 4), start - 1) + 1:start - 1]
            if len(above.strip()) <= HEADING_LINE:
                context = above + "\n" + context
        yield s, context


HEADING_LINE = 30  # a line this short above a paragraph is its sub-heading (“（二）依申请公开”)
CONTEXT = 200      # characters of the paragraph before a sentence that say what it is about


def check_figures(report: Report, values: Mapping[CellKey, Value] | None = None) -> list[Finding]:
    """Figures stated in the prose (``core.prose_figures``) against the tables.  ``values``: every
    figure of ``report``, totals included (``all_values``), when known."""
    form = report.form
    if values is None:
        values = all_values(form, report.values)
    out: list[Finding] = []
    for section, text in _prose_parts(report):
        for sentence, context in _with_context(text):
            for f in figures(sentence.text, context)[0]:
                if f.other_year or not _is_this_year(f.year, report.meta.year):
                    continue  # a figure of another year, or compared with one: ``check_changes``
                options = f.expect(form, values.get)
                if not options or any(f.number == v for v, _ in options):
                    continue
                shown = "，".join(d for _, d in options if d)
                out.append(PROSE_FIGURE.finding((),
                    f"{_where(section, report)}写“{f.text}”（{f.what}为{format_value(f.number)}），"
                    f"但{shown}。请核对正文或表格。所在句子：“{shorten(sentence.text)}”",
                    section=section, meta=_meta_of(section), anchor=f"{f.what}|{sentence.text}",
                    quote=sentence.text))
    return out


def check_changes(report: Report, previous: Report, values: Mapping[CellKey, Value] | None = None,
                  prev_values: Mapping[CellKey, Value] | None = None) -> list[Finding]:
    """What the prose says of last year against last year's report: a figure of last year
    (“较上年收到申请15件”) and a comparison after a figure (“，较上年增加10件、增长25%”, “与上年持平”)."""
    year = report.meta.year
    if year and previous.meta.year and previous.meta.year != year - 1:
        return []
    values = values if values is not None else all_values(report.form, report.values)
    prev_values = prev_values if prev_values is not None else all_values(previous.form, previous.values)
    out: list[Finding] = []
    for section, text in _prose_parts(report):
        for sentence, context in _with_context(text):
            found, changes = figures(sentence.text, context)
            for f in found:
                if f.year is not None and _is_last_year(f.year, year):
                    out += _last_years_figure(report, previous, prev_values, section, sentence, f)
            for c in changes:
                if _is_last_year(c.year, year):
                    out += _change_finding(report, previous, values, prev_values, section, sentence, c)
    return out


def _is_this_year(named: str | None, year: int) -> bool:
    """No year named before the phrase, or the report's own (“2024年共收到申请40件”)."""
    return named is None or (named.isdigit() and bool(year) and int(named) == year)


def _is_last_year(named: str | None, year: int) -> bool:
    """“上年” (同比, 较上年), or the year named is the one before the report's."""
    return named == "上年" or (named is not None and bool(year) and int(named) == year - 1)


def _last_years_figure(report: Report, previous: Report, prev_values: Mapping[CellKey, Value],
                       section: str | None, sentence: Sentence, f: Figure) -> list[Finding]:
    options = f.expect(previous.form, prev_values.get)
    if not options or any(f.number == v for v, _ in options):
        return []
    shown = "，".join(d for _, d in options if d)
    return [PROSE_CHANGE.finding((),
        f"{_where(section, report)}写上年的“{f.text}”（{f.what}为{format_value(f.number)}），但上年报告{shown}。"
        f"请核对正文或上年报告。所在句子：“{shorten(sentence.text)}”",
        section=section, meta=_meta_of(section), anchor=f"上年|{f.what}|{sentence.text}", quote=sentence.text)]


def _change_finding(report: Report, previous: Report, values: Mapping[CellKey, Value],
                    prev_values: Mapping[CellKey, Value], section: str | None, sentence: Sentence,
                    c: Change) -> list[Finding]:
    f = c.figure
    this, last = f.expect(report.form, values.get), f.expect(previous.form, prev_values.get)
    if not this or not last:
        return []
    if _is_this_year(f.year, report.meta.year) and not f.other_year and not any(f.number == v for v, _ in this):
        return []  # the figure itself disagrees with the table: ``check_figures`` says so
    pairs = list(zip((v for v, _ in this), (v for v, _ in last)))
    if any(change_agrees(c, t, p) for t, p in pairs):
        return []
    t, p = pairs[0]
    return [PROSE_CHANGE.finding((),
        f"{_where(section, report)}写“{f.text}{c.text}”，但本年{this[0][1]}，上年{last[0][1]}，"
        f"应为“{change_words(t, p, '件').removeprefix('，').removeprefix('较上年')}”。请核对正文或表格。"
        f"所在句子：“{shorten(sentence.text)}”",
        section=section, meta=_meta_of(section), anchor=f"同比|{f.what}|{sentence.text}", quote=sentence.text)]


def change_agrees(c: Change, this: int | Decimal, last: int | Decimal) -> bool:
    """Whether the comparison ``c`` is what the figures of the two years give: 持平 is no change,
    a count is the difference, a percentage the difference over last year's figure to the
    precision written (1 of its last digit: rounded or cut)."""
    diff = this - last
    if c.same:
        return diff == 0
    if c.count is not None and c.count != diff:
        return False
    if c.percent is not None and last:
        if (c.percent > 0) != (diff > 0) and c.percent != 0:
            return False
        actual = abs(Decimal(diff) * 100 / Decimal(last))
        exponent = c.percent.as_tuple().exponent
        step = Decimal(1).scaleb(exponent if isinstance(exponent, int) and exponent < 0 else 0)
        return abs(actual - abs(c.percent)) <= step
    return True

# ---------------------------------------------------------------------------------------------
# Last year's text


MIN_COPIED = 15  # sentences shorter than this (e.g. “本年度未收取信息处理费。”) are not counted
_PUNCT = re.compile(r"[\s，。、；：！？,.;:!?“”‘’\"'（）()《》<>【】\[\]—\-…·]+")


@lru_cache(maxsize=4096)
def _norm_sentence(text: str) -> str:
    return _PUNCT.sub("", unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=8)
def _sentence_set(texts: tuple[str, ...]) -> frozenset[str]:
    out = set()
    for text in texts:
        for s in _sentences(text):
            norm = _norm_sentence(s.text)
            if len(norm) >= MIN_COPIED:
                out.add(norm)
    return frozenset(out)


@lru_cache(maxsize=1)
def _outline_sentences() -> frozenset[str]:
    """The sentences the application itself writes into a new report (the outline's sub-headings,
    of every format version): the same in every year's report, never the clerk's copy."""
    from .drafting import outline
    from .forms import FORMS
    return _sentence_set(tuple(text for version in FORMS for text in outline(version).values()))


def _copied(text: str, seen: frozenset[str]) -> list[Sentence]:
    """Sentences of ``text`` found in ``seen``; the outline's own and contact details (where to
    download the report, whom to call: the same every year by nature, like the 前言) are not copying."""
    own = _outline_sentences()
    return [s for s in _sentences(text) if len(norm := _norm_sentence(s.text)) >= MIN_COPIED
            and norm in seen and norm not in own and not is_contact_sentence(s.text)]


def copied_in_text(text: str, previous: Report) -> list[Sentence]:
    """The sentences of ``text`` (e.g. one paragraph being edited) found unchanged in last year's
    prose — for highlighting them in the editor.  The outline's own text is not counted."""
    return _copied(text, _sentence_set(tuple(t for _, t in _prose_parts(previous))))


def copied_sentences(report: Report, previous: Report) -> dict[str | None, list[Sentence]]:
    """Per section (``None``: the preamble), the sentences found unchanged in last year's prose
    (the outline's own sub-headings and hints are not counted: the clerk did not write them)."""
    seen = _sentence_set(tuple(text for _, text in _prose_parts(previous)))
    out: dict[str | None, list[Sentence]] = {}
    for section, text in _prose_parts(report):
        hits = _copied(text, seen)
        if hits:
            out[section] = hits
    return out


def copied_share(report: Report, previous: Report,
                 copied: dict[str | None, list[Sentence]] | None = None) -> dict[str | None, float]:
    """Share (0–1) of each section's text that is copied unchanged from last year's prose."""
    shares = {}
    if copied is None:
        copied = copied_sentences(report, previous)
    for section, text in _prose_parts(report):
        hits = copied.get(section, [])
        if not hits:
            shares[section] = 0.0
            continue
        total = len(_norm_sentence(text))
        hit = sum(len(_norm_sentence(s.text)) for s in hits)
        shares[section] = hit / total if total else 0.0
    return shares


def check_copied(report: Report, previous: Report) -> list[Finding]:
    out: list[Finding] = []
    copied = copied_sentences(report, previous)
    if not copied:
        return out
    shares = copied_share(report, previous, copied)
    for section, hits in copied.items():
        if section is None:
            continue  # the preamble is boilerplate by nature (basis, contact details)
        share = shares.get(section, 0.0)
        first = "；".join(f"“{shorten(s.text, 40)}”" for s in hits[:3])
        more = f"等{len(hits)}句" if len(hits) > 3 else f"共{len(hits)}句"
        out.append(PROSE_COPIED.finding((),
            f"{_where(section, report)}有{len(hits)}句与上年报告完全相同，约占该部分文字的{round(share * 100)}%："
            f"{first}（{more}）。上级通知将“内容雷同”列为问责情形，请按本年实际情况改写。",
            section=section, meta=_meta_of(section), anchor="copied", quote=hits[0].text))
    return out


@lru_cache(maxsize=4)
def _year_patterns(last: int) -> tuple[re.Pattern[str], re.Pattern[str]]:
    opening = re.compile(rf"^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d+[.、])?\s*{last}年(?:度)?"
                         rf"(?:[，,]|以来|[^\d月]{{0,2}}(?:我|本|全))")
    period = re.compile(rf"{last}年1月1日(?:起|至|到|—|-)|至{last}年12月31日")  # the statistical period
    return opening, period


@lru_cache(maxsize=256)
def _last_year_sentences(text: str, last: int) -> tuple[Sentence, ...]:
    opening, period = _year_patterns(last)
    hits = []
    for s in _sentences(text):
        norm = fold_traditional(unicodedata.normalize("NFKC", s.text))
        if opening.search(norm) or period.search(norm):
            hits.append(s)
    return tuple(hits)


def check_last_year(report: Report) -> list[Finding]:
    """“2023年，我局……” in a 2024 report; a statistical period of last year."""
    year = report.meta.year
    if not year:
        return []
    last = year - 1
    out = []
    for section, text in _prose_parts(report):
        for s in _last_year_sentences(text, last):
            out.append(PROSE_YEAR.finding((),
                f"{_where(section, report)}的句子“{shorten(s.text)}”写的是{last}年，本报告是{year}年度的："
                f"可能是沿用了上年的文字，请核实。",
                section=section, meta=_meta_of(section), anchor=s.text, quote=s.text))
    return out


# ---------------------------------------------------------------------------------------------
# Required content (2021 version) and template leftovers

_GOVERNMENT = re.compile(r"人民政府$")


def _written(report: Report, key: str) -> str:
    """A section's text without the sub-headings of its empty parts (``core.prompts``), so that
    headings alone never count as content."""
    return written_text(report.form_version, key, report.sections.get(key, ""))


def _required_summary(form: FormSpec) -> str:
    """“总体情况（主动公开、……）、上年度问题整改情况和信息处理费收取情况”."""
    names = [r.name for r in form.required if not r.governments_only]
    return "、".join(names[:-1]) + "和" + names[-1] if len(names) > 1 else "".join(names)


def _quoted(topics) -> str:
    return "、".join(f"“{t.name}”" for t in topics)


def check_required(report: Report) -> list[Finding]:
    """The content the format version requires (``FormSpec.required``) is in the prose."""
    form = report.form
    if not form.required:
        return []
    sections = sorted({r.section for r in form.required}, key="一二三四五六".index)
    if not any(report.sections.get(k, "").strip() for k in sections):
        # Tables only so far (e.g. imported from a workbook): one reminder, not a warning each.
        return [PROSE_REQUIRED.finding((),
                        f"正文（第{'、'.join(sections)}部分）尚未填写。{form.version}版格式要求写明"
                        f"{_required_summary(form)}。",
                        anchor="no-prose", severity=Severity.INFO)]
    heading = {s.key: s.heading for s in form.sections}
    government = bool(_GOVERNMENT.search(report.meta.agency.strip()))
    texts = {k: fold_traditional(unicodedata.normalize("NFKC", _written(report, k))) for k in sections}
    out = []
    empty: set[str] = set()
    for req in form.required:
        text = texts[req.section]
        if req.governments_only and not government:
            continue
        if not text.strip() and len(req.topics) > 1:
            # an empty section is one warning, not one per requirement of it; a section of empty
            # outline parts has a to-do per part already (``check_template``)
            if req.section not in empty and not req.governments_only and not _unwritten(report, req.section):
                empty.add(req.section)
                out.append(PROSE_REQUIRED.finding((),
                                   f"“{heading[req.section]}”尚未填写：应写明{_quoted(req.topics)}等方面的情况"
                                   f"（{req.why}）。",
                                   section=req.section, anchor="empty", todo=True))
            continue
        if req.section not in empty:
            out += _missing_topics(report, req, text, heading[req.section])
    return out


def _unwritten(report: Report, key: str) -> list[Prompt]:
    return prompts(report.form_version, key, report.sections.get(key, ""))


def _missing_topics(report: Report, req, text: str, heading: str) -> list[Finding]:
    """The topics of ``req`` the written text does not mention: a warning — unless the topic's
    outline part is there and still empty, which is a to-do of its own (``check_template``)."""
    empty = {p.topic.name for p in _unwritten(report, req.section)}
    missing = [t for t in req.topics if not any(w in text for w in t.words) and t.name not in empty]
    if not missing:
        return []
    anchor = req.id if len(req.topics) == 1 else f"{req.id}:" + ",".join(t.name for t in missing)
    message = f"“{heading}”没有写到{_quoted(missing)}方面的内容（{req.why}），请补充。"
    return [PROSE_REQUIRED.finding((), message, section=req.section, anchor=anchor)]


TEMPLATE_MARKS = re.compile(r"[（(]\s*文字描述\s*[）)]|[（(]请在此[^）)]*[）)]?|[XＸ]{2,}|×{2,}|※{2,}|\*{3,}")


def check_template(report: Report) -> list[Finding]:
    from .report import METADATA_NAMES, TEXT_METADATA
    out = []
    for name in TEXT_METADATA:
        if name == "preamble":
            continue
        text = getattr(report.meta, name) or ""
        m = TEMPLATE_MARKS.search(text)
        if m:
            out.append(PROSE_TEMPLATE.finding((),
                               f"基本信息“{METADATA_NAMES[name]}”中有模板文字“{m.group(0)}”：“{shorten(text)}”，请填写实际内容。",
                               anchor=f"meta:{name}", meta=name))
    out += _unwritten_todos(report)
    for section, text in _prose_parts(report):
        if not TEMPLATE_MARKS.search(text):
            continue
        out += _placeholder_todos(report, section, text)
        for s in _sentences(text):
            m = TEMPLATE_MARKS.search(s.text)
            if m and not OLD_PROMPT.match(m.group(0)):
                out.append(PROSE_TEMPLATE.finding((),
                                   f"{_where(section, report)}有未替换的模板文字“{shorten(m.group(0), 20)}”："
                                   f"“{shorten(s.text)}”，请改为实际内容或删除。",
                                   section=section, meta=_meta_of(section), anchor=s.text, quote=s.text))
    return out


def _unwritten_todos(report: Report) -> list[Finding]:
    """One to-do (待填写) per outline part still empty (``core.prompts``), named by its sub-heading,
    with the prompt as what to write; a finished report counts it as a prompt left unfilled
    (``prose.template``)."""
    out = []
    for section, prompt in empty_parts(report):
        where = _where(section, report) + (f"中“{prompt.name}”" if prompt.heading else prompt.name)
        hint = prompt.hint if prompt.hint.startswith("如有") else "请" + prompt.hint
        out.append(PROSE_TEMPLATE.finding((), f"{where}尚未填写：{hint}。", section=section,
                                          anchor=prompt.heading or prompt.name, todo=True, quote=prompt.heading))
    return out


def _placeholder_todos(report: Report, section: str | None, text: str) -> list[Finding]:
    """One to-do (待填写) per line still holding a prompt written as text “（请在此……）” (pasted from
    a report of an earlier version), named by the line's sub-heading; a finished report counts it
    as template text left (``prose.template``)."""
    out = []
    for line in text.splitlines():
        m = OLD_PROMPT.search(line)
        if m is None:
            continue
        heading = line[:m.start()].strip().rstrip("。")
        hint = m.group(0).strip("（()）").replace("请在此", "请", 1)
        where = f"{_where(section, report)}中“{heading}”" if heading else _where(section, report)
        out.append(PROSE_TEMPLATE.finding((), f"{where}尚未填写：{hint}。",
                           section=section, meta=_meta_of(section), anchor=line.strip(), todo=True,
                           quote=line.strip()))
    return out


# ---------------------------------------------------------------------------------------------
# Year on year

YOY_FACTOR = 5
YOY_MIN_COUNT = 10          # ×5 / ÷5 only when the larger figure is at least this
YOY_DROP_COUNT = 20         # “drops to 0” only from at least this
YOY_MIN_MONEY = Decimal(10)  # 万元
YOY_DROP_MONEY = Decimal(20)


@lru_cache(maxsize=8)
def _yoy_keys(form: FormSpec) -> tuple[CellKey, ...]:
    """二's figures (not the signed 本年增/减), and the 总计 column of 三 and 四."""
    keys = [c.key for c in form.table_laid_out(Layout.BLOCKS).cells if c.kind is not Kind.SIGNED]
    for t in form.tables.values():
        if t.total_col:
            keys += [c.key for c in t.cells if c.key.col == t.total_col]
    return tuple(keys)


@lru_cache(maxsize=8)
def _cross_year_targets(form: FormSpec) -> frozenset[CellKey]:
    return frozenset(rule.target for rule in form.cross_year)


def check_year_on_year(report: Report, previous: Report, this: Mapping[CellKey, Value] | None = None,
                       prev: Mapping[CellKey, Value] | None = None) -> list[Finding]:
    """``this`` / ``prev``: every figure of each report, totals included, when known."""
    form, prev_form = report.form, previous.form
    if report.meta.year and previous.meta.year and previous.meta.year != report.meta.year - 1:
        return []
    this = this if this is not None else all_values(form, report.values)
    prev = prev if prev is not None else all_values(prev_form, previous.values)
    out = []
    for key in _yoy_keys(form):
        if not prev_form.has(key):
            continue
        c, p = this.get(key) or 0, prev.get(key) or 0
        money = form.cell(key).kind is Kind.MONEY
        least, drop = (YOY_MIN_MONEY, YOY_DROP_MONEY) if money else (YOY_MIN_COUNT, YOY_DROP_COUNT)
        table = form.table(key.table)
        where = f"{table.line_name(key)}{key.col}" if table.layout is Layout.ROWS else key.name()
        if c == 0 and p >= drop and not_typed(form, report.values, [key]):  # drafting: not typed yet
            if key not in _cross_year_targets(form):  # that rule says it already, with the figure expected
                out.append(YEAR_ON_YEAR.finding((key,), f"{where}尚未填写（上年为{_n(p)}）。", todo=True))
            continue
        if c == 0 and p >= drop:
            msg = f"{where}上年为{_n(p)}，本年为0"
        elif c and p and max(c, p) >= least and (c > p * YOY_FACTOR or c * YOY_FACTOR < p):
            how = f"增至上年的{format_value((Decimal(c) / Decimal(p)).quantize(Decimal('0.1')))}倍" if c > p \
                else f"降至上年的{format_value((Decimal(c) * 100 / Decimal(p)).quantize(Decimal('0.1')))}%"
            msg = f"{where}上年为{_n(p)}，本年为{_n(c)}，{how}"
        else:
            continue
        out.append(YEAR_ON_YEAR.finding((key,),
                           msg + "。变化异常，请核实是否填错；如属实，可确认此警告并写明原因。"))
    return out


# ---------------------------------------------------------------------------------------------


def check_prose(report: Report, previous: Report | None = None, values: Mapping[CellKey, Value] | None = None,
                prev_values: Mapping[CellKey, Value] | None = None) -> list[Finding]:
    """All content checks (called by ``core.checks.check_report``, which passes the figures of
    both reports with their totals, ``values`` and ``prev_values``, so they are computed once)."""
    findings = check_figures(report, values)
    findings += check_last_year(report)
    findings += check_required(report)
    findings += check_template(report)
    if previous is not None:
        findings += check_copied(report, previous)
        findings += check_changes(report, previous, values, prev_values)
        findings += check_year_on_year(report, previous, values, prev_values)
    return findings
