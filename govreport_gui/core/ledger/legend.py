"""Codes a system's export writes instead of words (答复类型 01, DF03, B2; 申请人类型 1, 2), explained
on a sheet of their own in the same workbook (代码说明: 代码 | 含义).

``read_legend`` reads such a sheet: rows holding a short code beside a value that is one declared
word (予以公开, 不予公开-属于国家秘密, 商业企业), in either order.  A sheet is a legend when it explains
at least ``MIN_CODES`` distinct codes of one vocabulary, each code once; the ledger's sheets of the
same file then read a value that is exactly one of those codes as the words it stands for
(``Legend.words_for``) — a legend of reasons alone (属于国家秘密, 本机关不掌握…) the codes of the 情形
column too, after the legends of answers for the result column.  Nothing else is guessed: a code the legend does not list stays as written
(unclear, shown to the clerk), and a legend whose code means two things is no legend.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from ..forms.ledger_words import Field
from .sheet import LedgerSheet
from .words import Kind, Matcher

MIN_CODES = 2
_CODE = re.compile(r"[A-Za-z]{0,4}\d{0,4}")
# the vocabularies a legend may explain, and the ledger fields its codes then stand in
_FIELDS = {Field.RESULT: (Field.RESULT, Field.REASON), Field.APPLICANT: (Field.APPLICANT, Field.APPLICANT_KIND)}


def code_key(value: object) -> str | None:
    """A value as a code is compared (``01``, 1 and 1.0 alike; letters in capitals), or None when it
    is no code (words, a date, a long number)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float):
        if not value.is_integer():
            return None
        value = int(value)
    text = str(value).strip().upper()
    if not text or len(text) > 8 or _CODE.fullmatch(text) is None:
        return None
    return str(int(text)) if text.isdigit() else text


@dataclass
class Legend:
    """The codes of one legend sheet: field → code key → (the code, its words) as written on the legend."""

    sheet: LedgerSheet
    codes: dict[Field, dict[str, tuple[str, str]]] = field(default_factory=dict)
    used: bool = False   # a ledger value was read by it (a sheet of figures may look like a legend)
    # its results are all reasons (属于国家秘密, 本机关不掌握…): the codes of a 情形 column (不予公开 | 01);
    # a legend of answers (予以公开, 不予公开…) explains the result column only
    reasons: bool = False

    def words_for(self, f: Field, value: object) -> str | None:
        """The words ``value`` stands for in field ``f``, when it is one of the legend's codes."""
        if f is Field.REASON and not self.reasons:
            return None
        for vocabulary, fields in _FIELDS.items():
            if f in fields and (key := code_key(value)) is not None:
                found = self.codes.get(vocabulary, {}).get(key)
                if found is not None:
                    self.used = True
                    return found[1]
        return None

    def example(self) -> str:
        """A few of its codes as the clerk will recognise them (01＝予以公开、02＝部分公开…)."""
        pairs = [f"{code}＝{words}" for codes in self.codes.values() for code, words in list(codes.values())[:3]]
        return "、".join(pairs) + "…"


def read_legend(sheet: LedgerSheet, matchers: Mapping[Field, Matcher]) -> Legend | None:
    """The legend ``sheet`` is, if it is one: of the one vocabulary its words are, every code of it
    (a word read only beside its group, 其他 of 其他处理, is kept as written and read so)."""
    before, after = ([pair for row in sheet.rows for pair in _pairs(row, first)] for first in (True, False))
    pairs = before if len(before) >= len(after) else after   # (the codes in one column: before or after)
    named = {f: [(key, code, words) for key, code, words in pairs
                 if matchers[f].match(words).kind in (Kind.FOUND, Kind.GROUP)] for f in _FIELDS}
    fields = [f for f, found in named.items() if len({key for key, _, _ in found}) >= MIN_CODES]
    if len(fields) != 1:
        return None   # (none, or a sheet of both kinds of words: no legend of one column)
    (f,) = fields
    codes: dict[str, tuple[str, str]] = {}
    for key, code, words in pairs:
        if codes.setdefault(key, (code, words))[1] != words:
            return None   # a code said to mean two things
    results = matchers[Field.RESULT]
    reasons = f is Field.RESULT and all(_is_reason(results, words) for _, _, words in named[f])
    return Legend(sheet, {f: codes}, reasons=reasons)


def _is_reason(matcher: Matcher, words: str) -> bool:
    """Whether ``words`` name a row of a group that needs its row said (a 情形: 属于国家秘密)."""
    found = matcher.match(words)
    return found.kind is Kind.FOUND and found.group is not None and matcher.choice.groups[found.group].target is None


def _pairs(row: tuple, code_first: bool) -> list[tuple[str, str, str]]:
    """(code key, code, words) of each two neighbouring cells of ``row`` that are a code and words
    (the code first or second)."""
    out = []
    for left, right in zip(row, row[1:]):
        code, words = (left, right) if code_first else (right, left)
        key = code_key(code)
        if key is not None and isinstance(words, str) and any(ch.isalpha() and not ch.isascii() for ch in words):
            out.append((key, str(code).strip(), words.strip()))
    return out
