"""Readable builders of report workbooks in the layouts clerks use (no binary fixtures).

``official(report)`` lays each table out like the printed one (from the format's grid) at any
position, with or without merges, on its own sheet or together; ``plain_list(report)`` writes
``row label | column label | value`` rows; options turn labels into real-world variants, numbers
into text as clerks type it, and totals into formulas with or without cached values.
"""

from __future__ import annotations

import io
import random
import re
import subprocess
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

from govreport_gui.core import recalculate
from govreport_gui.core.forms import CellKey, Kind, Role, get_form
from govreport_gui.core.report import Metadata, Report
from govreport_gui.core.values import format_value

Label = Callable[[str], str]


def same(text: str) -> str:
    return text


def variant(text: str) -> str:
    """Labels as found in real reports: 新收到/转结, 1、, half-width brackets, U+3000, line breaks."""
    text = text.replace("新收", "新收到").replace("结转", "转结")
    text = re.sub(r"^(\d)\.", r"\1、", text)
    text = text.replace("（", "(").replace("）", ")")
    if len(text) > 6:
        text = text[:3] + "\u3000" + text[3:5] + "\n" + text[5:]
    return " " + text + " "


def filled_report(version: str, seed: int = 1, year: int | None = None, agency: str = "某某县交通运输局") -> Report:
    """Every input cell filled (some blank), 三 balanced, a few money decimals."""
    rnd = random.Random(seed)
    form = get_form(version)
    year = year or (2020 if version == "2019" else 2024)
    report = Report(version, Metadata(agency=agency, year=year))
    for key in form.input_keys():
        kind = form.cell(key).kind
        if rnd.random() < 0.15:
            continue
        if kind is Kind.MONEY:
            report.set(key, Decimal(rnd.randrange(0, 10**7)) / 100)
        elif kind is Kind.SIGNED:
            report.set(key, rnd.randrange(-20, 20))
        else:
            report.set(key, rnd.randrange(0, 50))
    balance(report)
    return report


def balance(report: Report) -> None:
    """Set 四、结转下年度继续办理 so that 一 + 二 = （七）总计 + 四 in every column (if possible)."""
    form = report.form
    table = form.tables["三"]
    new, carried_in, total_row, carried_out = (table.rows[0], table.rows[1], table.rows[-2], table.rows[-1])
    computed = recalculate(form, report.values)
    for col in table.cols[:-1]:
        inflow = (report.get(CellKey("三", new, col)) or 0) + (report.get(CellKey("三", carried_in, col)) or 0)
        results = computed[CellKey("三", total_row, col)]
        if inflow < results:
            report.set(CellKey("三", new, col), (report.get(CellKey("三", new, col)) or 0) + results - inflow)
            inflow = results
        report.set(CellKey("三", carried_out, col), inflow - results)


# ---------------------------------------------------------------------------------------------


def official(report: Report, *, one_sheet: bool = False, origin: tuple[int, int] = (1, 1),
             merged: bool = True, label: Label = same, number: Callable[[object, Kind], object] | None = None,
             totals: str = "values", title: bool = True, side_by_side: bool = False) -> openpyxl.Workbook:
    """The tables laid out as printed.  ``origin`` is the (row, column) of the first table (1-based).

    ``totals``: ``"values"`` (totals typed as numbers), ``"formulas"`` (``=SUM`` formulas; without
    cached values, as a program writes them), ``"none"`` (total cells left empty)."""
    form = report.form
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "年报" if one_sheet else "表二"
    computed = recalculate(form, report.values)
    row0, col0 = origin
    if title:
        ws.cell(row=1, column=1, value=f"{report.meta.agency}{report.meta.year}年政府信息公开工作年度报告")
        row0 = max(row0, 3)
    for i, section in enumerate(s for s in form.sections if s.table):
        table = form.tables[section.table]
        if not one_sheet and i:
            ws = wb.create_sheet(f"表{section.table}")
            row0, col0 = origin
        ws.cell(row=row0, column=col0, value=label(section.heading))
        top = row0 + 1
        pos = {g.key: (top + g.row, col0 + g.col) for g in table.grid if g.key}
        for g in table.grid:
            r, c = top + g.row, col0 + g.col
            if g.text:
                ws.cell(row=r, column=c, value=label(g.text))
            if merged and (g.rowspan > 1 or g.colspan > 1):
                ws.merge_cells(start_row=r, start_column=c, end_row=r + g.rowspan - 1, end_column=c + g.colspan - 1)
            if g.key is None:
                continue
            kind = form.cell(g.key).kind
            if g.role is Role.INPUT:
                value = report.values.get(g.key)
                if value is not None:
                    ws.cell(row=r, column=c, value=number(value, kind) if number else value)
            elif totals == "values":
                ws.cell(row=r, column=c, value=computed[g.key])
        if totals == "formulas":
            for total in form.totals:
                if total.target.table == table.id:
                    refs = ",".join(f"{get_column_letter(pos[k][1])}{pos[k][0]}" for k in total.addends)
                    r, c = pos[total.target]
                    ws.cell(row=r, column=c, value=f"=SUM({refs})")
        if side_by_side and one_sheet:
            col0 += table.n_cols + 2
        else:
            row0 = top + table.n_rows + 3
    return wb


