"""A result written as its row's code in the report's table: ``（三）1``, ``(三)1``, ``三（三）1``, ``三-1``,
``3-1``, ``（一）``, ``予以公开（一）``, ``（四）1 本机关不掌握`` — what clerks write who keep the ledger with the
table in mind.

The codes are the numbering of the declared labels (``Group.code``, ``Leaf.code``, under
``Choice.code_heading``), so each version reads its own rows (the 2019 （六） is one row, the 2021 （六）
has three).  ``read_code`` finds a code at the start or the end of a value (after the heading or
not) and says which row it names, or, in ``Coded.note``, why it names none; the words beside it are
read by the ``Matcher`` and must name the same row (``agrees``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..forms.ledger_words import Choice

_NUMERALS = "一二三四五六七八九十"
_CN = f"[{_NUMERALS}]{{1,2}}"


@dataclass(frozen=True)
class Row:
    group: int                 # the group's index in the ``Choice``
    target: str | None         # the row's label; None: the group's code, which needs its row


@dataclass(frozen=True)
class Codes:
    rows: dict[tuple[str, str], Row]       # (group numeral, row number or "") → the row
    group_rows: dict[str, tuple[str, ...]]  # group numeral → its rows' numbers ("": a group of one row)
    examples: dict[str, str]               # group numeral → its first row's label
    head: re.Pattern                       # a code at the start, after the heading or not
    tail: re.Pattern                       # a code after the words
    heading: str                           # the heading the codes stand under (三、本年度办理结果)


@dataclass(frozen=True)
class Coded:
    code: str                  # the code as shown to the clerk: （三）1
    row: Row | None            # None: the code names no row (``note`` says why)
    words: str                 # what was written beside the code
    note: str = ""


def table_codes(choice: Choice) -> Codes | None:
    """The codes of ``choice``'s rows, or None when it has none (applicants, cases)."""
    if not choice.code_heading:
        return None
    rows: dict[tuple[str, str], Row] = {}
    group_rows: dict[str, tuple[str, ...]] = {}
    examples: dict[str, str] = {}
    for gi, group in enumerate(choice.groups):
        if not group.code:
            continue
        rows[(group.code, "")] = Row(gi, group.target)
        numbered = tuple(leaf for leaf in group.leaves if leaf.code) if group.target is None else ()
        for leaf in numbered:
            rows[(group.code, leaf.code)] = Row(gi, leaf.target)
        group_rows[group.code] = tuple(leaf.code for leaf in numbered)
        if numbered:
            examples[group.code] = numbered[0].target
    numeral, _, words = choice.code_heading.partition("、")
    heading = f"(?:{re.escape(numeral)}[、.]?)?(?:{re.escape(words)})?[、.:\\-]?" if words else ""
    head = re.compile(rf"^(?:{heading}\((?P<g>{_CN})\)[-.、]?(?P<leaf>\d{{1,2}}(?!\d))?"
                      rf"|(?P<bare>[{_NUMERALS}]|\d{{1,2}})[-—–](?P<bare_leaf>\d{{1,2}})(?![\d.]))")
    tail = re.compile(rf"^(?P<words>.+?)[-:]?\((?P<g>{_CN})\)(?P<leaf>\d{{1,2}})?$")
    return Codes(rows, group_rows, examples, head, tail, choice.code_heading)


def read_code(text: str, codes: Codes) -> Coded | None:
    """The code in ``text`` (NFKC, without white space), or None when it is written without one."""
    m = codes.head.match(text)
    if m is not None:
        words = text[m.end():]
        if m.group("bare") is not None:
            return _coded(codes, _numeral(m.group("bare")), m.group("bare_leaf"), words)
        return _coded(codes, m.group("g"), m.group("leaf"), words)
    m = codes.tail.match(text)
    if m is None or not m.group("words"):
        return None
    coded = _coded(codes, m.group("g"), m.group("leaf"), m.group("words"))
    if re.fullmatch(rf"(?:[{_NUMERALS}]|\d{{1,2}})[、.:\-]?", m.group("words")):   # 二、（三）1: under another heading
        return Coded(coded.code, None, "", f"“{text}”不是办理结果的代码：办理结果写在“{codes.heading}”下，"
                                           f"如“{coded.code}”，或直接写处理结果的文字")
    return coded


def _numeral(digits: str) -> str:
    if not digits.isdigit():
        return digits
    n = int(digits)
    return _NUMERALS[n - 1] if 1 <= n <= len(_NUMERALS) else digits


def _coded(codes: Codes, group: str, leaf: str | None, words: str) -> Coded:
    number = str(int(leaf)) if leaf else ""
    shown = f"（{group}）{number}"
    row = codes.rows.get((group, number))
    if row is None:
        return Coded(shown, None, words, _no_row(codes, group, shown))
    if row.target is None:
        example = codes.examples[group]
        first = codes.group_rows[group][0]
        return Coded(shown, row, words, f"“{shown}”只写到一组，没有写是其中哪一行：请写明具体一行，"
                                       f"如“（{group}）{first}”（{example}），或直接写这一行的文字")
    return Coded(shown, row, words)


def _no_row(codes: Codes, group: str, shown: str) -> str:
    numbers = codes.group_rows.get(group)
    if numbers is None:
        groups = list(codes.group_rows)
        return f"办理结果中没有“{shown}”这一行（只有（{groups[0]}）至（{groups[-1]}））：请核对代码，或直接写处理结果的文字"
    if not numbers:
        return f"（{group}）不分行，没有“{shown}”：请写“（{group}）”或这一行的文字"
    return f"（{group}）只有第{numbers[0]}至{numbers[-1]}行，没有“{shown}”：请核对代码，或直接写处理结果的文字"


def agrees(row: Row, is_label: bool, group: int | None, target: str | None) -> bool:
    """Whether the words beside a code (a label or a group's word: ``is_label``) name its row."""
    if not is_label or group != row.group:
        return False
    return row.target is None or target is None or target == row.target


def disagreement(code: str, words: str) -> str:
    return f"代码“{code}”与文字“{words}”指的不是同一行：请核对后改为一致的写法（只写代码或只写文字均可）"
