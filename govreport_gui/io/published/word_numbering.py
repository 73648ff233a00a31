"""The numbers Word prints before a numbered paragraph (automatic list numbering), as text.

A heading numbered by Word's list numbering (``一、`` / ``（一）`` / ``1.``) does not hold its number
in its text: the paragraph names a list (``w:numPr``: a list and a level, on the paragraph or on
its style — a ``标题 1`` style linked to a multilevel list), and ``numbering.xml`` says how each
level is counted and printed (``w:numFmt``: chineseCounting, decimal …; ``w:lvlText``: ``%1、``,
``（%2）``).  ``Numbering.label(p)`` counts the paragraphs in document order as Word does and gives
the number printed before ``p`` ("" for none, and for bullets), so that a section's text keeps its
items' numbers and a heading reads as it is printed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LEVELS = 9
_CN = "〇一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def chinese_number(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (as Word's chineseCounting prints)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else _CN[tens]) + "十" + (_CN[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return _CN[hundreds] + "百" + ("" if not rest else ("零" + _CN[rest] if rest < 10 else
                                                            (_CN[rest // 10] + "十" + (_CN[rest % 10] if rest % 10 else ""))))
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in _ROMAN:
        while n >= value:
            out, n = out + numeral, n - value
    return out


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    """A counter as a level's ``w:numFmt`` prints it ("" for bullets and none)."""
    if fmt in ("bullet", "none"):
        return ""
    if fmt.startswith(("chineseCounting", "japaneseCounting", "ideographDigital", "taiwaneseCounting")):
        return chinese_number(n)
    if fmt == "ideographTraditional":
        return _TIANGAN[(n - 1) % 10]
    if fmt.startswith("decimalEnclosedCircle") and 0 < n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt == "decimalFullWidth" or fmt == "decimalFullWidth2":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("upperRoman", "lowerRoman"):
        return _roman(n) if fmt == "upperRoman" else _roman(n).lower()
    if fmt in ("upperLetter", "lowerLetter"):
        return _letters(n) if fmt == "upperLetter" else _letters(n).lower()
    return str(n)


@dataclass
class _Level:
    fmt: str = "decimal"
    text: str = ""
    start: int = 1
    legal: bool = False      # w:isLgl: every level's number printed in Arabic digits


@dataclass
class _List:
    """One ``w:abstractNum``: its levels, counted across the lists (``w:num``) that use it."""

    levels: dict[int, _Level] = field(default_factory=dict)
    counts: list[int | None] = field(default_factory=lambda: [None] * _LEVELS)   # None: not begun


@dataclass
class Numbering:
    """The document's lists (``numbering.xml``) and the styles that number their paragraphs."""

    lists: dict[str, _List] = field(default_factory=dict)             # numId → its abstract list
    overrides: dict[str, dict[int, int]] = field(default_factory=dict)  # numId → level → start
    styles: dict[str, tuple[str, int | None]] = field(default_factory=dict)   # styleId → (numId, level)
    based_on: dict[str, str] = field(default_factory=dict)              # styleId → its base style

    def label(self, p) -> str:
        """The number Word prints before the paragraph ``p`` (counting it), or ""."""
        found = self._num_pr(p)
        if found is None:
            return ""
        num_id, level = found
        target = self.lists.get(num_id)
        if target is None or level >= _LEVELS:
            return ""
        starts = self.overrides.pop(num_id, None)    # a list restarted here: its first paragraph
        if starts:
            for at, start in starts.items():
                target.counts[at:] = [start - 1] + [None] * (_LEVELS - at - 1)
        count = target.counts[level]
        target.counts[level] = target.levels.get(level, _Level()).start if count is None else count + 1
        target.counts[level + 1:] = [None] * (_LEVELS - level - 1)
        return self._text(target, level)

    def _text(self, target: _List, level: int) -> str:
        lvl = target.levels.get(level, _Level())
        if lvl.fmt in ("bullet", "none"):
            return ""

        def number(m: re.Match) -> str:
            at = int(m.group(1)) - 1
            of = target.levels.get(at, _Level())
            count = target.counts[at]
            count = of.start if count is None else count
            return format_number(count, "decimal" if lvl.legal and at < level else of.fmt)

        text = re.sub(r"%([1-9])", number, lvl.text)
        return text + " " if text and text[-1].isalnum() else text

    def _num_pr(self, p) -> tuple[str, int] | None:
        """(numId, level) of a paragraph: its own ``w:numPr``, else its style's (or a base style's)."""
        ppr = p.find(f"{W}pPr")
        num_pr = ppr.find(f"{W}numPr") if ppr is not None else None
        num_id = level = None
        if num_pr is not None:
            num_id = _val(num_pr.find(f"{W}numId"))
            level = _int(_val(num_pr.find(f"{W}ilvl")))
        style = _val(ppr.find(f"{W}pStyle")) if ppr is not None else None
        seen = set()
        while num_id is None and style and style not in seen:
            seen.add(style)
            if style in self.styles:
                num_id, style_level = self.styles[style]
                level = level if level is not None else style_level
            style = self.based_on.get(style)
        if not num_id or num_id == "0":
            return None
        return num_id, level or 0


