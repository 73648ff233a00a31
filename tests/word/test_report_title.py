"""One parser of the report title (``io/report_title.py``) for the Word and the Excel reader:
the year in Arabic, full-width or Chinese numerals, 年度, a title in two lines, the year in
brackets at the end — and a sentence of the body is no title."""

from __future__ import annotations

import pytest

from govreport_gui.io.published.report_title import Title, parse_title, parse_year, period_year
from govreport_gui.io.registry import read_report

from .docx_builders import build


@pytest.mark.parametrize("text, expected", [
    ("XX市XX局2023年政府信息公开工作年度报告", Title("XX市XX局", 2023)),
    ("XX市XX局2023年度政府信息公开工作年度报告", Title("XX市XX局", 2023)),
    ("某某县民政局２０２３年政府信息公开工作年度报告", Title("某某县民政局", 2023)),        # full-width digits
    ("某某县民政局二〇二三年政府信息公开工作年度报告", Title("某某县民政局", 2023)),        # Chinese numerals
    ("某镇人民政府二○二四年度政府信息公开工作年度报告", Title("某镇人民政府", 2024)),      # ○ for 〇
    ("某镇人民政府二零二四年政府信息公开年报", Title("某镇人民政府", 2024)),
    (" 某某区人民政府 2022 年\u3000政府信息公开\n工作年度报告 ", Title("某某区人民政府", 2022)),
    ("2024年政府信息公开工作年度报告", Title("", 2024)),                                # agency on the line above
    ("某局政府信息公开工作年度报告（2023年）", Title("某局", 2023)),                      # year last
    ("某局关于2023年政府信息公开工作年度报告", Title("某局", 2023)),
    ("某局2023年度报告", Title("某局", 2023)),
    ("XX局2022—2023年政府信息公开工作年度报告", Title("XX局", 2023)),                  # a span of years
    ("XX局2022-2023年度政府信息公开工作年度报告", Title("XX局", 2023)),
    ("XX局2022年至2023年政府信息公开工作年度报告", Title("XX局", 2023)),
    ("XX局2023年政府信息公开情况统计表", Title("XX局", 2023)),                      # a workbook's title
    ("某某局2023年政府信息公开年度报告", Title("某某局", 2023)),                       # without 工作
    ("某某局2023年度政府信息公开工作报告", Title("某某局", 2023)),                     # without 年度 before 报告
    ("2019年某某办公厅政府信息公开工作年度报告", Title("某某办公厅", 2019)),           # the year first
    ("二〇二三年度某某县人民政府政务公开工作年度报告", Title("某某县人民政府", 2023)),
    ("2023年某某县人民政府信息公开工作年度报告", Title("某某县人民政府", 2023)),       # 人民政府 + 信息公开
    ("某某局政府信息公开工作2023年度报告", Title("某某局", 2023)),                     # the year inside the name
    ("某某县人民政府信息公开工作2023年度报告", Title("某某县人民政府", 2023)),
    ("某局的2023年政府信息公开工作年度报告", Title("某局", 2023)),
    # the body, not a title
    ("XX局2023年政务公开工作总结", None),                                             # no report
    ("XX局2023年政府信息公开工作要点", None),
    ("2023年，我局认真贯彻落实《政府信息公开条例》，政府信息公开工作年度报告如下。", None),
    ("我局2023年工作总结", None),
    ("本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。", None),
    ("根据《条例》，本机关2023年政府信息公开工作年度报告如下", None),
    ("某局政府信息公开工作年度报告", None),
    ("", None),
    (None, None),
])
def test_parse_title(text, expected):
    assert parse_title(text) == expected


@pytest.mark.parametrize("text, year", [
    ("本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。", 2023),
    ("统计期限自２０２１年１月１日起至２０２１年１２月３１日止", 2021),
    ("统计期限自二〇二二年一月一日起至二〇二二年十二月三十一日止", 2022),
    ("2023年，我局认真贯彻落实条例。", None),
])
def test_period_year(text, year):
    assert period_year(text) == year


@pytest.mark.parametrize("value, year", [(2023, 2023), (2023.0, 2023), ("2023", 2023), ("2023年", 2023),
                                         ("２０２３年度", 2023), ("二〇二三年", 2023), (2023.5, None),
                                         (float("nan"), None), (True, None), ("12023", None), ("无", None)])
def test_parse_year(value, year):
    assert parse_year(value) == year


# ---------------------------------------------------------------------------------------------
# The Word reader


def _word(tmp_path, title: list[str], preamble=(), one=("正文。",)):
    path = build(tmp_path / "r.docx", title, list(preamble), [("一、总体情况", list(one), None)])
    return read_report(path)


@pytest.mark.parametrize("title, agency, year", [
    (["某某县民政局二〇二三年政府信息公开工作年度报告"], "某某县民政局", 2023),
    (["某某县民政局２０２３年度政府信息公开工作年度报告"], "某某县民政局", 2023),
    (["某某县民政局", "二〇二三年政府信息公开工作年度报告"], "某某县民政局", 2023),     # two lines
    (["某某县民政局政府信息公开工作年度报告（2022年）"], "某某县民政局", 2022),
])
def test_word_title(tmp_path, title, agency, year):
    meta = _word(tmp_path, title).report.meta
    assert (meta.agency, meta.year) == (agency, year)


def test_word_year_from_the_body_when_the_title_has_none(tmp_path):
    result = _word(tmp_path, ["某某县民政局政府信息公开工作年度报告"],
                   ["本报告中所列数据的统计期限自二〇二三年一月一日起至二〇二三年十二月三十一日止。"])
    assert result.report.meta.year == 2023 and result.report.meta.agency == ""
    assert any("按统计期限读取为2023年" in n for n in result.notes)


def test_word_year_in_the_title_wins_over_the_body(tmp_path):
    result = _word(tmp_path, ["某某县民政局2024年政府信息公开工作年度报告"],
                   ["本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。"], ["2022年，我局……"])
    assert result.report.meta.year == 2024
    assert not any("统计期限" in n for n in result.notes)


# ---------------------------------------------------------------------------------------------
# The Excel reader (the same parser)


def _workbook(tmp_path, cells: dict[str, str]):
    from excel.builders import filled_report, official, save

    wb = official(filled_report("2021", year=2023), title=False)
    ws = wb["表二"]
    ws.insert_rows(1, 4)
    for ref, text in cells.items():
        ws[ref] = text
    return read_report(save(wb, tmp_path / "r.xlsx")).report.meta


@pytest.mark.parametrize("cells, agency, year", [
    ({"A1": "某某县民政局二〇二三年度政府信息公开工作年度报告"}, "某某县民政局", 2023),
    ({"A1": "某某县民政局２０２３年政府信息公开工作年度报告"}, "某某县民政局", 2023),
    ({"A1": "某某县民政局二〇二三年", "A2": "政府信息公开工作年度报告"}, "某某县民政局", 2023),
    # a sentence of the body above the title is not taken for it
    ({"A1": "2021年，本机关政府信息公开工作年度报告的编制说明如下：数据截至年底，统计口径与往年一致，请核对。",
      "A3": "某某县民政局2023年政府信息公开工作年度报告"}, "某某县民政局", 2023),
])
def test_excel_title(tmp_path, cells, agency, year):
    meta = _workbook(tmp_path, cells)
    assert (meta.agency, meta.year) == (agency, year)


def test_excel_year_cell_in_chinese_numerals(tmp_path):
    meta = _workbook(tmp_path, {"A1": "报告年度", "B1": "二〇二三年"})
    assert meta.year == 2023
