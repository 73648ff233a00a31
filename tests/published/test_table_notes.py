"""A note under a report table (``注：……``) is that table's: whether it is printed as a paragraph
under the table or as a last row of the table, in a Word file, a web page or a PDF, it is read
into the table's own part (三's note into 三's text — what the editor shows under table 三 as the
part's 说明文字), once, and the notes say so; it is never a label the clerk is told to rename,
never lost, never in the prose of the part that follows."""

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

from govreport_gui.core.recalc import all_values
from govreport_gui.io.registry import read_report

INTRO_THREE = "本年度申请的办理情况见下表。"
NOTE_THREE = "注：表中“其他”一栏为个体工商户、社会团体等申请人。"
NOTE_FOUR = "注：本年度的行政复议案件均已审结。"
ONE = ["（一）主动公开", "本局在门户网站更新农业补贴、项目资金等栏目，发布信息一百余条。"]
FIVE = "一是部分栏目更新偏慢；二是政策解读数量不多。明年将落实专人维护。"
SIX = "本年度未收取信息处理费。"


def _report():
    report = fill_every_cell("2021")
    meta = report.meta
    meta.agency, meta.year = "临河区农业农村局", 2023
    meta.preamble = "本报告依照《条例》编制，统计期限为2023年1月1日至2023年12月31日。"
    meta.issuing_organ, meta.date = "临河区农业农村局", "2024年1月18日"
    report.sections.update({"一": "\n".join(ONE), "三": INTRO_THREE, "五": FIVE, "六": SIX})
    return report


def _word(report, path, under: dict[str, str], rows: dict[str, str]):
    document = docx.Document()
    document.add_paragraph(f"{report.meta.agency}{report.meta.year}年政府信息公开工作年度报告")
    document.add_paragraph(report.meta.preamble)
    for section in report.form.sections:
        document.add_paragraph(section.heading)
        for line in filter(None, report.sections.get(section.key, "").split("\n")):
            document.add_paragraph(line)
        if section.table:
            table = add_table(document, *official_rows(report, section.table))
            if section.table in rows:
                row = table.add_row()
                cell = row.cells[0].merge(row.cells[-1])
                cell.text = rows[section.table]
            if section.table in under:
                document.add_paragraph(under[section.table]).runs[0].font.size = docx.shared.Pt(10.5)
    for line in (report.meta.issuing_organ, report.meta.date):
        document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(str(path))


def _web(report, path, under: dict[str, str], rows: dict[str, str]):
    rng = random.Random(5)
    parts = [f"<h1>{report.meta.agency}{report.meta.year}年政府信息公开工作年度报告</h1>",
             f"<p>{html.escape(report.meta.preamble)}</p>"]
    for section in report.form.sections:
        parts.append(f"<p><strong>{section.heading}</strong></p>")
        parts += [f"<p>{html.escape(line)}</p>" for line in filter(None, report.sections.get(section.key, "").split("\n"))]
        if section.table:
            table = table_html(report, section.table, "plain", rng)
            if section.table in rows:
                width = report.form.tables[section.table].n_cols
                row = f'<tr><td colspan="{width}">{html.escape(rows[section.table])}</td></tr>'
                table = table.replace("</tbody></table>", f"{row}</tbody></table>")
            parts.append(table)
            if section.table in under:
                parts.append(f'<p style="font-size:12px">{html.escape(under[section.table])}</p>')
    parts += [f'<p style="text-align:right">{line}</p>' for line in (report.meta.issuing_organ, report.meta.date)]
    page = ('<html><head><meta charset="utf-8"><title>年报</title></head><body><div class="article">'
            + "".join(parts) + "</div></body></html>")
    path.write_text(page, encoding="utf-8")


def _pdf(report, path, under: dict[str, str], rows: dict[str, str]):
    path.write_bytes(draw_report(report, Style(under=under, note_rows=rows)))


WRITERS = {"docx": _word, "html": _web, "pdf": _pdf}


def _read(kind, tmp_path, under, rows):
    report = _report()
    path = tmp_path / f"r.{kind}"
    WRITERS[kind](report, path, under, rows)
    result = read_report(path)
    got = result.report
    assert got.sections["一"] == "\n".join(ONE)
    assert got.sections["五"] == FIVE
    assert got.sections["六"] == SIX
    assert (got.meta.agency, got.meta.year, got.meta.issuing_organ, got.meta.date) == (
        "临河区农业农村局", 2023, "临河区农业农村局", "2024年1月18日")
    expected = all_values(report.form, report.values)
    assert {k: v for k, v in all_values(got.form, got.values).items() if v} == {k: v for k, v in expected.items() if v}
    assert not [n for n in result.notes if "请改为官方格式" in n or "未读取（按空白" in n], result.notes
    return result


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_a_note_under_a_table_or_in_its_last_row_is_that_tables_part(kind, tmp_path):
    """三's note as a paragraph under its table, 四's as a last row of its table: each in its own
    part's text, after 三's introduction; the notes say where the row's note went."""
    result = _read(kind, tmp_path, {"三": NOTE_THREE}, {"四": NOTE_FOUR})
    sections = result.report.sections
    assert sections["三"] == f"{INTRO_THREE}\n{NOTE_THREE}"
    assert sections["四"] == NOTE_FOUR
    assert not sections.get("二")
    assert any(NOTE_FOUR in n and "表四" in n and "说明文字" in n for n in result.notes), result.notes


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_a_note_printed_both_in_the_table_and_under_it_is_read_once(kind, tmp_path):
    result = _read(kind, tmp_path, {"三": NOTE_THREE}, {"三": NOTE_THREE, "二": "注：规章一栏不适用于本局。"})
    sections = result.report.sections
    assert sections["三"] == f"{INTRO_THREE}\n{NOTE_THREE}"
    assert sections["二"] == "注：规章一栏不适用于本局。"
    assert not sections.get("四")


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_a_note_in_traditional_characters_is_the_tables_too(kind, tmp_path):
    """註：…… in 四's last row (a 繁體 page, a converter's copy): 四's text, and the notes say so."""
    note = "註：本年度的行政複議案件均已審結。"
    result = _read(kind, tmp_path, {}, {"四": note})
    assert result.report.sections["四"] == note
    assert any(note in n and "表四" in n for n in result.notes), result.notes


def test_the_note_opening_in_traditional_characters():
    from govreport_gui.core.values import text_and_table_notes

    assert text_and_table_notes("本表如下。\n說明：單位為件。") == (["本表如下。"], ["說明：單位為件。"])
    assert text_and_table_notes("備註：無。") == ([], ["備註：無。"])
