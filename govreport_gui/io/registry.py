"""Readers and writers, registered by the kind of file; the kind is recognised by content.

Readers return an ``ImportResult``: the report, last year's report when the file holds one, and
notes — everything the reader had to interpret or could not place, for the clerk to see.  Heavy
libraries are imported only when a reader or writer of that kind runs.
"""

from __future__ import annotations

import importlib
import logging
import os
import stat
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import field
from pathlib import Path

from ..core.errors import ReadError, WriteError, cannot_read, error_code, not_a_regular_file
from ..core.records import record
from ..core.report import Report
from ..core.serialize import NATIVE_SUFFIX, save_json, save_native

MAX_INPUT_BYTES = 200 * 1024 * 1024
LOG = logging.getLogger(__name__)


@record(frozen=False)
class ImportResult:
    """What a reader gives: the report, last year's when the file holds it, and what the reading made of it."""

    report: Report
    previous: Report | None = None
    notes: list[str] = field(default_factory=list)   # conversions made, labels not placed, …
    kind: str = ""                                    # "native" / "json" / "xlsx" / "xls" / "docx"
    found_in: dict[str, str] = field(default_factory=dict)   # table id → where it was read ("第2个表格（第3页）")


Reader = Callable[[Path], ImportResult]
Writer = Callable[..., list[str]]   # (path, report, previous[, cancelled=…]) → notes


@record
class FileKind:
    """One kind of file the application reads and/or writes: everything about it in one record.

    ``reader``/``writer`` are "module:function" (imported only when used) or a callable.  A file is
    *read* by the kind ``sniff`` recognises from its content; it is *written* by the kind whose
    first suffix the output path carries.  ``suffixes`` also make up the file choosers' type lists."""

    kind: str                          # what ``sniff`` answers, and ``ImportResult.kind``
    name: str                          # the clerk's name for it: Excel 工作簿, Word 文档 …
    suffixes: tuple[str, ...]          # the first is the one written
    reader: str | Reader | None = None
    writer: str | Writer | None = None
    write_name: str = ""               # the name in 导出为… when it differs (PDF: 网上发布用)
    cancellable: bool = False          # the writer takes ``cancelled=`` (it runs for seconds)
    slow_to_read: bool = False         # reading takes seconds (an office suite converts, pages parsed)

    @property
    def export_name(self) -> str:
        return self.write_name or self.name


_HERE = "govreport_gui.io.registry"
# In the order of the file menus.  A new kind of file is one record here (and its content in ``sniff``).
KINDS: tuple[FileKind, ...] = (
    FileKind("native", "年报项目文件", (NATIVE_SUFFIX,), reader=f"{_HERE}:read_json", writer=f"{_HERE}:write_native"),
    FileKind("json", "数据文件（JSON）", (".json",), reader=f"{_HERE}:read_json", writer=f"{_HERE}:write_json"),
    FileKind("docx", "Word 文档", (".docx", ".docm", ".dotx"),
             reader="govreport_gui.io.published.word_import:read_docx", writer="govreport_gui.io.write.word_export:write_docx"),
    FileKind("xlsx", "Excel 工作簿", (".xlsx", ".xlsm"),
             reader="govreport_gui.io.workbook.excel_import:read_xlsx", writer="govreport_gui.io.write.excel_export:write_xlsx"),
    FileKind("xls", "Excel 97-2003 工作簿", (".xls", ".et"), reader="govreport_gui.io.workbook.excel_import:read_xls"),
    FileKind("html", "网页", (".html", ".htm"), reader="govreport_gui.io.published.html_import:read_html"),
    # converted to .docx/.xlsx by LibreOffice (or WPS/Word/Excel on Windows), then read as such
    FileKind("doc", "旧版 Word/WPS 文档", (".doc", ".wps", ".dot"), reader="govreport_gui.io.office.office_convert:read_doc",
             slow_to_read=True),
    FileKind("rtf", "RTF 文档", (".rtf",), reader="govreport_gui.io.office.office_convert:read_rtf",
             slow_to_read=True),
    FileKind("odt", "OpenDocument 文本", (".odt",), reader="govreport_gui.io.office.office_convert:read_odt",
             slow_to_read=True),
    FileKind("ods", "OpenDocument 表格", (".ods",), reader="govreport_gui.io.office.office_convert:read_ods",
             slow_to_read=True),
    FileKind("mhtml", "网页（单个文件）", (".mhtml", ".mht"), reader="govreport_gui.io.published.html_import:read_mhtml"),
    FileKind("pdf", "PDF 文件", (".pdf",), reader="govreport_gui.io.published.pdf_import:read_pdf", slow_to_read=True,
             writer="govreport_gui.io.write.pdf_export:write_pdf",
             write_name="PDF（网上发布用）", cancellable=True),
)


