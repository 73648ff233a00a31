"""Reading reports from PDFs drawn the way office suites print them (``drawn.py``): WPS's white
box behind every line of prose, highlighted words, tables with and without their outer frame,
borders as lines, thin rectangles or boxes, rows and group labels broken by the page, both
versions.  Every file is read whole: each section's words, the title's agency and year, the
preface, the 落款 and every figure."""

from __future__ import annotations

import pytest

from govreport_gui.io.published.pdf_import import pdf_content, read_pdf

from .corpus import published_report
from .drawn import Style, draw_report

WORDS = {
    "一": "本年度，本机关以制度建设为抓手，把政务公开融入日常工作各个环节，全年召开专题会议三次，研究部署公开重点任务。\n"
          "（一）主动公开。围绕群众关心的事项，及时发布政策文件、办事指南和工作动态，做到应公开尽公开，对重要政策同步开展解读。\n"
          "（二）依申请公开。规范受理、登记、审核、答复等环节，严格按照法定时限答复，答复文书格式统一、说理充分。\n"
          "（三）政府信息管理。建立公开前审查机制，对拟公开信息逐条把关，定期清理过时信息。\n"
          "（四）平台建设。优化门户网站公开专栏，调整栏目设置，提升检索功能。\n"
          "（五）监督保障。将公开工作纳入年度考核，开展业务培训两次，邀请群众代表参与评议。",
    "二": "本年度主动公开情况如下表。",
    "三": "本年度收到和处理申请的情况如下表。",
    "四": "本年度因政府信息公开被申请行政复议、提起行政诉讼的情况如下表。",
    "五": "一是公开内容的深度还不够，部分栏目更新不及时；二是政策解读形式比较单一，图表和视频解读偏少。\n"
          "下一步，本机关将加强栏目日常维护，丰富解读形式，进一步提高公开工作质量。",
    "六": "本年度未收取信息处理费。",
}

STYLES = {
    "wps": Style(white_boxes=True, borders="thin"),
    "wps-cells": Style(white_boxes=True, cell_boxes=True, borders="thin"),
    "wps-highlight": Style(white_boxes=True, cell_boxes=True, highlight=True, borders="thin", repeat_header=True),
    "lines": Style(),
    "no-sides": Style(outer="sides", white_boxes=True),
    "open-at-breaks": Style(outer="open", white_boxes=True, split_rows=True),
    "running-header": Style(outer="open", split_rows=True, narrow_labels=True, running_header="某某市生态环境局政府信息公开工作年度报告",
                            break_in=("（四）无法提供", 2)),
    "running-header-framed": Style(borders="thin", repeat_header=True, white_boxes=True, running_header="政务公开　第一版"),
    "boxes-shaded": Style(borders="boxes", shade=True, narrow_labels=True),
    "rows-split": Style(split_rows=True, narrow_labels=True, filler=3, white_boxes=True, cell_boxes=True),
    "group-four-split": Style(split_rows=True, narrow_labels=True, break_in=("（四）无法提供", 1), borders="thin"),
    "group-five-split": Style(split_rows=True, break_in=("（五）不予处理", 1), white_boxes=True, cell_boxes=True,
                              borders="thin"),
    "group-five-page": Style(break_in=("（五）不予处理", 1), narrow_labels=True, repeat_header=True, outer="sides"),
    # labels printed otherwise, one of them in a row the page breaks (read with a note each)
    "labels-printed-otherwise": Style(split_rows=True, break_in=("2.其他法律行政法规禁止公开", 1), narrow_labels=True,
                                      white_boxes=True, labels={"2.其他法律行政法规禁止公开": "2.其他法律行政止公开",
                                                                "行政规范性文件": "规范性文件",
                                                                "（四）无法提供": "（四）无法提共"}),
    # a group label cut twice: the page ends after (三)'s last row, the next after (四)'s first line
    "group-label-cut-twice": Style(split_rows=True, break_before="（四）无法提供", break_in=("（四）无法提供", 1),
                                   narrow_labels=True, white_boxes=True, cell_boxes=True, borders="boxes"),
    # the title wrapped by the page's width, double-spaced prose, 三 on landscape pages
    "wrapped-title-double-spaced-landscape": Style(wrapped_title=True, line=44.0, landscape="三", white_boxes=True),
    # bold imitated by printing each character twice: title, headings, table headers and totals
    "fake-bold": Style(fake_bold=True, white_boxes=True, borders="thin"),
    # a running header naming the report, with the page's number
    "running-header-numbered": Style(running_header="某某市生态环境局政府信息公开工作年度报告　第{page}页", white_boxes=True,
                                     split_rows=True),
    # every line shown glyph by glyph in TJ arrays: Word's kerning (closer) and a justified line's spacing (wider)
    "kerned-closer": Style(kerning=-40, borders="thin"),
    "spaced-wider": Style(kerning=30, white_boxes=True, borders="thin", repeat_header=True),
    # the font's text encoding gives radicals for some characters (⼀、总体情况, ⼈民政府)
    "radicals": Style(radicals=True, white_boxes=True, borders="thin"),
}


def report_with_words(version: str):
    report = published_report(version)
    report.sections.update(WORDS)
    return report


