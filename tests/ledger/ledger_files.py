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


ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"')


def ods_cell(value: object, attrs: str = "") -> str:
    """One ``table:table-cell`` as LibreOffice writes it: the value typed, text in paragraphs."""
    from xml.sax.saxutils import escape
    if value is None or value == "":
        return f"<table:table-cell{attrs}/>"
    if isinstance(value, (dt.date, dt.datetime)):
        iso = value.isoformat() if isinstance(value, dt.datetime) else value.isoformat()
        return (f'<table:table-cell{attrs} office:value-type="date" office:date-value="{iso}">'
                f"<text:p>{value:%Y-%m-%d}</text:p></table:table-cell>")
    if isinstance(value, bool):
        return f'<table:table-cell{attrs} office:value-type="boolean" office:boolean-value="{str(value).lower()}"/>'
    if isinstance(value, (int, float)):
        return f'<table:table-cell{attrs} office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
    paragraphs = "".join(f"<text:p>{escape(line)}</text:p>" for line in str(value).split("\n"))
    return f'<table:table-cell{attrs} office:value-type="string">{paragraphs}</table:table-cell>'


def ods_rows(rows: list[tuple]) -> str:
    return "".join("<table:table-row>" + "".join(ods_cell(v) for v in row) + "</table:table-row>" for row in rows)


def write_ods(path: Path, tables: dict[str, str], hidden: tuple[str, ...] = (), prolog: str = "",
              extra: dict[str, bytes] | None = None) -> Path:
    """An .ods whose sheets are given as their rows' XML (``ods_rows`` or hand-written); ``prolog``
    goes before the root element of ``content.xml`` (a DOCTYPE for the hostile tests)."""
    import zipfile
    styles = ('<office:automatic-styles><style:style style:name="shown" style:family="table">'
              '<style:table-properties table:display="true"/></style:style>'
              '<style:style style:name="gone" style:family="table">'
              '<style:table-properties table:display="false"/></style:style></office:automatic-styles>')
    body = "".join(f'<table:table table:name="{name}" table:style-name="{"gone" if name in hidden else "shown"}">'
                   f"{rows}</table:table>" for name, rows in tables.items())
    content = (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<office:document-content {ODS_NS}>{styles}'
               f"<office:body><office:spreadsheet>{body}</office:spreadsheet></office:body></office:document-content>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")
        zf.writestr("content.xml", content)
        zf.writestr("META-INF/manifest.xml", '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>')
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return path


def html_rows(rows: list[tuple]) -> str:
    """Rows as HTML table rows (dates as a 政务系统 shows them: 2025/3/1)."""
    from xml.sax.saxutils import escape
    return "".join("<tr>" + "".join(f"<td>{escape(as_text(v))}</td>" for v in row) + "</tr>\n" for row in rows)


def write_html(path: Path, tables: list[str], encoding: str = "gbk", head: str = "") -> Path:
    """A web page of ``tables`` (each the inside of a ``<table>``) — how many 政务系统 export “Excel”."""
    charset = "gb2312" if encoding in ("gbk", "gb18030") else encoding
    page = (f'<html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">{head}</head><body>'
            + "".join(f'<table border="1">{t}</table>' for t in tables) + "</body></html>")
    path.write_bytes(page.encode(encoding))
    return path


def xml_cell(value: object) -> str:
    """A SpreadsheetML ``Cell`` (dates as DateTime, numbers as Number)."""
    from xml.sax.saxutils import escape
    if value is None or value == "":
        return "<Cell/>"
    if isinstance(value, (dt.date, dt.datetime)):
        stamp = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
        return f'<Cell ss:StyleID="d"><Data ss:Type="DateTime">{stamp:%Y-%m-%dT%H:%M:%S}.000</Data></Cell>'
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<Cell><Data ss:Type="Number">{value}</Data></Cell>'
    return f'<Cell><Data ss:Type="String">{escape(str(value))}</Data></Cell>'


def write_spreadsheetml(path: Path, sheets: dict[str, str], hidden: tuple[str, ...] = (), prolog: str = "",
                        styles: int = 1) -> Path:
    """Excel's “XML 电子表格 2003”: sheets by name → the inside of their ``Table`` (``xml_rows`` or by hand)."""
    style = "".join(f'<Style ss:ID="s{i}"><Font ss:FontName="宋体"/></Style>' for i in range(styles))
    body = "".join(
        f'<Worksheet ss:Name="{name}"><Table>{rows}</Table>'
        + ('<WorksheetOptions xmlns="urn:schemas-microsoft-com:office:excel"><Visible>SheetHidden</Visible>'
           "</WorksheetOptions>" if name in hidden else "") + "</Worksheet>" for name, rows in sheets.items())
    xml = (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<?mso-application progid="Excel.Sheet"?>'
           '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
           f'<Styles><Style ss:ID="d"><NumberFormat ss:Format="Short Date"/></Style>{style}</Styles>{body}</Workbook>')
    path.write_text(xml, encoding="utf-8")
    return path


def xml_rows(rows: list[tuple]) -> str:
    return "".join("<Row>" + "".join(xml_cell(v) for v in row) + "</Row>" for row in rows)