def kind_named(kind: str) -> FileKind | None:
    return next((k for k in KINDS if k.kind == kind), None)


def kind_for_suffix(suffix: str) -> FileKind | None:
    """The kind that writes files with this suffix (its first suffix), else one that carries it."""
    suffix = suffix.lower()
    return (next((k for k in KINDS if k.suffixes[0] == suffix), None)
            or next((k for k in KINDS if suffix in k.suffixes), None))


def kind_name(kind: str) -> str:
    entry = kind_named(kind)
    return entry.name if entry else kind


def writer_kinds() -> list[FileKind]:
    """The kinds that can be written, in menu order (whether or not this installation has the writer)."""
    return [k for k in KINDS if k.writer is not None]


def _resolve(target):
    if callable(target):
        return target
    module_name, func = target.split(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("govreport_gui"):
            return None
        raise
    return getattr(module, func, None)


def sniff(path: Path) -> str:
    """The kind of file, from its first bytes (and zip directory), not its extension."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a pipe or a device would block or never end
            raise not_a_regular_file(path, stat.S_ISDIR(info.st_mode), "报告")
        size = info.st_size
        with open(path, "rb") as f:
            head = f.read(8)
    except OSError as exc:
        raise cannot_read(path, exc) from None
    if size == 0:
        raise ReadError(f"“{path.name}”是空文件。")
    if size > MAX_INPUT_BYTES:
        raise ReadError(f"“{path.name}”过大（{size // 1024 // 1024} MB），不是年报文件。")
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):  # a damaged version field too
            raise ReadError(f"“{path.name}”已损坏（压缩包结构不完整），无法读取。请用 Word/WPS/Excel 打开后另存一份再试。") from None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names or any(n.startswith("xl/") for n in names):
            return "xlsx"
        odf = _odf_kind(path) if "mimetype" in names else None
        if odf:
            return odf
        raise ReadError(_zip_not_a_report(path, names))
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return _sniff_ole(path)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"{\\rtf"):
        return "rtf"
    other = _other_kind(path, head)
    if other:
        raise ReadError(other)
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{") or (not stripped and _json_after_whitespace(path)):
        return "json"
    page = _sniff_page(path)
    if page:
        return page
    suffix = path.suffix.lower()
    entry = kind_for_suffix(suffix) if suffix else None
    if entry is not None and entry.reader is not None:
        raise ReadError(f"“{path.name}”的扩展名是{suffix}，但内容不是{entry.name}（可能是改了扩展名的其他文件，或已损坏）。")
    known = "、".join(f"{k.name}（{'/'.join(k.suffixes)}）" for k in KINDS if k.reader is not None)
    raise ReadError(f"无法识别“{path.name}”的内容。支持的文件：{known}。")


# Files a unit sends that hold no report to read, by their first bytes: what they are and what to do.
_ARCHIVES = (b"Rar!\x1a\x07", b"7z\xbc\xaf\x27\x1c")
_PICTURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF8", b"II*\x00", b"MM\x00*")


def _other_kind(path: Path, head: bytes) -> str:
    """Why a picture or another archive is no report, and what to do; "" for anything else."""
    if head.startswith(_ARCHIVES):
        return _archive_message(path)
    if head.startswith(_PICTURES) or (head.startswith(b"BM") and head[6:8] == b"\0\0"):   # a bitmap: its reserved bytes
        return (f"“{path.name}”是图片（如扫描件或照片），其中的数字无法读取。"
                "请使用 Word、Excel 文件或带文字的 PDF（不是扫描件）。")
    return ""


def _zip_not_a_report(path: Path, names: set[str]) -> str:
    """A zip that is no office document: an OFD (China's fixed-layout format) or an archive of files."""
    if "ofd.xml" in {n.lower() for n in names}:
        return (f"“{path.name}”是 OFD 版式文件，本程序不能读取。请在 OFD 阅读器中另存为 PDF，"
                "或使用该报告的 Word 文档。")
    files = sorted(_zip_member_name(n) for n in names if not n.endswith("/"))
    shown = "、".join(Path(n).name for n in files[:3]) + (f"等{len(files)}个文件" if len(files) > 3 else "")
    return _archive_message(path, f"（内有{shown}）" if shown else "")


def _archive_message(path: Path, inside: str = "") -> str:
    return f"“{path.name}”是压缩包{inside}，不是报告文件本身。请先解压，再打开（或添加）其中的报告文件。"


def _zip_member_name(name: str) -> str:
    """A member's name as its maker wrote it: a zip made on a Chinese Windows keeps GBK names without
    saying so, which ``zipfile`` decodes as code page 437."""
    try:
        return name.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return name


def _odf_kind(path: Path) -> str | None:
    """An OpenDocument text or spreadsheet, from its ``mimetype`` member."""
    try:
        with zipfile.ZipFile(path) as z:
            mimetype = z.read("mimetype")[:100]
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, NotImplementedError, zlib.error):
        return None
    return {b"application/vnd.oasis.opendocument.text": "odt",
            b"application/vnd.oasis.opendocument.spreadsheet": "ods"}.get(mimetype.strip())


_PAGE_TAGS = (b"<!doctype html", b"<html", b"<head", b"<meta", b"<body", b"<table", b"<title", b"<div", b"<p>", b"<p ")


def _sniff_page(path: Path) -> str | None:
    """A saved web page: "mhtml" for a single-file save (MIME headers, an HTML part), "html" for
    markup near the start (in any ASCII-compatible encoding, or UTF-16 with its BOM)."""
    with open(path, "rb") as f:
        start = f.read(4096)
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):
        start = start.decode("utf-16", errors="ignore").encode("utf-8", errors="ignore")
    lowered = start.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if (lowered.startswith((b"mime-version:", b"from:", b"subject:", b"date:", b"content-type:"))
            and b"multipart/related" in lowered) or lowered.startswith(b"mime-version:"):
        return "mhtml"
    if lowered.startswith(b"<") and any(tag in lowered for tag in _PAGE_TAGS):
        return "html"
    return None


