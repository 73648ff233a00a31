"""帮助 → 导出诊断信息: a zip the clerk hands to technical support themselves — nothing is sent.

It holds the log (``logs/govreport.log`` and the older files kept beside it), ``versions.txt``
(this program, Python, Qt, the libraries, the operating system, LibreOffice) and — only when the
clerk ticks it — ``report.govreport``: the open report, with last year's, as a project file.

The log on the machine names every file in full, for whoever looks after that machine.  The zip
leaves it, and folder names say things of their own (a user name, ``内部/涉密``, a project's name):
unless the clerk ticks the report's content, every path in the zipped log is reduced to its file
name (``未能读取 年报.xlsx``), a file of the program itself to its place in the program
(``govreport_gui/io/registry.py``, ``docx/api.py``), and the home folder in ``versions.txt`` to ``~``.
"""

from __future__ import annotations

import io
import os
import re
import sys
import zipfile
from importlib import metadata

from . import APP_NAME, __version__
from .core.report import Report
from .core.serialize import dumps, native_to_json, write_atomic
from .logs import log_path

REPORT_NAME = "report.govreport"
VERSIONS_NAME = "versions.txt"
LOG_FOLDER = "logs"
#: (distribution, module): the libraries whose versions matter for support
LIBRARIES = (("PySide6-Essentials", "PySide6"), ("shiboken6", "shiboken6"), ("openpyxl", "openpyxl"),
             ("python-docx", "docx"), ("lxml", "lxml"), ("xlrd", "xlrd"), ("defusedxml", "defusedxml"),
             ("pdfplumber", "pdfplumber"), ("pdfminer.six", "pdfminer"), ("pypdfium2", "pypdfium2"),
             ("pillow", "PIL"))


def library_version(distribution: str, module: str) -> str:
    """The installed version; in a packaged build without package metadata, the module's own
    ``__version__`` when it is loaded; else 未找到."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        loaded = sys.modules.get(module)
        return str(getattr(loaded, "__version__", "")) or "未找到"


def operating_system() -> str:
    """The system as support needs it: 统信UOS / 银河麒麟 name themselves in os-release."""
    import platform
    described = platform.platform()
    if sys.platform.startswith("linux"):
        try:
            pretty = platform.freedesktop_os_release().get("PRETTY_NAME", "")
        except OSError:
            pretty = ""
        described = f"{pretty}（{described}）" if pretty else described
    return f"{described}，{platform.machine()}"


def version_lines(extra: dict[str, str] | None = None) -> list[str]:
    """``名称: 版本`` lines; ``extra`` adds what only the caller knows (Qt's runtime, the screen)."""
    import locale

    from .io.office.office_suite import find_soffice
    lines = [f"{APP_NAME}: {__version__}（{'打包版' if getattr(sys, 'frozen', False) else '源码版'}）",
             f"Python: {sys.version.split()[0]}（{sys.executable}）",
             f"操作系统: {operating_system()}",
             f"编码: 文件名 {sys.getfilesystemencoding()}，文本 {locale.getpreferredencoding(False)}",
             *(f"{name}: {value}" for name, value in (extra or {}).items()),
             *(f"{dist}: {library_version(dist, module)}" for dist, module in LIBRARIES),
             f"LibreOffice: {find_soffice() or '未找到'}"]
    return lines


# A path as the log writes it: absolute (``/…``, ``C:\\…``, ``\\\\server\\…``; backslashes doubled in a
# repr), its folders any characters but separators, line ends, quotes and the punctuation the
# messages put after a path (``：，；。“”``), its file name up to a space, a bracket or such punctuation.
_SEP = r"(?:/|\\+)"
_PATH = re.compile(r"(?<![\w.:/\\~-])(?:/|[A-Za-z]:%s|\\{2,})(?=[^\s/\\])(?:[^/\\\r\n\"'“”：，；。\t]*%s)+"
                   r"[^/\\\s\"'“”：，；。（）()]*" % (_SEP, _SEP))


def _program_roots() -> list[str]:
    """The folders the program's own files live in (Python's, the libraries', this package's,
    a packaged build's), longest first, with ``/`` separators."""
    import sysconfig
    from pathlib import Path
    roots = {sys.prefix, sys.base_prefix, sys.exec_prefix, str(Path(__file__).resolve().parents[1]),
             getattr(sys, "_MEIPASS", ""), *sysconfig.get_paths().values()}
    return sorted({_slashed(r).rstrip("/") for r in roots if r}, key=len, reverse=True)


def _slashed(path: str) -> str:
    return re.sub(r"\\+", "/", path)


def names_only(text: str, roots: list[str] | None = None) -> str:
    """``text`` with every absolute path reduced to its file name; a Python file inside the
    program's folders (``roots``) to its place there."""
    roots = _program_roots() if roots is None else roots
    fold = str.lower if sys.platform == "win32" else str

    def reduced(match: re.Match[str]) -> str:
        path = _slashed(match.group())
        for root in roots if path.endswith(".py") else ():
            if fold(path).startswith(fold(root) + "/"):
                return path[len(root) + 1:]
        return path.rsplit("/", 1)[-1]
    return _PATH.sub(reduced, text)


def _home_as_tilde(text: str) -> str:
    from pathlib import Path
    home = str(Path.home())
    return text.replace(home, "~") if len(home) > 1 else text


def write_diagnostics(path: str | os.PathLike, *, report: Report | None = None, previous: Report | None = None,
                      extra: dict[str, str] | None = None) -> list[str]:
    """Write the zip to ``path`` (atomically; ``WriteError`` for the clerk); the names it holds.
    The report goes in only when given — the clerk's tick, never a default — and with it the log
    as it is; without it the log's paths are reduced to file names (``names_only``)."""
    buffer = io.BytesIO()
    versions = "\n".join(version_lines(extra)) + "\n"
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(VERSIONS_NAME, versions if report is not None else _home_as_tilde(versions))
        roots = _program_roots()
        for log in sorted(log_path().parent.glob(f"{log_path().name}*")):
            text = log.read_text(encoding="utf-8", errors="replace")
            zf.writestr(f"{LOG_FOLDER}/{log.name}", text if report is not None else names_only(text, roots))
        if report is not None:
            zf.writestr(REPORT_NAME, dumps(native_to_json(report, previous)))
        names = zf.namelist()
    write_atomic(path, buffer.getvalue())
    return names


def default_name() -> str:
    import datetime
    return f"{APP_NAME}诊断信息-{datetime.date.today():%Y%m%d}.zip"
