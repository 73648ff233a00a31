"""One place for each fact: the official formats live in ``core/forms``, the rules in ``core/rules``,
a cell has one name, no function grows past what a reader can follow and no block is written twice.
These fail when new code spells a table id, a section id, a format version (as text or as a year
number) or a rule id, names a cell in its own way, or copies six lines."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "govreport_gui"
FORMS = PACKAGE / "core" / "forms"
RULES = PACKAGE / "core" / "rules.py"
MAX_FUNCTION_LINES = 60


def _sources():
    for path in sorted(PACKAGE.rglob("*.py")):
        if FORMS not in path.parents:
            yield path, ast.parse(path.read_text(encoding="utf-8"), str(path))


def _declared() -> tuple[set[str], set[str], set[str]]:
    from govreport_gui.core.forms import FORMS as DECLARED
    tables = {t for form in DECLARED.values() for t in form.tables}
    sections = {s.key for form in DECLARED.values() for s in form.sections}
    return tables, sections, set(DECLARED)


def _numeral_tables(tree: ast.AST) -> set[int]:
    """Constants that are keys of a table of Chinese numerals (一 → 1 …): digits, not ids."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
            if {"七", "八", "九"} <= set(keys):
                out |= {id(k) for k in node.keys}
    return out


def _docstrings(tree: ast.AST) -> set[int]:
    """The docstrings (their examples may show a message as the clerk reads it: ``表三“…”``)."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def _spelled_inside_strings() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A table named inside a text (表二, 三表) and a version's number or years inside a text
    (“2019、2020 年用2019版”): both follow from the declarations (``tables_named``, ``version_hint``)."""
    from govreport_gui.core.forms import FORMS as DECLARED
    tables, _, _ = _declared()
    ids = "|".join(sorted(tables))
    years = sorted({str(y) for f in DECLARED.values() for y in (f.version, f.first_year, f.last_year) if y})
    return (re.compile(rf"表\s*[（(]?(?:{ids})|(?:{ids})\s*表"),
            re.compile(r"(?<!\d)(?:%s)(?!\d)" % "|".join(years)))


def test_no_table_or_version_inside_a_string_outside_the_declarations():
    table_in_text, version_in_text = _spelled_inside_strings()
    found = []
    for path, tree in _sources():
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs \
                    and (table_in_text.search(node.value) or version_in_text.search(node.value)):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {node.value[:60]!r}")
    assert found == [], ("name tables with forms.tables_named / CellKey.name(), versions with "
                         "forms.version_hint / FormSpec:\n" + "\n".join(found))


def test_the_string_check_sees_a_table_or_a_version_in_a_text():
    table_in_text, version_in_text = _spelled_inside_strings()
    assert table_in_text.search("如表三勾稽不平") and table_in_text.search("三表没有")
    assert table_in_text.search("见表 四") and table_in_text.search("表（二）") and table_in_text.search("四 表")
    assert version_in_text.search("2019、2020 年用2019版")
    assert not table_in_text.search("统一表述") and not version_in_text.search("20190")


def _version_years() -> set[int]:
    """The years the declarations name: each version's number and the first and last year it serves."""
    from govreport_gui.core.forms import FORMS as DECLARED
    return {int(y) for f in DECLARED.values() for y in (f.version, f.first_year, f.last_year) if y}


def _spelled(node: ast.AST, spelled: set[str], years: set[int]) -> bool:
    """A constant that is a table, section or version id, or a version's year as a number
    (``if year >= 2021``: a version hint written by hand)."""
    if not isinstance(node, ast.Constant) or isinstance(node.value, bool):
        return False
    return node.value in spelled if isinstance(node.value, str) else node.value in years


def test_no_table_section_or_version_literal_outside_the_declarations():
    tables, sections, versions = _declared()
    spelled, years = tables | sections | versions, _version_years()
    found = []
    for path, tree in _sources():
        numerals = _numeral_tables(tree)
        for node in ast.walk(tree):
            if _spelled(node, spelled, years) and id(node) not in numerals:
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {node.value!r}")
    assert found == [], "take these from core/forms (FormSpec / TableSpec / Layout):\n" + "\n".join(found)


_FILE_SUFFIXES = ("html", "htm", "png", "json", "xlsx", "docx", "pdf", "txt", "zip", "log")


def _rule_ids() -> tuple[set[str], re.Pattern[str]]:
    """Every declared rule id, and the shape of any id in their name spaces (``prose.…``, ``三.…``)
    — so a new rule spelled outside the registry is caught before it is declared.  A file name in
    the same words (the guide's ``ledger.html``) is no rule id."""
    from govreport_gui.core.rules import known_ids
    ids = known_ids()
    spaces = sorted({i.split(".")[0] for i in ids})
    return ids, re.compile(r"^(?:%s)\.(?!(?:%s)$)[a-z_]+$" % ("|".join(map(re.escape, spaces)), "|".join(_FILE_SUFFIXES)))


