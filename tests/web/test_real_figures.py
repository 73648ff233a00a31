"""The figures of three real published reports (transcribed into tests/fixtures/samples) published
again as portal pages in every style of the corpus, saved as HTML and as single-file MHTML, and
read back figure for figure: real figures (many blanks, large and small numbers, 2019 format)
rather than random ones."""

from __future__ import annotations

from pathlib import Path

import pytest
from published_corpus import STYLES, mhtml_bytes, page_bytes, page_html, published_report

from govreport_gui.core.serialize import load_file
from govreport_gui.io.registry import read_report

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "samples"
NAMES = ("2019_haishu_district.json", "2019_xiangcheng_office.json", "2020_hanbin_district.json")


def _published(name: str):
    """The real report's figures, agency and year, with the corpus's prose and signature."""
    real = load_file(SAMPLES / name).report
    report = published_report(real.form_version, seed=len(name))
    report.values = dict(real.values)
    report.meta.agency = report.meta.issuing_organ = real.meta.agency
    report.meta.year = real.meta.year
    report.meta.preamble = report.meta.preamble.replace(str(report.meta.year), str(real.meta.year))
    return report


def _figures(report):
    return {k: v for k, v in report.values.items() if v}


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("name", NAMES)
def test_real_figures_read_back_from_every_portal_style(tmp_path, name, style):
    report = _published(name)
    page = tmp_path / "年报.html"
    page.write_bytes(page_bytes(page_html(report, style, seed=3), "utf-8"))
    result = read_report(page)
    assert result.report.form_version == report.form_version
    assert (result.report.meta.agency, result.report.meta.year) == (report.meta.agency, report.meta.year)
    assert _figures(result.report) == _figures(report)


@pytest.mark.parametrize("name", NAMES)
def test_real_figures_from_a_gbk_single_file_page(tmp_path, name):
    report = _published(name)
    page = tmp_path / "年报.mht"
    page.write_bytes(mhtml_bytes(page_html(report, "cms", seed=5, charset="gbk"), "base64", "gbk"))
    assert _figures(read_report(page).report) == _figures(report)
