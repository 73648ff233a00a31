"""The words around the tables in the exported Word: the 前言 between the title and 一, the 落款
(organ and date, each on its own right-aligned line) after 六, as published reports print them —
and the document read back by our own Word reader gives the same 前言, 落款 and prose.  A report
started from last year's carries them all the way into the export."""

from __future__ import annotations

import subprocess

import docx
import pytest
from report_builders import balanced

from govreport_gui.core.carryover import carry_over
from govreport_gui.core.drafting import outline
from govreport_gui.core.serialize import load_file
from govreport_gui.io.registry import read_report
from govreport_gui.io.write.word_export import write_docx

from .test_render import _pages, tools  # noqa: F401  (the fixture that skips without LibreOffice)

PREFACE = ("本报告依据《中华人民共和国政府信息公开条例》和国办公开办函〔2021〕30号要求编制。"
           "统计期限自2025年1月1日起至2025年12月31日止。")
CONTACT = "如对本报告有疑问，请与某某县人民政府办公室联系（地址：某县人民路1号，邮编：311100，电话：0571-86123456）。"
DOWNLOAD = "本报告电子版可在某某县人民政府门户网站下载。"

CASES = {
    "preface and signature": (PREFACE + DOWNLOAD + CONTACT, "某某县人民政府办公室", "2026年1月20日", "本年度未收取信息处理费。"),
    "preface of three paragraphs": ("\n".join([PREFACE, DOWNLOAD, CONTACT]), "某某县人民政府办公室", "2026年1月20日",
                                    "（一）收取信息处理费情况。本年度未收取信息处理费。\n（二）其他。无。"),
    "date in Chinese numerals": (PREFACE, "某某县交通运输局", "二〇二六年一月十八日", "无。"),
    "six ends with a short line": (PREFACE, "某某县交通运输局", "2026年1月8日", "无"),
    "six left as the outline": (PREFACE, "某某县人民政府办公室", "2026年2月1日", None),
    "no preface": ("", "某某县交通运输局", "2026年1月20日", "无。"),
    "date only": (PREFACE, "", "2026年1月20日", "本年度未收取信息处理费。"),
}


def report_with(preface: str, organ: str, date: str, six: str | None):
    report = balanced("2021", 2025, "某某县人民政府办公室")
    last = report.form.sections[-1].key
    report.sections[report.form.sections[0].key] = "2025年，本县扎实推进政务公开工作。"
    report.sections[last] = six if six is not None else outline("2021")[last]
    report.meta.preamble, report.meta.issuing_organ, report.meta.date = preface, organ, date
    return report


def texts(path) -> list[tuple[str, str]]:
    document = docx.Document(str(path))
    return [(p.text, p.style.name) for p in document.paragraphs if p.text.strip()]


@pytest.mark.parametrize("case", list(CASES))
def test_preface_and_signature_are_printed_in_place_and_read_back_the_same(tmp_path, case):
    report = report_with(*CASES[case])
    path = tmp_path / "年报.docx"
    write_docx(path, report)
    printed = texts(path)
    headings = [s.heading for s in report.form.sections]
    first = next(i for i, (t, _) in enumerate(printed) if t == headings[0])
    title_lines = [i for i, (_, style) in enumerate(printed) if style == "年报标题"]
    preface = [t for t, _ in printed[title_lines[-1] + 1:first]]
    assert preface == [line for line in report.meta.preamble.split("\n") if line]
    signature = [(t, style) for t, style in printed if style == "年报落款"]
    assert signature == [(t, "年报落款") for t in (report.meta.issuing_organ, report.meta.date) if t]
    assert printed[-len(signature):] == signature   # the last lines, after 六's text
    style = docx.Document(str(path)).styles["年报落款"]
    assert style.paragraph_format.alignment == 2     # right-aligned
    back = read_report(path).report
    assert back.meta.preamble == report.meta.preamble
    assert (back.meta.issuing_organ, back.meta.date) == (report.meta.issuing_organ, report.meta.date)
    last = report.form.sections[-1].key
    assert back.sections[last] == report.sections[last]


