"""The checks every Office package (.docx, .xlsx, .ods) must pass before a library parses it.

Word documents and Excel workbooks are zip archives of XML parts; both readers call
``check_package`` first, so both refuse the same files with the same limits (documented here,
and only here):

* the file itself (compressed) at most ``MAX_PACKAGE_BYTES``;
* at most ``MAX_MEMBERS`` parts;
* one part at most ``MAX_MEMBER_BYTES`` uncompressed, all parts together at most
  ``MAX_TOTAL_BYTES`` — sizes from the zip directory, which is all Python's ``zipfile`` (used by
  python-docx and openpyxl) ever decompresses: it stops at the declared size;
* a part larger than ``RATIO_FLOOR`` must not be compressed more than ``MAX_RATIO`` : 1 (zip
  bombs; Office's own parts compress about 5–20 : 1);
* no encrypted part;
* no part that is XML (whatever its name: content types can point anywhere) may declare an
  ENTITY, an internal DTD subset or an external identifier (SYSTEM/PUBLIC) in its prolog —
  Word, WPS and Excel never write them; "billion laughs" and external-entity attacks need them.
  A bare ``<!DOCTYPE name>`` (the HTML Word stores for inserted HTML) is harmless and allowed.
  A DOCTYPE is only allowed before the root element, so
  reading up to the root element (at most ``PROLOG_LIMIT`` bytes) is enough.

Each refusal is a ``ReadError`` in Chinese naming the file and its type (“Word 文档” /
“Excel 工作簿”) and saying what to do.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from ...core.errors import ReadError

MAX_PACKAGE_BYTES = 200 * 1024 * 1024     # the file as stored (compressed)
MAX_MEMBERS = 5000                        # parts in the package
# python-docx parses each part whole, and openpyxl its shared strings: a part's parsed tree takes
# several times its size in memory (a real report's largest part is well under 1 MB)
MAX_MEMBER_BYTES = 64 * 1024 * 1024       # one part, uncompressed
MAX_TOTAL_BYTES = 256 * 1024 * 1024       # all parts together, uncompressed
MAX_RATIO = 200                           # uncompressed / compressed, for parts over RATIO_FLOOR
RATIO_FLOOR = 8 * 1024 * 1024
PROLOG_LIMIT = 256 * 1024                 # bytes read to find a part's root element


@dataclass(frozen=True)
class PackageKind:
    """What a package should be, for the messages: ``“a.docx”不是正常的Word 文档``."""

    name: str       # "Word 文档"
    programs: str   # "Word/WPS": what the clerk opens it with to save a clean copy


WORD = PackageKind("Word 文档", "Word/WPS")
EXCEL = PackageKind("Excel 工作簿", "Excel/WPS")
ODS = PackageKind("OpenDocument 表格", "WPS/LibreOffice")


def check_package(source: Path | bytes, name: str, kind: PackageKind) -> None:
    """Refuse ``source`` (a path or the file's bytes) unless it passes every check above."""
    try:
        size = len(source) if isinstance(source, (bytes, bytearray)) else Path(source).stat().st_size
        if size > MAX_PACKAGE_BYTES:
            raise ReadError(f"“{name}”过大（{size // 1024 // 1024} MB，上限 {MAX_PACKAGE_BYTES // 1024 // 1024} MB），"
                            f"不是正常的{kind.name}，已拒绝读取。")
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, (bytes, bytearray)) else source) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_MEMBERS:
                raise ReadError(f"“{name}”包含的部件过多（{len(infos)} 个，上限 {MAX_MEMBERS} 个），"
                                f"不是正常的{kind.name}，已拒绝读取。")
            total = 0
            for info in infos:
                if info.flag_bits & 0x1:
                    raise ReadError(f"“{name}”设置了密码（已加密），无法作为{kind.name}读取。"
                                    f"请在 {kind.programs} 中取消密码后另存，再导入。")
                total += info.file_size
                ratio = info.file_size / max(info.compress_size, 1)
                if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
                    raise ReadError(f"“{name}”解压后异常巨大（疑似“压缩炸弹”），不是正常的{kind.name}，"
                                    "为安全起见已拒绝读取。请向文件来源核实。")
                if info.file_size > MAX_MEMBER_BYTES:
                    raise ReadError(f"“{name}”中的部件“{info.filename}”过大（解压后 {_mb(info.file_size)}，"
                                    f"单个部件上限 {_mb(MAX_MEMBER_BYTES)}），无法作为{kind.name}读取。"
                                    f"如文件中插入了很大的图片、视频或附件，请在 {kind.programs} 中删除或压缩后另存，再导入。")
                if total > MAX_TOTAL_BYTES:
                    raise ReadError(f"“{name}”解压后过大（超过 {_mb(MAX_TOTAL_BYTES)} 的上限），无法作为{kind.name}读取。"
                                    f"如文件中插入了很多图片、视频或附件，请在 {kind.programs} 中删除或压缩后另存，再导入。")
            for info in infos:
                if info.file_size and not info.filename.endswith("/"):   # (is_dir fails on a nameless part)
                    _check_prolog(zf, info, name, kind)
    except ReadError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError):
        raise ReadError(f"“{name}”已损坏（压缩包结构不完整），无法读取。"
                        f"请用 {kind.programs} 打开后另存一份再试。") from None


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f} MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)} KB"


