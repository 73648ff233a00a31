"""The six section headings of a published report, found by their number and their order.

Clerks number the parts ``一、`` … ``六、`` (Word's auto-numbering turns them into ``1、``; some
write ``一．``, ``第一部分``) but word them as they like: ``五、存在的主要问题及整改措施``,
``六、其他需求报告的事项``, ``四、因政府信息公开工作被申请行政复议、提起行政诉讼情况``.  A line is
a heading candidate when it is short, no sentence, and either names a part exactly as a declared
heading does (with or without its numeral: ``labels.heading_key``) or starts with a part's number;
its score is how close its words are to that part's declared headings.  The headings read are the
chain of candidates in the order of the parts with the highest total score — so a sub-item of 一
numbered ``二、政府信息管理`` does not take the place of ``二、主动公开政府信息情况`` further on — and a
part still missing takes the one line numbered for it between its neighbours.

``find_headings(["一、总体情况", "正文。", "五、存在的问题及整改措施", …])`` →
``{"一": 0, "五": 2, …}`` (part → index of its heading line).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from functools import lru_cache

from ...core.forms import FORMS
from ...core.forms.traditional import fold_traditional
from ...core.values import normalise_text
from ..locate.labels import heading_key

#: A heading's words are at most this long; a longer line is text.
MAX_HEADING_CHARS = 40
#: A numbered line is read as a part's heading when its words are at least this close to the
#: part's declared headings (``存在的主要问题及整改措施`` ≈ 0.75; ``政府信息管理`` for 二 ≈ 0.5; an
#: unrelated sub-item ≈ 0).  Below it, the line is a heading only when nothing better is there.
SIMILAR = 0.45
_SENTENCE_MARKS = "。；;！!？?"
# "一、" "1、" "1." "一．" "第一部分" (after normalise_text: full-width marks are half-width)
_NUMBERED = re.compile(r"^(?:第(?P<part>[一二三四五六1-6])部分[、.,:]?|(?P<num>[一二三四五六]|[1-6](?!\d))[、.,:])(?P<words>.*)$")
_DIGITS = {str(i + 1): n for i, n in enumerate("一二三四五六")}
# a part's number standing alone on a line (``一、``), its words on the next one
_BARE_NUMBER = re.compile(r"^(?:第[一二三四五六1-6]部分|[一二三四五六]|[1-6])[、.,:]?$")


@dataclass(frozen=True)
class Candidate:
    index: int      # the line's place
    key: str        # the part it may head: "一" … "六"
    order: int      # the part's place: 0 … 5
    score: float    # 1.0: a declared wording; else how close its words are
    short: bool     # few words: may head its part even when the wording is far off
    numbered: bool = True   # False: words alone, the page lost the part's number

    @property
    def strong(self) -> bool:
        """Close enough to head its part in the chain of headings (not only to fill a gap)."""
        return self.score >= SIMILAR and (self.numbered or self.score >= UNNUMBERED_SIMILAR)


@lru_cache(maxsize=1)
def _parts() -> tuple[str, ...]:
    return tuple(section.key for section in next(iter(FORMS.values())).sections)


@lru_cache(maxsize=1)
def _declared_words() -> dict[str, tuple[str, ...]]:
    """Each part's declared headings (every version, every accepted variant) without their numeral."""
    out: dict[str, list[str]] = {}
    for form in FORMS.values():
        for section in form.sections:
            for name in (section.heading, *form.heading_variants.get(section.key, ())):
                words = _NUMBERED.match(normalise_text(name))
                out.setdefault(section.key, []).append(words.group("words") if words else normalise_text(name))
    return {key: tuple(dict.fromkeys(words)) for key, words in out.items()}


def candidate(index: int, text: str) -> Candidate | None:
    """``text`` as a possible section heading, or None when it cannot be one."""
    found = _remembered(text) if len(text) <= _REMEMBERED_CHARS else _candidate(text)
    return found if found is None or index == 0 else replace(found, index=index)