def plain_list(report: Report, label: Label = same) -> openpyxl.Workbook:
    """``表 | 行 | 列 | 数值`` rows, one per non-blank input cell, in a shuffled order."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["表", "项目", "栏目", "数值"])
    keys = [k for k in report.form.input_keys() if report.values.get(k) is not None]
    random.Random(3).shuffle(keys)
    for key in keys:
        ws.append([f"表{key.table}", label(key.row), label(key.col), report.values[key]])
    return wb


def save(wb: openpyxl.Workbook, path: Path) -> Path:
    wb.save(path)
    return path


def as_clerk_types(value: object, kind: Kind) -> object:
    """Numbers as text the way clerks type them, cycling through the forms seen in real files."""
    if kind is Kind.MONEY:
        return f"{format_value(value)}万元"
    v = int(value)
    forms = [f"{v}件", _fullwidth(v), f"{v:,}", f"{v}"]
    if kind is Kind.SIGNED and v > 0:
        return f"+{v}"
    return forms[v % len(forms)]


def _fullwidth(v: int) -> str:
    return str(v).translate(str.maketrans("0123456789-", "０１２３４５６７８９－"))


def set_cached_values(path: Path, sheet_xml: str, values: dict[str, object]) -> None:
    """Give formula cells a cached value, as Excel does when it saves (openpyxl cannot)."""
    with zipfile.ZipFile(path) as zin:
        parts = {i.filename: zin.read(i.filename) for i in zin.infolist()}
    xml = parts[sheet_xml].decode()
    for ref, value in values.items():
        xml, n = re.subn(rf'(<c r="{ref}"[^>]*><f>[^<]*</f>)<v\s*/?>(</v>)?', rf"\g<1><v>{value}</v>", xml)
        assert n == 1, ref
    parts[sheet_xml] = xml.encode()
    rewrite_zip(path, parts)


def set_cells(path: Path, sheet_xml: str, cells: dict[str, str]) -> None:
    """Replace whole ``<c>`` elements of a sheet by XML written here — formulas openpyxl cannot
    write (shared, array, no cached value) or cached error values.  Each cell must exist (give it
    any value first); ``cells`` maps ``"D6"`` to e.g. ``'<f t="shared" si="0"/>'`` (the content)
    or to a full ``'<c r="D6" t="e"><v>#DIV/0!</v></c>'``."""
    with zipfile.ZipFile(path) as zin:
        parts = {i.filename: zin.read(i.filename) for i in zin.infolist()}
    xml = parts[sheet_xml].decode()
    for ref, content in cells.items():
        element = content if content.startswith(("<c ", "<c>")) else f'<c r="{ref}">{content}</c>'
        xml, n = re.subn(rf'<c r="{ref}"(?:[^>]*/>|[^>]*>.*?</c>)', lambda _m: element, xml, flags=re.S)
        assert n == 1, ref
    parts[sheet_xml] = xml.encode()
    rewrite_zip(path, parts)


def rewrite_zip(path: Path, parts: dict[str, bytes]) -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts.items():
            zout.writestr(name, data)
    path.write_bytes(buf.getvalue())


def zip_parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {i.filename: z.read(i.filename) for i in z.infolist()}


def soffice_convert(src: Path, fmt: str, outdir: Path, infilter: str | None = None) -> Path:
    """Convert with LibreOffice (the caller skips when it is absent); returns the new file.
    ``infilter``: the import filter (``"HTML (StarCalc)"`` opens a web page in Calc, not Writer)."""
    from govreport_gui.io.office.office_suite import find_soffice
    exe = find_soffice()
    assert exe
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir / "lo-profile"
    opts = [f"--infilter={infilter}"] if infilter else []
    subprocess.run([exe, f"-env:UserInstallation=file://{profile}", "--headless", *opts, "--convert-to", fmt,
                    "--outdir", str(outdir), str(src)], check=True, capture_output=True, timeout=180)
    out = outdir / (src.stem + "." + fmt.split(":")[0])
    assert out.exists(), f"LibreOffice did not write {out}"
    return out
