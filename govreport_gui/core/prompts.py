"""The outline's guide text as placeholders: shown in grey inside each part of a section that is
still empty, never part of the report's text.

A new report's prose holds only the outline's sub-headings (``（一）主动公开。``), one per line, and
the first section an empty opening line for the overview.  A *part* is an outline sub-heading with
what is written after it on its line and under it up to the next ``（二）``-style heading; it is
*empty* while nothing is written there.  Each empty part has a prompt — the topic's hint
(``Topic.hint``, declared with the format version) — which the editor draws after the sub-heading
and the checks name as a to-do (待填写).  So a prompt is never counted, never exported, never
checked as prose, and typing on its line is what replaces it.

Reports written before this (and Word files exported from them) hold the prompts as text —
``（一）主动公开。（请在此写明……）``; ``strip_old_prompts`` turns those back into placeholders.

    >>> [p.hint[:6] for p in prompts("2021", "五", "（一）上年度问题整改情况。已全部整改。\\n（二）存在的主要问题。\\n")]
    ['实事求是写明']
"""

from __future__ import annotations

from functools import lru_cache

from .forms import FormSpec, get_form
from .forms.spec import Topic
from .lazy_pattern import LazyPattern
from .records import record

PROMPT_OPEN = "（请在此"           # how the outline's prompts were written into the text before
OLD_PROMPT = LazyPattern(r"[（(]请在此[^）)]*[）)]?")   # the patterns: compiled when first used (start-up time)
OVERVIEW = Topic("总体概述", hint="概述本年贯彻落实《条例》、推进政府信息公开工作的总体情况")
NUMERALS = "一二三四五六七八九十"
# a sub-heading line of the second level: “（一）……”, alone or run in
_LEVEL2 = LazyPattern(r"^\s*[（(][一二三四五六七八九十]{1,3}[）)]")
_BARE = LazyPattern(r"^\s*[（(][一二三四五六七八九十]{1,3}[）)]\s*(?P<name>[^。．.:：\s]+)\s*[。．.:：]?\s*$")


@record
class Prompt:
    """An empty part of a section: the line the prompt is drawn on and what to write there."""

    line: int        # the line (0-based) holding the sub-heading, or the empty opening line
    heading: str     # the sub-heading as written (“（一）主动公开。”), "" for the opening
    topic: Topic     # its topic in the format's outline (``OVERVIEW`` for the opening)

    @property
    def hint(self) -> str:
        return self.topic.hint

    @property
    def name(self) -> str:
        """“（一）主动公开” / “开头的总体概述”: the part as a message names it."""
        return self.heading.strip().rstrip("。．.:：") if self.heading else f"开头的{OVERVIEW.name}"


def heading_line(index: int, topic: Topic) -> str:
    """The outline's sub-heading line of the ``index``-th (0-based) topic: “（一）主动公开。”."""
    return f"（{NUMERALS[index]}）{topic.name}。"


def opens_with_overview(form: FormSpec, key: str) -> bool:
    """Whether the outline of section ``key`` starts with the overview (the first section's does)."""
    return bool(form.outline.get(key)) and form.sections[0].key == key


def _bare_topic(line: str, topics: dict[str, Topic]) -> Topic | None:
    m = _BARE.match(line)
    return topics.get(m.group("name")) if m else None


def _empty_below(lines: list[str], at: int) -> bool:
    """Nothing written under line ``at`` up to the next sub-heading of its level, the contact lines
    that close a report (“本报告电子版可在……下载……联系电话：……”) or the end."""
    from .contacts import is_contact_line  # its patterns compiled when a part is empty (start-up time)

    for line in lines[at + 1:]:
        if _LEVEL2.match(line) or is_contact_line(line):
            return True
        if line.strip():
            return False
    return True


@lru_cache(maxsize=256)
def _prompts(form: FormSpec, key: str, text: str) -> tuple[Prompt, ...]:
    topics = {t.name: t for t in form.outline.get(key, ())}
    if not topics or not text:
        return ()
    lines = text.split("\n")
    out = []
    if opens_with_overview(form, key) and not lines[0].strip():
        following = next((line for line in lines[1:] if line.strip()), "")
        if not following or _LEVEL2.match(following):
            out.append(Prompt(0, "", OVERVIEW))
    for i, line in enumerate(lines):
        topic = _bare_topic(line, topics)
        if topic is not None and _empty_below(lines, i):
            out.append(Prompt(i, line.strip(), topic))
    return tuple(out)


def prompts(form_version: str, key: str | None, text: str) -> list[Prompt]:
    """The empty parts of section ``key``'s ``text``, in order, each with its prompt.  A text that
    is wholly empty has none (the editor shows the section's own placeholder then)."""
    return list(_prompts(get_form(form_version), key, text)) if key is not None else []


def empty_parts(report) -> list[tuple[str, Prompt]]:
    """(section key, prompt) of every part of the report's prose still empty, in reading order."""
    return [(s.key, p) for s in report.form.sections
            for p in prompts(report.form_version, s.key, report.sections.get(s.key, ""))]


def written_text(form_version: str, key: str | None, text: str) -> str:
    """``text`` without the sub-headings of its empty parts: what the clerk has written."""
    bare = {p.line for p in prompts(form_version, key, text) if p.heading}
    return "\n".join(line for i, line in enumerate(text.split("\n")) if i not in bare)


def written_chars(form_version: str, key: str | None, text: str) -> int:
    """Characters written (white space not counted; empty parts' sub-headings not counted)."""
    return sum(1 for ch in written_text(form_version, key, text) if not ch.isspace())


def strip_old_prompts(report) -> int:
    """Take the outline's prompts written into the text by earlier versions (“（请在此……）”) out of
    every section of ``report``: the part they stood in is empty again and shows its prompt as a
    placeholder.  Returns how many were taken out."""
    removed = 0
    for key, text in list(report.sections.items()):
        if PROMPT_OPEN[1:] not in text:
            continue
        lines = []
        for line in text.split("\n"):
            new, n = OLD_PROMPT.subn("", line)
            removed += n
            lines.append(new.rstrip() if n else line)
        report.sections[key] = "\n".join(lines)
    return removed


def prompts_made_placeholders(*reports) -> str | None:
    """``strip_old_prompts`` on each report given (None skipped); what the clerk is told, if any."""
    removed = sum(strip_old_prompts(r) for r in reports if r is not None)
    if not removed:
        return None
    return (f"正文中有 {removed} 处旧版提纲的提示文字“{PROMPT_OPEN}……）”，已改为灰色提示：显示在对应小标题之后，"
            "不计入字数，不会导出；在小标题后直接输入即可。")


__all__ = ["prompts_made_placeholders", "Prompt", "prompts", "empty_parts", "written_text", "written_chars", "strip_old_prompts",
           "heading_line", "OVERVIEW", "OLD_PROMPT", "PROMPT_OPEN"]