def _json_after_whitespace(path: Path) -> bool:
    with open(path, "rb") as f:
        chunk = f.read(4096)
    return chunk.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")


def _sniff_ole(path: Path) -> str:
    """An OLE2 compound file: legacy .xls, legacy .doc, or an encrypted OOXML file."""
    with open(path, "rb") as f:
        data = f.read(min(path.stat().st_size, 4 * 1024 * 1024))
    utf16 = lambda s: s.encode("utf-16-le")  # noqa: E731 - directory entry names are UTF-16
    if utf16("EncryptedPackage") in data or utf16("EncryptionInfo") in data:
        raise ReadError(f"“{path.name}”设置了打开密码（已加密），无法读取。请在 Excel/WPS/Word 中取消密码后另存，再导入。")
    if utf16("WordDocument") in data or utf16("MatOST") in data:   # Word 97–2003 / WPS; Works
        return "doc"
    if utf16("Workbook") in data or utf16("Book") in data:   # Excel 97–2003, WPS 表格 (.et)
        return "xls"
    raise ReadError(f"“{path.name}”是旧版 Office 文件，但不是 Excel 工作簿或 Word 文档。")


def read_report(path: str | os.PathLike) -> ImportResult:
    """Read any supported file as a report.  Raises ``ReadError`` with a message for the clerk;
    the log keeps the file, the message and the traceback (with the reader's own exception)."""
    path = Path(path)
    try:
        result = _read_kind(path)
    except ReadError as exc:
        LOG.warning("未能读取 %s：%s", os.path.abspath(path), exc, exc_info=True)
        raise
    LOG.info("已读取 %s（%s）", os.path.abspath(path), result.kind)
    return result


