"""Reading reports in office formats we do not parse ourselves: old Word (.doc) and WPS (.wps)
documents, RTF, OpenDocument text (.odt) and spreadsheets (.ods).

The file is converted to .docx / .xlsx by an office suite installed on the machine — LibreOffice
(``io/office_suite``), or on Windows WPS / Microsoft Word / Excel through COM — and the converted
copy is read by the Word or Excel reader.  The clerk's file is never touched: a copy is converted
in a temporary folder, which is removed afterwards.  Without a converter the clerk is told what to
install or how to save the file as .docx / .xlsx from WPS or Word.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ...core.errors import ReadError
from ..notes import Note
from ..registry import ImportResult
from .office_suite import SHEET_PROGRAMS, WORD_PROGRAMS, SofficeCancelled, SofficeFailed, find_soffice, run_com, run_soffice

CONVERT_TIMEOUT = 120  # seconds: a report converts in a few


@dataclass(frozen=True)
class _Target:
    suffix: str          # what the copy is converted to
    convert_to: str      # LibreOffice's --convert-to argument
    what: str            # the target, as the clerk knows it
    save_as: str         # how to save it from WPS / Word / Excel by hand


_DOCUMENT = _Target(".docx", "docx:MS Word 2007 XML", "Word 文档", "在 WPS 或 Word 中打开，“另存为”Word 文档（.docx）")
_WORKBOOK = _Target(".xlsx", "xlsx:Calc MS Excel 2007 XML", "Excel 工作簿",
                    "在 WPS 表格或 Excel 中打开，“另存为”Excel 工作簿（.xlsx）")

# kind (as registry.sniff names it) → what the file is, for the clerk, and its target
_KINDS = {"doc": ("旧版 Word/WPS 文档", _DOCUMENT), "rtf": ("RTF 文档", _DOCUMENT),
          "odt": ("OpenDocument 文本（.odt）", _DOCUMENT), "ods": ("OpenDocument 表格（.ods）", _WORKBOOK)}


def read_doc(path: Path) -> ImportResult:
    return _read_converted(Path(path), "doc")


def read_rtf(path: Path) -> ImportResult:
    return _read_converted(Path(path), "rtf")


def read_odt(path: Path) -> ImportResult:
    return _read_converted(Path(path), "odt")


def read_ods(path: Path) -> ImportResult:
    return _read_converted(Path(path), "ods")


def _read_converted(path: Path, kind: str) -> ImportResult:
    with converted_copy(path, kind) as (converted, said):
        result = _read_target(converted, _KINDS[kind][1], path.name)
    result.notes.insert(0, Note(f"{said}请核对读取的数字。", "conversion"))
    result.kind = kind
    return result


@contextmanager
def converted_copy(path: Path, kind: str) -> Iterator[tuple[Path, str]]:
    """A copy of ``path`` (a ``kind`` of ``_KINDS``: doc, rtf, odt, ods) converted to .docx / .xlsx in
    a temporary folder, removed afterwards, and what to tell the clerk about it
    (“…是旧版 Word/WPS 文档，已由LibreOffice转换为Word 文档后读取（原文件未改动）。”).  Raises
    ``ReadError`` (what to install, or how to save the file by hand) when it cannot be converted."""
    what, target = _KINDS[kind]
    with tempfile.TemporaryDirectory(prefix="govreport-convert-", ignore_cleanup_errors=True) as tmp:
        folder = Path(tmp)
        source = folder / f"source{path.suffix.lower() or '.bin'}"
        shutil.copyfile(path, source)   # LibreOffice never sees (or locks) the clerk's file
        converted, program = _convert(source, target, folder, path, what)
        yield converted, f"“{path.name}”是{what}，已由{program}转换为{target.what}后读取（原文件未改动）。"


def _read_target(converted: Path, target: _Target, name: str) -> ImportResult:
    if target is _DOCUMENT:
        from ..published.word_import import read_package
        return read_package(converted.read_bytes(), name)
    from ..workbook.excel_import import read_xlsx
    return read_xlsx(converted)


def _convert(source: Path, target: _Target, folder: Path, original: Path, what: str) -> tuple[Path, str]:
    soffice = find_soffice()
    if soffice:
        return _convert_soffice(soffice, source, target, folder, original, what), "LibreOffice"
    if sys.platform == "win32":  # pragma: no cover - Windows only
        converted = _convert_com(source, target, folder)
        if converted is not None:
            return converted
    raise ReadError(f"“{original.name}”是{what}，需要借助 LibreOffice（免费）或 WPS/Word 转换后才能读取，"
                    f"但本机没有找到。请{target.save_as}后再导入；或安装 LibreOffice 后重试。")


def _convert_soffice(soffice: str, source: Path, target: _Target, folder: Path, original: Path, what: str) -> Path:
    outdir = folder / "out"
    outdir.mkdir()
    try:
        return run_soffice(soffice, source, target.convert_to, outdir, CONVERT_TIMEOUT)
    except SofficeCancelled:  # no caller cancels a reader; kept for completeness
        raise ReadError(f"已取消读取“{original.name}”。") from None
    except SofficeFailed as exc:
        if exc.reason == "start":
            raise ReadError(f"无法启动 LibreOffice 转换“{original.name}”（{exc.detail}）。"
                            f"请检查 LibreOffice 安装，或{target.save_as}后再导入。") from None
        if exc.reason == "timeout":
            raise ReadError(f"LibreOffice 转换“{original.name}”超过 {CONVERT_TIMEOUT} 秒仍未完成，已停止。"
                            f"文件可能已损坏或过大；请{target.save_as}后再导入。") from None
        raise ReadError(f"LibreOffice 无法打开“{original.name}”（{what}可能已损坏，或设置了密码）。"
                        f"请{target.save_as}后再导入。") from None


def _convert_com(source: Path, target: _Target, folder: Path) -> tuple[Path, str] | None:  # pragma: no cover
    """WPS / Word (documents) or WPS 表格 / Excel (workbooks) through COM; None when none works."""
    out = folder / f"converted{target.suffix}"

    def save(app) -> None:
        if target is _DOCUMENT:
            doc = app.Documents.Open(str(source), ReadOnly=True)
            doc.SaveAs2(str(out), 16)   # wdFormatDocumentDefault (.docx)
        else:
            doc = app.Workbooks.Open(str(source), ReadOnly=True)
            doc.SaveAs(str(out), 51)    # xlOpenXMLWorkbook (.xlsx)
        doc.Close(False)

    name, _problems = run_com(WORD_PROGRAMS if target is _DOCUMENT else SHEET_PROGRAMS, save, out)
    return (out, name) if name else None
