"""The fast .xlsx pass of the ledger reader (one expat pass) reads what openpyxl reads: values, date
cells in both date systems, shared and inline strings, formula results, merged ranges, hidden
sheets, parts written with a namespace prefix; a workbook laid out otherwise goes through openpyxl."""

from __future__ import annotations

import datetime as dt
import io
import random
import re
import zipfile

import openpyxl
import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from govreport_gui.io.workbook import ledger_read
from govreport_gui.io.workbook.ledger_xlsx import Unusual, read_sheets

from .ledger_builders import Style, case_rows, ledger_rows, random_apps, random_cases
from .ledger_files import write_xlsx

LIMITS = (ledger_read.MAX_LEDGER_ROWS, ledger_read.MAX_LEDGER_COLS, ledger_read.MAX_BLANK_RUN, 60)


def both(path):
    fast = ledger_read._read_xlsx(path)
    slow = ledger_read._read_xlsx_openpyxl(path)
    return fast, slow


def same(fast, slow):
    fast, slow = sorted(fast, key=lambda s: s.name), sorted(slow, key=lambda s: s.name)   # openpyxl's: hidden last
    assert [(s.name, s.hidden) for s in fast] == [(s.name, s.hidden) for s in slow]
    for a, b in zip(fast, slow):
        assert len(a.rows) == len(b.rows), a.name
        for i, (ra, rb) in enumerate(zip(a.rows, b.rows)):
            width = max(len(ra), len(rb))
            pad = lambda r: tuple(r) + (None,) * (width - len(r))   # noqa: E731
            assert pad(ra) == pad(rb), (a.name, i + 1, ra, rb)
        assert sorted(a.merges) == sorted(b.merges)


@pytest.mark.parametrize("seed", range(6))
def test_the_fast_pass_reads_what_openpyxl_reads(tmp_path, seed):
    rng = random.Random(seed)
    rows, _ = ledger_rows(random_apps(rng, 2025, 80), Style.random(rng, "2021"))
    path = write_xlsx(tmp_path / "a.xlsx", {"说明": [("填表说明",)], "2025年": rows, "案件": case_rows(random_cases(rng, 2025, 9), rng)},
                      merges={"2025年": ["A1:C1"]}, hidden=("说明",))
    same(*both(path))


def test_the_1904_date_system(tmp_path):
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.append(["申请人类型", "收到日期"])
    ws.append(["公民", dt.datetime(2025, 3, 1)])
    ws["B2"].number_format = "yyyy\"年\"m\"月\"d\"日\""
    path = tmp_path / "mac.xlsx"
    wb.save(path)
    fast, slow = both(path)
    same(fast, slow)
    assert fast[0].rows[1][1] == dt.datetime(2025, 3, 1)


def _rewrite(path, member, change):
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    parts[member] = change(parts[member].decode("utf-8")).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def test_inline_strings_formulas_and_prefixed_parts(tmp_path):
    path = write_xlsx(tmp_path / "b.xlsx", {"S": [("申请人类型", "数"), ("公民", 3)]})
    sheet = "xl/worksheets/sheet1.xml"
    # an inline string, a formula with its result, and every element written as x:… (a .NET writer)
    _rewrite(path, sheet, lambda xml: xml.replace(
        '<c r="B2" t="n"><v>3</v></c>', '<c r="B2"><f>1+2</f><v>3</v></c><c r="C2" t="inlineStr"><is><t>企业</t></is></c>'))
    _rewrite(path, sheet, lambda xml: re.sub(r"<(/?)(?!\?)(\w+)", r"<\1x:\2", xml).replace(
        'xmlns="http://schemas', 'xmlns:x="http://schemas'))
    fast = ledger_read._read_xlsx(path)
    assert fast[0].rows == [("申请人类型", "数"), ("公民", 3, "企业")]


def test_a_workbook_laid_out_otherwise_is_read_through_openpyxl(tmp_path, monkeypatch):
    path = write_xlsx(tmp_path / "c.xlsx", {"S": [("申请人类型",), ("公民",)]})
    broken = tmp_path / "d.xlsx"
    broken.write_bytes(path.read_bytes())
    _rewrite(broken, "xl/_rels/workbook.xml.rels", lambda xml: xml.replace('Id="rId1"', 'Id="rIdX"'))
    with pytest.raises(Unusual):          # a sheet whose part the pass cannot find
        read_sheets(broken, *LIMITS)

    def unusual(*args):
        raise Unusual("another layout")
    from govreport_gui.io.workbook import ledger_xlsx
    monkeypatch.setattr(ledger_xlsx, "read_sheets", unusual)
    assert ledger_read._read_xlsx(path)[0].rows == [("申请人类型",), ("公民",)]


def _move(path, member, to):
    """The package with ``member`` stored as ``to``, the relationships and content types following it."""
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist()}
    parts[to] = parts.pop(member)
    old, new = member.removeprefix("xl/"), to.removeprefix("xl/")
    for name in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
        parts[name] = parts[name].replace(old.encode(), new.encode())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    path.write_bytes(buffer.getvalue())


def _shared_strings_book(path, rows):
    """A workbook as Excel saves it: its text in the shared strings part (openpyxl writes it inline)."""
    write_xlsx(path, {"S": rows})
    strings: list[str] = []

    def shared(match):
        strings.append(match.group(2))
        return f'<c r="{match.group(1)}" t="s"><v>{len(strings) - 1}</v></c>'
    _rewrite(path, "xl/worksheets/sheet1.xml",
             lambda xml: re.sub(r'<c r="(\w+)" t="inlineStr"><is><t>([^<]*)</t></is></c>', shared, xml))
    items = "".join(f"<si><t>{text}</t></si>" for text in strings)
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    with zipfile.ZipFile(path, "a") as z:
        z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{main}" count="{len(strings)}">{items}</sst>')
    _rewrite(path, "xl/_rels/workbook.xml.rels", lambda xml: xml.replace("</Relationships>", (
        '<Relationship Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
        'Target="sharedStrings.xml" Id="rId9"/></Relationships>')))
    _rewrite(path, "[Content_Types].xml", lambda xml: xml.replace("</Types>", (
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')))
    return path


def test_strings_and_styles_kept_where_the_relationships_say(tmp_path):
    """Another writer may keep the shared strings and styles at other paths (the workbook's
    relationships name them): the text cells are read, not taken for empty cells."""
    path = _shared_strings_book(tmp_path / "e.xlsx", [("申请人类型", "收到日期"), ("公民", dt.datetime(2025, 3, 1))])
    with zipfile.ZipFile(path) as z:
        assert "xl/sharedStrings.xml" in z.namelist() and "xl/styles.xml" in z.namelist()
    _move(path, "xl/sharedStrings.xml", "xl/strings/shared.xml")
    _move(path, "xl/styles.xml", "xl/look/styles.xml")
    rows = ledger_read._read_xlsx(path)[0].rows
    assert rows[0] == ("申请人类型", "收到日期")
    assert rows[1][0] == "公民" and rows[1][1] == dt.datetime(2025, 3, 1)


def test_a_text_cell_whose_string_is_missing_is_not_read_as_empty(tmp_path):
    path = _shared_strings_book(tmp_path / "f.xlsx", [("申请人类型",), ("公民",)])
    _rewrite(path, "xl/_rels/workbook.xml.rels",
             lambda xml: re.sub(r'<Relationship [^>]*sharedStrings[^>]*/>', "", xml))
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i.filename) for i in z.infolist() if i.filename != "xl/sharedStrings.xml"}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    path.write_bytes(buffer.getvalue())
    with pytest.raises(Unusual):
        read_sheets(path, *LIMITS)
