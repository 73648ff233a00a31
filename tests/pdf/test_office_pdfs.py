"""Reports typed in Word the way agencies type them (``office_docs``) and printed to PDF by
LibreOffice: every figure, each section's words, the preface and the 落款 read as written —
whatever the font, however 三's group label is set (one character a line, turned on its side),
with a header over two rows, narrow columns wrapping labels and figures, a table broken by the
page (its header repeated, or cut by hand with 续表), 三 on a landscape page, page numbers and
running headers, zeros printed blank or as —, double borders.  Tables the PDF gives no rules for
(none, horizontal ones only) are read from where their words stand, with a note asking the clerk
to check them; tables pasted as pictures or left to an attachment are not read, and the clerk is
told so, in Chinese, with what to do; their text is no word of the report."""

from __future__ import annotations

import pytest

from govreport_gui.core.recalc import all_values
from govreport_gui.io.published.pdf_import import read_pdf
from govreport_gui.io.registry import read_report

from .corpus import convert
from .office_docs import FILLER, Look, expected, report_for, table_picture, write_docx

READ_WHOLE = {
    "fangsong-plain": Look(),
    "hei-turned-label": Look(font="hei", label="btLr"),
    "song-label-by-character-2019": Look(version="2019", font="song", label="chars"),
    "upright-vertical-narrow": Look(label="tbRl", narrow=True),
    "header-two-rows-narrow-2019": Look(version="2019", header=2, narrow=True),
    "split-header-repeated-narrow": Look(filler=5, repeat=True, narrow=True, label="chars", footer="of"),
    "split-by-hand-continued-2019": Look(version="2019", continued="bare"),
    "continued-header-again": Look(continued="header", running="某某市生态环境局", footer="dash"),
    "landscape-2019": Look(version="2019", landscape=True, footer="of"),
    "zeros-as-dashes": Look(sparse=True, zero="—"),
    "zeros-blank-double-borders-2019": Look(version="2019", sparse=True, zero="", rules="double"),
    "total-misprinted": Look(misprint="（一）予以公开"),
}

UNRULED = {
    "no-rules": Look(rules="none", sparse=True, zero=""),
    "horizontal-rules-2019": Look(version="2019", rules="horizontal"),
}

NOT_READ = {
    "pictures": Look(pictures="二三四"),
    "attached": Look(attached=True),
}

ONE_PICTURE = Look(pictures="三", filler=2)


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("office")
    picture = table_picture(folder / "table.png")
    sources = []
    for name, look in {**READ_WHOLE, **UNRULED, **NOT_READ, "one-picture": ONE_PICTURE}.items():
        source = folder / f"{name}.docx"
        write_docx(report_for(look), look, source, picture)
        sources.append(source)
    return dict(zip([*READ_WHOLE, *UNRULED, *NOT_READ, "one-picture"], convert(sources, folder)))


def _same_figures(got, want) -> dict:
    """The figures that differ (a blank cell, — and 0 are the same figure)."""
    read = all_values(got.form, got.values)
    return {k.name(): (read.get(k), v) for k, v in want.items() if (read.get(k) or 0) != (v or 0)}


def _printed_wrong(report) -> set[str]:
    """The rows of the totals the file printed that disagree with its figures, as the checks find them."""
    from govreport_gui.core.checks import check_report
    return {f.cells[0].row for f in check_report(report) if "文件所列合计" in f.message}


def _sections(look: Look, report) -> dict[str, str]:
    sections = dict(report.sections)
    sections["三"] = "\n".join([sections["三"], *[FILLER] * look.filler])
    if look.attached:
        sections["六"] += "\n附件：政府信息公开工作年度报告统计表（另附）"
    return sections