def test_no_rule_id_outside_the_registry():
    ids, shape = _rule_ids()
    found = []
    for path, tree in _sources():
        if path == RULES:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                    and (node.value in ids or shape.match(node.value)):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: {node.value!r}")
    assert found == [], "declare the rule in core/rules (or with the tables) and use its id:\n" + "\n".join(found)


def test_the_rule_id_check_sees_an_undeclared_rule():
    ids, shape = _rule_ids()
    assert "yoy.change" in ids and "三.balance" in ids
    assert shape.match("prose.phrasing") and shape.match("二.new_rule")
    assert not shape.match("正文.something") and not shape.match("ledger.html")
    assert shape.match("ledger.htmlish")


# f-strings that build a cell's name from its labels: 表{…}“{…}”/“{…}”, …”行“…, “{…}”/“{…}”,
# {key.row}/{key.col} or {key.table}表 — CellKey.name() (or row_name()) does that
_OWN_CELL_NAME = re.compile(r"(表\{[^}]*\})?“\{[^}]*\}”(/|行)?“\{[^}]*\}”|\{[\w.]*row\}/\{[\w.]*col\}|\{[\w.]*table\}表")


def test_messages_name_cells_only_through_cell_name():
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path == FORMS / "spec.py":
            continue
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _OWN_CELL_NAME.search(line):
                found.append(f"{path.relative_to(PACKAGE.parent)}:{i}: {line.strip()}")
    assert found == [], "name cells with CellKey.name():\n" + "\n".join(found)


def test_the_cell_name_pattern_is_caught():
    assert _OWN_CELL_NAME.search('f"表{key.table}“{key.row}”/“{key.col}”"')
    assert _OWN_CELL_NAME.search('f"表{t}“{r}”行“{c}”"')
    assert _OWN_CELL_NAME.search('f"修改“{g.key.row}”/“{g.key.col}”"')
    assert _OWN_CELL_NAME.search('f"合计：{key.row}/{key.col}"') and _OWN_CELL_NAME.search('f"{key.table}表没有"')
    assert not _OWN_CELL_NAME.search('f"{key.name()}合计"')


def test_no_function_is_longer_than_a_screen():
    long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno} {node.name} ({lines} lines)")
    assert long == [], f"split into named steps (at most {MAX_FUNCTION_LINES} lines):\n" + "\n".join(long)


def test_the_literal_check_sees_a_spelled_table_id(tmp_path):
    tree = ast.parse('x = form.tables["三"]\nDIGITS = {"七": 7, "八": 8, "九": 9, "三": 3}\n')
    numerals = _numeral_tables(tree)
    spelled = [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and n.value == "三" and id(n) not in numerals]
    assert spelled == ["三"]


def test_the_literal_check_sees_a_version_year_as_a_number():
    tables, sections, versions = _declared()
    tree = ast.parse("if year >= 2021:\n    pass\nrows = 2022\nok = True\n")
    found = [n.value for n in ast.walk(tree) if _spelled(n, tables | sections | versions, _version_years())]
    assert found == [2021] and 2022 not in _version_years()


# A block written twice: RUN significant lines the same to the letter (white space folded; blank
# lines, comments, imports and lone brackets or keywords passed over) in two places of the package.
# The format declarations (core/forms) are data and may look alike.
RUN = 6
_NOT_SIGNIFICANT = re.compile(r"\s*(?:#.*|import .*|from \S+ import .*|[)\]}:,]*|else:|try:|finally:|pass|\"\"\")\s*")


def _repeated_blocks(files: dict[str, str]) -> list[str]:
    places: dict[tuple[str, ...], list[str]] = {}
    for name, text in files.items():
        lines = [(i, " ".join(line.split())) for i, line in enumerate(text.splitlines(), 1)
                 if not _NOT_SIGNIFICANT.fullmatch(line)]
        for k in range(len(lines) - RUN + 1):
            places.setdefault(tuple(s for _, s in lines[k:k + RUN]), []).append(f"{name}:{lines[k][0]}")
    return [" = ".join(where) for where in places.values() if len(where) > 1]


def test_no_block_is_written_twice():
    files = {str(p.relative_to(PACKAGE.parent)): p.read_text(encoding="utf-8")
             for p in sorted(PACKAGE.rglob("*.py")) if FORMS not in p.parents}
    repeated = _repeated_blocks(files)
    assert repeated == [], (f"{RUN} lines written again: make them one function both places call:\n"
                            + "\n".join(repeated[:20]))


def test_the_block_check_sees_a_copied_block():
    block = "".join(f"    total += row[{i}] * weight\n" for i in range(RUN))
    first = f"def a(row):\n    total = 0\n{block}    return total\n"
    second = f"def b(row, weight):\n    # the same sum again\n\n{block.replace('    ', '        ', 1)}"
    assert _repeated_blocks({"a.py": first, "b.py": second}) == ["a.py:3 = b.py:4"]
    assert _repeated_blocks({"a.py": first, "b.py": block.replace("weight", "w")}) == []
