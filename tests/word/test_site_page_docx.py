"""A portal page pasted into Word and saved as .docx: a layout table of menu, sidebar, article
(with the report tables nested in it) and footer, hyperlinks kept.  Read as the report: the cells
outside the article's are left out, and so are the toolbar, share bar and attachment list."""

from __future__ import annotations

import pytest
from site_pages import TITLES, Page, assert_reads_as_published, page_docx

from govreport_gui.io.registry import read_report


@pytest.mark.parametrize("signed", [True, False])
@pytest.mark.parametrize("version", ["2019", "2021"])
@pytest.mark.parametrize("title", ["agency_above", "year_inside"])
def test_page_saved_as_word(tmp_path, title, version, signed):
    path = tmp_path / "年报.docx"
    expected = page_docx(Page("word", version, len(title), title, "reworded", signed), path)
    result = read_report(path)
    assert_reads_as_published(result, expected)
    notes = "\n".join(result.notes)
    assert "网站地图" in notes and "全真版" in notes


def test_every_title_form_in_word(tmp_path):
    for title in TITLES:
        path = tmp_path / f"{title}.docx"
        expected = page_docx(Page("word", "2021", 2, title, "autonumber", signed=False, six="none"), path)
        assert_reads_as_published(read_report(path), expected)


@pytest.mark.parametrize("signed", [True, False])
def test_page_text_pasted_into_word(tmp_path, signed):
    """The page's lines pasted one after the other (no layout table): links and the text's shape."""
    path = tmp_path / "年报.docx"
    expected = page_docx(Page("word", "2021", 9, "two_lines", "reworded", signed), path, flat=True)
    assert_reads_as_published(read_report(path), expected)
