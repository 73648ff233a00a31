"""Lines that print nothing: paragraphs holding only spaces of any kind (ideographic, no-break,
en/em, thin) or characters that take no room (zero-width space and joiners, a byte-order mark, a
soft hyphen), between the parts, around the 落款, inside a heading.  They are no text: the report
reads as if they were not there, the 落款 is found, nothing is named as left out."""

from __future__ import annotations

import html
import random

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from published_corpus import table_html
from report_builders import fill_every_cell
from word.docx_builders import add_table, official_rows

from govreport_gui.io.registry import read_report

from .words_read import assert_words_and_figures

BLANKS = [" ", "\u3000\u3000", "\xa0", "\u200b", "\u2002\u2003", "\ufeff", "\t", "\u3000\u200b\xa0", "\u00ad",
          "\u200c\u200d\u2060", "\u202f\u2009\u205f", "\u2028"]
AGENCY = "青石镇人民政府"
TITLE = f"{AGENCY}2024年政府信息公开工作年度报告"
PREFACE = "本报告根据《条例》编写，统计期限为2024年1月1日至2024年12月31日。"
ONE = ["（一）主动公开", "镇政府通过公开栏和门户网站发布惠民资金发放情况，每季度更新一次。"]
FIVE = "存在的问题是信息发布不够及时。改进措施是明确专人负责。"
SIX = "本年度未收取信息处理费。"
DATE = "2025年1月9日"
# a heading with a zero-width space after its number, as a web editor leaves it
HEADINGS = ["一、\u200b总体情况", "二、主动公开政府信息情况", "\u3000三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况\xa0", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def _parts():
    """The report's lines in order (None: a table), a blank line of every kind between each two."""
    out = [TITLE, PREFACE]
    words = {0: ONE, 4: [FIVE], 5: [SIX]}
    for n, heading in enumerate(HEADINGS):
        out.append(heading)
        out += words.get(n, [])
        if 1 <= n <= 3:
            out.append("二三四"[n - 1])
    return out


def _word(report, path):
    document = docx.Document()
    for part in _parts():
        if part in ("二", "三", "四"):
            add_table(document, *official_rows(report, part))
        else:
            document.add_paragraph(part)
        for blank in BLANKS:
            document.add_paragraph(blank)
    for line in (AGENCY, *BLANKS[:4], DATE, *BLANKS):
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(str(path))


def _web(report, path):
    rng = random.Random(1)
    blanks = "".join(f"<p>{html.escape(b)}</p>" for b in BLANKS) + "<p>&nbsp;</p><p>&#8203;</p><p><span>&emsp;</span><br>&#xfeff;</p>"
    body = []
    for part in _parts():
        body.append(table_html(report, part, "plain", rng) if part in ("二", "三", "四") else f"<p>{html.escape(part)}</p>")
        body.append(blanks)
    body += [f'<p style="text-align:right">{AGENCY}</p>', blanks, f'<p style="text-align:right">{DATE}</p>', blanks]
    path.write_text("<html><head><meta charset='utf-8'></head><body><div class='article'>" + "".join(body)
                    + "</div></body></html>", encoding="utf-8")


def _check(result, report):
    assert_words_and_figures(result, report, agency=AGENCY, year=2024, preface=PREFACE, one=ONE, five=FIVE, six=SIX,
                             date=DATE)
    assert not any(result.report.sections.get(k) for k in "二三四"), result.report.sections
    assert not [n for n in result.notes if "未读取" in n or "标题“" in n], result.notes


def test_blank_lines_of_every_kind_in_a_word_file(tmp_path):
    report = fill_every_cell("2021")
    _word(report, tmp_path / "r.docx")
    _check(read_report(tmp_path / "r.docx"), report)


def test_blank_lines_of_every_kind_in_a_web_page(tmp_path):
    report = fill_every_cell("2021")
    _web(report, tmp_path / "r.html")
    _check(read_report(tmp_path / "r.html"), report)
