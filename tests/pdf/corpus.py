"""PDFs of published reports made by other producers, built in code: LibreOffice converts our Word
export and HTML pages written in a few portal styles (Writer/Web) to PDF."""

from __future__ import annotations

import html
import shutil
import subprocess
import tempfile
from pathlib import Path

from report_builders import fill_every_cell
from support import require_libreoffice

from govreport_gui.core.forms.spec import Role
from govreport_gui.core.recalc import all_values
from govreport_gui.core.report import Report
from govreport_gui.core.values import format_value

PROSE = {
    "一": "本年度，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外，"
          "围绕中心工作，不断加大主动公开力度，规范依申请公开办理，完善平台建设，政府信息公开工作取得新进展。",
    "五": "一是公开内容还不够全面；二是解读形式较为单一。下一步将加强培训，提高公开质量。",
    "六": "本机关未收取信息处理费。",
}


def published_report(version: str) -> Report:
    """Every input cell filled with a distinct figure, with prose, a preamble and a signature."""
    report = fill_every_cell(version)
    report.meta.preamble = "本报告根据《中华人民共和国政府信息公开条例》要求编制，数据统计期限为本年1月1日至12月31日。"
    report.meta.issuing_organ = report.meta.agency
    report.meta.date = f"{report.meta.year + 1}年1月20日"
    report.sections.update(PROSE)
    return report


def figures(report: Report) -> dict:
    """Every figure of the report as printed: inputs and the recomputed totals."""
    return all_values(report.form, report.values)


# ---------------------------------------------------------------------------------------------
# HTML pages in the styles of government portals


STYLES = {
    # a portal page: navigation, the report inside a layout table, tables with border="1"
    "portal": dict(table='<table border="1" cellspacing="0" cellpadding="2" width="100%">', nav=True),
    # CSS borders, narrow columns so that labels wrap inside their cells, figures in <span>
    "narrow": dict(table='<table style="border-collapse:collapse" border="1" width="520">', nav=False),
}


def html_page(report: Report, style: str = "portal", filler: int = 0, thead: bool = False,
              narrow_labels: bool = False) -> str:
    """The report as a portal publishes it.  ``filler`` paragraphs before 三's table push it (and a
    row of it) across a page break; ``thead`` repeats 三's header on the next page."""
    values = figures(report)
    form = report.form
    title = f"{html.escape(report.meta.agency)}{report.meta.year}年<br>政府信息公开工作年度报告"
    body = [f'<h2 align="center">{title}</h2>' if style == "portal" else f'<p align="center"><b>{title.replace("<br>", "")}</b></p>',
            f"<p>{html.escape(report.meta.preamble)}</p>"]
    for section in form.sections:
        body.append(f"<p><b>{section.heading}</b></p>")
        if section.key in report.sections:
            body.append(f"<p>　　{html.escape(report.sections[section.key])}</p>")
        if section.table == "三":
            body.extend(f"<p>（说明第{i + 1}段）本表数据统计口径为本年度收到和办理的全部申请。</p>" for i in range(filler))
        if section.table:
            body.append(_html_table(form.table(section.table), values, STYLES[style]["table"], thead, narrow_labels))
    body.append(f'<p align="right">{html.escape(report.meta.issuing_organ)}</p>')
    body.append(f'<p align="right">{report.meta.date}</p>')
    page = "\n".join(body)
    # the report inside a layout table (LibreOffice's Writer/Web drops the first lines of a page without one)
    nav = '<div class="nav">首页 | 政务公开 | 政府信息公开年报</div>' if STYLES[style]["nav"] else ""
    page = f'{nav}<table width="100%"><tr><td>{page}</td></tr></table>'

    return f'<html><head><meta charset="utf-8"><title>年报</title></head><body>{page}</body></html>'


def _html_table(table, values: dict, opening: str, thead: bool, narrow_labels: bool) -> str:
    rows: dict[int, list[str]] = {}
    for cell in sorted(table.grid, key=lambda c: (c.row, c.col)):
        text = html.escape(cell.text)
        if cell.role in (Role.INPUT, Role.COMPUTED):
            value = values.get(cell.key)
            text = f"<span>{format_value(value)}</span>" if value is not None else ""
        span = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (f' colspan="{cell.colspan}"' if cell.colspan > 1 else "")
        width = ' width="28"' if narrow_labels and cell.role is Role.HEADER else ""
        rows.setdefault(cell.row, []).append(f"<td{span}{width}>{text}</td>")
    head = table.header_rows if thead else 0
    trs = [f"<tr>{''.join(rows.get(r, []))}</tr>" for r in range(table.n_rows)]
    if head:
        return f"{opening}<thead>{''.join(trs[:head])}</thead><tbody>{''.join(trs[head:])}</tbody></table>"
    return f"{opening}{''.join(trs)}</table>"


# ---------------------------------------------------------------------------------------------
# LibreOffice


def convert(sources: list[Path], outdir: Path, target: str = "pdf") -> list[Path]:
    """Convert ``sources`` with LibreOffice in one run (a private profile); the converted paths."""
    soffice = require_libreoffice()
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--norestore",
                        "--convert-to", target, "--outdir", str(outdir), *map(str, sources)],
                       stdin=subprocess.DEVNULL, capture_output=True, timeout=900, check=False)
    out = [outdir / (s.stem + ".pdf") for s in sources]
    missing = [p.name for p in out if not p.exists()]
    assert not missing, f"LibreOffice did not convert {missing}"
    return out


def pages_png(pdf: Path, outdir: Path) -> list[Path]:
    """The pages rendered to PNG (for looking at what a test made), when poppler is installed."""
    if not shutil.which("pdftoppm"):
        return []
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(pdf), str(outdir / pdf.stem)], check=True, timeout=120)
    return sorted(outdir.glob(pdf.stem + "*.png"))
