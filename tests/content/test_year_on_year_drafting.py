"""同比 sentences for 一: the comparisons with last year written from both reports' tables; their
numbers are recomputed here from the cells themselves, and the prose checks read them back quietly."""

import re
from decimal import Decimal

from test_prose_checks import OVERVIEW_OK
from test_prose_phrasing import FORWARD, NEW, last_year, this_year

from govreport_gui.core import CellKey, Report
from govreport_gui.core.checks import check_report
from govreport_gui.core.drafting import year_on_year
from govreport_gui.core.findings import Severity

RESULT_ROWS = {  # the outcome words of the drafted sentences → the rows they add up (2021 format)
    "予以公开": ("（一）予以公开",),
    "部分公开": ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）",),
    "不予公开": ("4.保护第三方合法权益",),
    "无法提供": ("1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作"),
    "不予处理": ("2.重复申请",),
}


def row_total(report: Report, *rows: str) -> int:
    """Sum of the typed cells of ``rows`` in 三 (every applicant column), without the program's totals."""
    return sum(v or 0 for k, v in report.values.items() if k.table == "三" and k.row in rows)


def group_total(report: Report, *groups: str) -> int:
    return sum(v or 0 for k, v in report.values.items() if k.table == "四" and k.row in groups)


def expected_words(this: int, last: int) -> str:
    if this == last:
        return "与上年持平"
    diff = this - last
    words = f"较上年{'增加' if diff > 0 else '减少'}{abs(diff)}件"
    if last:
        pct = (Decimal(abs(diff)) * 100 / last).quantize(Decimal("0.1")).normalize()
        words += f"、{'增长' if diff > 0 else '下降'}{pct:f}%"
    return words


def stated(text: str, words: str) -> tuple[int, str]:
    """The figure and the comparison the drafted text gives after ``words``."""
    m = re.search(re.escape(words) + r"(\d+)件，([^。；]*)", text)
    assert m, (words, text)
    return int(m.group(1)), m.group(2)


def all_results(report: Report) -> int:
    return row_total(report, *(row for rows in RESULT_ROWS.values() for row in rows))


def test_the_drafted_numbers_are_those_of_both_tables():
    r, p = this_year(), last_year()
    text = year_on_year(r, p)
    pairs = {
        "2024年新收政府信息公开申请": (row_total(r, NEW), row_total(p, NEW)),
        "办结政府信息公开申请": (all_results(r), all_results(p)),
        "因政府信息公开引起行政复议": (group_total(r, "行政复议"), group_total(p, "行政复议")),
        "因政府信息公开引起行政诉讼": (group_total(r, "未经复议直接起诉", "复议后起诉"),
                              group_total(p, "未经复议直接起诉", "复议后起诉")),
    }
    pairs.update({word: (row_total(r, *rows), row_total(p, *rows)) for word, rows in RESULT_ROWS.items()})
    for words, (this, last) in pairs.items():
        assert stated(text, words) == (this, expected_words(this, last)), words
    assert (50, 40) == pairs["2024年新收政府信息公开申请"]      # the builders' own figures
    assert "较上年增加10件、增长25%" in text and "行政复议2件，与上年持平" in text


def quiet_report(report: Report, drafted: str) -> list:
    report.sections = {"一": OVERVIEW_OK + "\n" + drafted, "五": "（一）上年度问题整改情况。已全部整改到位。",
                       "六": "本年度未收取信息处理费。"}
    return report


def test_the_drafted_text_passes_the_prose_checks():
    r, p = this_year(), last_year()
    quiet_report(r, year_on_year(r, p))
    found = [f for f in check_report(r, p) if f.severity is not Severity.INFO]
    assert found == [], [f.message for f in found]


def test_drafted_decreases_and_a_year_without_cases():
    r, p = last_year(year=2024), this_year(year=2023)     # the figures of the two years swapped
    for report in (r, p):
        for key in [k for k in report.values if k.table == "四"]:
            report.set(key, None)
    # balance: this year's carried-over applications are last year's forward ones
    r.set(CellKey("三", "二、上年结转政府信息公开申请数量", "自然人"), 2)
    r.set(CellKey("三", FORWARD, "自然人"), 3)
    text = year_on_year(r, p)
    assert "新收政府信息公开申请40件，较上年减少10件、下降20%" in text
    assert "本年度与上年均未发生因政府信息公开引起的行政复议" in text
    quiet_report(r, text)
    found = [f for f in check_report(r, p) if f.severity is not Severity.INFO]
    assert found == [], [f.message for f in found]


def test_drafted_across_a_change_of_format_version():
    p = last_year("2019", 2020)
    p.set(CellKey("三", "（六）其他处理", "自然人"), 2)
    p.set(CellKey("三", FORWARD, "自然人"), 2)
    r = this_year(year=2021)
    r.set(CellKey("三", "3.其他", "自然人"), 2)
    r.set(CellKey("三", FORWARD, "自然人"), 0)
    r.set(CellKey("三", "二、上年结转政府信息公开申请数量", "自然人"), 2)   # last year's forward
    r.set(CellKey("三", NEW, "自然人"), 48)                                # still balanced
    text = year_on_year(r, p)
    assert "其他处理2件，与上年持平" in text
    assert "现行有效" not in text          # the 2019 format does not count documents in force
    quiet_report(r, text)
    found = [f for f in check_report(r, p) if f.severity is not Severity.INFO]
    assert found == [], [f.message for f in found]


def test_the_shipped_sample_drafts_its_comparisons_quietly(sample_path):
    from govreport_gui.core.serialize import load_file
    loaded = load_file(sample_path)
    report, previous = loaded.report, loaded.previous
    text = year_on_year(report, previous)
    assert text.startswith(f"{report.meta.year}年新收政府信息公开申请")
    report.sections["一"] += "\n" + text
    found = [f for f in check_report(report, previous) if f.severity is not Severity.INFO]
    assert found == [], [f.message for f in found]
