"""The file side of consolidation: find the units' files, read each through the registry, and
export the unit list (with every problem) to Excel for sending back to the units.

``read_units`` reports progress and polls a cancel flag between files so a Qt worker thread can
drive it; it never raises for a unit's file — a file that cannot be read becomes an unreadable
unit with the reader's message.  No Qt here.
"""

from __future__ import annotations

import io
import logging
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..core.consolidate import Consolidation, Unit, unit_from_report, unit_unreadable
from ..core.errors import ReadError, WriteError, error_code
from ..core.serialize import write_atomic
from .notes import kind_of
from .registry import KINDS, kind_name
from .safety.text_safety import safe_cell, xml_safe
from .write.sheet_print import fit_a4_width

LOG = logging.getLogger(__name__)

# Files that may hold a unit's report (others in a folder are skipped and named).
# in folders: every suffix a reader of the registry takes (and the old office formats, which get
# their own message when no converter is there), and what units send that holds a report the
# clerk must first take out or have saved otherwise (an archive, an OFD): listed as units that
# cannot be read, saying what to do, not skipped with the folder's pictures
UNIT_SUFFIXES = tuple(dict.fromkeys([*(s for k in KINDS if k.reader is not None for s in k.suffixes),
                                     ".doc", ".wps", ".et", ".zip", ".rar", ".7z", ".ofd"]))

Progress = Callable[[int, int, str], None]   # (done, total, file name being read)


@dataclass
class FileList:
    files: list[Path] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)   # messages: not a report file, missing, …


def _is_temp(path: Path) -> bool:
    return path.name.startswith(("~$", ".~lock", "._")) or path.name.startswith(".")


def collect_files(items: Iterable[str | os.PathLike], exclude: Iterable[str | os.PathLike] = ()) -> FileList:
    """Expand files and folders (recursively) into the list of unit files, sorted per folder.

    A file named explicitly is always taken (its reader says if it is not a report); in folders
    only files with a report suffix are, and Office lock files are skipped."""
    excluded = {_norm(p) for p in exclude}
    out = FileList()
    seen: set[str] = set()

    def add(path: Path) -> None:
        key = _norm(path)
        if key in seen or key in excluded:
            return
        seen.add(key)
        out.files.append(path)

    for item in items:
        path = Path(item)
        if path.is_dir():
            found = []
            for root, dirs, files in os.walk(path):
                # hidden folders, and the folders a browser saves a page's pictures and scripts in
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not d.lower().endswith(("_files", ".files")))
                for name in sorted(files):
                    p = Path(root) / name
                    if _is_temp(p):
                        continue
                    if p.suffix.lower() in UNIT_SUFFIXES:
                        found.append(p)
                    else:
                        out.skipped.append(f"“{p}”不是年报文件（扩展名{p.suffix or '无'}），已跳过")
            if not found:
                out.skipped.append(f"文件夹“{path}”中没有年报文件（{'、'.join(UNIT_SUFFIXES)}）")
            for p in found:
                add(p)
        elif path.exists():
            add(path)
        else:
            out.skipped.append(f"找不到“{path}”")
    return out


def _norm(path: str | os.PathLike) -> str:
    try:
        return str(Path(path).resolve())
    except OSError:
        return str(path)


def read_unit(path: Path, name: str | None = None) -> Unit:
    """One unit from one file; never raises for a bad file."""
    from .registry import read_report
    name = name or path.name
    try:
        result = read_report(path)
    except ReadError as exc:
        return unit_unreadable(name, _not_a_report(path, name, str(exc)), str(path))
    except Exception as exc:  # a reader bug must not stop a consolidation of 300 files
        LOG.exception("汇总：读取 %s 时意外出错", path)
        return unit_unreadable(name, f"读取时出错{error_code(exc)}，文件可能已损坏", str(path))
    unread = [note for note in result.notes if kind_of(note) == "problem"]   # figures left blank
    return unit_from_report(name, result.report, str(path), result.kind, result.notes, result.previous, unread)