def _read_kind(path: Path) -> ImportResult:
    kind = sniff(path)
    entry = kind_named(kind)
    reader = _resolve(entry.reader) if entry and entry.reader else None
    if reader is None:
        raise ReadError(f"暂不支持读取{kind_name(kind)}（“{path.name}”）。")
    try:
        result = reader(path)
    except ReadError:
        raise
    except MemoryError:
        raise ReadError(f"“{path.name}”过大，读取时内存不足。") from None
    except RecursionError:
        raise ReadError(f"“{path.name}”结构嵌套过深，不是正常的年报文件。") from None
    except (zipfile.BadZipFile, zlib.error, EOFError) as exc:  # damaged compressed data inside the file
        raise ReadError(f"“{path.name}”已损坏（压缩包中的数据不完整或校验不符），无法读取。"
                        "请用 Word/WPS/Excel 打开后另存一份再试，或使用备份。") from exc
    except SyntaxError as exc:  # xml.etree ParseError, lxml XMLSyntaxError: a damaged XML part
        raise ReadError(f"“{path.name}”已损坏（文件内部的 XML 内容格式错误），无法读取。"
                        "请用 Word/WPS/Excel 打开后另存一份再试，或使用备份。") from exc
    except Exception as exc:  # a reader bug or a broken file: never a traceback for the clerk
        raise ReadError(f"读取“{path.name}”时出错，文件可能已损坏或不是年报{error_code(exc)}。"
                        "请用 Word/WPS/Excel 打开后另存一份再试；仍不能读取时，请把运行记录（日志）交给技术支持人员。") from exc
    result.kind = result.kind or kind
    from ..core.prompts import prompts_made_placeholders
    note = prompts_made_placeholders(result.report, result.previous)
    if note:
        result.notes.append(note)
    return result


def read_json(path: Path) -> ImportResult:
    from ..core.serialize import load_file
    loaded = load_file(path)
    native = path.suffix.lower() == NATIVE_SUFFIX
    return ImportResult(loaded.report, loaded.previous, kind="native" if native else "json")


def write_native(path: Path, report: Report, previous: Report | None = None) -> list[str]:
    save_native(path, report, previous)
    return []


def write_json(path: Path, report: Report, previous: Report | None = None) -> list[str]:
    save_json(path, report)
    return []


def open_filter(project_files: bool = True) -> str:
    """The file types of a file chooser for reading reports: every kind the registry reads, then
    (``project_files``) the project file alone, then all files."""
    patterns = " ".join(f"*{suffix}" for k in KINDS if k.reader is not None for suffix in k.suffixes)
    entries = [f"年报文件 ({patterns})"]
    if project_files:
        entries.append(save_filter(NATIVE_SUFFIX))
    return ";;".join([*entries, "所有文件 (*)"])


def save_filter(*suffixes: str) -> str:
    """The file types of a file chooser for writing, named as the registry's writers name them."""
    return ";;".join(f"{_kind(suffix).export_name} (*{suffix})" for suffix in suffixes)


def _kind(suffix: str) -> FileKind:
    """The kind of a suffix the registry is known to have."""
    entry = kind_for_suffix(suffix)
    assert entry is not None, suffix
    return entry


def writer_for(suffix: str) -> Writer | None:
    """This installation's writer for ``suffix``; None when there is none (or its module is missing)."""
    entry = kind_for_suffix(suffix)
    if entry is None or entry.writer is None or entry.suffixes[0] != suffix.lower():
        return None
    return _resolve(entry.writer)


def writable_suffixes() -> list[str]:
    return [k.suffixes[0] for k in writer_kinds() if _resolve(k.writer) is not None]


def write_report(path: str | os.PathLike, report: Report, previous: Report | None = None,
                 cancelled: Callable[[], bool] | None = None) -> list[str]:
    """Write ``report`` in the format its suffix names; returns notes (e.g. self-check results).

    Raises ``WriteError`` with a message for the clerk; the report itself is never changed.
    ``cancelled`` is polled by writers that take long (PDF: ``pdf_export.ExportCancelled``)."""
    path = Path(path)
    suffix = path.suffix.lower()
    writer = writer_for(suffix) if suffix else None
    if writer is None:
        known = "、".join(writable_suffixes())
        raise WriteError(f"不支持导出为“{suffix or path.name}”格式（可用：{known}）。")
    try:
        if cancelled is not None and _kind(suffix).cancellable:
            notes = writer(path, report.copy(), previous, cancelled=cancelled)
        else:
            notes = writer(path, report.copy(), previous)
    except WriteError as exc:
        LOG.warning("未能写入 %s：%s", os.path.abspath(path), exc, exc_info=True)
        raise
    LOG.info("已写入 %s", os.path.abspath(path))
    return notes
