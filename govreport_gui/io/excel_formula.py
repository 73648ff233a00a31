"""Recompute simple formulas whose cached value a file lacks (files written by programs).

Only what report workbooks use: numbers, references to cells of the same sheet (``A1``, ``$B$2``),
ranges inside ``SUM``, ``+ - * /`` and brackets.  Anything else is "cannot recompute" (None),
never a guess.  Values are exact (int / Decimal).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal, DivisionByZero, InvalidOperation

_TOKEN = re.compile(r"\s*(?:(?P<num>\d+(?:\.\d*)?|\.\d+)|(?P<range>\$?[A-Za-z]{1,3}\$?\d+:\$?[A-Za-z]{1,3}\$?\d+)"
                    r"|(?P<ref>\$?[A-Za-z]{1,3}\$?\d+)|(?P<func>[A-Za-z]+)\s*\(|(?P<op>[-+*/(),]))")
_REF = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d+)")
MAX_DEPTH = 20
MAX_RANGE_CELLS = 5000


class CannotEvaluate(Exception):
    pass


def parse_ref(ref: str) -> tuple[int, int]:
    """``"C5"`` → (4, 2) — (row, col) from 0."""
    m = _REF.fullmatch(ref)
    if not m:
        raise CannotEvaluate(ref)
    col = 0
    for ch in m.group(1).upper():
        col = col * 26 + ord(ch) - 64
    return int(m.group(2)) - 1, col - 1


Lookup = Callable[[int, int, int], "int | Decimal | None"]  # (row, col, depth) -> value


def evaluate(formula: str, lookup: Lookup, depth: int = 0) -> int | Decimal | None:
    """The value of ``formula`` (with or without the leading ``=``), or None if it cannot be
    recomputed here."""
    if depth > MAX_DEPTH:
        return None
    text = formula[1:] if formula.startswith("=") else formula
    tokens = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m or m.end() == pos:
            return None
        pos = m.end()
        kind = m.lastgroup
        tokens.append((kind, m.group(kind)))
    try:
        parser = _Parser(tokens, lookup, depth)
        value = parser.expr()
        if parser.i != len(tokens):
            return None
    except (CannotEvaluate, InvalidOperation, DivisionByZero, ZeroDivisionError):
        return None
    if isinstance(value, Decimal) and value == value.to_integral_value():
        return int(value)
    return value


class _Parser:
    def __init__(self, tokens, lookup: Lookup, depth: int):
        self.tokens, self.lookup, self.depth, self.i = tokens, lookup, depth, 0

    def peek(self):
        return self.tokens[self.i] if self.i < len(self.tokens) else (None, None)

    def take(self):
        tok = self.peek()
        self.i += 1
        return tok

    def expr(self) -> Decimal:
        value = self.term()
        while self.peek() in (("op", "+"), ("op", "-")):
            op = self.take()[1]
            rhs = self.term()
            value = value + rhs if op == "+" else value - rhs
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
            v = self.unary()
            return -v if op == "-" else v
        return self.atom()

    def atom(self) -> Decimal:
        kind, text = self.take()
        if kind == "num":
            return Decimal(text)
        if kind == "ref":
            return self.cell(*parse_ref(text))
        if kind == "op" and text == "(":
            v = self.expr()
            if self.take() != ("op", ")"):
                raise CannotEvaluate("bracket")
            return v
        if kind == "func" and text.upper() == "SUM":
            total = Decimal(0)
            while True:
                if self.peek() == ("op", ")"):
                    self.take()
                    return total
                if self.peek()[0] == "range":
                    total += self.range(self.take()[1])
                else:
                    total += self.expr()
                if self.peek() == ("op", ","):
                    self.take()
        raise CannotEvaluate(text or "end")

    def cell(self, row: int, col: int) -> Decimal:
        v = self.lookup(row, col, self.depth + 1)
        return Decimal(0) if v is None else Decimal(v)

    def range(self, text: str) -> Decimal:
        a, b = text.split(":")
        (r1, c1), (r2, c2) = parse_ref(a), parse_ref(b)
        r1, r2 = sorted((r1, r2))
        c1, c2 = sorted((c1, c2))
        if (r2 - r1 + 1) * (c2 - c1 + 1) > MAX_RANGE_CELLS:
            raise CannotEvaluate("range too large")
        return sum((self.cell(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)), Decimal(0))