def _not_a_report(path: Path, name: str, message: str) -> str:
    """The reader's message, or, for a unit's ledger sent instead of its report, what that is and
    what to do (a workbook, a web page or a text table whose ledger header is found)."""
    from ..core.forms import newest_form
    from ..core.ledger.tables import fill_action
    from .registry import sniff
    from .workbook.ledger_like import LEDGER_KINDS, looks_like_ledger
    try:
        kind = sniff(path)
    except ReadError:
        kind = ""
    if not (kind in LEDGER_KINDS or path.suffix.lower() in (".csv", ".txt")) or not looks_like_ledger(path, newest_form().ledger):
        return message
    return (f"“{name}”是依申请公开登记台账，不是年度报告，无法汇总：请该单位报送本单位的年度报告（Word、Excel 或 PDF）。"
            f"如要由台账计数，请在编辑器中用“文件→{fill_action()}”（或命令行 govreport ledger）生成该单位的报告后再汇总。")


def display_names(files: list[Path]) -> list[str]:
    """File names, with the folder added where two files share a name."""
    counts: dict[str, int] = {}
    for f in files:
        counts[f.name] = counts.get(f.name, 0) + 1
    return [f.name if counts[f.name] == 1 else f"{f.parent.name}/{f.name}" for f in files]


@dataclass
class ReadResult:
    units: list[Unit]
    skipped: list[str]
    cancelled: bool = False


def read_units(files: list[Path], progress: Progress | None = None,
               cancelled: Callable[[], bool] | None = None, *, read=None) -> ReadResult:
    """Read every file as a unit, in worker processes on every core (``parallel_read``), in the
    order given.  ``progress(done, total, name)`` is called as batches of units come in and once
    at the end; when ``cancelled()`` turns true, reading stops at once and what was read is
    returned with ``cancelled=True``.  ``read`` replaces the reader run in the workers (tests)."""
    from .parallel_read import ParallelReader, read_unit_in_worker
    names = display_names(files)
    total = len(files)
    got: dict[int, Unit] = {}

    def on_batch(pairs: list[tuple[int, Unit]]) -> None:
        got.update(pairs)
        if progress is not None:
            progress(len(got), total, pairs[-1][1].name)
    reader = ParallelReader(files, names, read=read or read_unit_in_worker)
    finished = reader.run(on_batch, cancelled or (lambda: False))
    if progress is not None and finished:
        progress(total, total, "")
    return ReadResult([got[i] for i in sorted(got)], [], cancelled=not finished)


# ---------------------------------------------------------------------------------------------
# Exporting the unit list

UNIT_LIST_HEADERS = ("序号", "文件", "机关名称", "报告年度", "格式版本", "文件类型", "是否计入", "错误数", "警告数",
                     "问题及原因", "读取说明")




def _version_text(u: Unit) -> str:
    """``2021版``, or ``2019版（已转换为2021版）`` for a unit counted after conversion (what moved
    where is in 问题及原因)."""
    if not u.version:
        return ""
    if u.conversion is not None:
        return f"{u.version}版（已转换为{u.conversion.target}版）"
    return f"{u.version}版"


def unit_rows(units: list[Unit]) -> list[list[object]]:
    rows = []
    for i, u in enumerate(units, 1):
        rows.append([
            i, u.name, u.agency, u.year or "", _version_text(u),
            kind_name(u.kind) if u.kind else "",
            ("计入" if u.include and u.readable else "未计入") + ("（手动）" if u.chosen else ""), u.errors if u.readable else "",
            u.warnings if u.readable else "", u.problem_text(), "；".join(u.notes),
        ])
        rows[-1] = [safe_cell(v) for v in rows[-1]]
    return rows