#: Lines up to this long are remembered (``_remembered``); a longer one is a paragraph of text,
#: seldom asked about twice and soon found to be no heading.
_REMEMBERED_CHARS = 2 * (MAX_HEADING_CHARS + 6)


def _candidate(text: str) -> Candidate | None:
    """``candidate`` of a line at index 0."""
    line = fold_traditional(normalise_text(text))
    if not line or len(line) > MAX_HEADING_CHARS + 6 or line[-1] in _SENTENCE_MARKS or "。" in line:
        return None
    parts = _parts()
    exact = heading_key(text)
    if exact is not None:
        return Candidate(0, exact, parts.index(exact), 1.0, True)
    numbered = _NUMBERED.match(line)
    if numbered is None:
        return _unnumbered(line)
    number = numbered.group("part") or numbered.group("num")
    key = _DIGITS.get(number, number)
    words = numbered.group("words").rstrip(":")
    if not words or len(words) > MAX_HEADING_CHARS or "," in words:
        return None
    score = max(SequenceMatcher(None, words, declared).ratio() for declared in _declared_words()[key])
    return Candidate(0, key, parts.index(key), score, len(words) <= 20)


@lru_cache(maxsize=4096)
def _remembered(text: str) -> Candidate | None:
    """``_candidate`` remembered per text: a page's menus repeat their words, and a line is asked
    about by the page's walk, by its lines and by the headings' search."""
    return _candidate(text)


def _unnumbered(line: str) -> Candidate | None:
    """A heading whose number the page lost (Word's list numbering dropped in a paste): its words
    alone, at least ``UNNUMBERED_SIMILAR`` close to one part's headings."""
    if len(line) > MAX_HEADING_CHARS or "," in line or line[0] in "(（[【)）]】":   # an item's bracket, or its half
        return None
    score, key = max((_closest(line, k, GAP_SIMILAR), k) for k in _parts())
    return Candidate(0, key, _parts().index(key), score, True, False) if score >= GAP_SIMILAR else None


def _closest(line: str, key: str, at_least: float) -> float:
    """How close ``line`` is to the part ``key``'s declared headings when that is at least
    ``at_least`` (else a lower number).  Headings that share too few characters with ``line`` to
    come that close are not compared (``SequenceMatcher.quick_ratio``, an upper bound of the
    ratio), nor any of the part's when ``line`` has too few characters of all of them together."""
    known = _declared_chars()[key]
    shared = sum(ch in known for ch in line)   # no heading of the part has more of line's characters
    if 2.0 * shared / (len(line) + shared) < at_least:
        return -1.0
    chars = Counter(line)
    return max((SequenceMatcher(None, line, words).ratio() for words, counts in _declared_counts()[key]
                if 2.0 * sum(min(n, counts[ch]) for ch, n in chars.items()) / (len(line) + len(words)) >= at_least),
               default=-1.0)


@lru_cache(maxsize=1)
def _declared_chars() -> dict[str, frozenset[str]]:
    """The characters of each part's declared headings (``_declared_words``)."""
    return {key: frozenset("".join(declared)) for key, declared in _declared_words().items()}


@lru_cache(maxsize=1)
def _declared_counts() -> dict[str, tuple[tuple[str, Counter], ...]]:
    """Each part's declared headings (``_declared_words``) with how often each character is in them."""
    return {key: tuple((words, Counter(words)) for words in declared) for key, declared in _declared_words().items()}


def looks_like_heading(text: str) -> bool:
    """``text`` reads as a section heading on its own (a declared wording, or a part's number and
    words close to its headings): a reader starts a new paragraph there."""
    found = candidate(0, text)
    return found is not None and found.strong


def split_heading(number_line: str, words_line: str) -> bool:
    """``一、`` on a line of its own and the heading's words on the next (a page's editor broke the
    line there): one heading."""
    return bool(_BARE_NUMBER.match(normalise_text(number_line))) and looks_like_heading(number_line.strip() + words_line.strip())


