"""Which official label a clerk's word in a ledger means — by the declared words only, never by guessing.

``Matcher(choice).match("不予公开（涉密）")`` → ``Match(FOUND, "1.属于国家秘密")``.  A value is compared
after ``norm``: full-width forms, white space, brackets, quotes, punctuation and leading numbering
set aside — ``不予公开-涉密``, ``不予公开：涉密``, ``（三）不予公开 1.属于国家秘密`` read the same.  In order:

1. the whole value is a word (信息不存在) or a group's word (不予公开: a group that needs its 情形);
2. a group's word, a separator, then a word of one of its leaves (不予公开（过程性信息）) — or a
   label's word followed by a remark that names nothing else (予以公开（当面领取）);
3. a group's word run together with a leaf's word (不予公开国家秘密);
4. words joined by 并/和/及/、 that all mean the same label (撤销并责令履行);
5. the word with the name of its paper after it (不予公开告知书, 信息不存在告知书: ``Choice.documents``);
6. a sentence, in clauses (经审查，所申请信息属于国家秘密，不予公开。) or in one run without punctuation
   (经审查该信息不存在已告知申请人): each clause without what it says around the answer
   (``Choice.asides``) is a word — a clause in one run may be several words and asides run together,
   every character of it in one of them (nothing is read by similarity) — and together they name one
   label: a group's word and one of its leaves' words, or the same label twice; or, for a result,
   部分公开 and why the rest was withheld (部分公开涉及个人隐私), or the parts of a mixed answer each
   after a mark (``Choice.mixed_marks``: 部分予以公开部分不予公开, 部分公开部分信息不存在) — 部分公开 when
   one part was disclosed.  A run that can be read two ways naming different labels stays unclear;
7. an answer in parts — numbered items (第1项予以公开；第2项本机关不掌握, 1.予以公开 2.信息不存在) or
   clauses each after a mixed answer's mark, the reason first (涉及个人隐私的部分不予公开，其余予以公开):
   every part a label, a group or nothing but asides; one part disclosed and another not is 部分公开
   (区分处理的, 只计这一情形), parts naming one same label are that label, anything else stays unclear;
8. the clerk's assignment of that value, if any (remembered per agency).

Before these, a value written as the row's code in the table (``（三）1``, ``三（三）1``, ``3-1``, ``（一）``,
``予以公开（一）``, ``（四）1 本机关不掌握``; ``Choice.code_heading``) is that row — when the code names one
row of the version, and any words with it name the same row or its group.  A code of a group that
needs its row (``（三）``), of no row, or beside words naming another (``（三）1 予以公开``) is unclear, with a
``Match.note`` saying what to write (``core.ledger.codes``).

Anything else is ``UNCLEAR`` and is shown to the clerk, never counted.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from ..forms.ledger_words import Choice
from .codes import Coded, agrees, disagreement, read_code, table_codes

_DROP = re.compile(r"[\s()\[\]【】〔〕{}<>《》「」『』“”\"'‘’·•.。,，、:：;；!！?？/\\|_\-—–~～*#＊…]")
_NUMBERING = re.compile(r"^(\(?[一二三四五六七八九十]{1,3}[)、.]|\d{1,2}[.、)]|[①-⑳]|[(（]\d{1,2}[)）])")
# "属于过程性信息", "涉及国家秘密", "系重复申请", "属信访事项": the reason after a linking verb
_LINKING = ("属于", "涉及", "系", "属", "实为", "实属")
_VERB = re.compile(rf"^({'|'.join(_LINKING)})(?=..)")
_LEADING_NUMBER = re.compile(r"^(\d{1,2}|[一二三四五六七八九十]{1,3})(?=\D)")
_SEPARATOR = re.compile(r"[(\[【〔<《\-—–_:：/|,，;；]")
_CONNECTOR = re.compile(r"[并和及与、,，;；]")
_CLAUSE = re.compile(r"[,，;；。!！]")
_REASON_PARTS = re.compile(r"[、,，;；/和与]")   # (not 及: 涉及)
# a remark in brackets inside a sentence (属于过程性信息（内部讨论稿）决定不予公开), not at its start or end
_INNER_REMARK = re.compile(r"(?<=[^\s(（\[【〔])\s*[(（\[【〔]([^()（）\[\]【】〔〕]{1,20})[)）\]】〕](?=\s*\S)")
# what, in a remark, may say the answer was limited or withheld: such a remark is never set aside
_LIMITING = ("不", "未", "无", "非", "除", "但", "仅", "只", "部分", "另", "其余", "暂")

# the agency an applicant was told to ask instead (告知申请人向市住建局申请): any agency is 有关机关 —
# but not this one (向本机关申请, 向我局申请: how to apply here)
_REFERRAL = re.compile(r"(?<=向)(?![本我])[^，,。；;、向]{1,24}?(?:机关|部门|单位|局|委员会|委|办公室|办|厅|部|政府|中心|院|所|站|处|队)"
                       r"(?=申请|咨询|提出|查询|获取)")

# the number of an item of an answer in parts: 第1项, 1. 1、 1) (1) ①
_ITEM = re.compile(r"第[0-9一二三四五六七八九十]{1,2}[项条点个]|(?<![0-9])[0-9]{1,2}[.、．)）](?![0-9])"
                   r"|[(（][0-9一二三四五六七八九十]{1,2}[)）]|[①-⑳]")
_PART = re.compile(r"[\s,，;；。!！、]+")

# a 情形 written as the row's number in its group: 3, 第3项, 3., ③
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"
_ROW_NUMBER = re.compile(rf"第?(?:(\d{{1,2}})|([{_CIRCLED}]))(?:项|类|种|条|目)?[.、]?")

# a law cited in a sentence (根据《中华人民共和国政府信息公开条例》第十六条第二款规定): says why, names no row
_CN_NUMBER = "〇零一二三四五六七八九十百0-9"
_CITATION = re.compile(rf"(?:根据|依据|依照|按照|依)?《[^《》]{{1,60}}》(?:第[{_CN_NUMBER}]+条)?(?:第[{_CN_NUMBER}]+款)?"
                       rf"(?:第?[（(][{_CN_NUMBER}]+[)）]项?|第[{_CN_NUMBER}]+项)?(?:之|的)?(?:规定|相关规定|有关规定)?")

#: The clerk's choice "do not count this value" (an assignment to no label).
SKIP = ""


def norm(text: object) -> str:
    """A value as words are compared: ``（三）不予公开（国家秘密）`` → ``不予公开国家秘密``."""
    if text is None:
        return ""
    text = str(text)
    return _norm(text) if len(text) <= 200 else _norm.__wrapped__(text)


@lru_cache(maxsize=16384)   # a ledger repeats its few words thousands of times
def _norm(text: str) -> str:
    s = "".join(ch for ch in unicodedata.normalize("NFKC", text) if not ch.isspace())
    for _ in range(3):
        stripped = _NUMBERING.sub("", s, count=1)
        if stripped == s:
            break
        s = stripped
    return _DROP.sub("", s)


class Kind(str, Enum):
    BLANK = "blank"        # nothing written
    PENDING = "pending"    # 办理中 / 审理中: no result yet
    FOUND = "found"        # one official label
    GROUP = "group"        # a group that needs its leaf (不予公开 without 情形)
    SKIPPED = "skipped"    # the clerk chose not to count this value
    UNCLEAR = "unclear"    # fits no word


@dataclass(frozen=True)
class Match:
    kind: Kind
    target: str | None = None
    group: int | None = None
    key: str = ""          # the value as remembered (``norm``; a pair as ``result|reason``)
    note: str = ""         # what the clerk is to write instead, when the value says why it is unclear


_BLANK = Match(Kind.BLANK)
_ASIDE = Match(Kind.BLANK, key="aside")   # a clause of a sentence that says nothing about the result
_BLANK_MARKS = {"", "无", "空", "na"}
# A word of a sentence: (its group, its label or None for a group's word, after a mixed answer's mark).
Token = tuple[int | None, str | None, bool]
MAX_RUN = 80          # a clause longer than this (``norm``) is not read as a run of words
MAX_READINGS = 64     # the ways a sentence may be read; more is unclear


class Matcher:
    """The words of one ``Choice`` indexed for lookup, and the clerk's assignments (``norm`` → label,
    ``SKIP`` for "do not count")."""

    def __init__(self, choice: Choice, assigned: Mapping[str, str] | None = None) -> None:
        self.choice = choice
        self.targets = choice.targets()
        self._whole: dict[str, tuple[int, str | None]] = {}
        self._leaves: list[dict[str, str]] = []
        self._pending = {norm(w) for w in choice.pending}
        for gi, group in enumerate(choice.groups):
            leaves: dict[str, str] = {}
            for leaf in group.leaves:
                for w in leaf.words:
                    self._add(norm(w), (gi, leaf.target))
                    leaves[norm(w)] = leaf.target
                for w in leaf.reason_only:
                    leaves[norm(w)] = leaf.target
            for w in group.words:
                self._add(norm(w), (gi, group.target))
            self._leaves.append(leaves)
        self._group_words = sorted(((w, gi) for w, (gi, t) in self._whole.items()
                                    if t is None or self.choice.groups[gi].target == t), key=lambda x: -len(x[0]))
        self._assigned = {k: v for k, v in (assigned or {}).items() if v == SKIP or v in self.targets}
        self._remark_never = tuple(norm(w) for w in choice.remark_never)
        self._documents = sorted((norm(w) for w in choice.documents), key=len, reverse=True)
        self._asides = sorted((norm(w) for w in choice.asides), key=len, reverse=True)
        # a clause in one run: its words, what may be set aside between them, the marks of a mixed answer
        self._run_asides = {norm(w) for w in (*choice.asides, *choice.documents)} | (set(_LINKING) if choice.asides else set())
        self._mixed = {norm(w) for w in choice.mixed_marks}
        self._run_lengths = sorted({len(w) for w in (*self._whole, *self._run_asides, *self._mixed)}, reverse=True)
        # every declared word, aside and mark of two characters or more (a remark holding one says something)
        self._known = {w for w in (*self._whole, *self._run_asides, *self._mixed, *self._pending,
                                   *(w for leaves in self._leaves for w in leaves)) if len(w) >= 2}
        # the words that name something (no asides): what a description before a word must not hold
        self._naming = {w for w in (*self._whole, *self._mixed, *self._pending,
                                    *(w for leaves in self._leaves for w in leaves)) if len(w) >= 2}
        self._partly = next((gi for gi, g in enumerate(choice.groups) if g.any_remark and g.target), None)
        self._cache: dict[object, Match] = {}
        self._codes = table_codes(choice)

    def _add(self, word: str, entry: tuple[int, str | None]) -> None:
        known = self._whole.get(word)
        if known is not None and known != entry:
            raise ValueError(f"台账用语“{word}”有两种含义：{known} / {entry}")
        self._whole[word] = entry

    def group_of(self, target: str) -> int | None:
        return next((gi for gi, g in enumerate(self.choice.groups)
                     if g.target == target or any(leaf.target == target for leaf in g.leaves)), None)

    def match(self, raw: object) -> Match:
        """What ``raw`` (one cell) means."""
        cache_key = raw if isinstance(raw, (str, int, float)) else repr(raw)
        found = self._cache.get(cache_key)
        if found is None:
            found = self._cache[cache_key] = self._match(raw)
        return found

    def _match(self, raw: object) -> Match:
        text = "".join(ch for ch in unicodedata.normalize("NFKC", str(raw if raw is not None else ""))
                       if not ch.isspace())
        text = _REFERRAL.sub("有关机关", text)
        n = norm(text)
        if self._codes is not None and (coded := read_code(text, self._codes)) is not None:
            return self._coded(coded, norm(text) or text)   # (（一） alone: nothing left by ``norm``)
        if n.lower() in _BLANK_MARKS:
            return _BLANK
        if n in self._pending:
            return Match(Kind.PENDING, key=n)
        found = (self._whole_match(n) or self._head_and_tail(text) or self._run_together(n)
                 or self._joined(text) or self._on_paper(n) or self._sentence(text) or self._in_parts(text))
        if found is not None:
            return Match(found.kind, found.target, found.group, n)
        return self._assignment(n)

    def _coded(self, coded: Coded, n: str) -> Match:
        """A value written as a table code (``coded``), with or without words beside it."""
        row = coded.row
        words = self._match(coded.words) if norm(coded.words) else None
        if row is not None and words is not None and not agrees(row, words.kind is Kind.FOUND or words.kind is Kind.GROUP,
                                                                words.group, words.target):
            row, note = None, disagreement(coded.code, coded.words)
        else:
            note = coded.note
        if row is not None and row.target is not None:
            return Match(Kind.FOUND, row.target, row.group, n)
        if row is not None and (words is None or words.kind is not Kind.FOUND):
            return Match(Kind.GROUP, None, row.group, n, note)
        if row is not None and words is not None:
            return Match(Kind.FOUND, words.target, words.group, n)
        assigned = self._assignment(n)
        return assigned if assigned.kind is not Kind.UNCLEAR else Match(Kind.UNCLEAR, key=n, note=note)

    def _whole_match(self, n: str) -> Match | None:
        entry = self._whole.get(n) or self._whole.get(_VERB.sub("", n, count=1))
        if entry is None:
            return None
        gi, target = entry
        return Match(Kind.FOUND, target, gi) if target is not None else Match(Kind.GROUP, None, gi)

    def _head_and_tail(self, text: str) -> Match | None:
        """``不予公开（过程性信息）``, ``予以公开-当面领取``: a word, a separator, what follows it."""
        m = _SEPARATOR.search(text)
        if m is None or m.start() == 0:
            return None
        head = self._whole_match(norm(text[:m.start()]))
        tail = norm(text[m.end():])
        if head is None or not tail:
            return head
        if head.kind is Kind.GROUP:
            leaf = self.leaf_of(head.group, tail) or self._joined_leaf(head.group, text[m.end():])
            return Match(Kind.FOUND, leaf, head.group) if leaf else None
        other = self._whole_match(tail)
        if other is not None and other.target != head.target and other.group != head.group \
                and not self._any_remark(head.group):
            return None   # 予以公开（国家秘密）: two labels at once
        if self._contradicts(head.group, tail):
            return None   # 予以公开（部分）
        leaf = self.leaf_of(head.group, tail)
        return Match(Kind.FOUND, leaf or head.target, head.group)

    def _contradicts(self, group: int | None, remark: str) -> bool:
        """A remark (``norm``) that says the label before it is not the whole answer (``部分``)."""
        return not self._any_remark(group) and self.leaf_of(group, remark) is None \
            and any(w in remark for w in self._remark_never)

    def _any_remark(self, group: int | None) -> bool:
        return group is not None and self.choice.groups[group].any_remark

    def leaf_of(self, group: int | None, reason: str) -> str | None:
        """The leaf of ``group`` that ``reason`` (already ``norm``) names, if any."""
        if group is None:
            return None
        leaves = self._leaves[group]
        # (申请人逾期未缴纳费用: a leaf's words after what a sentence says around them)
        unsaid = [reason[len(a):] for a in self._asides if reason.startswith(a) and len(reason) > len(a)]
        for text in (reason, _LEADING_NUMBER.sub("", reason, count=1), _VERB.sub("", reason, count=1), *unsaid):
            if text in leaves:
                return leaves[text]
        return None

    def _joined_leaf(self, group: int | None, reason: str) -> str | None:
        """``涉及商业秘密、个人隐私``: a 情形 of several parts, each a word of one same leaf of ``group``
        (never two leaves: 国家秘密、过程性信息 stays unclear)."""
        parts = [norm(p) for p in _REASON_PARTS.split(reason) if norm(p)]
        leaves = {self.leaf_of(group, _VERB.sub("", p, count=1)) or self.leaf_of(group, p) for p in parts}
        return leaves.pop() if len(parts) > 1 and len(leaves) == 1 and None not in leaves else None

    def _run_together(self, n: str) -> Match | None:
        """``不予公开国家秘密``: a group's word with a leaf's word right after it."""
        for word, gi in self._group_words:
            if len(n) > len(word) and n.startswith(word):
                leaf = self.leaf_of(gi, n[len(word):])
                if leaf:
                    return Match(Kind.FOUND, leaf, gi)
        return None

    def _joined(self, text: str) -> Match | None:
        """``撤销并责令履行``: parts that all mean the same label."""
        parts = [p for p in _CONNECTOR.split(text) if norm(p)]
        if len(parts) < 2:
            return None
        found = [m for p in parts if (m := self._whole_match(norm(p))) is not None and m.kind is Kind.FOUND]
        if len(found) == len(parts) and len({m.target for m in found}) == 1:
            return found[0]
        return None

    def _on_paper(self, n: str) -> Match | None:
        """``不予公开告知书``: a word (``n``: ``norm``), then the name of the paper it was sent as."""
        for doc in self._documents:
            if len(n) > len(doc) and n.endswith(doc) and (found := self._word(n[:-len(doc)])) is not None:
                return found
        return None

    def _word(self, n: str) -> Match | None:
        """A ``norm``-ed value's match by the steps 1–4 (or a pending word), or None."""
        if n in self._pending:
            return Match(Kind.PENDING, key=n)
        return self._whole_match(n) or self._run_together(n) or self._joined(n)

    def _sentence(self, text: str) -> Match | None:
        """``经审查，所申请信息属于国家秘密，不予公开。``, ``经审查该信息不存在已告知申请人``: every clause, its
        asides set aside, a word or words (or nothing but asides); together one label (``_combined``).
        Every way of reading the clauses that names a label must name the same one."""
        clauses = [clause for clause in _CLAUSE.split(self._remarks_as_clauses(_CITATION.sub("，", text))) if norm(clause)]
        readings = []
        for clause in clauses:
            found = self._clause_readings(clause, alone=len(clauses) == 1)
            if not found:
                return self._one_run(clauses)
            readings.append(found)
        if math.prod(len(r) for r in readings) > MAX_READINGS:
            return None
        named = {m for combo in itertools.product(*readings) if (m := self._combined(sum(combo, ()))) is not None}
        return named.pop() if len(named) == 1 else None

    def _one_run(self, clauses: list[str]) -> Match | None:
        """Clauses that are no words each but one run of words and asides together, their punctuation
        aside (申请人逾期未补正，不再处理: a word split by a comma)."""
        n = "".join(norm(clause) for clause in clauses)
        if len(clauses) < 2 or len(n) > MAX_RUN:
            return None
        named = {m for combo in self._run_readings(n) if (m := self._combined(combo)) is not None}
        return named.pop() if len(named) == 1 else None

    def _remarks_as_clauses(self, text: str) -> str:
        """A sentence's remarks in brackets after a word: set aside when they say nothing known
        (属于过程性信息（内部讨论稿）决定不予公开 — no declared word, aside or limiting word in them),
        else read as a clause of their own (（涉及个人隐私）: a second reason, unclear with the first)."""
        def remark(m: re.Match) -> str:
            inner = norm(m.group(1))
            if any(w in inner for w in _LIMITING) or any(w in inner for w in self._remark_never):
                return "，" + m.group(1) + "，"
            if any(inner[i:j] in self._known for i in range(len(inner)) for j in range(i + 2, len(inner) + 1)):
                return "，" + m.group(1) + "，"
            return ""
        return _INNER_REMARK.sub(remark, text)

    def _clause_readings(self, clause: str, alone: bool) -> list[tuple[Token, ...]]:
        """The words of a clause, each way it can be read (none: it is no word): a clause written in one
        run is read as words and asides run together; with brackets or marks, by ``_clause``."""
        n = norm(clause)
        run = _DROP.search("".join(ch for ch in unicodedata.normalize("NFKC", clause) if not ch.isspace())) is None
        found = self._run_readings(n) if run and len(n) <= MAX_RUN else []
        if not found and alone and (described := self._described(n)) is not None:
            return [((described.group, described.target, False),)]
        if found or alone:
            return found   # (one clause with brackets is no sentence: the steps before read such a value)
        match = self._clause(n)
        if match is _ASIDE:
            return [()]
        if match is None or match.kind not in (Kind.FOUND, Kind.GROUP):
            return []
        return [((match.group, match.target, False),)]

    def _run_readings(self, n: str) -> list[tuple[Token, ...]]:
        """Each way ``n`` is nothing but declared words, asides and mixed answers' marks (a mark right
        before its word), as the words it is; at most ``MAX_READINGS + 1`` of them."""
        memo: dict[tuple[int, bool], list[tuple[Token, ...]]] = {}

        def read(i: int, marked: bool) -> list[tuple[Token, ...]]:
            if i == len(n):
                return [] if marked else [()]
            if (i, marked) in memo:
                return memo[(i, marked)]
            out: dict[tuple[Token, ...], None] = {}   # (the same words read with other asides: once)
            for length in self._run_lengths:
                piece = n[i:i + length]
                if len(piece) < length:
                    continue
                entry = self._whole.get(piece)
                if entry is not None:
                    out.update(dict.fromkeys(((entry[0], entry[1], marked), *rest) for rest in read(i + length, False)))
                if not marked and piece in self._run_asides:
                    out.update(dict.fromkeys(read(i + length, False)))
                if not marked and piece in self._mixed:
                    out.update(dict.fromkeys(read(i + length, True)))
                if len(out) > MAX_READINGS:
                    break
            found = memo[(i, marked)] = list(out)[:MAX_READINGS + 1]
            return found
        return read(0, False)

    def _combined(self, words: tuple[Token, ...]) -> Match | None:
        """The label the words of a sentence name together, or None: one group, at most one of its
        leaves — or 部分公开 first (what follows says what was withheld and why), or a mixed answer."""
        if not words:
            return None
        first, target, marked = words[0]
        if first is not None and first == self._partly and not marked:
            return Match(Kind.FOUND, target, first)
        if any(marked for _, _, marked in words):
            return self._mixed_answer(words)
        if len({group for group, _, _ in words}) != 1:
            return None
        targets = {t for _, t, _ in words if t is not None}
        if len(targets) > 1:
            return None
        return Match(Kind.FOUND, targets.pop(), first) if targets else Match(Kind.GROUP, None, first)

    def _mixed_answer(self, words: tuple[Token, ...]) -> Match | None:
        """部分予以公开部分不予公开: every word after a mark, one part disclosed (the first group) and another
        not — the partly group's label (区分处理的, 只计这一情形); else None."""
        groups = {group for group, _, _ in words}
        if self._partly is None or not all(marked for _, _, marked in words) or 0 not in groups or len(groups) < 2:
            return None
        return Match(Kind.FOUND, self.choice.groups[self._partly].target, self._partly)

    def _in_parts(self, text: str) -> Match | None:
        """An answer in parts (step 7): numbered items, or clauses each naming its label after a mixed
        answer's mark (a sentence naming two labels without marks contradicts itself: unclear)."""
        numbered = len(_ITEM.findall(text)) >= 2
        parts = [p for p in _PART.split(_ITEM.sub("；", text)) if norm(p)]
        if len(parts) < 2:
            return None
        named = []
        for part in parts:
            whole = self.match(part) if numbered else _BLANK
            found = whole if whole.kind in (Kind.FOUND, Kind.GROUP) else self._part(norm(part), marked=not numbered)
            if found is None:
                return None
            if found is not _ASIDE:
                named.append(found)
        return self.together(named)

    def _part(self, n: str, marked: bool) -> Match | None:
        """One part (``norm``): a label or group after a mixed answer's mark (其余予以公开, 涉及个人隐私的
        部分不予公开: the words after the mark) — or, when ``marked`` is not asked, the part itself —
        ``_ASIDE`` when it is nothing but asides, else None."""
        if self._clause(n) is _ASIDE:
            return _ASIDE
        tails = [n[i + len(mark):] for mark in self._mixed for i in _occurrences(n, mark)]
        for tail in sorted(set(tails if marked else [n, *tails]), key=len):
            found = (self._word(tail) or self._clause(tail)) if tail else None
            if found is not None and found is not _ASIDE and found.kind in (Kind.FOUND, Kind.GROUP):
                return found
        return None

    def together(self, named: list[Match]) -> Match | None:
        """What the parts of one answer (labels or groups) name together: the label they all name, or
        部分公开 when one part was disclosed (the first group) and another not; else None."""
        if not named:
            return None
        groups = {m.group for m in named}
        targets = {m.target for m in named}
        if len(targets) == 1 and len(groups) == 1 and None not in targets:
            return named[0]
        if self._partly is not None and 0 in groups and len(groups) >= 2:
            return Match(Kind.FOUND, self.choice.groups[self._partly].target, self._partly)
        return None

    def _clause(self, n: str) -> Match | None:
        """One clause of a sentence: ``_ASIDE`` when it is nothing but asides, else the match of
        what is left once asides are set aside from its start (the least set aside that is a word)."""
        rests, i = [n], 0
        while i < len(rests):
            rest, i = rests[i], i + 1
            if not rest:
                return _ASIDE
            rests += [rest[len(a):] for a in self._asides if rest.startswith(a) and rest[len(a):] not in rests]
        return next((m for rest in rests if (m := self._word(rest) or self._on_paper(rest)) is not None), None) \
            or next((m for rest in rests if (m := self._described(rest)) is not None), None)

    def _described(self, n: str) -> Match | None:
        """A word after what the clerk says of the information (``norm``): 为研究过程中的过程性信息, 属于单位
        内部的人事管理信息 — the word after the last 的, when what comes before it names nothing (no declared
        word, no limiting word: 不属于本机关的…, 已公开的… stay unclear)."""
        head, mark, tail = n.rpartition("的")
        if not mark or not head or not tail or any(w in head for w in _LIMITING):
            return None
        if any(head[i:j] in self._naming for i in range(len(head)) for j in range(i + 2, len(head) + 1)):
            return None
        found = self._word(tail)
        return found if found is not None and found.kind in (Kind.FOUND, Kind.GROUP) else None

    def _assignment(self, key: str) -> Match:
        target = self._assigned.get(key)
        if target is None:
            return Match(Kind.UNCLEAR, key=key)
        if target == SKIP:
            return Match(Kind.SKIPPED, key=key)
        return Match(Kind.FOUND, target, self.group_of(target), key)

    def match_pair(self, result: object, reason: object) -> Match:
        """A result written in two columns: the group (不予公开) and its 情形 (国家秘密)."""
        first = self.match(result)
        if first.kind in (Kind.BLANK, Kind.PENDING, Kind.SKIPPED):
            return first
        why = norm(reason)
        coded = self._reason_code(first, reason, f"{first.key}|{why or _plain(reason)}") if reason is not None else None
        if coded is not None or not why:
            return coded or first
        key = f"{first.key}|{why}"
        if first.kind is Kind.GROUP:
            leaf = self.leaf_of(first.group, why) or self._leaf_by_whole(first.group, why)
            return Match(Kind.FOUND, leaf, first.group, key) if leaf else self._assignment(key)
        if first.kind is Kind.FOUND:
            other = self._whole_match(why)
            if other is not None and other.kind is Kind.FOUND and other.target != first.target \
                    and not self._any_remark(first.group):
                return self._assignment(key)   # 予以公开 | 国家秘密: two labels at once
            if (other is None or other.group != first.group) and self._contradicts(first.group, why):
                return self._assignment(key)   # 予以公开 | 部分
            return first
        return self._assignment(key) if key in self._assigned else first

    def _reason_code(self, first: Match, reason: object, key: str) -> Match | None:
        """A 情形 written as a code beside the result's words: the row's number in the group the words
        name (不予公开 | 3, 第3项) or the row's whole code (不予公开 | （三）3, 三-3).  The code must name a
        row of that group; one naming another row, or none, is unclear with what to write."""
        if self._codes is None or first.group is None or first.kind not in (Kind.GROUP, Kind.FOUND):
            return None
        text = _plain(reason)
        group = self.choice.groups[first.group]
        number = _ROW_NUMBER.fullmatch(text)
        if number is not None and first.kind is Kind.GROUP and group.code:
            text = f"({group.code}){number.group(1) or _CIRCLED.index(number.group(2)) + 1}"
        coded = read_code(text, self._codes)
        if coded is None:
            return None
        found = self._coded(coded, key)
        if found.kind in (Kind.FOUND, Kind.GROUP) and found.group == first.group:
            if first.kind is Kind.FOUND and found.target is not None and found.target != first.target:
                return self._assignment_or(key, disagreement(coded.code, _shown_words(first, group)))
            return found if found.kind is Kind.FOUND or first.kind is Kind.GROUP else first
        if found.kind is Kind.FOUND:   # a code of another group's row
            return self._assignment_or(key, disagreement(coded.code, _shown_words(first, group)))
        return found

    def is_code(self, value: object) -> bool:
        """Whether ``value`` is written as a row's code, or its number in a group (3, （三）3, 三-3, 第3项)."""
        if self._codes is None or value is None:
            return False
        text = _plain(value)
        return _ROW_NUMBER.fullmatch(text) is not None or read_code(text, self._codes) is not None

    def _assignment_or(self, key: str, note: str) -> Match:
        found = self._assignment(key)
        return found if found.kind is not Kind.UNCLEAR else Match(Kind.UNCLEAR, key=key, note=note)

    def _leaf_by_whole(self, group: int | None, why: str) -> str | None:
        found = self._whole_match(why)
        return found.target if found is not None and found.group == group and found.kind is Kind.FOUND else None


def _occurrences(text: str, word: str) -> list[int]:
    """Where ``word`` starts in ``text``, each time."""
    return [i for i in range(len(text)) if text.startswith(word, i)]


def _shown_words(found: Match, group) -> str:
    """The words of the result column as the clerk will recognise them: the label it names."""
    return found.target or (group.words[0] if group.words else "")


def _plain(value: object) -> str:
    """A value in NFKC without white space (what a code is read from: ``norm`` drops its brackets)."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", str(value)) if not ch.isspace())
