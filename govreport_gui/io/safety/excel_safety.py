"""Checks a workbook must pass before a spreadsheet library parses it.

The package checks shared with the Word reader — zip bombs, DTD/entity declarations, encrypted
parts, and their limits — are in ``zip_safety``.  Here only what is particular to workbooks:
binary (.xlsb) and Strict Open XML workbooks, which openpyxl cannot read, get a message saying
how to save them.  openpyxl itself also parses through defusedxml (installed).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ...core.errors import ReadError
from .zip_safety import EXCEL, check_package


def check_xlsx_container(path: Path) -> None:
    name = path.name
    check_package(path, name, EXCEL)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            names = {i.filename.lower() for i in infos}
            if "xl/workbook.bin" in names:
                raise ReadError(f"“{name}”是 Excel 二进制工作簿（.xlsb），暂不能直接读取。"
                                "请在 Excel/WPS 中“另存为”Excel 工作簿（.xlsx）后再导入。")
            if "xl/workbook.xml" in names:
                with zf.open(next(i for i in infos if i.filename.lower() == "xl/workbook.xml")) as f:
                    if b"purl.oclc.org/ooxml/spreadsheetml" in f.read(4096):
                        raise ReadError(f"“{name}”是“Strict Open XML”格式的工作簿，暂不能直接读取。"
                                        "请在 Excel 中“另存为”普通的 Excel 工作簿（.xlsx）后再导入。")
    except ReadError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise ReadError(f"“{name}”已损坏（压缩包结构不完整），无法读取。请用 Excel/WPS 打开后另存一份再试。") from None