#: The rest of a heading broken by a line break is at most this long, and no item of a list.
_REST_CHARS = 20
_ITEM_START = re.compile(r"^(?:[(（\[【]|[一二三四五六七八九十\d]{1,2}[、.,:)）]|[一二三四五六七八九十]是)")


def heading_continued(line: str, after: str) -> bool:
    """``after`` is the rest of the numbered heading ``line``, set on a line of its own by a line
    break inside the heading (``五、存在的主要问题`` / ``及改进情况``: Shift+Enter in Word, ``<br>`` on
    a page): short, no sentence and no item, and the heading's words with it are closer to the
    part's declared headings than without (``六、其他需要报告的事项`` / ``无`` are not)."""
    rest = normalise_text(after)
    if not rest or len(rest) > _REST_CHARS or re.search(r"[。；;，,:!！?？]", rest) or _ITEM_START.match(rest):
        return False
    head = candidate(0, line)
    if head is None or not head.numbered:
        return False
    joined = candidate(0, line.rstrip() + after.strip())
    return joined is not None and joined.key == head.key and joined.score > head.score


#: A line without a part's number is a heading when its words are at least this close to the part's
#: (``存在的主要问题和改进措施``), or fills the gap of a part not found otherwise when at least ``GAP_SIMILAR``
#: close (``存在问题及整改措施`` ≈ 0.57) and the only such line between the parts around it.
UNNUMBERED_SIMILAR = 0.8
GAP_SIMILAR = 0.5
#: A heading run into its section's text is cut off where its words are at least this close to
#: the part's declared headings (the closest cut wins: words after the heading only lower it).
RUN_SIMILAR = 0.75


def heading_run(text: str) -> int:
    """How long the section heading is that opens ``text`` with the section's words after it on the
    same line (``一、总体情况2023年，我局……``: a bold heading whose markup a crawler's copy dropped),
    else 0: a declared wording, else the cut whose words are closest to the part's headings."""
    numbered = _NUMBERED.match(normalise_text(text[:12]))
    if not numbered or candidate(0, text) is not None:
        return 0     # no part's number, or a heading on its own
    cuts = range(min(len(text) - 1, MAX_HEADING_CHARS + 6), 2, -1)
    exact = next((cut for cut in cuts if text[cut:].strip() and heading_key(text[:cut]) is not None), 0)
    scored = [(found.score, cut) for cut in cuts if (found := candidate(0, text[:cut])) is not None]
    score, cut = (1.0, exact) if exact else max(scored, default=(0.0, 0))
    if not cut or score < RUN_SIMILAR:
        return 0
    return 0 if numbered.group("num") in _DIGITS and _item_sentence(text[cut:]) else cut


def _item_sentence(rest: str) -> bool:
    """The words after a run-in heading numbered ``1.`` / ``2、`` end it as a sentence's subject
    (``1.主动公开政府信息情况。2024年，我局……``): an item of a list inside a part, worded like a
    part's heading — a part's heading run into its text is not closed with a full stop."""
    return normalise_text(rest.strip()[:1]) in ("。", ";", "；")


# a part's Chinese numeral after a space inside a line (where a heading may start in a page that
# runs the report into one paragraph), or right after a sentence's full stop (a paragraph break lost)
_INLINE_NUMBER = re.compile(r"(?<=\s|。)(?=(?:第[一二三四五六]部分|[一二三四五六])[、.．])")
# what may follow a part's heading run into its text: its words, not a list's mark (``一、总体情况；二、……``)
_LIST_MARK = re.compile(r"^[；;，,、:：]")


