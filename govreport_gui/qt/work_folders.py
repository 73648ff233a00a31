"""Where a file chooser starts: where the clerk's work is.

1. the open report's folder (the file it was saved to, opened from, or started from — last year's
   report for 从上年报告新建), for every kind of file;
2. else the folder last used for that kind of file (remembered in the data folder's settings,
   ``preferences.last_folder``), while it still exists;
3. else the clerk's 文档 folder (``QStandardPaths.DocumentsLocation``), else the home folder.

A folder of the program itself (the bundled sample's, in the installed program's folder) and a folder
the clerk cannot write to are no place for the clerk's work: they are passed over for the next.

A save dialog is given its suggested file name in that folder.  ``qt/dialogs`` asks here for every
file chooser it shows and remembers the folder of the clerk's answer, so no dialog repeats it.
"""

from __future__ import annotations

import os
from pathlib import Path

from .. import preferences
from ..resources import resources_dir

# The kinds of file, each with its own remembered folder.
REPORT = "report"            # 打开 / 保存 / 导入报告内容: the year's report
PREVIOUS = "previous"        # 从上年报告新建 / 导入上一年度: last year's report
EXPORT = "export"            # Word, PDF, Excel, JSON, the 校验清单, the 汇总's unit list
LEDGER = "ledger"            # 依申请公开登记台账 and its template
UNITS = "units"              # the units' reports of a 汇总 (files or their folder)
PICTURE = "picture"          # 同比图 and 汇总图表 as PNG
DIAGNOSTICS = "diagnostics"  # 导出诊断信息
KINDS = (REPORT, PREVIOUS, EXPORT, LEDGER, UNITS, PICTURE, DIAGNOSTICS)


def start_folder(parent, kind: str) -> Path:
    """The folder a chooser for files of ``kind`` starts in (see the module's docstring)."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind of file: {kind!r}")
    for folder in (report_folder(parent), preferences.last_folder(kind)):
        if folder and is_work_folder(Path(folder)):
            return Path(folder)
    return documents_folder()


def is_work_folder(folder: Path) -> bool:
    """Whether ``folder`` is one the clerk's files can be kept in: it exists, can be written to,
    and is not the program's own resources folder (or inside it)."""
    if not folder.is_dir() or not os.access(folder, os.W_OK):
        return False
    try:
        folder.resolve().relative_to(resources_dir().resolve())
    except (ValueError, OSError):
        return True
    return False


def start_path(parent, kind: str, name: str) -> str:
    """The suggested file ``name`` (its own folder, if any, is ignored) in the start folder."""
    return str(start_folder(parent, kind) / Path(name).name) if name else str(start_folder(parent, kind))


def remember(kind: str, chosen: str | None, *, is_folder: bool = False) -> None:
    """Remember the folder of ``chosen`` (a file, or the folder itself) for ``kind``."""
    if not chosen:
        return
    folder = Path(chosen) if is_folder else Path(chosen).parent
    if str(folder) != preferences.last_folder(kind):
        preferences.set_last_folder(kind, str(folder))


def report_folder(parent) -> Path | None:
    """The folder of the report open in the window ``parent`` belongs to (None without one)."""
    widget = parent
    while widget is not None:
        folder_of = getattr(widget, "report_folder", None)
        if callable(folder_of):
            return folder_of()
        widget = widget.parentWidget()
    return None


def documents_folder() -> Path:
    """The clerk's 文档 folder, else the home folder."""
    from PySide6.QtCore import QStandardPaths
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(location) if location and Path(location).is_dir() else Path.home()
