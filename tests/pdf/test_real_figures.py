"""The figures of three real published reports (tests/fixtures/samples: many blanks, the 2019
format) published as a portal page, printed to PDF by LibreOffice, and read back figure for figure."""

from __future__ import annotations

from pathlib import Path

import pytest

from govreport_gui.core.serialize import load_file
from govreport_gui.io.registry import read_report

from .corpus import convert, html_page, published_report

SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "samples"
NAMES = ("2019_haishu_district.json", "2019_xiangcheng_office.json", "2020_hanbin_district.json")


def _figures(report):
    return {k: v for k, v in report.values.items() if v}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("real")
    reports, pages = {}, []
    for name in NAMES:
        real = load_file(SAMPLES / name).report
        report = published_report(real.form_version)
        report.values = dict(real.values)
        report.meta.agency = report.meta.issuing_organ = real.meta.agency
        report.meta.year = real.meta.year
        report.meta.date = f"{real.meta.year + 1}年1月20日"
        page = folder / f"{Path(name).stem}.html"
        page.write_text(html_page(report), encoding="utf-8")
        pages.append(page)
        reports[name] = report
    return dict(zip(NAMES, zip(convert(pages, folder), (reports[n] for n in NAMES))))


@pytest.mark.parametrize("name", NAMES)
def test_real_figures_read_back_from_a_printed_pdf(pdfs, name):
    pdf, report = pdfs[name]
    result = read_report(pdf)
    assert result.kind == "pdf" and result.report.form_version == report.form_version
    assert (result.report.meta.agency, result.report.meta.year) == (report.meta.agency, report.meta.year)
    assert _figures(result.report) == _figures(report)
