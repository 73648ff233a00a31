"""The ledger reader (govreport ledger, 从申请台账填写表三/表四…) under broken and hostile files: mutated
ledger workbooks and text files, zip bombs, XML entity attacks, enormous text.  Each ends in a count
or a clear Chinese ReadError — no other exception, no hang, no crash, no network attempt."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
import zlib

import openpyxl
import pytest
from harness import Verdict
from hostile import BILLION_LAUGHS, EXTERNAL_FILE, EXTERNAL_HTTP, many_members, mutations, with_doctype, zip_bomb, zip_bomb_xml

ROWS = [("某局依申请公开登记台账",), ("序号", "申请人类型", "收到日期", "办结日期", "处理结果", "具体情形"),
        *[(i, ("公民", "企业", "律所")[i % 3], dt.datetime(2025, 1 + i % 12, 1 + i % 27),
           dt.datetime(2025, 1 + i % 12, 2 + i % 27) if i % 5 else None,
           ("同意公开", "不予公开", "信息不存在")[i % 3] if i % 5 else "办理中", "国家秘密" if i % 3 == 1 else "")
          for i in range(1, 60)]]


@pytest.fixture(scope="module")
def ledger_seeds(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("ledger-seeds")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2025年"
    for row in ROWS:
        ws.append(list(row))
    ws.merge_cells("A1:F1")
    cases = wb.create_sheet("案件")
    for row in (("案件类型", "收到日期", "审结日期", "审理结果"), ("行政复议", "2025-02-01", "2025-05-01", "维持")):
        cases.append(list(row))
    wb.save(folder / "seed.xlsx")
    text = "\r\n".join(",".join("" if v is None else str(v) for v in row) for row in ROWS)
    (folder / "seed.csv").write_bytes(text.encode("utf-8"))
    (folder / "seed.txt").write_bytes(text.replace(",", "\t").encode("utf-16"))
    return {"xlsx": folder / "seed.xlsx", "csv": folder / "seed.csv", "txt": folder / "seed.txt"}


def _run(readers, cases, tmp_path, suite: str) -> Verdict:
    paths = []
    for i, (_name, file_name, blob) in enumerate(cases):
        path = tmp_path / f"{i:03}-{file_name}"
        path.write_bytes(blob)
        paths.append(path)
    verdict = Verdict(suite)
    for (name, _, _), answer in zip(cases, readers.read_all(paths, reader="ledger")):
        verdict.add(name, answer)
    failures = verdict.failures()
    assert not failures, f"{len(failures)} of {len(cases)} cases failed:\n" + "\n\n".join(failures[:5])
    return verdict


@pytest.mark.parametrize("kind,count", [("xlsx", 150), ("csv", 80), ("txt", 60)])
def test_mutated_ledgers_end_in_a_count_or_a_clear_message(ledger_seeds, readers, tmp_path, kind, count):
    seed = ledger_seeds[kind]
    assert readers.read(seed, reader="ledger")["outcome"] == "ok"
    cases = [(name, seed.name, blob) for name, blob in   # text: truncation, flipped bits, overwritten runs
             mutations(seed.read_bytes(), kind, count, seed=zlib.crc32(kind.encode()))]
    verdict = _run(readers, cases, tmp_path, f"ledger fuzz {kind}")
    if kind == "xlsx":
        assert verdict.counts()["read_error"] >= count // 10, verdict.counts()


def test_hostile_ledgers_are_refused_in_chinese(ledger_seeds, readers, tmp_path):
    xlsx = ledger_seeds["xlsx"].read_bytes()
    names = zipfile.ZipFile(io.BytesIO(xlsx)).namelist()
    sheet = next(n for n in names if "worksheets/sheet1" in n)
    cases = [("zip bomb in a worksheet", "bomb.xlsx", zip_bomb(xlsx, sheet)),
             ("XML padding in a worksheet", "pad.xlsx", zip_bomb_xml(xlsx, sheet)),
             ("50 000 zip members", "many.xlsx", many_members(xlsx))]
    for member in (sheet, "xl/workbook.xml", "xl/sharedStrings.xml"):
        if member in names:
            for label, doctype, entity in (("billion laughs", BILLION_LAUGHS, "lol9"),
                                           ("external file entity", EXTERNAL_FILE, "xxe"),
                                           ("external http entity", EXTERNAL_HTTP, "xxe")):
                cases.append((f"{label} in {member}", "x.xlsx", with_doctype(xlsx, member, doctype, entity)))
    cases += [("65 MB of text", "big.csv", b"a," * (33 * 1024 * 1024)),
              ("one 20 MB field", "field.csv", "申请人类型\n\"".encode() + b"x" * (20 * 1024 * 1024)),
              ("NUL bytes after a header", "nul.csv", "申请人类型,收到日期\n".encode() + bytes(5000)),
              ("UTF-16 with a broken tail", "odd.txt", "申请人类型\t收到日期\n".encode("utf-16") + b"\x00"),
              ("a workbook renamed .csv", "book.csv", xlsx),
              ("a Word document", "report.docx", _docx())]
    _run(readers, cases, tmp_path, "ledger hostile")


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document xmlns:w='x'/>")
    return buffer.getvalue()
