"""Checks a workbook must pass before a spreadsheet library parses it.

An .xlsx file is a zip of XML parts.  Before openpyxl sees it: the declared sizes and compression
ratios of its members must be those of a document, not of a zip bomb; no part may declare a DTD
or entities (Office never writes them; "billion laughs" and external-entity attacks need them);
members must not be encrypted.  openpyxl itself also parses through defusedxml (installed).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from ..core.errors import ReadError

MAX_MEMBERS = 5000
MAX_MEMBER_BYTES = 256 * 1024 * 1024      # one uncompressed part
MAX_TOTAL_BYTES = 512 * 1024 * 1024       # all parts together
MAX_RATIO = 200                           # uncompressed / compressed, for parts over RATIO_FLOOR
RATIO_FLOOR = 8 * 1024 * 1024
PROLOG_LIMIT = 256 * 1024                 # bytes read to find a part's root element

_ROOT_START = re.compile(rb"<[A-Za-z_]")
_DANGEROUS = re.compile(rb"<!DOCTYPE|<!ENTITY", re.IGNORECASE)


def check_xlsx_container(path: Path) -> None:
    name = path.name
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_MEMBERS:
                raise ReadError(f"“{name}”包含的部件过多（{len(infos)} 个），不是正常的 Excel 工作簿，已拒绝读取。")
            total = 0
            for info in infos:
                if info.flag_bits & 0x1:
                    raise ReadError(f"“{name}”设置了密码（已加密），无法读取。请在 Excel/WPS 中取消密码后另存，再导入。")
                total += info.file_size
                ratio = info.file_size / max(info.compress_size, 1)
                if (info.file_size > MAX_MEMBER_BYTES or total > MAX_TOTAL_BYTES
                        or (info.file_size > RATIO_FLOOR and ratio > MAX_RATIO)):
                    raise ReadError(f"“{name}”解压后异常巨大（疑似“压缩炸弹”），不是正常的 Excel 工作簿，已拒绝读取。")
            names = {i.filename.lower() for i in infos}
            if "xl/workbook.bin" in names:
                raise ReadError(f"“{name}”是 Excel 二进制工作簿（.xlsb），暂不能直接读取。"
                                "请在 Excel/WPS 中“另存为”Excel 工作簿（.xlsx）后再导入。")
            if "xl/workbook.xml" in names:
                with zf.open(next(i for i in infos if i.filename.lower() == "xl/workbook.xml")) as f:
                    if b"purl.oclc.org/ooxml/spreadsheetml" in f.read(4096):
                        raise ReadError(f"“{name}”是“Strict Open XML”格式的工作簿，暂不能直接读取。"
                                        "请在 Excel 中“另存为”普通的 Excel 工作簿（.xlsx）后再导入。")
            for info in infos:
                lower = info.filename.lower()
                if lower.endswith((".xml", ".rels", ".vml")) and info.file_size:
                    _check_prolog(zf, info, name)
    except ReadError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise ReadError(f"“{name}”已损坏（压缩包结构不完整），无法读取。请用 Excel/WPS 打开后另存一份再试。") from None


def _check_prolog(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> None:
    """Read a part up to its root element; refuse a DTD or entity declaration before it."""
    head = b""
    with zf.open(info) as f:
        while len(head) < PROLOG_LIMIT:
            chunk = f.read(8192)
            if not chunk:
                break
            head += chunk
            text = _as_utf8(head)
            m = _ROOT_START.search(text)
            if m:
                head = text[: m.start()]
                break
        else:
            raise ReadError(f"“{name}”的部件“{info.filename}”开头异常（超过 {PROLOG_LIMIT // 1024} KB 没有内容），"
                            "不是正常的 Excel 工作簿，已拒绝读取。")
    if _DANGEROUS.search(_as_utf8(head)):
        raise ReadError(f"“{name}”中含有不安全的 XML 声明（DTD/实体，可用于攻击），已拒绝读取。"
                        "正常由 Excel/WPS 保存的文件不会这样；请向文件来源核实。")


def _as_utf8(data: bytes) -> bytes:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="ignore").encode("utf-8")
    if data[1:2] == b"\x00":
        return data.decode("utf-16-le", errors="ignore").encode("utf-8")
    if data[:1] == b"\x00":
        return data.decode("utf-16-be", errors="ignore").encode("utf-8")
    return data
