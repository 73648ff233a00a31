"""Reports printed to PDF by another producer than LibreOffice (``qt_printed``: Qt's own PDF engine
drawing as Word, WPS, browsers and PDF printers draw): rules as thin filled rectangles, shaded and
dark header cells, each character placed by itself, letter-spaced headers, running headers and
footers (第X页 共Y页), 三 split across pages with its header repeated, a table on a page turned by
``/Rotate 90`` or on a landscape page, prose in two columns, tables without rules, zeros printed
blank or as —.  Every file is read whole: each section's words, the title's agency and year, the
preface, the 落款, every figure and every printed total."""

from __future__ import annotations

import pytest

from govreport_gui.io.published.pdf_import import read_pdf

from .office_docs import Look as WordLook
from .office_docs import expected, report_for
from .qt_printed import Look, filler, print_report

LOOKS = {
    "word-rects-shaded": Look(shade="grey"),
    "word-dark-header-2019": Look(version="2019", shade="dark", rules="cellrects"),
    "each-glyph-split-repeated-2019": Look(version="2019", glyphs="each", footer="of", filler=6, repeat=True),
    "wps-spaced-headers": Look(glyphs="spaced", shade="grey", footer="dash"),
    "running-header-split": Look(filler=8, header="某某市生态环境局政府信息公开工作年度报告", footer="slash", rules="lines"),
    "rotated-page": Look(rotate="三", footer="of"),
    "rotated-page-2019": Look(version="2019", rotate="四", footer="dash"),
    "landscape-page": Look(landscape="三", footer="of"),
    "two-columns": Look(two_columns=True, footer="of"),
    "zeros-as-dashes-2019": Look(version="2019", sparse=True, zero="—"),
    "browser-without-rules": Look(browser=True, rules="none", font="Noto Sans CJK SC", indent=0, body=12.0, line=20.0),
    "browser-without-rules-blank-zeros": Look(browser=True, rules="none", sparse=True, zero="", font="Noto Sans CJK SC",
                                              indent=0, body=12.0, line=20.0),
    "three-line-tables-each-glyph": Look(rules="horizontal", glyphs="each"),
    "figures-right-without-rules-2019": Look(version="2019", rules="none", figures="right"),
}


def _report(look: Look):
    return report_for(WordLook(version=look.version, sparse=look.sparse))


def _sections(report, look: Look) -> dict[str, str]:
    sections = dict(report.sections)
    sections["三"] = "\n".join([sections["三"], *(filler(i) for i in range(look.filler))])
    return sections


@pytest.mark.parametrize("name", LOOKS)
def test_report_printed_by_another_producer_reads_whole(qapp, tmp_path, name):
    look = LOOKS[name]
    report = _report(look)
    result = read_pdf(print_report(report, look, tmp_path / f"{name}.pdf"))
    got = result.report
    assert got.form_version == look.version
    read = {k: v for k, v in expected(got).items() if v}
    assert read == {k: v for k, v in expected(report).items() if v}, result.notes
    assert got.printed and all(got.printed[k] == v for k, v in expected(report).items() if k in got.printed)
    # Qt writes the text encoding from the font's own table, which gives 户 as 戶 (one glyph for both)
    sections = {k: v.replace("戶", "户") for k, v in got.sections.items()}
    assert sections == _sections(report, look), result.notes
    assert (got.meta.agency, got.meta.year, got.meta.preamble) == (report.meta.agency, report.meta.year, report.meta.preamble)
    assert (got.meta.issuing_organ, got.meta.date) == (report.meta.issuing_organ, report.meta.date)
    assert not [n for n in result.notes if getattr(n, "kind", "") in ("unplaced", "problem")], result.notes


def test_the_producer_draws_what_the_looks_say(qapp, tmp_path):
    """Rules are filled rectangles, characters placed one by one, a page turned by /Rotate (else
    the test above proves little)."""
    import pdfplumber

    report = _report(Look())
    rects = print_report(report, Look(), tmp_path / "rects.pdf")
    each = print_report(report, Look(glyphs="each"), tmp_path / "each.pdf")
    turned = print_report(report, Look(rotate="三"), tmp_path / "turned.pdf")
    with pdfplumber.open(rects) as pdf:
        page = pdf.pages[1]
        assert not page.lines and len([r for r in page.rects if min(r["width"], r["height"]) < 1]) > 100
    with pdfplumber.open(each) as pdf, open(each, "rb") as raw:
        assert b"Microsoft" in raw.read() or pdf.metadata
    with pdfplumber.open(turned) as pdf:
        assert [page.rotation for page in pdf.pages].count(90) >= 1
