"""Hand-made hostile files for every reader: zip bombs, XML entity attacks, wrong extensions,
enormous values, deeply nested JSON, labels in other encodings.  Each ends in a read or a clear
Chinese ReadError — no other exception, no hang, no crash, no network attempt (external entities
point at a never-routed TEST-NET address and are watched by the worker's audit hook)."""

from __future__ import annotations

import codecs
import io
import json
import zipfile

import pytest
from harness import Verdict
from hostile import (
    BILLION_LAUGHS,
    EXTERNAL_DTD,
    EXTERNAL_FILE,
    EXTERNAL_HTTP,
    PARAMETER_ENTITY,
    deep_json,
    many_members,
    with_doctype,
    zip_bomb,
    zip_bomb_xml,
)

MUST_REFUSE = "refuse"   # only a ReadError is acceptable
EITHER = "either"        # a read or a ReadError


def _office_member(data: bytes, pattern: str) -> str:
    return next(n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if pattern in n)


def build_cases(seeds: dict, folder) -> list[tuple[str, str, bytes, str]]:
    """(name, file name, content, expectation)"""
    docx, xlsx = seeds["docx"].read_bytes(), seeds["xlsx"].read_bytes()
    native = seeds["native"].read_bytes()
    sheet = _office_member(xlsx, "worksheets/sheet")
    cases: list[tuple[str, str, bytes, str]] = []
    # zip bombs: 768 MB of zeros behind ~0.7 MB, and 256 MB of well-formed XML padding
    cases.append(("zip bomb in word/document.xml", "bomb.docx", zip_bomb(docx, "word/document.xml"), MUST_REFUSE))
    cases.append(("zip bomb in a worksheet", "bomb.xlsx", zip_bomb(xlsx, sheet), MUST_REFUSE))
    cases.append(("zip bomb: XML padding in document.xml", "pad.docx", zip_bomb_xml(docx, "word/document.xml"), EITHER))
    cases.append(("zip bomb: XML padding in a worksheet", "pad.xlsx", zip_bomb_xml(xlsx, sheet), EITHER))
    cases.append(("50 000 zip members", "many.xlsx", many_members(xlsx), EITHER))
    # XML entities in every part a reader parses
    for label, data, member, suffix in (("docx", docx, "word/document.xml", ".docx"),
                                        ("xlsx sheet", xlsx, sheet, ".xlsx"),
                                        ("xlsx workbook", xlsx, "xl/workbook.xml", ".xlsx"),
                                        ("xlsx content types", xlsx, "[Content_Types].xml", ".xlsx"),
                                        ("docx styles", docx, "word/styles.xml", ".docx")):
        cases.append((f"billion laughs in {label}", f"laughs{suffix}",
                      with_doctype(data, member, BILLION_LAUGHS, "lol9"), EITHER))
        cases.append((f"external file entity in {label}", f"xxe{suffix}",
                      with_doctype(data, member, EXTERNAL_FILE, "xxe"), EITHER))
        cases.append((f"external http entity in {label}", f"xxe-http{suffix}",
                      with_doctype(data, member, EXTERNAL_HTTP, "xxe"), EITHER))
        cases.append((f"external DTD in {label}", f"dtd{suffix}", with_doctype(data, member, EXTERNAL_DTD, None), EITHER))
        cases.append((f"parameter entity in {label}", f"pe{suffix}",
                      with_doctype(data, member, PARAMETER_ENTITY, None), EITHER))
    # wrong extensions and things that are not reports at all
    cases += [
        ("docx named .xlsx", "a.xlsx", docx, EITHER), ("xlsx named .docx", "a.docx", xlsx, EITHER),
        ("project file named .xlsx", "a.xlsx", native, EITHER), ("xlsx named .govreport", "a.govreport", xlsx, EITHER),
        ("PNG named .govreport", "a.govreport", b"\x89PNG\r\n\x1a\n" + bytes(200), MUST_REFUSE),
        ("PDF named .docx", "a.docx", b"%PDF-1.7\n" + b"0" * 500, MUST_REFUSE),
        ("empty .xlsx", "empty.xlsx", b"", MUST_REFUSE),
        ("zip of nothing named .docx", "zip.docx", _zip({"hello.txt": b"hi"}), MUST_REFUSE),
        ("OLE2 header only named .xls", "a.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), MUST_REFUSE),
        ("legacy .doc", "a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100) + "WordDocument".encode("utf-16-le")
         + bytes(400), MUST_REFUSE),
        ("encrypted OOXML", "a.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100)
         + "EncryptedPackage".encode("utf-16-le") + bytes(400), MUST_REFUSE),
        ("random bytes", "a.json", bytes(range(256)) * 4, MUST_REFUSE),
        ("UTF-16 JSON", "a.json", json.dumps(json.loads(native)).encode("utf-16"), MUST_REFUSE),
        ("JSON top-level list", "a.json", b"[1,2,3]", MUST_REFUSE),
        ("JSON string", "a.json", b'{"schema":', MUST_REFUSE),
    ]
    # deep nesting
    cases += [("JSON nested 100 000 deep (lists)", "deep.json", deep_json(100_000), MUST_REFUSE),
              ("JSON nested 100 000 deep (objects)", "deep2.json", deep_json(100_000, "{"), MUST_REFUSE),
              ("JSON nested 900 deep", "deep3.json", deep_json(900), MUST_REFUSE)]
    # enormous values
    doc = json.loads(native)
    cells = doc["cells"]
    first_count = next(c for c in cells if isinstance(c.get("value"), int))
    first_money = next((c for c in cells if isinstance(c.get("value"), str)), None)
    for label, value in (("a 100 000-digit integer", "HUGEINT"), ("1e999", "1e999"), ("-1e999", "-1e999"),
                         ("NaN", "NaN"), ("10**18", str(10 ** 18)), ("a 5 MB string", json.dumps("9" * 5_000_000))):
        data = json.dumps(doc).replace(json.dumps(first_count), json.dumps(first_count).replace(
            f'"value": {first_count["value"]}', '"value": @V@'), 1)
        data = data.replace("@V@", "9" * 100_000 if value == "HUGEINT" else value)
        cases.append((f"count cell holding {label}", "big.govreport", data.encode(), MUST_REFUSE))
    if first_money is not None:
        for value in ("1" + "0" * 40, "1e400", "Infinity", "-0.000000000000001"):
            d = json.loads(native)
            for c in d["cells"]:
                if c is not None and c.get("row") == first_money["row"] and c.get("col") == first_money["col"] \
                        and c.get("table") == first_money["table"]:
                    c["value"] = value
            cases.append((f"money cell holding {value[:12]}", "money.govreport", json.dumps(d).encode(), EITHER))
    big_agency = json.loads(native)
    big_agency["agency"] = "某" * 2_000_000
    cases.append(("a 2-million-character agency name", "agency.govreport",
                  json.dumps(big_agency, ensure_ascii=False).encode(), EITHER))
    cases.append(("a 60 MB project file", "huge.govreport", native[:-2] + b" " * (60 * 1024 * 1024) + native[-2:],
                  MUST_REFUSE))
    cases += _office_enormous_values(seeds, folder)
    cases += _xlsx_hostile_formulas(seeds)
    # labels in other encodings
    gbk = native.decode("utf-8").encode("gbk", errors="replace")
    cases.append(("project file in GBK", "gbk.govreport", gbk, MUST_REFUSE))
    cases.append(("project file in GB18030 with BOM", "gb.govreport",
                  codecs.BOM_UTF8[:0] + b"\x84\x31\x95\x33" + native.decode("utf-8").encode("gb18030"), MUST_REFUSE))
    mojibake = native.decode("utf-8").encode("gbk", errors="replace").decode("latin-1").encode("utf-8")
    cases.append(("labels as GBK mojibake (UTF-8 of Latin-1)", "moji.govreport", mojibake, MUST_REFUSE))
    cases += _office_other_encodings(seeds)
    return cases


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return out.getvalue()


def _replace_member_text(data: bytes, member: str, fn) -> bytes:
    from hostile import rezip
    text = zipfile.ZipFile(io.BytesIO(data)).read(member).decode("utf-8")
    return rezip(data, {member: fn(text).encode("utf-8")})


def _office_enormous_values(seeds, folder) -> list:
    import re
    docx, xlsx = seeds["docx"].read_bytes(), seeds["xlsx"].read_bytes()
    sheet = _office_member(xlsx, "worksheets/sheet3")
    out = []
    for label, value in (("1e308", "1e308"), ("a 5000-digit number", "9" * 5000), ("-1e-320", "-1e-320"),
                         ("NaN", "NaN")):
        out.append((f"xlsx numeric cells holding {label}", "huge.xlsx", _replace_member_text(
            xlsx, sheet, lambda t, v=value: re.sub(r"<v>\d+</v>", f"<v>{v}</v>", t)), EITHER))

    def docx_numbers(text, v):
        return re.sub(r"(<w:t(?: [^>]*)?>)(\d+)(</w:t>)", lambda m: m.group(1) + v + m.group(3), text)
    for label, value in (("a 5000-digit number", "9" * 5000), ("1e400", "1e400"), ("full-width 1e20", "１" * 20),
                         ("a 1 MB run of digits", "7" * 1_000_000)):
        out.append((f"docx table cells holding {label}", "huge.docx",
                    _replace_member_text(docx, "word/document.xml", lambda t, v=value: docx_numbers(t, v)), EITHER))
    return out


def _xlsx_hostile_formulas(seeds) -> list:
    """Formulas without cached values, which the Excel reader recomputes (only in files that are
    not our own exports: the format marker is removed): numbers far beyond any report's, and one
    shared formula of 200 000 references over every value cell."""
    import re
    xlsx = seeds["xlsx"].read_bytes()
    sheet = _office_member(xlsx, "worksheets/sheet3")
    unmarked = _replace_member_text(xlsx, "xl/workbook.xml", lambda t: re.sub(
        r'<definedName name="GovReport_Format"[^>]*>[^<]*</definedName>', "", t))
    number_cell = re.compile(r'<c r="([A-Z]+\d+)"([^>]*?) t="n"><v>\d+</v></c>')

    def every_number(formula):
        return lambda t: number_cell.sub(lambda m: f'<c r="{m.group(1)}"{m.group(2)}><f>{formula}</f></c>', t)

    def one_shared(t):
        first = [True]

        def cell(m):
            if first[0]:
                first[0] = False
                return (f'<c r="{m.group(1)}"{m.group(2)}><f t="shared" si="0" ref="A1:Z99">'
                        + "$A$1+" * 200_000 + "1</f></c>")
            return f'<c r="{m.group(1)}"{m.group(2)}><f t="shared" si="0"/></c>'
        return number_cell.sub(cell, t)
    out = []
    for label, formula in (("=9E+999999", "9E+999999"), ("=1E+99999999999", "1E+99999999999"),
                           ("=1E-999999999", "1E-999999999"), ("=1E+500000*1E+500000", "1E+500000*1E+500000")):
        out.append((f"xlsx value cells holding the formula {label} without results", "formula.xlsx",
                    _replace_member_text(unmarked, sheet, every_number(formula)), EITHER))
    out.append(("xlsx value cells sharing a formula of 200 000 references", "shared.xlsx",
                _replace_member_text(unmarked, sheet, one_shared), EITHER))
    return out


def _office_other_encodings(seeds) -> list:
    """Office parts whose labels are not UTF-8: declared GBK, or GBK bytes under a UTF-8 declaration."""
    from hostile import rezip
    docx, xlsx = seeds["docx"].read_bytes(), seeds["xlsx"].read_bytes()
    out = []
    for label, data, member, suffix in (("docx document.xml", docx, "word/document.xml", ".docx"),
                                        ("xlsx sheet", xlsx, _office_member(xlsx, "worksheets/sheet3"), ".xlsx")):
        text = zipfile.ZipFile(io.BytesIO(data)).read(member).decode("utf-8")
        declared = text.replace('encoding="UTF-8"', 'encoding="GBK"').replace("encoding='UTF-8'", "encoding='GBK'")
        if 'encoding="GBK"' not in declared and "encoding='GBK'" not in declared:
            declared = '<?xml version="1.0" encoding="GBK"?>' + text.split("?>", 1)[-1] if text.startswith("<?xml") \
                else '<?xml version="1.0" encoding="GBK"?>' + text
        out.append((f"{label} declared and encoded GBK", f"gbk{suffix}",
                    rezip(data, {member: declared.encode("gbk", errors="replace")}), EITHER))
        out.append((f"{label} GBK bytes under a UTF-8 declaration", f"gbk-bad{suffix}",
                    rezip(data, {member: text.encode("gbk", errors="replace")}), EITHER))
        mojibake = text.encode("gbk", errors="replace").decode("latin-1")
        out.append((f"{label} labels as GBK mojibake", f"moji{suffix}",
                    rezip(data, {member: mojibake.encode("utf-8")}), EITHER))
    return out


@pytest.fixture(scope="module")
def hostile_cases(seeds, tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    cases = build_cases(seeds, folder)
    written = []
    for i, (name, filename, data, expectation) in enumerate(cases):
        sub = folder / f"{i:03}"
        sub.mkdir()
        path = sub / filename
        path.write_bytes(data)
        written.append((name, path, expectation))
    return written


def test_hostile_inputs_end_in_a_read_or_a_clear_message(hostile_cases, readers):
    verdict = Verdict("hostile")
    answers = readers.read_all([path for _, path, _ in hostile_cases])
    problems = []
    for (name, path, expectation), answer in zip(hostile_cases, answers):
        verdict.add(name, answer)
        if expectation == MUST_REFUSE and answer["outcome"] == "ok":
            problems.append(f"{name}: was read, should have been refused")
        if answer["seconds"] > 10:
            problems.append(f"{name}: took {answer['seconds']} s")
    failures = verdict.failures() + problems
    assert len(verdict.results) == len(hostile_cases) >= 60
    assert not failures, f"{len(failures)} of {len(hostile_cases)} hostile cases failed:\n" + "\n\n".join(failures)


def test_a_directory_and_a_missing_file(tmp_path, readers):
    verdict = Verdict("hostile")
    folder = tmp_path / "a folder.xlsx"
    folder.mkdir()
    for name, path in (("a directory", folder), ("a missing file", tmp_path / "nope.govreport")):
        verdict.add(name, readers.read(path))
    assert verdict.counts()["read_error"] == 2
    assert not verdict.failures()
