"""A report in traditional characters (a portal's 繁體 page, a copy through a converter): its
headings, tables, title and 落款 are recognised — the labels folded for matching only — and its
words are kept as written, never simplified."""

from __future__ import annotations

import html
import random

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from pdf.drawn import Style, draw_report
from published_corpus import table_html
from report_builders import fill_every_cell
from word.docx_builders import add_table, official_rows

from govreport_gui.core.forms.traditional import fold_traditional
from govreport_gui.core.recalc import all_values
from govreport_gui.io.locate.labels import canonical_label, heading_key
from govreport_gui.io.published.report_title import agency_in_preface, parse_title
from govreport_gui.io.registry import read_report

from .traditional_labels import TRADITIONAL_LABELS
from .words_read import assert_words_and_figures

TAIWAN = {official: taiwan for official, _, taiwan in TRADITIONAL_LABELS}
PLAIN = {official: plain for official, plain, _ in TRADITIONAL_LABELS}
AGENCY = "臨河區農業農村局"
TITLE = f"{AGENCY}2023年政府資訊公開工作年度報告"
PREFACE = "本報告依照《條例》編制，統計期限為2023年1月1日至2023年12月31日。"
HEADINGS = ["一、總體情況", "二、主動公開政府資訊情況", "三、收到和處理政府資訊公開申請情況",
            "四、政府資訊公開行政複議、行政訴訟情況", "五、存在的主要問題及改進情況", "六、其他需要報告的事項"]
ONE = ["（一）主動公開", "本局在入口網站更新農業補貼、項目資金等欄目，發布資訊一百餘條。"]
FIVE = "一是部分欄目更新偏慢；二是政策解讀數量不多。明年將落實專人維護。"
SIX = "本年度未收取資訊處理費。"
DATE = "2024年1月18日"


@pytest.mark.parametrize("official, plain, taiwan", TRADITIONAL_LABELS)
def test_every_official_label_in_traditional_is_the_official_label(official, plain, taiwan):
    assert canonical_label(plain) == canonical_label(official)
    assert canonical_label(taiwan) == canonical_label(official)


def test_the_fold_keeps_every_place_and_leaves_simplified_text_alone():
    for official, plain, taiwan in TRADITIONAL_LABELS:
        assert len(fold_traditional(taiwan)) == len(taiwan) and fold_traditional(official) == official
    assert [heading_key(h) for h in HEADINGS] == list("一二三四五六")


def test_title_and_preface_give_the_agency_as_written():
    assert parse_title(TITLE).agency == AGENCY
    assert parse_title("2023年臨河區人民政府辦公室政府資訊公開工作年度報告").agency == "臨河區人民政府辦公室"
    assert parse_title("臨河區衛生健康委員會關於2023年政府資訊公開工作年度報告").agency == "臨河區衛生健康委員會"
    assert agency_in_preface("現公布臨河區衛生健康委員會2023年度政府資訊公開工作年度報告。", 2023) == "臨河區衛生健康委員會"


def _report():
    report = fill_every_cell("2021")
    return report


def _word(report, path):
    document = docx.Document()
    document.add_paragraph(TITLE)
    document.add_paragraph(PREFACE)
    words = {0: ONE, 4: [FIVE], 5: [SIX]}
    for n, heading in enumerate(HEADINGS):
        document.add_paragraph(heading)
        for line in words.get(n, []):
            document.add_paragraph(line)
        if 1 <= n <= 3:
            add_table(document, *official_rows(report, "二三四"[n - 1], label=lambda s: TAIWAN.get(s, s)))
    for line in (AGENCY, DATE):
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(str(path))


def _web(report, path):
    rng = random.Random(3)
    words = {0: ONE, 4: [FIVE], 5: [SIX]}
    parts = [f"<h2>{TITLE}</h2>", f"<p>{html.escape(PREFACE)}</p>"]
    for n, heading in enumerate(HEADINGS):
        parts.append(f"<p><b>{heading}</b></p>")
        parts += [f"<p>{html.escape(line)}</p>" for line in words.get(n, [])]
        if 1 <= n <= 3:
            table = table_html(report, "二三四"[n - 1], "cms", rng)
            for official in sorted(PLAIN, key=len, reverse=True):
                table = table.replace(html.escape(official), html.escape(PLAIN[official]))
            parts.append(table)
    parts += [f'<p style="text-align:right">{line}</p>' for line in (AGENCY, DATE)]
    path.write_text("<html><head><meta charset='utf-8'></head><body><div class='content'>" + "".join(parts)
                    + "</div></body></html>", encoding="utf-8")


@pytest.mark.parametrize("kind", ["docx", "html"])
def test_a_report_in_traditional_characters_reads_whole_and_as_written(kind, tmp_path):
    report = _report()
    path = tmp_path / f"r.{kind}"
    (_word if kind == "docx" else _web)(report, path)
    result = read_report(path)
    assert_words_and_figures(result, report, agency=AGENCY, year=2023, preface=PREFACE, one=ONE, five=FIVE, six=SIX,
                             date=DATE)
    assert not [n for n in result.notes if "没有找到" in n or "请改为官方格式" in n], result.notes


def test_a_pdf_whose_tables_are_in_traditional_characters(tmp_path):
    report = _report()
    report.meta.agency, report.meta.year = AGENCY, 2023
    report.meta.issuing_organ, report.meta.date = AGENCY, DATE
    report.sections.update({"一": "\n".join(ONE), "五": FIVE, "六": SIX})
    path = tmp_path / "r.pdf"
    path.write_bytes(draw_report(report, Style(labels=TAIWAN)))
    got = read_report(path).report
    assert got.sections["一"] == "\n".join(ONE) and got.sections["五"] == FIVE
    expected = all_values(report.form, report.values)
    assert {k: v for k, v in all_values(got.form, got.values).items() if v} == {k: v for k, v in expected.items() if v}


def test_figures_written_with_traditional_marks_and_units():
    from decimal import Decimal

    from govreport_gui.core.forms import Kind
    from govreport_gui.core.values import parse_value

    assert parse_value("無", Kind.COUNT).value is None
    assert parse_value("12條", Kind.COUNT).value == 12
    assert parse_value("12.5萬元", Kind.MONEY).value == Decimal("12.5")
    assert parse_value("3億元", Kind.MONEY).value == Decimal("30000")
