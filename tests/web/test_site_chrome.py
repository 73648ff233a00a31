"""Portal pages as real sites serve them (CMS article pages, 信息公开目录 pages, table-laid 2019
pages, pages with sidebars, crawler saves) read as the report they publish: every figure, the
title's agency and year in any of its forms, the preface, each section's text in its own section,
the 落款 when there is one — and none of the site's navigation, toolbars, share bars, attachment
lists or footers, which the notes name instead."""

from __future__ import annotations

import itertools

import pytest
from published_corpus import mhtml_bytes
from site_pages import FRAMES, HEADINGS, TITLES, Page, assert_reads_as_published, site_page

from govreport_gui.io.registry import read_report

# every frame × version × signed or not, the title forms and heading styles taken in turn
CASES = [Page(frame, version, seed, title, heading, signed, six)
         for seed, (frame, version, signed) in enumerate(itertools.product(FRAMES, ("2019", "2021"), (True, False)))
         for title, heading, six in [(list(TITLES)[seed % len(TITLES)], list(HEADINGS)[seed % len(HEADINGS)],
                                      ("long", "none")[seed % 3 == 0])]]


def _id(page: Page) -> str:
    return f"{page.frame}-{page.version}-{page.title}-{page.headings}-{'signed' if page.signed else 'unsigned'}-{page.six}"


@pytest.mark.parametrize("page", CASES, ids=_id)
def test_portal_page_reads_as_the_report_it_publishes(tmp_path, page):
    text, expected = site_page(page)
    path = tmp_path / "年报.html"
    path.write_bytes(text.encode("utf-8"))
    assert_reads_as_published(read_report(path), expected)


@pytest.mark.parametrize("title", list(TITLES))
def test_every_title_form_on_a_crawler_page(tmp_path, title):
    """The hardest page: a crawler's text (no links, no containers) in front of every title form."""
    text, expected = site_page(Page("crawler", "2021", 5, title, "reworded", signed=False))
    path = tmp_path / "crawled.html"
    path.write_bytes(text.encode("utf-8"))
    assert_reads_as_published(read_report(path), expected)


@pytest.mark.parametrize("frame", FRAMES)
def test_saved_as_a_single_file_page(tmp_path, frame):
    text, expected = site_page(Page(frame, "2019", 7, "year_first", "autonumber", signed=False, preface=False))
    path = tmp_path / "年报.mht"
    path.write_bytes(mhtml_bytes(text, "base64", "gbk"))
    assert_reads_as_published(read_report(path), expected)


def test_notes_name_what_was_left_out(tmp_path):
    text, _ = site_page(Page("trs", "2021", 3, signed=False))
    path = tmp_path / "p.html"
    path.write_bytes(text.encode("utf-8"))
    notes = "\n".join(read_report(path).notes)
    assert "标题之前的文字" in notes and "当前位置" in notes                  # navigation and breadcrumb
    assert "标题与正文之间" in notes and "分享到" in notes and "全真版" in notes  # details, toolbar, share bar
    assert "正文结束后的文字" in notes and "附件下载" in notes and "扫一扫" in notes


def test_signature_kept_in_an_element_of_its_own(tmp_path):
    """A CMS that sets the 落款 in a <div> after the article's content: still the report's."""
    text, expected = site_page(Page("trs", "2021", 4, signed=True))
    meta = expected.report.meta
    signature = f'<p style="text-align:right">{meta.issuing_organ}</p><p style="text-align:right">{meta.date}</p>'
    assert signature in text
    text = text.replace(signature + "</div>", f'</div><div class="sign">{signature}</div>')
    path = tmp_path / "p.html"
    path.write_bytes(text.encode("utf-8"))
    assert_reads_as_published(read_report(path), expected)


def test_a_bookmark_around_a_heading_is_no_link(tmp_path):
    """Word's web pages wrap headings in <a name=…>: not a link, the heading and its text stay."""
    text, expected = site_page(Page("xxgk", "2021", 6, signed=False))
    text = text.replace("<strong>六、", '<strong><a name="_Toc6">六、').replace("事项</strong>", "事项</a></strong>")
    path = tmp_path / "p.html"
    path.write_bytes(text.encode("utf-8"))
    assert_reads_as_published(read_report(path), expected)


def test_the_pages_own_name_when_its_text_has_no_title(tmp_path):
    """A page whose article starts with the preface: agency and year from its <title>."""
    text, expected = site_page(Page("trs", "2021", 8, signed=False))
    start, end = text.index('<h1 class="article-title">'), text.index("</h1>")
    text = text[:start] + text[end + len("</h1>"):]
    path = tmp_path / "p.html"
    path.write_bytes(text.encode("utf-8"))
    result = read_report(path)
    assert_reads_as_published(result, expected)
    assert any("按网页标题" in n for n in result.notes)
