"""Ledger files written from rows, the way Excel, WPS and a text export would hold them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import openpyxl


def write_xlsx(path: Path, sheets: dict[str, list[tuple]], merges: dict[str, list[str]] | None = None,
               hidden: tuple[str, ...] = ()) -> Path:
    """Sheets by name → rows.  Date cells get a date format, as Excel gives them."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, 1):
            for c, value in enumerate(row, 1):
                if value is None or value == "":
                    continue
                cell = ws.cell(r, c, value)
                if isinstance(value, (dt.date, dt.datetime)):
                    cell.number_format = "yyyy/m/d"
        for ref in (merges or {}).get(name, []):
            ws.merge_cells(ref)
        if name in hidden:
            ws.sheet_state = "hidden"
    wb.save(path)
    return path


def as_text(value: object) -> str:
    """A cell as a text export writes it (dates as Excel shows them)."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return f"{value.year}/{value.month}/{value.day}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def write_text(path: Path, rows: list[tuple], encoding: str, delimiter: str = ",") -> Path:
    """A CSV / tab-separated text file in ``encoding`` (``utf-16`` writes the BOM as Excel does)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow([as_text(v) for v in row])
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def to_xls(src: Path, outdir: Path) -> Path:
    """``src`` (.xlsx) converted to .xls by LibreOffice (the caller skips when it is absent)."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    assert exe
    outdir.mkdir(parents=True, exist_ok=True)
    subprocess.run([exe, f"-env:UserInstallation=file://{outdir / 'lo-profile'}", "--headless", "--convert-to", "xls",
                    "--outdir", str(outdir), str(src)], check=True, capture_output=True, timeout=180)
    out = outdir / (src.stem + ".xls")
    assert out.exists()
    return out
