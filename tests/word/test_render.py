"""Rendering the exported documents through LibreOffice (PDF, PNG) and reading the pages back.

Needs LibreOffice (``soffice``) and poppler (``pdftotext``, ``pdftoppm``); skipped with the reason
when they are absent, unless ``GOVREPORT_REQUIRE_LIBREOFFICE=1`` (CI), where they must be there.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from support import require_libreoffice, skip_unless_required

from govreport_gui.core.errors import WriteError
from govreport_gui.core.serialize import load_file
from govreport_gui.io.registry import write_report
from govreport_gui.io.write import pdf_export

from .test_export import report_2019


def _require(tool: str) -> str:
    found = shutil.which(tool)
    if not found:
        skip_unless_required(f"没有安装 {tool}（poppler-utils），跳过把 Word 文件渲染成图片的测试",
                             "GOVREPORT_REQUIRE_LIBREOFFICE")
    return found


@pytest.fixture
def tools() -> str:
    """LibreOffice (returned) and poppler's pdftotext / pdftoppm, or skip."""
    soffice = require_libreoffice()
    _require("pdftotext")
    _require("pdftoppm")
    return soffice


def _pages(pdf) -> list[str]:
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, check=True,
                          text=True).stdout
    return text.split("\f")


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_sample_2021_renders(tmp_path, sample_path, tools):
    loaded = load_file(sample_path)
    pdf = tmp_path / "sample.pdf"
    notes = write_report(pdf, loaded.report, loaded.previous)
    assert "LibreOffice" in notes[-1]
    pages = [p for p in _pages(pdf) if p.strip()]
    assert 3 <= len(pages) <= 10
    whole = _squash("".join(pages))
    assert "青禾市临川区人民政府办公室2024年政府信息公开工作年度报告" in whole
    for section in loaded.report.form.sections:
        assert _squash(section.heading) in whole
    for label in ("第二十条第（一）项", "行政规范性文件", "申请人情况", "（七）总计", "复议后起诉", "本年收费金额（单位：万元）"):
        assert label in whole
    assert "215.36" in whole
    # page numbers — N — on every page
    for n, page in enumerate(pages, 1):
        assert re.search(rf"—\s*{n}\s*—", page), f"page {n} has no page number"
    png = tmp_path / "page"
    subprocess.run(["pdftoppm", "-png", "-r", "40", "-f", "2", "-l", "2", str(pdf), str(png)], check=True)
    images = list(tmp_path.glob("page*.png"))
    assert images and images[0].stat().st_size > 5000


def test_2019_renders(tmp_path, tools):
    report = report_2019()
    pdf = tmp_path / "r2019.pdf"
    write_report(pdf, report)
    whole = _squash("".join(_pages(pdf)))
    assert "宁波市海曙区人民政府2019年政府信息公开工作年度报告" in whole
    for label in ("第二十条第（九）项", "采购总金额", "39953.93万元", "其他对外管理服务事项", "（六）其他处理"):
        assert label in whole
    assert "2020年1月20日" in whole


def test_docx_converted_by_soffice_keeps_every_label(tmp_path, sample_path, tools):
    """The .docx itself (not only our PDF path) opens in LibreOffice: convert it by hand."""
    loaded = load_file(sample_path)
    docx_path = tmp_path / "s.docx"
    write_report(docx_path, loaded.report)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run([pdf_export.find_soffice(), f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx_path)],
                   check=True, capture_output=True, timeout=180)
    whole = _squash("".join(_pages(tmp_path / "s.pdf")))
    for spec in loaded.report.form.tables.values():
        for g in spec.grid:
            if g.text:
                assert _squash(g.text) in whole, g.text


def test_pdf_without_an_office_suite(tmp_path, sample_path, monkeypatch):
    monkeypatch.setattr(pdf_export, "find_soffice", lambda: None)
    monkeypatch.setattr(pdf_export.sys, "platform", "linux")
    target = tmp_path / "out.pdf"
    with pytest.raises(WriteError, match="LibreOffice"):
        write_report(target, load_file(sample_path).report)
    assert not target.exists()


def test_pdf_conversion_failure_is_clear(tmp_path, sample_path, monkeypatch):
    fake = tmp_path / "soffice"
    fake.write_text("#!/bin/sh\nexit 3\n")
    fake.chmod(0o755)
    monkeypatch.setenv("GOVREPORT_SOFFICE", str(fake))
    target = tmp_path / "out.pdf"
    target.write_bytes(b"old")
    with pytest.raises(WriteError, match="没有生成 PDF"):
        write_report(target, load_file(sample_path).report)
    assert target.read_bytes() == b"old"


def test_document_resaved_by_libreoffice_reads_back(tmp_path, sample_path, tools):
    """Another office suite re-saves the exported file (its own XML for merges, styles and
    fields): the reader still recovers every figure, the prose and the metadata."""
    from govreport_gui.io.registry import read_report

    loaded = load_file(sample_path)
    source = tmp_path / "src" / "report.docx"
    source.parent.mkdir()
    write_report(source, loaded.report)
    out = tmp_path / "resaved"
    profile = (tmp_path / "profile").as_uri()
    subprocess.run([pdf_export.find_soffice(), f"-env:UserInstallation={profile}", "--headless",
                    "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(out), str(source)],
                   check=True, capture_output=True, timeout=180)
    back = read_report(out / "report.docx").report
    form = loaded.report.form
    assert back.form_version == form.version
    for key in form.input_keys():
        assert (back.values.get(key) or 0) == (loaded.report.values.get(key) or 0), key
    assert (back.meta.agency, back.meta.year) == (loaded.report.meta.agency, loaded.report.meta.year)
    assert back.sections["五"] == loaded.report.sections["五"]
