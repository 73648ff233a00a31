"""One package guard for both Office readers: the Word reader and the Excel reader refuse the
same hostile packages, at the same limits (``io/zip_safety.py``), each naming its file type."""

from __future__ import annotations

import io
import os
import re
import zipfile

import pytest
from hostile import BILLION_LAUGHS, zip_bomb

from govreport_gui.core.errors import ReadError
from govreport_gui.io.registry import read_report
from govreport_gui.io.safety import zip_safety

KINDS = {"docx": "Word 文档", "xlsx": "Excel 工作簿"}


def _with_member(data: bytes, member: str, content: bytes, method=zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", method) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, src.read(info.filename))
        dst.writestr(member, content)
    return out.getvalue()


def _outcome(tmp_path, kind: str, data: bytes, stem: str = "file") -> str:
    """"ok" or the refusal message with the file name and the file type taken out."""
    path = tmp_path / f"{stem}.{kind}"
    path.write_bytes(data)
    try:
        read_report(path)
    except ReadError as exc:
        message = str(exc)
        assert path.name in message and KINDS[kind] in message, message
        assert re.search(r"[\u4e00-\u9fff]", message) and "Traceback" not in message
        return message.replace(path.name, "<file>").replace(KINDS[kind], "<kind>") \
            .replace("Word/WPS", "<programs>").replace("Excel/WPS", "<programs>")
    return "ok"


def _both(tmp_path, seeds, make) -> dict[str, str]:
    return {kind: _outcome(tmp_path, kind, make(seeds[kind].read_bytes()), f"{kind}-{len(os.listdir(tmp_path))}")
            for kind in KINDS}


def test_the_same_zip_bomb_is_refused_by_both_readers(tmp_path, seeds):
    """64 MB of zeros behind ~64 KB in an extra part: over the ratio limit for both."""
    got = _both(tmp_path, seeds, lambda d: zip_bomb(d, "customXml/padding.bin", 64 * 1024 ** 2))
    assert got["docx"] == got["xlsx"] and "压缩炸弹" in got["docx"], got


def test_the_same_entity_declaration_is_refused_by_both_readers(tmp_path, seeds):
    """A part with any name (content types can point anywhere) declaring entities."""
    part = b'<?xml version="1.0"?>' + BILLION_LAUGHS.encode() + b"<r>&lol9;</r>"
    got = _both(tmp_path, seeds, lambda d: _with_member(d, "custom/evil.dat", part))
    assert got["docx"] == got["xlsx"], got
    assert "DOCTYPE" in got["docx"] and "custom/evil.dat" in got["docx"]


def test_a_doctype_hidden_after_a_comment_is_found_by_both(tmp_path, seeds):
    """A ``<`` inside a comment does not end the prolog: the DOCTYPE after it is still seen."""
    part = b'<?xml version="1.0"?><!-- <a> --><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r>&x;</r>'
    for kind in KINDS:
        data = seeds[kind].read_bytes()
        assert "DOCTYPE" in _outcome(tmp_path, kind, _with_member(data, "custom/c.xml", part))
    utf16 = part.decode().replace('version="1.0"', 'version="1.0" encoding="UTF-16"').encode("utf-16")
    assert _both(tmp_path, seeds, lambda d: _with_member(d, "custom/u.xml", utf16))["docx"] != "ok"


HTML_CHUNK = b"<!DOCTYPE html>\r\n<html><head><meta charset='utf-8'></head><body><p>\xe6\x8f\x92\xe5\x85\xa5</p></body></html>"


def test_an_html_part_with_a_plain_doctype_is_read_by_both(tmp_path, seeds):
    """The HTML Word stores for inserted HTML (altChunk) starts with ``<!DOCTYPE html>``: a name
    only, nothing to expand or fetch — not refused."""
    got = _both(tmp_path, seeds, lambda d: _with_member(d, "word/afchunk.htm", HTML_CHUNK))
    assert got == {"docx": "ok", "xlsx": "ok"}, got
    lower = HTML_CHUNK.replace(b"DOCTYPE", b"doctype")
    assert _both(tmp_path, seeds, lambda d: _with_member(d, "word/afchunk2.htm", lower)) == {"docx": "ok", "xlsx": "ok"}


@pytest.mark.parametrize("doctype", [b'<!DOCTYPE html SYSTEM "http://192.0.2.1/x.dtd">',
                                     b'<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0//EN" "http://192.0.2.1/x.dtd">',
                                     b"<!DOCTYPE html []>",
                                     b'<!DOCTYPE html [<!ENTITY x "y">]>',
                                     b"<!DOCTYPE html><!ENTITY x 'y'>"])
def test_a_doctype_with_a_subset_or_an_identifier_is_still_refused(tmp_path, seeds, doctype):
    got = _both(tmp_path, seeds, lambda d: _with_member(d, "word/afchunk.htm", doctype + b"<html/>"))
    assert got["docx"] == got["xlsx"] and "DOCTYPE" in got["docx"] and "word/afchunk.htm" in got["docx"], got


def _with_members(data: bytes, members: dict[str, bytes]) -> bytes:
    for name, content in members.items():
        data = _with_member(data, name, content)
    return data


PAD = b"<a/>" + b"0" * (1024 * 1024 - 4)     # 1 MB that compresses about 1000 : 1


@pytest.mark.parametrize("limit", ["MAX_MEMBER_BYTES", "RATIO_FLOOR"])
def test_both_readers_change_their_answer_at_the_same_part_size(tmp_path, seeds, monkeypatch, limit):
    """Lowering one limit in ``zip_safety`` (and nowhere else) moves the refusal of both readers
    to the same place: a part of exactly the limit is read, one byte more is refused."""
    monkeypatch.setattr(zip_safety, limit, len(PAD))
    at = _both(tmp_path, seeds, lambda d: _with_member(d, "custom/pad.xml", PAD))
    over = _both(tmp_path, seeds, lambda d: _with_member(d, "custom/pad.xml", PAD + b"0"))
    assert at == {"docx": "ok", "xlsx": "ok"}, at
    assert over["docx"] == over["xlsx"], over
    if limit == "RATIO_FLOOR":
        assert "压缩炸弹" in over["docx"], over
    else:    # a genuinely large part: said so, with what to do — not called a zip bomb
        assert "压缩炸弹" not in over["docx"] and "custom/pad.xml" in over["docx"], over
        assert "过大" in over["docx"] and "单个部件上限" in over["docx"] and "删除或压缩后另存" in over["docx"], over


def test_both_readers_refuse_at_the_same_total_size(tmp_path, seeds, monkeypatch):
    monkeypatch.setattr(zip_safety, "MAX_TOTAL_BYTES", 4 * len(PAD))
    sizes = {k: sum(i.file_size for i in zipfile.ZipFile(seeds[k]).infolist()) for k in KINDS}
    for kind in KINDS:
        room = 4 * len(PAD) - sizes[kind]     # fill each package up to the same total, then one byte more
        filler = {f"custom/pad{i}.xml": PAD for i in range(room // len(PAD))}
        filler["custom/rest.xml"] = b"<a/>" + b"0" * (room % len(PAD) - 4)
        data = _with_members(seeds[kind].read_bytes(), filler)
        assert _outcome(tmp_path, kind, data, f"{kind}-at") == "ok"
        filler["custom/rest.xml"] += b"0"
        over = _outcome(tmp_path, kind, _with_members(seeds[kind].read_bytes(), filler), f"{kind}-over")
        assert "解压后过大" in over and "删除或压缩后另存" in over and "压缩炸弹" not in over, over


def test_both_readers_refuse_too_many_parts_at_the_same_count(tmp_path, seeds, monkeypatch):
    counts = {k: len(zipfile.ZipFile(seeds[k]).infolist()) for k in KINDS}
    limit = max(counts.values()) + 2
    monkeypatch.setattr(zip_safety, "MAX_MEMBERS", limit)
    at, over = {}, {}
    for kind in KINDS:
        extra = {f"custom/{i}.xml": b"<a/>" for i in range(limit - counts[kind])}
        at[kind] = _outcome(tmp_path, kind, _with_members(seeds[kind].read_bytes(), extra), f"{kind}-at")
        extra["custom/one-more.xml"] = b"<a/>"
        over[kind] = _outcome(tmp_path, kind, _with_members(seeds[kind].read_bytes(), extra), f"{kind}-over")
    assert at == {"docx": "ok", "xlsx": "ok"}, at
    assert over["docx"] == over["xlsx"] and f"（{limit + 1} 个，上限 {limit} 个）" in over["docx"], over


def test_an_encrypted_part_is_refused_by_both(tmp_path, seeds):
    def encrypt_flag(data: bytes) -> bytes:
        out = bytearray(data)
        for sig, offset in ((b"PK\x01\x02", 8), (b"PK\x03\x04", 6)):
            for m in re.finditer(re.escape(sig), bytes(out)):
                out[m.start() + offset] |= 0x01
        return bytes(out)
    got = _both(tmp_path, seeds, encrypt_flag)
    assert got["docx"] == got["xlsx"] and "密码" in got["docx"], got


def test_the_readers_keep_no_limits_of_their_own():
    """The limits live in one module: the readers import them, they do not repeat them."""
    from govreport_gui.io.published import word_import
    from govreport_gui.io.safety import excel_safety
    limits = {n for n in vars(zip_safety) if re.match(r"MAX_|RATIO_|PROLOG_", n)} | {"MAX_PART_BYTES"}  # old Word name
    assert {"MAX_MEMBERS", "MAX_MEMBER_BYTES", "MAX_TOTAL_BYTES", "MAX_RATIO", "MAX_PACKAGE_BYTES"} <= limits
    for module in (excel_safety, word_import):
        own = sorted(n for n in vars(module) if n in limits or re.match(r"MAX_(PART|MEMBER|TOTAL|RATIO)", n))
        assert own == [], (module.__name__, own)