def inline_heading_cuts(text: str) -> list[int]:
    """Where section headings start inside ``text`` after a space (``……请与本局联系。 一、总体情况
    2023年，我局……``: a page that sets its whole report as one paragraph, the title, the headings
    and the text told apart by spaces only) or right after a full stop (``……电话：0571-1234567）。
    一、总体情况``: the break before the heading lost) — each a declared wording or as close to one
    as a heading run into its text must be (``RUN_SIMILAR``), with words after it or ending the
    line; after a full stop not a list of the parts' names (``……如下。一、总体情况；二、……``)."""
    cuts = []
    for found in _INLINE_NUMBER.finditer(text):
        rest = text[found.start():].strip()
        whole = candidate(0, rest)
        run = heading_run(rest)
        if text[found.start() - 1] == "。" and run and _LIST_MARK.match(normalise_text(rest[run:].strip()[:1])):
            continue
        if run or (whole is not None and whole.numbered and whole.score >= RUN_SIMILAR):
            cuts.append(found.start())
    return cuts


def numbered_heading(text: str) -> bool:
    """``text`` is numbered as a part and short enough to head it, whatever its words."""
    found = candidate(0, text)
    return found is not None and found.numbered


def find_headings(lines: list[str]) -> dict[str, int]:
    """The parts' headings among ``lines``: part key → line index, in the parts' order."""
    items = _digit_items(lines)
    candidates = [c for i, text in enumerate(lines)
                  if (c := candidate(i, text)) is not None and not (i in items and c.score < 1.0)]
    chosen = _best_chain([c for c in candidates if c.strong])
    _fill_gaps(chosen, candidates, len(lines))
    return {c.key: c.index for c in sorted(chosen.values(), key=lambda c: c.index)}


def _digit_items(lines: list[str]) -> set[int]:
    """The lines of lists numbered 1、2、3、… that start inside a part numbered 一、二、… (``一、总体情况`` /
    ``1、主动公开`` / ``2、依申请公开``): items of that part, not parts 二, 三 — a report whose parts Word
    numbered 1、2、 starts no such list after a part numbered in words, and a 5、 that does not follow
    on from the list's 1、2、 is no item of it."""
    items: set[int] = set()
    expected = 0            # the next item's number of the list under way, 0: none
    seen_part = False       # a line numbered 一、 (or 第一部分) came before
    for i, text in enumerate(lines):
        numbered = _NUMBERED.match(fold_traditional(normalise_text(text[:12])))
        if numbered is None:
            continue
        number = numbered.group("num")
        if number not in _DIGITS:
            seen_part, expected = True, 0
        elif (number == "1" and seen_part) or (expected and number == str(expected)):
            items.add(i)
            expected = int(number) + 1
        else:
            expected = 0
    return items


def _best_chain(candidates: list[Candidate]) -> dict[str, Candidate]:
    """The candidates rising in both place and part order with the highest total score (ties: the
    later lines — a list of the parts in the preamble comes before the parts themselves)."""
    best: list[tuple[float, int]] = []    # (total score of the best chain ending here, previous)
    for i, c in enumerate(candidates):
        before = [(best[j][0], j) for j in range(i) if candidates[j].order < c.order]
        total, previous = max(before, default=(0.0, -1))
        best.append((total + c.score, previous))
    if not best:
        return {}
    end = max(range(len(best)), key=lambda i: (round(best[i][0], 6), i))
    chain: dict[str, Candidate] = {}
    while end >= 0:
        chain[candidates[end].key] = candidates[end]
        end = best[end][1]
    return chain


def _fill_gaps(chosen: dict[str, Candidate], candidates: list[Candidate], n_lines: int) -> None:
    """A part without a heading takes the one short line numbered for it between its neighbours
    (else the one unnumbered line whose words are closest to it there)."""
    parts = _parts()
    for order, key in enumerate(parts):
        if key in chosen:
            continue
        after = max((c.index for c in chosen.values() if c.order < order), default=-1)
        before = min((c.index for c in chosen.values() if c.order > order), default=n_lines)
        between = [c for c in candidates if c.key == key and c.short and after < c.index < before]
        # words alone fill a gap only between headings found: after the last one they may be a
        # sub-item's (``主动公开方面`` in 一) of a page cut short or with its headings as pictures
        fits = [c for c in between if c.numbered] or [c for c in between if not c.numbered and before < n_lines]
        if len(fits) == 1:
            chosen[key] = fits[0]
