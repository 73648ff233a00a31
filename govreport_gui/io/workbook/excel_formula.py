"""Recompute simple formulas whose cached value a file lacks (files written by programs).

Only what report workbooks use: numbers, references to cells of the same sheet (``A1``, ``$B$2``,
``表二!B4`` inside 表二), ranges inside ``SUM``, ``+ - * /`` and brackets.  Values are exact
(int / Decimal).

Anything else is "cannot recompute", never a guess: a formula, *or any cell it refers to*, that
refers to another sheet or workbook, uses another function, holds an error value or text, is part
of a circular reference, or is a formula whose text could not be read raises ``CannotEvaluate``
with the reason in Chinese and the cell it concerns.  (A blank cell is 0, as in Excel.)

``SharedFormulas`` gives the cells of a shared formula group their own formula: the file keeps
the text only in the group's first cell; the others are that formula moved to their position.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from ...core.forms import Kind
from ...core.values import ValueProblem, parse_value, shorten
from ..locate.sheet_grid import cell_ref

LOG = logging.getLogger(__name__)

_TOKEN = re.compile(
    r"\s*(?:(?P<sheet>(?:\[[^\]]*\])?(?:'(?:[^']|'')+'|[^\s'!()+\-*/,:=<>&^\"#\[\]]+)!)"
    r"|(?P<range>\$?[A-Za-z]{1,3}\$?\d+:\$?[A-Za-z]{1,3}\$?\d+)"
    r"|(?P<ref>\$?[A-Za-z]{1,3}\$?\d+)(?![\w(])"
    r"|(?P<func>[A-Za-z][A-Za-z0-9._]*)\s*\("
    r"|(?P<num>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)"
    r"|(?P<error>#(?:NULL!|DIV/0!|VALUE!|REF!|NAME\?|NUM!|N/A|GETTING_DATA|SPILL!|CALC!))"
    r"|(?P<op>[-+*/(),]))")
_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")
_ERROR_VALUES = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA",
                 "#SPILL!", "#CALC!"}
MAX_DEPTH = 40            # cells referring to formula cells referring to … (a report needs 2–3)
MAX_NESTING = 100         # brackets, signs and cells one inside the other, all formulas together
MAX_FORMULA_CHARS = 8192  # Excel's own limit
MAX_RANGE_CELLS = 5000
MAX_CELL_VISITS = 200_000  # cells looked at while recomputing one sheet (a hostile file: no hang)


class CannotEvaluate(Exception):
    """Why a formula cannot be recomputed here.  ``reason`` reads after its subject (“公式…”/“B4”):
    ``"引用了其他工作表“Sheet2”"``; ``cell`` is the (row, col) it concerns when that is not the
    formula's own cell, ``formula`` that cell's formula if it has one."""

    def __init__(self, reason: str, cell: tuple[int, int] | None = None, formula: str | None = None):
        super().__init__(reason)
        self.reason = reason
        self.cell = cell
        self.formula = formula


def parse_ref(ref: str) -> tuple[int, int]:
    """``"C5"`` → (4, 2) — (row, col) from 0."""
    m = _REF.fullmatch(ref)
    if not m:
        raise CannotEvaluate(f"含有本程序不能理解的单元格地址“{ref}”")
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


def from_float(x: float) -> Decimal:
    """A float as the decimal a spreadsheet shows (15 significant digits: 0.1+0.2 → 0.3)."""
    return Decimal(format(x, ".15g"))


#: Beyond this (either way) a number is no figure of a report, and Excel could not hold it exactly
#: (15 digits): refused before ``int()`` or further arithmetic (``1E+99999999999`` would need GBs).
MAX_MAGNITUDE = 15
OUT_OF_RANGE = "的计算结果超出范围（数字过大或过小，不是年报中的数字）"


def _bounded(value: Decimal) -> Decimal:
    """``value`` when it is a number a report can hold; else ``CannotEvaluate``."""
    if not value.is_finite():
        raise CannotEvaluate(OUT_OF_RANGE)
    if value and not -MAX_MAGNITUDE <= value.adjusted() <= MAX_MAGNITUDE:
        raise CannotEvaluate(OUT_OF_RANGE)
    return value


def _exact(value: Decimal) -> int | Decimal:
    value = _bounded(value)
    return int(value) if value == value.to_integral_value() else value


# ---------------------------------------------------------------------------------------------


ValueAt = Callable[[int, int], object]            # the cell's cached value (None: empty or none)
FormulaAt = Callable[[int, int], "str | None"]    # its formula; "" for a formula whose text is unknown
InArea = Callable[[int, int], bool]               # whether the cell was read at all


class SheetEvaluator:
    """Recomputes formulas of one sheet: every cell once (memoised), circular references found."""

    def __init__(self, name: str, value_at: ValueAt, formula_at: FormulaAt, in_area: InArea | None = None):
        self.name = name
        self.value_at = value_at
        self.formula_at = formula_at
        self.in_area = in_area or (lambda r, c: True)
        self._done: dict[tuple[int, int], Decimal | CannotEvaluate] = {}
        self._active: list[tuple[int, int]] = []
        self._visits = 0
        self.nesting = 0          # how deep the parsers are, across the formulas being computed

    def formula_value(self, formula: str, at: tuple[int, int] | None = None) -> int | Decimal:
        """The value of ``formula`` (the formula of cell ``at``); raises ``CannotEvaluate``."""
        if at is not None:
            return _exact(self._cell(*at, in_range=False, force=formula))
        return _exact(self._evaluate(formula))

    def explain(self, exc: CannotEvaluate, formula: str, at: tuple[int, int]) -> str:
        """Why ``formula`` (in cell ``at``) cannot be recomputed, as one clause:
        ``公式“=B4+1”引用的 B4（公式“=Sheet2!A1”）引用了其他工作表“Sheet2”``."""
        own = f"公式“{shorten(formula)}”"
        if exc.cell is None or exc.cell == at:
            return own + exc.reason
        inner = f"（公式“{shorten(exc.formula)}”）" if exc.formula else ""
        return f"{own}用到的 {cell_ref(*exc.cell)} 单元格{inner}{exc.reason}"

    # -- cells --------------------------------------------------------------------------------

    def _cell(self, row: int, col: int, in_range: bool, force: str | None = None) -> Decimal:
        pos = (row, col)
        self._visits += 1
        if self._visits > MAX_CELL_VISITS:
            raise CannotEvaluate("要计算的单元格过多（本程序只重新计算简单的公式）")
        if force is None:
            done = self._done.get(pos)
            if isinstance(done, Decimal):
                return done
            if done is not None:
                raise done
        if pos in self._active:
            cells = [cell_ref(*p) for p in self._active[self._active.index(pos):] + [pos]]
            loop = "→".join(cells if len(cells) <= 6 else cells[:3] + ["…"] + cells[-2:])
            raise CannotEvaluate(f"是循环引用（{loop}，公式直接或间接引用了它自己）", pos)
        if not self.in_area(row, col):
            raise CannotEvaluate("超出了本程序读取的范围", pos)
        raw = None if force is not None else self.value_at(row, col)
        formula = force if force is not None else (self.formula_at(row, col) if raw is None else None)
        if formula is not None:
            if not formula.strip().lstrip("="):
                exc = CannotEvaluate("是公式，但文件中读不到它的公式内容", pos)
                self._done[pos] = exc
                raise exc
            if len(self._active) >= MAX_DEPTH:
                raise CannotEvaluate("所在的公式一层套一层引用过深", pos, formula)
            self._active.append(pos)
            self.nesting += 1
            try:
                value = self._evaluate(formula)
            except CannotEvaluate as exc:
                if exc.cell is None:
                    exc.cell, exc.formula = pos, formula
                self._done[pos] = exc
                raise
            finally:
                self._active.pop()
                self.nesting -= 1
            self._done[pos] = value
            return value
        return self._plain(raw, pos, in_range)

    def _plain(self, raw: object, pos: tuple[int, int], in_range: bool) -> Decimal:
        """A cell without a formula to recompute: its value as Excel would use it."""
        if raw is None:
            return Decimal(0)
        if isinstance(raw, bool):
            raise CannotEvaluate(f"是逻辑值{'TRUE' if raw else 'FALSE'}，不是数字", pos)
        if isinstance(raw, float):
            if raw != raw or raw in (float("inf"), float("-inf")):
                raise CannotEvaluate("不是有效数字", pos)
            return from_float(raw)
        if isinstance(raw, (int, Decimal)):
            return _bounded(Decimal(raw))
        if isinstance(raw, (datetime, date, time, timedelta)):
            raise CannotEvaluate("是日期或时间，不是数字", pos)
        text = str(raw).strip()
        if not text:
            return Decimal(0)
        if text.upper() in _ERROR_VALUES:
            raise CannotEvaluate(f"是错误值 {text.upper()}", pos)
        shown = text if len(text) <= 20 else text[:20] + "…"
        number = _number_in_text(text)
        if number is _BLANK:
            return Decimal(0)
        if in_range:
            if number is None:
                return Decimal(0)   # a label inside a summed range: SUM leaves text out, so do we
            raise CannotEvaluate(f"是以文字形式保存的数字“{shown}”（Excel 求和时不计入它，结果无法确定）", pos)
        try:
            value = Decimal(text)
            if value.is_finite():
                return _bounded(value)   # "12" + 1: Excel reads plain numeric text as a number
        except InvalidOperation:
            pass
        raise CannotEvaluate(f"是文字“{shown}”，不是数字", pos)

    # -- formulas -----------------------------------------------------------------------------

    def _evaluate(self, formula: str) -> Decimal:
        text = formula.strip()
        text = text[1:] if text.startswith("=") else text
        if len(text) > MAX_FORMULA_CHARS:
            raise CannotEvaluate("过长")
        tokens = []
        pos = 0
        text = text.strip()
        while pos < len(text):
            m = _TOKEN.match(text, pos)
            if not m or m.end() == pos:
                rest = text[pos:].strip()
                raise CannotEvaluate(f"含有本程序不能计算的写法“{rest[:15]}{'…' if len(rest) > 15 else ''}”")
            pos = m.end()
            kind = m.lastgroup
            assert kind is not None   # every alternative of _TOKEN is a named group
            tokens.append((kind, m.group(kind)))
        if not tokens:
            raise CannotEvaluate("是空的")
        parser = _Parser(tokens, self)
        nesting = self.nesting
        try:
            value = parser.expr()
        except ZeroDivisionError:   # decimal's DivisionByZero and DivisionUndefined (0/0) too
            raise CannotEvaluate("中除数为0（Excel 显示 #DIV/0!）") from None
        except ArithmeticError:     # InvalidOperation, Overflow
            raise CannotEvaluate(OUT_OF_RANGE) from None
        except RecursionError:      # not expected (MAX_NESTING): a limit, not a crash
            raise CannotEvaluate("嵌套的括号、正负号或层层引用过多") from None
        finally:
            self.nesting = nesting  # an error left the parser half way down
        if parser.i != len(tokens):
            raise CannotEvaluate(f"含有本程序不能计算的写法“{tokens[parser.i][1]}”")
        return value


_BLANK = object()


def _number_in_text(text: str):
    """The number a clerk meant by a text (“12件”, “1,234”, “3万元”), ``_BLANK`` for a blank mark
    (“—”, “无”), None for text that is no number."""
    for kind in (Kind.COUNT, Kind.MONEY):
        try:
            value = parse_value(text, kind).value
        except ValueProblem:
            continue
        return _BLANK if value is None else value
    return None


class _Parser:
    def __init__(self, tokens, sheet: SheetEvaluator):
        self.tokens, self.sheet, self.i = tokens, sheet, 0

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else (None, None)

    def take(self):
        tok = self.peek()
        self.i += 1
        return tok

    def deeper(self, by: int) -> None:
        self.sheet.nesting += by
        if self.sheet.nesting > MAX_NESTING:
            raise CannotEvaluate("嵌套的括号、正负号或层层引用过多")

    def expr(self) -> Decimal:
        self.deeper(1)
        value = self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            op = self.take()[1]
            rhs = self.term()
            value = value + rhs if op == "+" else value - rhs
        self.deeper(-1)
        return value

    def term(self) -> Decimal:
        value = self.unary()
        while self.peek() in (("op", "*"), ("op", "/")):
            op = self.take()[1]
            rhs = self.unary()
            value = value * rhs if op == "*" else value / rhs
        return value

    def unary(self) -> Decimal:
        if self.peek() in (("op", "+"), ("op", "-")):
            op = self.take()[1]
            self.deeper(1)
            v = self.unary()
            self.deeper(-1)
            return -v if op == "-" else v
        return self.atom()

    def own_sheet(self) -> None:
        """A sheet prefix (``Sheet2!``) before a reference: only the formula's own sheet is read."""
        if self.peek()[0] != "sheet":
            return
        prefix = self.take()[1][:-1]
        if prefix.startswith("["):
            raise CannotEvaluate("引用了其他工作簿")
        name = prefix[1:-1].replace("''", "'") if prefix.startswith("'") else prefix
        if name.casefold() != self.sheet.name.casefold():
            raise CannotEvaluate(f"引用了其他工作表“{name}”")
        if self.peek()[0] not in ("ref", "range"):
            raise CannotEvaluate(f"含有本程序不能计算的写法“{prefix}!”")

    def atom(self) -> Decimal:
        self.own_sheet()
        kind, text = self.take()
        if kind == "num":
            return _bounded(Decimal(text))
        if kind == "ref":
            return self.sheet._cell(*parse_ref(text), in_range=False)
        if kind == "range":
            raise CannotEvaluate(f"把区域“{text}”用在了 SUM 之外（本程序只能计算 SUM 和加减乘除）")
        if kind == "error":
            raise CannotEvaluate(f"含有错误值 {text.upper()}")
        if kind == "op" and text == "(":
            v = self.expr()
            if self.take() != ("op", ")"):
                raise CannotEvaluate("的括号不配对")
            return v
        if kind == "func" and text.upper() == "SUM":
            total = Decimal(0)
            while True:
                if self.peek() == ("op", ")"):
                    self.take()
                    return total
                if self.peek()[0] is None:
                    raise CannotEvaluate("的括号不配对")
                self.own_sheet()
                if self.peek()[0] == "range":
                    total += self.range(self.take()[1])
                elif self.peek()[0] == "ref" and self.tokens[self.i + 1:self.i + 2] in ([("op", ",")], [("op", ")")]):
                    total += self.sheet._cell(*parse_ref(self.take()[1]), in_range=True)
                else:
                    total += self.expr()
                if self.peek() == ("op", ","):
                    self.take()
                elif self.peek()[0] is None:
                    raise CannotEvaluate("的括号不配对")
                elif self.peek() != ("op", ")"):
                    raise CannotEvaluate(f"含有本程序不能计算的写法“{self.peek()[1] or ''}”")
        if kind == "func":
            raise CannotEvaluate(f"使用了函数 {text.upper()}（本程序只能重新计算 SUM 和加减乘除）")
        if kind is None:
            raise CannotEvaluate("不完整")
        raise CannotEvaluate(f"含有本程序不能计算的写法“{text}”")

    def range(self, text: str) -> Decimal:
        a, b = text.split(":")
        (r1, c1), (r2, c2) = parse_ref(a), parse_ref(b)
        r1, r2 = sorted((r1, r2))
        c1, c2 = sorted((c1, c2))
        if (r2 - r1 + 1) * (c2 - c1 + 1) > MAX_RANGE_CELLS:
            raise CannotEvaluate(f"求和的区域“{text}”过大")
        return sum((self.sheet._cell(r, c, in_range=True) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)),
                   Decimal(0))