@pytest.mark.parametrize("name", list(READ_WHOLE))
def test_word_report_printed_to_pdf_reads_whole(pdfs, name):
    look, report = READ_WHOLE[name], report_for(READ_WHOLE[name])
    result = read_pdf(pdfs[name])
    got = result.report
    assert got.form_version == look.version
    assert not _same_figures(got, expected(report)), result.notes
    assert got.printed and _printed_wrong(got) == ({look.misprint} if look.misprint else set())
    assert got.sections == _sections(look, report), result.notes
    assert (got.meta.agency, got.meta.year, got.meta.preamble) == (report.meta.agency, report.meta.year, report.meta.preamble)
    assert (got.meta.issuing_organ, got.meta.date) == (report.meta.issuing_organ, report.meta.date)
    assert not [n for n in result.notes if getattr(n, "kind", "") in ("unplaced", "problem")], result.notes


@pytest.mark.parametrize("name", list(UNRULED))
def test_tables_without_rules_read_from_their_words_places(pdfs, name):
    """Every figure and every printed total as the page shows it, the sections' words only, and
    one note saying the figures were read from where they stand, to be checked."""
    look, report = UNRULED[name], report_for(UNRULED[name])
    result = read_report(pdfs[name])
    got = result.report
    assert got.form_version == look.version
    assert not _same_figures(got, expected(report)), result.notes
    assert got.printed and not _printed_wrong(got)
    assert got.sections == _sections(look, report), result.notes
    said = [n for n in result.notes if "没有表格线" in n]
    assert len(said) == 1 and "已按" in said[0] and "请对照" in said[0], result.notes
    assert not [n for n in result.notes if getattr(n, "kind", "") in ("unplaced", "problem")], result.notes


@pytest.mark.parametrize("name", list(NOT_READ))
def test_tables_without_rules_pictures_or_attached_are_named(pdfs, name):
    """No figure is made up, the words of each section are the report's only (a table's lines are
    not taken for prose), and one note says why the tables are blank and what to do."""
    look, report = NOT_READ[name], report_for(NOT_READ[name])
    result = read_report(pdfs[name])
    got = result.report
    assert not any(v for v in got.values.values()), got.values
    assert got.sections == _sections(look, report), result.notes
    assert (got.meta.issuing_organ, got.meta.date) == (report.meta.issuing_organ, report.meta.date)
    why = {"pictures": "统计表是图片", "attached": "没有统计表"}[name]
    said = [n for n in result.notes if why in n]
    assert len(said) == 1 and getattr(said[0], "kind", "") == "unplaced" and "请" in said[0], result.notes
    if name == "pictures":
        assert "第2、3页" in said[0] or "第2页" in said[0], said


def test_only_a_table_sized_picture_is_taken_for_a_table():
    """A seal beside the 落款 and a site's banner over a page printed from the portal are no
    tables pasted as pictures; a picture across the text below the top of the page is."""
    from govreport_gui.io.published.pdf_unruled import picture_pages

    a4 = (595.0, 842.0)
    seal = {"x0": 380.0, "x1": 500.0, "top": 600.0, "bottom": 720.0, "page": a4}
    banner = {"x0": 0.0, "x1": 595.0, "top": 10.0, "bottom": 90.0, "page": a4}
    table = {"x0": 80.0, "x1": 505.0, "top": 300.0, "bottom": 520.0, "page": a4}
    assert picture_pages({1: [banner], 3: [seal]}) == []
    assert picture_pages({1: [banner], 2: [table], 3: [seal, table]}) == [2, 3]


def test_one_table_pasted_as_a_picture(pdfs):
    """二 and 四 are read; 三, a picture, is blank and named with its page."""
    report = report_for(ONE_PICTURE)
    result = read_pdf(pdfs["one-picture"])
    want = {k: v for k, v in expected(report).items() if k.table != "三"}
    assert not _same_figures(result.report, want), result.notes
    assert not any(v for k, v in result.report.values.items() if k.table == "三")
    said = [n for n in result.notes if "统计表是图片" in n]
    assert len(said) == 1 and "表三按空白处理" in said[0] and "第2页" in said[0], result.notes