def expected_sections(report, style: Style) -> dict[str, str]:
    sections = dict(report.sections)
    fillers = [f"（说明{i + 1}）本表统计的是本年度收到和办理的申请。" for i in range(style.filler)]
    sections["三"] = "\n".join([sections["三"], *fillers])
    return sections


def assert_read_whole(path, report, style: Style) -> None:
    result = read_pdf(path)
    got = result.report
    assert (got.meta.agency, got.meta.year) == (report.meta.agency, report.meta.year), result.notes
    assert got.meta.preamble == report.meta.preamble
    assert (got.meta.issuing_organ, got.meta.date) == (report.meta.issuing_organ, report.meta.date)
    assert got.sections == expected_sections(report, style), result.notes
    assert got.form_version == report.form_version
    wrong = {k: (got.values.get(k), v) for k, v in report.values.items() if got.values.get(k) != v}
    assert not wrong and set(got.values) == set(report.values), wrong
    assert not [n for n in result.notes if getattr(n, "kind", "") in ("unplaced", "problem")], result.notes


@pytest.mark.parametrize("version", ("2019", "2021"))
@pytest.mark.parametrize("name", STYLES)
def test_drawn_report_read_whole(tmp_path, version, name):
    report = report_with_words(version)
    style = STYLES[name]
    path = tmp_path / f"{name}-{version}.pdf"
    path.write_bytes(draw_report(report, style))
    assert_read_whole(path, report, style)


def test_white_boxes_are_no_tables(tmp_path):
    """WPS's boxes touch one another down the page; drawn alone, without a table, they still
    hold prose: no table is made of them."""
    report = report_with_words("2021")
    path = tmp_path / "wps.pdf"
    path.write_bytes(draw_report(report, Style(white_boxes=True)))
    import pdfplumber
    with pdfplumber.open(path) as pdf:
        boxes = [r for page in pdf.pages for r in page.rects if r["non_stroking_color"] == (1.0, 1.0, 1.0)]
        assert len(boxes) > 30   # one per line of prose; pdfplumber's own table finder takes them for cells:
        assert any("本机关以制度建设为抓手" in "".join(map(str, row)) for page in pdf.pages
                   for table in page.extract_tables() for row in table)
    tables = [b for b in pdf_content(path).blocks if b.kind == "tbl"]
    assert len(tables) == 3   # 二, 三 (across the page: one table), 四


def test_the_corpus_breaks_what_it_says(tmp_path):
    """The styles really split a group label and a row label across the page (else the tests
    above prove little)."""
    import pdfplumber
    seen = {}
    for name in ("group-four-split", "group-five-split", "rows-split"):
        path = tmp_path / f"{name}.pdf"
        path.write_bytes(draw_report(report_with_words("2021"), STYLES[name]))
        with pdfplumber.open(path) as pdf:
            seen[name] = [page.extract_text() for page in pdf.pages]
    four = seen["group-four-split"]
    assert any("（四" in page.split("\n")[-2] for page in four) and any(page.startswith("）无") for page in four)
    five = seen["group-five-split"]
    assert any("（五）不" in page for page in five) and any(page.startswith("予处理") for page in five)


def _breaks(version: str):
    """A page break after the first line of every label cell of 三, the settings taking turns
    (a row split or not, the header repeated or not, narrow label columns or not)."""
    labels = [g.text for g in report_with_words(version).form.table("三").grid if g.role.value == "label"]
    for i, label in enumerate(labels):
        yield label, Style(break_in=(label, 1), split_rows=bool(i % 2), repeat_header=bool(i // 2 % 2),
                           narrow_labels=bool(i // 4 % 2), white_boxes=True, borders="thin" if i % 3 else "lines")


@pytest.mark.parametrize("version", ("2019", "2021"))
def test_table_three_broken_by_the_page_at_every_label(tmp_path, version):
    """Wherever the page breaks table 三 — between rows, inside a row, inside a group label, in
    its header — and wherever that pushes 四 (its header broken too), the report reads whole."""
    report = report_with_words(version)
    for n, (label, style) in enumerate(_breaks(version)):
        path = tmp_path / f"break-{n}.pdf"
        path.write_bytes(draw_report(report, style))
        try:
            assert_read_whole(path, report, style)
        except AssertionError as exc:
            raise AssertionError(f"page break in “{label}” ({style})") from exc


@pytest.mark.parametrize("version", ("2019", "2021"))
def test_paragraphs_on_a_landscape_page(tmp_path, version):
    """Lines running across a landscape page (三 printed on a page of its own) are no wider than
    the text there allows: its paragraphs stay whole, and those of the portrait pages too."""
    report = report_with_words(version)
    report.sections["三"] = ("本年度共收到申请的数量、办理结果和结转情况见下表，其中依申请公开的办理均在法定期限内答复，"
                            "未发生逾期答复的情况，申请人对答复结果提出异议的，均已当面沟通解释。\n"
                            "对涉及第三方权益的申请，均书面征求了第三方意见，并根据意见依法作出处理决定，"
                            "答复中写明了理由和救济途径，保障了申请人的合法权益。")
    style = STYLES["wrapped-title-double-spaced-landscape"]
    path = tmp_path / f"landscape-{version}.pdf"
    path.write_bytes(draw_report(report, style))
    assert_read_whole(path, report, style)
