"""Reports in office formats read through a conversion: .doc, .rtf, .odt and .ods made by
LibreOffice from our exports and from published web pages, both format versions; the source never
touched; without a converter, a hanging one, or a file it cannot open: a clear message."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from pathlib import Path

import pytest
from published_corpus import assert_same_report, page_bytes, published_page
from report_builders import balanced
from support import convert_with_libreoffice, require_libreoffice

from govreport_gui.core.errors import ReadError
from govreport_gui.io.office import office_convert
from govreport_gui.io.registry import read_report, sniff, write_report


def _figures(report):
    return {k: v for k, v in report.values.items() if v}


def _digest(path: Path) -> tuple[str, float]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_word_export_converted_to_doc_rtf_odt_reads_every_figure(tmp_path, version):
    soffice = require_libreoffice()
    report = balanced(version, 2020 if version == "2019" else 2024)
    docx = tmp_path / "导出.docx"
    write_report(docx, report)
    for to, kind in (("doc", "doc"), ("rtf", "rtf"), ("odt", "odt")):
        converted = convert_with_libreoffice(soffice, docx, to, tmp_path)
        assert sniff(converted) == kind
        before = _digest(converted)
        result = read_report(converted)
        assert result.kind == kind and result.report.form_version == version
        assert _figures(result.report) == _figures(report), to
        assert result.report.meta.agency == report.meta.agency and result.report.meta.year == report.meta.year
        assert any("已由LibreOffice转换为Word 文档后读取" in str(n) for n in result.notes)
        assert _digest(converted) == before     # the clerk's file is never touched


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_excel_export_converted_to_ods_reads_every_figure(tmp_path, version):
    soffice = require_libreoffice()
    report = balanced(version, 2020 if version == "2019" else 2024)
    xlsx = tmp_path / "导出.xlsx"
    write_report(xlsx, report)
    ods = convert_with_libreoffice(soffice, xlsx, "ods", tmp_path)
    assert sniff(ods) == "ods"
    result = read_report(ods)
    assert result.kind == "ods" and result.report.form_version == version
    assert _figures(result.report) == _figures(report)


@pytest.mark.parametrize("style,version", [("cms", "2021"), ("layout", "2019"), ("word", "2021")])
def test_published_web_page_saved_as_doc_by_an_office_suite(tmp_path, style, version):
    """A portal page opened in an office suite and saved as .doc (what many offices keep)."""
    soffice = require_libreoffice()
    html, expected = published_page(style, version, seed=7)
    page = tmp_path / "page.html"
    page.write_bytes(page_bytes(html))
    doc = convert_with_libreoffice(soffice, page, "doc:MS Word 97", tmp_path)
    result = read_report(doc)
    assert result.kind == "doc"
    assert_same_report(result, expected)


def test_a_wps_file_by_its_content_whatever_its_name(tmp_path):
    soffice = require_libreoffice()
    report = balanced("2021", 2024)
    docx = tmp_path / "r.docx"
    write_report(docx, report)
    doc = convert_with_libreoffice(soffice, docx, "doc", tmp_path)
    wps = tmp_path / "去年的报告.wps"
    wps.write_bytes(doc.read_bytes())
    assert sniff(wps) == "doc"
    assert _figures(read_report(wps).report) == _figures(report)


def test_without_a_converter_the_clerk_is_told_what_to_do(tmp_path, monkeypatch):
    soffice = require_libreoffice()
    docx = tmp_path / "r.docx"
    write_report(docx, balanced("2021", 2024))
    doc = convert_with_libreoffice(soffice, docx, "doc", tmp_path)
    monkeypatch.setenv("GOVREPORT_SOFFICE", str(tmp_path / "no-such-soffice"))
    monkeypatch.setattr(sys, "platform", "linux")
    with pytest.raises(ReadError) as caught:
        read_report(doc)
    text = str(caught.value)
    assert "LibreOffice" in text and "另存为" in text and ".docx" in text and "Traceback" not in text


def test_a_doc_libreoffice_cannot_open_gets_a_message(tmp_path):
    require_libreoffice()
    broken = tmp_path / "坏的.doc"
    # an OLE2 container that names a WordDocument stream but holds nothing readable
    broken.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + "WordDocument".encode("utf-16-le")
                       + b"\x00" * 4096)
    before = _digest(broken)
    with pytest.raises(ReadError) as caught:
        read_report(broken)
    assert "LibreOffice" in str(caught.value) and "另存为" in str(caught.value)
    assert _digest(broken) == before


HANGING = '''#!{python}
import os, pathlib, subprocess, sys, time
pathlib.Path(os.environ["HANG_STATE"]).write_text(str(os.getpid()))
child = subprocess.Popen(["sleep", "600"])
time.sleep(600)
'''


@pytest.mark.skipif(sys.platform == "win32", reason="the stand-in converter is a POSIX script")
def test_a_conversion_that_hangs_is_killed_at_the_time_limit(tmp_path, monkeypatch):
    script = tmp_path / "soffice"
    script.write_text(HANGING.format(python=sys.executable))
    script.chmod(0o755)
    state = tmp_path / "pid"
    monkeypatch.setenv("GOVREPORT_SOFFICE", str(script))
    monkeypatch.setenv("HANG_STATE", str(state))
    monkeypatch.setattr(office_convert, "CONVERT_TIMEOUT", 3)
    rtf = tmp_path / "r.rtf"
    rtf.write_bytes(b"{\\rtf1\\ansi hello}")
    with pytest.raises(ReadError) as caught:
        read_report(rtf)
    assert "超过 3 秒" in str(caught.value)
    pid = int(state.read_text())
    assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2]


def test_the_cli_checks_a_converted_document(tmp_path):
    soffice = require_libreoffice()
    docx = tmp_path / "r.docx"
    write_report(docx, balanced("2021", 2024))
    odt = convert_with_libreoffice(soffice, docx, "odt", tmp_path)
    proc = subprocess.run([sys.executable, "-m", "govreport_gui", "check", str(odt)], capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "转换" in proc.stdout + proc.stderr
