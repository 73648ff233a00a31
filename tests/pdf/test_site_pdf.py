"""Portal pages printed to PDF (LibreOffice): the site's text is plain lines now — no links, no
page structure — and still the report is read without it: title, agency, year, preface, each
section's text, the 落款 or the end of 六, and the figures of the ruled tables."""

from __future__ import annotations

import pytest
from site_pages import Page, assert_reads_as_published, site_page

from govreport_gui.io.registry import read_report

from .corpus import convert

PAGES = {
    "trs": Page("trs", "2021", 1, "two_lines", "reworded", signed=False, tables="plain"),
    "crawler": Page("crawler", "2019", 2, "year_first", "autonumber", signed=False, tables="plain"),
    "xxgk": Page("xxgk", "2021", 5, "year_inside", "reworded", signed=True, tables="plain"),
}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("sites")
    expected, sources = {}, []
    for name, page in PAGES.items():
        text, expected[name] = site_page(page)
        source = folder / f"{name}.html"
        source.write_text(text, encoding="utf-8")
        sources.append(source)
    return dict(zip(PAGES, zip(convert(sources, folder), (expected[n] for n in PAGES))))


@pytest.mark.parametrize("name", list(PAGES))
def test_portal_page_printed_to_pdf(pdfs, name):
    path, expected = pdfs[name]
    result = read_report(path)
    assert_reads_as_published(result, expected)
    assert any("正文结束后的文字" in n for n in result.notes)