# ---------------------------------------------------------------------------------------------


class SharedFormulas:
    """The shared formula groups of one sheet (``<f t="shared" si="0">`` in the sheet XML).

    The group's first cell holds the text; every other cell has only ``si``.  Its formula is the
    first one moved to its position (``SUM(B2:B4)`` in C5 becomes ``SUM(C2:C4)`` in D5), made
    when asked for (a sheet may have thousands)."""

    def __init__(self) -> None:
        self.masters: dict[str, tuple[str, str]] = {}   # si -> (formula "=…", its cell "B2")
        self.children: dict[tuple[int, int], str] = {}  # (row, col) -> si

    def add_first(self, si: str, row: int, col: int, text: str) -> None:
        """The group's first cell, which holds the formula text."""
        self.masters.setdefault(si, ("=" + text, cell_ref(row, col)))

    def add_other(self, si: str, row: int, col: int) -> None:
        self.children[(row, col)] = si

    def formula(self, row: int, col: int) -> str | None:
        """The formula of a group's cell: ``""`` when it cannot be made, None if no group's cell."""
        si = self.children.get((row, col))
        if si is None:
            return None
        master = self.masters.get(si)
        if master is None:
            return ""
        if len(master[0]) > MAX_FORMULA_CHARS + 1:
            # Too long to be computed anyway (``_evaluate`` says 过长): not moved, which would tokenise
            # the whole text once per cell of the group (minutes for a 10 KB file).
            return master[0]
        from openpyxl.formula.translate import Translator
        try:
            return Translator(master[0], origin=master[1]).translate_formula(cell_ref(row, col))
        except Exception:  # a formula openpyxl's tokenizer cannot read: unknown, not a guess
            # per cell (thousands in a hostile file): kept only when the log is set to DEBUG
            LOG.debug("共享公式 %s 移到 %s 时出错", master[0][:200], cell_ref(row, col), exc_info=True)
            return ""