def _val(el) -> str | None:
    return el.get(f"{W}val") if el is not None else None


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def _start(lvl) -> int:
    start = _int(_val(lvl.find(f"{W}start")))
    return 1 if start is None else start


def read_numbering(numbering_xml, styles_xml) -> Numbering:
    """The lists of ``numbering.xml`` and the numbered styles of ``styles.xml`` (parsed roots; the
    styles may be None)."""
    out = Numbering()
    abstract: dict[str, _List] = {}
    links: dict[str, str] = {}          # abstractNumId → the numbering style it takes its levels from
    for an in numbering_xml.iterchildren(f"{W}abstractNum"):
        levels = {}
        for lvl in an.iterchildren(f"{W}lvl"):
            at = _int(lvl.get(f"{W}ilvl")) or 0
            levels[at] = _Level(_val(lvl.find(f"{W}numFmt")) or "decimal", _val(lvl.find(f"{W}lvlText")) or "",
                                _start(lvl),
                                lvl.find(f"{W}isLgl") is not None)
        key = an.get(f"{W}abstractNumId", "")
        abstract[key] = _List(levels)
        link = _val(an.find(f"{W}numStyleLink"))
        if link:
            links[key] = link
    nums: dict[str, str] = {}
    for num in numbering_xml.iterchildren(f"{W}num"):
        num_id, abstract_id = num.get(f"{W}numId", ""), _val(num.find(f"{W}abstractNumId")) or ""
        nums[num_id] = abstract_id
        starts = {(_int(o.get(f"{W}ilvl")) or 0): _int(_val(o.find(f"{W}startOverride")))
                  for o in num.iterchildren(f"{W}lvlOverride") if o.find(f"{W}startOverride") is not None}
        if starts:
            out.overrides[num_id] = {lvl: start for lvl, start in starts.items() if start is not None}
    if styles_xml is not None:
        _read_styles(styles_xml, out)
    for num_id, abstract_id in nums.items():
        linked = links.get(abstract_id)
        if linked and linked in out.styles:    # a list style: the levels of the list it names
            abstract_id = nums.get(out.styles[linked][0], abstract_id)
        if abstract_id in abstract:
            out.lists[num_id] = abstract[abstract_id]
    return out


def _read_styles(styles_xml, out: Numbering) -> None:
    for style in styles_xml.iterchildren(f"{W}style"):
        style_id = style.get(f"{W}styleId", "")
        base = _val(style.find(f"{W}basedOn"))
        if base:
            out.based_on[style_id] = base
        num_pr = style.find(f"{W}pPr/{W}numPr")
        num_id = _val(num_pr.find(f"{W}numId")) if num_pr is not None else None
        if num_id is not None:
            out.styles[style_id] = (num_id, _int(_val(num_pr.find(f"{W}ilvl"))))
