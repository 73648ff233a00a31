"""Label variants, in one place: how a label written by a clerk is compared with an official one.

Every reader (Excel, Word, paste) compares labels through ``canonical_label``: two texts name the
same label when their canonical forms are equal.  The official labels themselves come from the
format declarations (``core.forms``); ``LabelIndex`` indexes them by canonical form for every
version, so a reader can ask "which table/row/column is this cell's text?" and recognise the
version from the labels it meets.

Variants accepted (FORMAT.md §2, §4): full-width/half-width characters and brackets, white space
anywhere (including U+3000 and line breaks inside a cell), ``1、``/``1．`` for ``1.``, ``一.`` for
``一、``, curly/straight/corner quotes, ``新收到`` for ``新收``, ``转结`` for ``结转``, a trailing colon, for column headers a trailing unit
in brackets (``本年收费金额（万元）``), and the labels in traditional characters (``fold_traditional``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from ...core.forms import FORMS, FormSpec, Role
from ...core.forms.traditional import fold_traditional
from ...core.values import normalise_text

_QUOTES = str.maketrans("", "", "“”\"‘’'「」『』")
_ARABIC_NUMBERING = re.compile(r"^(\d{1,2})[、.,](?=\S)")
_CHINESE_NUMBERING = re.compile(r"^([一二三四五六七八九十]{1,3})[.,](?=\S)")
_WORD_VARIANTS = (("新收到", "新收"), ("转结", "结转"))
_TRAILING_UNIT = re.compile(r"\((单位:)?(万元|元|亿元|件|个|项)\)$")
# a note in brackets after a label, on what to count (after canonical_label: half-width brackets)
_TRAILING_NOTE = re.compile(r"\([^()]{4,}\)$")
_ANY_NUMBERING = re.compile(r"^(\d{1,2}\.|[一二三四五六七八九十]{1,3}、|\([一二三四五六七八九十]{1,3}\))")

#: Longest text considered a label (longer cells are prose, not labels).
MAX_LABEL_CHARS = 120
_MAX_LOOKED_UP = 50_000   # texts whose look-up is remembered (then forgotten all at once)
_NO_USES: list = []       # (the answer for a text that is no label: shared, never changed)


def canonical_label(text: object) -> str:
    """The canonical form of a label: equal canonical forms mean the same label.

    ``canonical_label("一、本年新收到政府信息公开申请数量") == canonical_label("一、本年新收政府信息公开申请数量")``;
    ``canonical_label("1、属于国家秘密") == canonical_label("1.属于国家秘密")``;
    ``canonical_label("（二）部分公开\\n（区分处理的…）") == canonical_label("(二)部分公开(区分处理的…)")``.
    """
    if text is None:
        return ""
    text = str(text)
    return _canonical(text) if len(text) <= 4 * MAX_LABEL_CHARS else _canonical.__wrapped__(text)


@lru_cache(maxsize=8192)
def _canonical(text: str) -> str:
    s = fold_traditional(normalise_text(text)).translate(_QUOTES)
    s = _ARABIC_NUMBERING.sub(r"\1.", s)
    s = _CHINESE_NUMBERING.sub(r"\1、", s)
    for variant, official in _WORD_VARIANTS:
        s = s.replace(variant, official)
    return s.rstrip(":")


def unit_of_label(text: object) -> str | None:
    """The unit a header names in trailing brackets (``"元"`` for ``采购总金额（元）``), else None."""
    m = _TRAILING_UNIT.search(canonical_label(text))
    return m.group(2) if m else None


def without_unit(canonical: str) -> str:
    """A canonical label without a trailing unit in brackets."""
    return _TRAILING_UNIT.sub("", canonical)


def without_numbering(canonical: str) -> str:
    """A canonical label without its leading ``1.`` / ``一、`` / ``(一)``."""
    return _ANY_NUMBERING.sub("", canonical)


@dataclass(frozen=True)
class LabelUse:
    """Where an official label is used: in ``version``'s table ``table`` as ``what``.

    ``what`` is ``"row"`` (a leaf row label, a ``CellKey.row``), ``"col"`` (a value-column label,
    a ``CellKey.col``), ``"group"`` (a group label of 三 that is not a data row), ``"caption"`` or
    ``"header"`` (other header text).  ``official`` is the label as declared."""

    version: str
    table: str
    what: str
    official: str


@dataclass
class LabelIndex:
    """The labels of the given format versions, indexed by canonical form."""

    forms: tuple[FormSpec, ...] = field(default_factory=lambda: tuple(FORMS.values()))
    uses: dict[str, list[LabelUse]] = field(init=False, default_factory=dict)
    _prefixes: frozenset[str] | None = field(init=False, default=None, repr=False)
    _looked_up: dict[str, list[LabelUse]] = field(init=False, default_factory=dict, repr=False)
    _only: dict[str, frozenset[str]] = field(init=False, default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        loose: dict[str, list[LabelUse]] = {}
        for form in self.forms:
            for table in form.tables.values():
                rows = set(table.rows)
                key_rows = {c.key.row for c in table.cells}
                key_cols = {c.key.col for c in table.cells}
                for g in table.grid:
                    if not g.text:
                        continue
                    if g.text in key_cols and g.role is Role.HEADER:
                        what = "col"
                    elif g.text in rows or g.text in key_rows:
                        what = "row"
                    elif g.role is Role.LABEL:
                        what = "group"
                    elif g.role is Role.CAPTION:
                        what = "caption"
                    else:
                        what = "header"
                    self._add(self.uses, canonical_label(g.text), LabelUse(form.version, table.id, what, g.text))
                    # Loose variants: without a trailing unit (columns) or numbering (rows).
                    canon = canonical_label(g.text)
                    for variant in {without_unit(canon), without_numbering(canon)} - {canon, ""}:
                        self._add(loose, variant, LabelUse(form.version, table.id, what, g.text))
        # A loose variant is accepted only where it is not itself a label and names one label
        # in each version (``其他处理``: 2019's data row, 2021's group — the same official label).
        for variant, uses in loose.items():
            if variant in self.uses:
                continue
            per_version: dict[str, set[tuple[str, str, str]]] = {}
            for u in uses:
                per_version.setdefault(u.version, set()).add((u.table, u.what, u.official))
            if all(len(meanings) == 1 for meanings in per_version.values()):
                self.uses[variant] = uses

    @staticmethod
    def _add(index: dict[str, list[LabelUse]], key: str, use: LabelUse) -> None:
        bucket = index.setdefault(key, [])
        if use not in bucket:
            bucket.append(use)

    def lookup(self, text: object) -> list[LabelUse]:
        """Every use of the label ``text`` names (empty when it is no official label).  Remembered
        per text: a table is looked over many times, and the same labels and figures come back in
        every file of a 汇总 (the answer is the index's own list: not to be changed)."""
        if not isinstance(text, str) or len(text) > MAX_LABEL_CHARS * 2:
            return []
        known = self._looked_up.get(text)
        if known is not None:
            return known
        canon = canonical_label(text)
        uses = self.uses.get(canon)
        if uses is None:
            uses = (self.uses.get(without_unit(canon)) or self.uses.get(without_numbering(canon))
                    or self._with_note(canon) or _NO_USES)
        if len(self._looked_up) >= _MAX_LOOKED_UP:
            self._looked_up.clear()
        self._looked_up[text] = uses
        return uses

    def _with_note(self, canon: str) -> list[LabelUse] | None:
        """The uses of a row's or column's label followed by a note on what to count in brackets, as
        a template may print one (``规章(设区的市、自治州人民政府应提供相关数据)``, ``上一年项目数量
        (指2019年底的数量)``), else None."""
        note = _TRAILING_NOTE.search(canon)
        uses = self.uses.get(canon[:note.start()].rstrip()) if note and note.start() >= 2 else None
        return [u for u in uses if u.what in ("row", "col")] or None if uses else None

    def row_prefixes(self) -> frozenset[str]:
        """Every beginning of a canonical row or group label (what the first part of a label
        split over two cells can be)."""
        if self._prefixes is None:
            self._prefixes = frozenset(canon[:i] for canon, uses in self.uses.items()
                                       if any(u.what in ("row", "group") for u in uses) for i in range(1, len(canon)))
        return self._prefixes

    def versions_only(self, version: str) -> frozenset[str]:
        """Canonical labels used by ``version`` and by no other version of the index (found once per version)."""
        only = self._only.get(version)
        if only is None:
            mine = {c for c, uses in self.uses.items() if any(u.version == version for u in uses)}
            others = {c for c, uses in self.uses.items() if any(u.version != version for u in uses)}
            only = self._only[version] = frozenset(mine - others)
        return only


def heading_key(text: object, forms: Iterable[FormSpec] | None = None) -> str | None:
    """The section key ("一"…"六") a heading names, accepting the declared variants, ``1、``
    numbering instead of ``一、`` and a heading without its numeral; None if it is no heading."""
    if not isinstance(text, str) or len(text) > 80:
        return None
    canon = canonical_label(text)
    if not canon or len(canon) > 40:
        return None
    bare = _HEADING_NUMBER.sub("", canon)
    forms = tuple(forms) if forms is not None else tuple(FORMS.values())
    key = tuple(id(f) for f in forms)
    table = _HEADING_TABLES.get(key)
    if table is None:
        table = _HEADING_TABLES[key] = _headings(forms)
    return table.get(canon) or table.get(("bare", bare))


_HEADING_NUMBER = re.compile(r"^(\d{1,2}\.|[一二三四五六七八九十]{1,3}、)")


_HEADING_TABLES: dict[tuple[int, ...], dict] = {}


def _headings(forms: tuple[FormSpec, ...]) -> dict:
    """canonical heading → section key, and ("bare", heading without its numeral) → key."""
    out: dict = {}
    for form in forms:
        for section in form.sections:
            for name in (section.heading, *form.heading_variants.get(section.key, ())):
                official = canonical_label(name)
                out.setdefault(official, section.key)
                out.setdefault(("bare", _HEADING_NUMBER.sub("", official)), section.key)
    return out