def test_a_note_of_a_table_s_part_is_printed_under_the_table_and_read_back_into_its_part(tmp_path):
    """A table part's text opening with 注：/说明：/备注： (a note imported from under last year's
    table, or written by the clerk) is printed under the table, the rest of the text above it; read
    back, both are that part's text again."""
    report = report_with(PREFACE, "某某县人民政府办公室", "2026年1月20日", "无。")
    three = next(s for s in report.form.sections if s.table == "三")
    intro, note = "本年度共收到政府信息公开申请220件。", "注：表中“其他”一栏为个体工商户、社会团体等申请人。\n数据截至2025年12月31日。"
    report.sections[three.key] = intro + "\n" + note
    path = tmp_path / "年报.docx"
    write_docx(path, report)
    document = docx.Document(str(path))
    body = list(document.element.body.iterchildren())
    tables = [n for n, child in enumerate(body) if child.tag.endswith("}tbl")]
    table_three = tables[[s.table for s in report.form.sections if s.table].index("三")]

    def at(text: str) -> int:
        return next(n for n, child in enumerate(body) if child.tag.endswith("}p")
                    and "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t")) == text)
    assert at(three.heading) < at(intro) < table_three < at(note.split("\n")[0]) < at(note.split("\n")[1]) < tables[-1]
    back = read_report(path).report
    assert back.sections[three.key].split("\n") == [intro, *note.split("\n")]


def test_a_report_started_from_last_years_exports_the_carried_words(tmp_path, sample_path):
    previous = load_file(sample_path).report
    report = carry_over(previous).report
    report.meta.date = "2026年1月20日"                  # the clerk fills the date
    path = tmp_path / "2025年报.docx"
    write_docx(path, report)
    printed = [t for t, _ in texts(path)]
    assert any("统计期限自2025年1月1日起至2025年12月31日止" in t for t in printed)
    assert not any("2024年1月1日" in t for t in printed)
    assert printed[-2:] == ["青禾市临川区人民政府办公室", "2026年1月20日"]
    assert printed.index(report.form.sections[0].heading) > next(i for i, t in enumerate(printed) if "统计期限" in t)
    back = read_report(path).report
    assert back.meta.preamble == report.meta.preamble and "2025年1月1日" in back.meta.preamble
    assert (back.meta.issuing_organ, back.meta.date) == ("青禾市临川区人民政府办公室", "2026年1月20日")
    hints = [t.hint for topics in report.form.outline.values() for t in topics]
    assert not any(h in t for h in hints for t in printed)   # the prompts are never printed


def _squash(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("lines", [17, 18, 19, 20, 21])
def test_the_signature_never_stands_alone_on_the_last_page(tmp_path, tools, lines):  # noqa: F811
    """Whatever the length of 六, the page with the 落款 also holds the end of the text: the last
    paragraph goes to the next page with the signature rather than leave it alone there."""
    report = report_with(PREFACE, "某某县人民政府办公室", "2026年1月20日",
                         "\n".join(f"（{i + 1}）第{i + 1}项工作。按照要求扎实推进。" for i in range(lines)))
    path = tmp_path / "年报.docx"
    write_docx(path, report)
    paragraphs = docx.Document(str(path)).paragraphs
    assert paragraphs[-5].text.startswith(f"（{lines}）")   # the last paragraph of the text, then the gap
    assert all(p.paragraph_format.keep_with_next for p in paragraphs[-5:-1])
    subprocess.run([tools, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
                   check=True, capture_output=True, timeout=180)
    pages = [p for p in _pages(tmp_path / "年报.pdf") if p.strip()]
    last = _squash(pages[-1])
    assert "某某县人民政府办公室" in last and "2026年1月20日" in last
    assert f"第{lines}项工作" in last   # not alone: the end of the text is on its page
