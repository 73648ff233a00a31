
from report_builders import balanced, t3

from govreport_gui.core import CellKey, Severity, carry_over, check_report

CARRIED_IN = "二、上年结转政府信息公开申请数量"
CARRIED_OUT = "四、结转下年度继续办理"


def test_2021_to_2021():
    prev = balanced("2021", 2023)
    t3(prev, CARRIED_OUT, 1, 0, 0, 0, 2, 0)
    prev.meta.phone = "0571-1234567"
    prev.sections["一"] = "去年的正文"
    result = carry_over(prev)
    r = result.report
    assert (r.form_version, r.meta.year, r.meta.agency, r.meta.phone) == ("2021", 2024, prev.meta.agency, "0571-1234567")
    assert r.get(CellKey("三", CARRIED_IN, "自然人")) == 1
    assert r.get(CellKey("三", CARRIED_IN, "法律服务机构")) == 2
    assert r.get(CellKey("三", CARRIED_IN, "商业企业")) == 0
    assert "去年的正文" not in "".join(r.sections.values()) and r.meta.date == ""
    assert set(r.sections) == {"一", "五", "六"}  # the standard outline, to be written over
    assert any("上年结转" in line for line in result.carried)
    assert any("现行有效件数" in line and "11" in line for line in result.not_carried)
    # the new report checked against last year: the carried figures agree
    assert not [f for f in check_report(r, prev) if f.rule == "三.carry_over"]


def test_2019_to_2019_carries_item_counts():
    prev = balanced("2019", 2019)   # 行政许可: 上一年项目数量 20, 本年增/减 −3
    result = carry_over(prev)
    r = result.report
    assert (r.form_version, r.meta.year) == ("2019", 2020)
    assert r.get(CellKey("二", "行政许可", "上一年项目数量")) == 17
    assert r.get(CellKey("二", "行政处罚", "上一年项目数量")) == 0
    assert r.get(CellKey("三", CARRIED_IN, "自然人")) == 1
    assert any("上一年项目数量" in line and "行政许可" not in line or "17" in line for line in result.carried)
    warnings = [f for f in check_report(r, prev) if f.severity is Severity.WARNING and f.rule.startswith(("二.item", "三.carry"))]
    assert warnings == []


def test_2020_report_in_2019_format_to_2021_report():
    prev = balanced("2019", 2020)
    t3(prev, CARRIED_OUT, 4, 1, 0, 0, 0, 0)
    result = carry_over(prev)
    r = result.report
    assert (r.form_version, r.meta.year) == ("2021", 2021)
    assert r.get(CellKey("三", CARRIED_IN, "自然人")) == 4
    assert r.get(CellKey("三", CARRIED_IN, "商业企业")) == 1
    assert all(k.table == "三" for k in r.values)
    joined = "\n".join(result.not_carried)
    assert "2019版格式" in joined and "上一年项目数量" in joined and "现行有效件数" in joined
    # named from the declared correspondence: only 其他对外管理服务事项's decisions have no counterpart
    assert "“其他对外管理服务事项”的“处理决定数量”" in joined
    assert "“本年增/减”、“处理决定数量”" not in joined


def test_2021_report_carried_into_the_2019_format_moves_by_the_correspondence():
    prev = balanced("2021", 2020)
    t3(prev, CARRIED_OUT, 2, 0, 0, 1, 0, 0)
    result = carry_over(prev, form_version="2019")
    r = result.report
    assert r.form_version == "2019"
    assert r.get(CellKey("三", CARRIED_IN, "自然人")) == 2 and r.get(CellKey("三", CARRIED_IN, "社会公益组织")) == 1
    joined = "\n".join(result.not_carried)
    assert "“本年废止件数”、“现行有效件数”、“本年收费金额（单位：万元）”在新格式中没有对应项" in joined


def test_explicit_year_and_version():
    result = carry_over(balanced("2021", 2023), year=2025, form_version="2021")
    assert result.report.meta.year == 2025
