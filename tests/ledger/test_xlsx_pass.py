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