def export_unit_list(path: str | os.PathLike, consolidation: Consolidation | list[Unit],
                     title: str = "") -> None:
    """Write the unit list (every unit, included or not, with its problems) as an Excel workbook;
    a second sheet lists each unit's errors and warnings.  Atomic; raises ``WriteError``."""
    from openpyxl import Workbook

    units = consolidation.units if isinstance(consolidation, Consolidation) else consolidation
    path = Path(path)
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise WriteError(f"单位清单只能导出为 Excel 工作簿（.xlsx），不能导出为“{path.suffix or path.name}”。")
    wb = Workbook()
    ws = wb.active
    ws.title = "单位清单"
    row = _write_list_head(ws, consolidation, units, title)
    _write_unit_rows(ws, row, units)
    detail = wb.create_sheet("各单位校验结果")
    _write_unit_findings(detail, units)
    for sheet, repeat in ((ws, row), (detail, 1)):
        _print_setup(sheet, repeat)
    buffer = io.BytesIO()
    wb.save(buffer)
    try:
        write_atomic(path, buffer.getvalue())
    except WriteError as exc:   # the dialog and the command line tell the clerk; the log keeps why
        LOG.warning("未能导出单位清单 %s：%s", os.path.abspath(path), exc, exc_info=True)
        raise


def _write_list_head(ws, consolidation: Consolidation | list[Unit], units: list[Unit], title: str) -> int:
    """Title, counts and the warnings about the sum itself; returns the row for the header."""
    from openpyxl.styles import Alignment, Font
    width = len(UNIT_LIST_HEADERS)
    row = 1
    if title:
        ws.cell(1, 1, xml_safe(title)).font = Font(bold=True, size=14)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
        row = 2
    if isinstance(consolidation, Consolidation):
        included = len(consolidation.included)
        ws.cell(row, 1, f"共{len(units)}个文件，计入{included}个，未计入{len(units) - included}个。")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        row += 1
        # What the sum itself needs checked (stocks, units converted from another version, …).
        for warning in consolidation.warnings:
            cell = ws.cell(row, 1, safe_cell(f"注意：{warning}"))
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            ws.row_dimensions[row].height = 15 * max(1, min(-(-len(warning) // 100), 6))
            row += 1
    return row


def _write_unit_rows(ws, header_row: int, units: list[Unit]) -> None:
    """The header row and one row per unit, units left out or with problems shaded."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    row = header_row
    for c, text in enumerate(UNIT_LIST_HEADERS, 1):
        cell = ws.cell(row, c, text)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDE6F0")
        cell.alignment = Alignment(horizontal="center", vertical="center")
    warn_fill = PatternFill("solid", fgColor="FCE4D6")
    for values in unit_rows(units):
        row += 1
        for c, v in enumerate(values, 1):
            cell = ws.cell(row, c, v)
            cell.alignment = Alignment(vertical="top", wrap_text=c >= 10 or c == 5)
        lines = max(1, *(-(-len(str(values[i])) // chars) for i, chars in ((9, 30), (10, 16))))
        ws.row_dimensions[row].height = 15 * min(lines, 12)
        if values[6] == "未计入" or values[9]:
            for c in range(1, len(UNIT_LIST_HEADERS) + 1):
                ws.cell(row, c).fill = warn_fill
    for i, w in enumerate((5, 24, 24, 9, 12, 8, 9, 7, 7, 64, 34), 1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.freeze_panes = ws.cell(header_row + 1, 1)


def _write_unit_findings(detail, units: list[Unit]) -> None:
    """Every unit's errors and warnings (accepted ones marked), one per row."""
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter
    for c, text in enumerate(("文件", "机关名称", "类别", "规则", "内容"), 1):
        detail.cell(1, c, text).font = Font(bold=True)
    r = 1
    for u in units:
        for f in u.findings:
            if f.severity.value == "info":
                continue
            r += 1
            label = f.severity.label + ("（已确认）" if not f.is_open else "")
            for c, v in enumerate((u.name, u.agency, label, f.rule, f.message), 1):
                detail.cell(r, c, safe_cell(v)).alignment = Alignment(vertical="top", wrap_text=c == 5)
    for i, w in enumerate((28, 30, 12, 22, 90), 1):
        detail.column_dimensions[get_column_letter(i)].width = w


def _print_setup(ws, header_row: int) -> None:
    """Landscape A4, all columns on one page width, the header row repeated on every page."""
    fit_a4_width(ws, landscape=True, title_rows=(header_row, header_row))
