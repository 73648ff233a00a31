"""PDF for web publication, made from the same Word document as ``导出 Word``.

The Word document is built and self-checked by ``word_export``, then converted by an office suite
installed on the machine: LibreOffice (``soffice --headless --convert-to pdf``, with a private
profile so a LibreOffice window the clerk has open does not block the conversion) or, on Windows,
WPS / Microsoft Word through COM automation when ``pywin32`` is available.  Without one of them
the clerk is told what to install — nothing leaves the machine.

The conversion takes seconds, so the editor runs ``write_pdf`` in a worker thread and passes
``cancelled``: a function it polls while LibreOffice runs.  Cancelling (or the time limit) kills
LibreOffice with every process it started and raises; the output file is only ever written
complete (temporary file + rename), so a cancelled export leaves no file behind and an existing
file of that name untouched.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from ...core.errors import WriteError
from ...core.report import Report
from ...core.serialize import write_atomic
from ..office.office_suite import WORD_PROGRAMS, SofficeCancelled, SofficeFailed, find_soffice, run_com, run_soffice

__all__ = ["CANCELLED", "CONVERT_TIMEOUT", "NEED_OFFICE", "ExportCancelled", "find_soffice", "write_pdf"]

CONVERT_TIMEOUT = 180  # seconds
NEED_OFFICE = ("导出 PDF 需要本机安装 LibreOffice（免费）或 WPS/Word，但没有找到。"
               "请安装 LibreOffice 后重试；也可以先“导出 Word”，再在 WPS/Word 中“输出为 PDF”。")
CANCELLED = "已取消导出 PDF，没有生成文件。"


class ExportCancelled(WriteError):
    """The clerk cancelled the export; nothing was written."""

    def __init__(self, message: str = CANCELLED) -> None:
        super().__init__(message)


def _check(cancelled: Callable[[], bool] | None) -> None:
    if cancelled is not None and cancelled():
        raise ExportCancelled()


def write_pdf(path: Path, report: Report, previous: Report | None = None,
              cancelled: Callable[[], bool] | None = None) -> list[str]:
    """Write the report as PDF; ``cancelled`` (polled) stops the export with ``ExportCancelled``."""
    from .word_export import open_errors, render_docx, self_check

    path = Path(path)
    if path.is_dir():
        raise WriteError(f"无法导出到“{path}”：这是一个文件夹。请输入文件名（如“年度报告.pdf”）。")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.exists():
        raise WriteError(f"无法导出到“{path}”：文件夹“{folder}”不存在。请选择其他位置。")
    _check(cancelled)
    data, notes = render_docx(report)
    notes.append(self_check(data, report))
    _check(cancelled)
    # a LibreOffice killed on cancel may leave files in its profile: never fail on cleaning up
    with tempfile.TemporaryDirectory(prefix="govreport-pdf-", ignore_cleanup_errors=True) as tmp:
        docx_path = Path(tmp) / "report.docx"
        docx_path.write_bytes(data)
        pdf = _convert(docx_path, Path(tmp), cancelled)
        _check(cancelled)
        notes.append(f"PDF 由{pdf[1]}生成。")
        write_atomic(path, pdf[0])
    return notes + open_errors(report, previous)


def _convert(docx_path: Path, tmp: Path, cancelled: Callable[[], bool] | None = None) -> tuple[bytes, str]:
    soffice = find_soffice()
    if soffice:
        return _convert_soffice(soffice, docx_path, tmp, cancelled), "LibreOffice"
    if sys.platform == "win32":
        converted, problem = _convert_com(docx_path, tmp, cancelled)
        if converted is not None:
            return converted
        if problem:
            raise WriteError(f"用 WPS/Word 转换 PDF 失败（{problem}）。请先导出 Word，再在 WPS/Word 中另存为 PDF。")
    raise WriteError(NEED_OFFICE)


def _convert_soffice(soffice: str, docx_path: Path, tmp: Path,
                     cancelled: Callable[[], bool] | None = None) -> bytes:
    try:
        return run_soffice(soffice, docx_path, "pdf", tmp, CONVERT_TIMEOUT, cancelled).read_bytes()
    except SofficeCancelled:
        raise ExportCancelled() from None
    except SofficeFailed as exc:
        if exc.reason == "start":
            raise WriteError(f"无法启动 LibreOffice（{exc.detail}）。请检查 LibreOffice 安装后重试。") from None
        if exc.reason == "timeout":
            raise WriteError(f"LibreOffice 转换 PDF 超时（{CONVERT_TIMEOUT} 秒）。请稍后重试，或先导出 Word 再手动转换。") from None
        raise WriteError("LibreOffice 没有生成 PDF（转换失败）。请先导出 Word，再在 WPS/Word/LibreOffice 中另存为 PDF。") from None


def _convert_com(docx_path: Path, tmp: Path, cancelled: Callable[[], bool] | None = None
                 ) -> tuple[tuple[bytes, str] | None, str]:  # pragma: no cover - Windows only
    """WPS or Word through COM: ``(pdf, program)`` or ``(None, what went wrong)`` ("" when neither
    program is installed)."""
    pdf = tmp / "report.pdf"

    def export(app) -> None:
        doc = app.Documents.Open(str(docx_path), ReadOnly=True)
        try:
            doc.ExportAsFixedFormat(str(pdf), 17)  # wdExportFormatPDF
        finally:
            doc.Close(False)

    name, problems = run_com(WORD_PROGRAMS, export, pdf, lambda: _check(cancelled))
    return ((pdf.read_bytes(), name), "") if name else (None, "；".join(problems))