def _check_prolog(zf: zipfile.ZipFile, info: zipfile.ZipInfo, name: str, kind: PackageKind) -> None:
    """Read an XML part up to its root element; refuse a DOCTYPE or ENTITY declaration."""
    head = b""
    with zf.open(info) as f:
        while True:
            chunk = f.read(8192)
            head += chunk
            verdict = prolog_verdict(head, complete=not chunk)
            if verdict == "safe":
                return
            if verdict == "dtd":
                raise ReadError(f"“{name}”的部件“{info.filename}”含有 DOCTYPE/实体声明（不安全的 XML 声明，可用于攻击），"
                                f"正常由 {kind.programs} 保存的{kind.name}不会这样，已拒绝读取。请向文件来源核实。")
            if len(head) >= PROLOG_LIMIT:
                raise ReadError(f"“{name}”的部件“{info.filename}”开头异常（超过 {PROLOG_LIMIT // 1024} KB 没有内容），"
                                f"不是正常的{kind.name}，已拒绝读取。")


_NAME_START = re.compile(rb"<[A-Za-z_:\x80-\xff]")
#: A DOCTYPE naming the root element only (``<!DOCTYPE html>`` in the HTML Word keeps for
#: inserted HTML): no internal subset, no external identifier — nothing an attack can use.
_PLAIN_DOCTYPE = re.compile(rb"<!DOCTYPE[ \t\r\n]+[A-Za-z_:][A-Za-z0-9_:.\-]*[ \t\r\n]*>", re.IGNORECASE)


def prolog_verdict(head: bytes, complete: bool = False) -> str:
    """``"safe"`` (not XML, or the root element is reached without a DTD), ``"dtd"`` (a DOCTYPE
    or ENTITY declaration before the root element) or ``"more"`` (read on).  The prolog is
    walked item by item — declaration, processing instructions, comments — so a ``<`` inside a
    comment does not end it."""
    text = as_utf8(head)
    pos = 0
    n = len(text)
    while True:
        while pos < n and text[pos:pos + 1] in b" \t\r\n":
            pos += 1
        if text.startswith(b"\xef\xbb\xbf", pos):
            pos += 3
            continue
        if pos >= n:
            return "safe" if complete else "more"
        if text[pos:pos + 1] != b"<":
            return "safe"            # not XML (an image, a binary part): nothing parses it as XML
        if text.startswith(b"<?", pos):
            end, close = text.find(b"?>", pos + 2), 2
        elif text.startswith(b"<!--", pos):
            end, close = text.find(b"-->", pos + 4), 3
        elif text.startswith(b"<!", pos):
            if n - pos < 4 and not complete:
                return "more"        # perhaps the start of a comment
            end = text.find(b">", pos)
            if end < 0:
                return "dtd" if complete else "more"
            if _PLAIN_DOCTYPE.fullmatch(text, pos, end + 1):
                pos = end + 1        # <!DOCTYPE html>: a name only, nothing to expand or fetch
                continue
            return "dtd"             # an internal subset, SYSTEM/PUBLIC, <!ENTITY ...: refused
        elif _NAME_START.match(text, pos):
            return "safe"            # the root element: no DTD can follow
        elif n - pos < 2 and not complete:
            return "more"
        else:
            return "safe"            # "<" and then no markup: not XML, no parser accepts it
        if end < 0:
            return "safe" if complete else "more"
        pos = end + close


def as_utf8(data: bytes) -> bytes:
    """The head of a part as UTF-8 when it is UTF-16 or UTF-32 (with or without a byte-order
    mark), so the declarations are found whatever the encoding."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return data.decode("utf-32", errors="ignore").encode("utf-8")
    if data[:4] == b"<\x00\x00\x00":
        return data.decode("utf-32-le", errors="ignore").encode("utf-8")
    if data[:4] == b"\x00\x00\x00<":
        return data.decode("utf-32-be", errors="ignore").encode("utf-8")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="ignore").encode("utf-8")
    if data[1:2] == b"\x00":
        return data.decode("utf-16-le", errors="ignore").encode("utf-8")
    if data[:1] == b"\x00":
        return data.decode("utf-16-be", errors="ignore").encode("utf-8")
    return data
