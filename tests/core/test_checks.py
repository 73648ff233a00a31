"""Every rule of the official format in both versions, positive and negative."""

from decimal import Decimal

import pytest
from report_builders import balanced, fill_every_cell, t3

from govreport_gui.core import CellKey, Severity, check_report, recalculate
from govreport_gui.core.checks import may_make_regulations
from govreport_gui.core.forms import get_form

VERSIONS = ["2019", "2021"]


def rules(findings, severity=None):
    return sorted({f.rule for f in findings if severity is None or f.severity is severity})


def errors(report, previous=None):
    return [f for f in check_report(report, previous) if f.severity is Severity.ERROR]


def warnings(report, previous=None):
    return [f for f in check_report(report, previous) if f.severity is Severity.WARNING]


@pytest.mark.parametrize("version", VERSIONS)
def test_balanced_reports_have_no_errors_or_warnings(version):
    assert rules(check_report(balanced(version)), Severity.ERROR) == []
    assert rules(check_report(balanced(version)), Severity.WARNING) == []
    assert rules(check_report(fill_every_cell(version)), Severity.ERROR) == []


@pytest.mark.parametrize("version", VERSIONS)
def test_recalculated_totals(version):
    r = balanced(version)
    c = recalculate(r.form, r.values)
    assert c[CellKey("三", "一、本年新收政府信息公开申请数量", "总计")] == 6
    assert c[CellKey("三", "（七）总计", "自然人")] == 5
    assert c[CellKey("三", "（七）总计", "总计")] == 6
    assert c[CellKey("四", "行政复议", "总计")] == 2
    assert c[CellKey("四", "复议后起诉", "总计")] == 0


def test_recalculated_totals_include_every_leaf_2021_other_handling():
    r = balanced("2021")
    for i, row in enumerate(get_form("2021").tables["三"].rows[2:-2], 1):
        r.set(CellKey("三", row, "其他"), i)
    c = recalculate(r.form, r.values)
    assert c[CellKey("三", "（七）总计", "其他")] == sum(range(1, 22))  # 21 leaves


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("row,col", [
    ("一、本年新收政府信息公开申请数量", "自然人"),
    ("二、上年结转政府信息公开申请数量", "法律服务机构"),
    ("四、结转下年度继续办理", "其他"),
    ("（一）予以公开", "商业企业"),
    ("5.属于三类内部事务信息", "科研机构"),
])
def test_balance_rule_per_column(version, row, col):
    r = balanced(version)
    key = CellKey("三", row, col)
    r.set(key, (r.get(key) or 0) + 1)
    found = [f for f in errors(r) if f.rule == "三.balance"]
    scopes = sorted(f.message.split("：")[0] for f in found)
    assert scopes == sorted([f"表三“{col}”列", "表三“总计”列"])
    assert all("相差1" in f.message for f in found)
    assert key in found[0].cells or CellKey("三", "（七）总计", col) in found[0].cells


def test_balance_message_has_equation_both_sides_and_difference():
    r = balanced("2021")
    t3(r, "一、本年新收政府信息公开申请数量", 72, 1, 0, 0, 0, 0)
    t3(r, "二、上年结转政府信息公开申请数量", 1, 0, 0, 0, 0, 0)
    t3(r, "（一）予以公开", 68, 1, 0, 0, 0, 0)
    t3(r, "四、结转下年度继续办理", 2, 0, 0, 0, 0, 0)
    msg = next(f.message for f in errors(r) if "“自然人”列" in f.message)
    assert msg == "表三“自然人”列：一(72)+二(1)=73，（七）总计(70)+四(2)=72，相差1"


def test_swapped_cells_of_the_total_row_fail_per_column_but_not_in_the_total_column():
    """A published report swapped two (七)总计 cells between applicant columns."""
    r = balanced("2019")
    form = r.form
    computed = recalculate(form, r.values)
    for key, value in computed.items():
        r.printed[key] = value
    a, b = CellKey("三", "（七）总计", "自然人"), CellKey("三", "（七）总计", "商业企业")
    r.printed[a], r.printed[b] = r.printed[b], r.printed[a]
    found = errors(r)
    assert rules(found) == ["三.result_total"]
    assert {f.cells[0] for f in found} == {a, b}
    assert all(CellKey("三", "（七）总计", "总计") not in f.cells[:1] for f in found)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("key,rule", [
    (CellKey("三", "一、本年新收政府信息公开申请数量", "总计"), "三.row_total"),
    (CellKey("三", "（七）总计", "科研机构"), "三.result_total"),
    (CellKey("三", "（七）总计", "总计"), "三.result_total"),
    (CellKey("四", "复议后起诉", "总计"), "四.total"),
])
def test_printed_totals_are_compared_with_recomputed(version, key, rule):
    r = balanced(version)
    computed = recalculate(r.form, r.values)
    r.printed[key] = computed[key]
    assert errors(r) == []
    r.printed[key] = computed[key] + 3
    found = errors(r)
    assert [f.rule for f in found] == [rule]
    assert f"文件所列合计为{computed[key] + 3}，按各项重新计算为{computed[key]}" in found[0].message
    assert "相差3" in found[0].message


def test_blank_printed_total_over_zero_is_fine_over_nonzero_is_reported():
    r = balanced("2021")
    r.printed[CellKey("四", "复议后起诉", "总计")] = None
    r.printed[CellKey("四", "行政复议", "总计")] = None
    assert [f.cells[0] for f in errors(r)] == [CellKey("四", "行政复议", "总计")]


@pytest.mark.parametrize("version", VERSIONS)
def test_negative_counts_and_money_are_errors_only_change_may_be_negative(version):
    r = balanced(version)
    r.set(CellKey("四", "行政复议", "其他结果"), -1)
    r.printed.clear()
    found = [f for f in errors(r) if f.rule == "value.negative"]
    assert len(found) == 1 and "不能为负数" in found[0].message
    # the exception is named only where the version has a signed column
    assert ("“本年增/减”可以为负" in found[0].message) == (version == "2019")
    if version == "2019":
        r = balanced(version)
        r.set(CellKey("二", "行政许可", "本年增/减"), -167)
        assert [f for f in errors(r) if f.rule == "value.negative"] == []
        r.set(CellKey("二", "政府集中采购", "采购总金额"), Decimal("-1.5"))
        assert [f.rule for f in errors(r)] == ["value.negative"]


@pytest.mark.parametrize("version", VERSIONS)
def test_blank_cells_are_info(version):
    r = balanced(version)
    infos = [f for f in check_report(r) if f.rule == "value.blank"]
    assert {f.severity for f in infos} == {Severity.INFO}
    assert all("空白按0计" in f.message for f in infos)
    t3_blank = next(f for f in infos if f.message.startswith("表三"))
    assert CellKey("三", "1.属于国家秘密", "自然人") in t3_blank.cells


def test_format_version_should_follow_the_year():
    r = balanced("2019", year=2022)
    assert "meta.format_year" in rules(warnings(r))
    assert "meta.format_year" not in rules(warnings(balanced("2021", year=2022)))


# ---- soft rules


def test_cross_year_carry_over_of_applications():
    prev, this = balanced("2021", 2023), balanced("2021", 2024)
    assert "三.carry_over" not in rules(warnings(this, prev))
    t3(prev, "四、结转下年度继续办理", 2, 0, 0, 0, 0, 0)
    found = [f for f in warnings(this, prev) if f.rule == "三.carry_over"]
    assert len(found) == 1 and found[0].cells == (CellKey("三", "二、上年结转政府信息公开申请数量", "自然人"),)
    assert "相差1" in found[0].message


def test_cross_year_in_force_stock_2021():
    prev, this = balanced("2021", 2023), balanced("2021", 2024)
    prev.set(CellKey("二", "行政规范性文件", "现行有效件数"), 10)   # 10 + 2 − 1 = 11
    assert "二.in_force_stock" not in rules(warnings(this, prev))
    prev.set(CellKey("二", "行政规范性文件", "现行有效件数"), 12)
    found = [f for f in warnings(this, prev) if f.rule == "二.in_force_stock"]
    assert len(found) == 1 and "=13" in found[0].message and "相差2" in found[0].message


def test_cross_year_item_count_2019():
    prev, this = balanced("2019", 2019), balanced("2019", 2020)
    prev.set(CellKey("二", "行政许可", "上一年项目数量"), 21)
    prev.set(CellKey("二", "行政许可", "本年增/减"), -1)           # 21 − 1 = 20
    assert "二.item_carry" not in rules(warnings(this, prev))
    prev.set(CellKey("二", "行政许可", "本年增/减"), 4)
    assert [f.cells for f in warnings(this, prev) if f.rule == "二.item_carry"] == [
        (CellKey("二", "行政许可", "上一年项目数量"),)]


def test_cross_version_only_applications_carry_over_is_checked():
    prev, this = balanced("2019", 2020), balanced("2021", 2021)
    found = check_report(this, prev)
    assert "三.carry_over" not in rules(found, Severity.WARNING)
    skipped = [f for f in found if f.rule == "二.in_force_stock"]
    assert [f.severity for f in skipped] == [Severity.INFO]
    t3(prev, "四、结转下年度继续办理", 0, 0, 0, 0, 0, 3)
    assert "三.carry_over" in rules(check_report(this, prev), Severity.WARNING)


def test_previous_report_of_another_year_is_flagged():
    assert "cross_year.year" in rules(warnings(balanced("2021", 2024), balanced("2021", 2021)))


def test_2019_published_not_greater_than_total():
    r = balanced("2019")
    assert "二.published_le_total" not in rules(warnings(r))
    r.set(CellKey("二", "规范性文件", "本年新公开数量"), 12)
    assert "二.published_le_total" in rules(warnings(r))


@pytest.mark.parametrize("version", VERSIONS)
def test_regulations_by_a_county_agency_are_a_warning(version):
    r = balanced(version, agency="某某县交通运输局")
    r.set(CellKey("二", "规章", get_form(version).tables["二"].cols[0]), 1)
    assert "二.regulations_level" in rules(warnings(r))
    [f] = [f for f in warnings(r) if f.rule == "二.regulations_level"]
    instead = {"2019": "规范性文件", "2021": "行政规范性文件"}[version]
    assert f"是否应填入“{instead}”" in f.message   # the row of this version, as declared
    r.meta.agency = "某某省人民政府"
    assert "二.regulations_level" not in rules(warnings(r))


@pytest.mark.parametrize("agency,may", [
    ("浙江省人民政府", True), ("宁波市人民政府", True), ("中华人民共和国生态环境部", True),
    ("宁波市海曙区人民政府", False), ("相城区人民政府办公室", False), ("某某县交通运输局", False),
    ("某某镇人民政府", False), ("", True),
])
def test_may_make_regulations(agency, may):
    assert may_make_regulations(agency) is may


def test_decisions_equal_to_item_count_2019():
    r = balanced("2019")
    r.set(CellKey("二", "行政处罚", "上一年项目数量"), 1433)
    r.set(CellKey("二", "行政处罚", "本年增/减"), -167)
    r.set(CellKey("二", "行政处罚", "处理决定数量"), 1266)
    assert "二.decisions_like_items" in rules(warnings(r))
    r.set(CellKey("二", "行政处罚", "处理决定数量"), 1265)
    assert "二.decisions_like_items" not in rules(warnings(r))


def test_accepted_warning_stays_listed_but_is_not_open():
    from govreport_gui.core.report import AcceptedWarning
    r = balanced("2019")
    r.set(CellKey("二", "规范性文件", "本年新公开数量"), 12)
    w = next(f for f in warnings(r) if f.rule == "二.published_le_total")
    r.accepted.append(AcceptedWarning(w.rule, w.cells, "含以前年度文件集中公开"))
    again = next(f for f in check_report(r) if f.rule == "二.published_le_total")
    assert again.accepted_reason == "含以前年度文件集中公开" and not again.is_open


def test_a_printed_total_that_disagrees_stays_until_an_edit_makes_it_agree_and_undo_restores_it():
    """Quality bar: every printed total that disagrees is reported — an edit that does not put
    it right keeps the error (with the new recomputed figure); one that does drops it silently."""
    from govreport_gui.core.edits import set_cells
    r = balanced("2021")
    computed = recalculate(r.form, r.values)
    natural = CellKey("三", "（一）予以公开", "自然人")            # 3; the row total is 4
    row_total = CellKey("三", "（一）予以公开", "总计")
    r.printed[row_total] = computed[row_total] + 2                # the source printed 6
    r.printed[CellKey("四", "行政复议", "总计")] = 2               # unrelated, correct
    assert [f.cells[0] for f in errors(r)] == [row_total]

    not_yet = set_cells(r, {natural: 4}, "输入")                  # row total 5: still not 6
    not_yet.apply(r)
    assert not_yet.printed_dropped == () and r.printed[row_total] == 6
    [f] = [f for f in errors(r) if f.rule.endswith("total")]
    assert f.cells[0] == row_total and "文件所列合计为6，按各项重新计算为5" in f.message

    fixed = set_cells(r, {natural: 5}, "输入")                    # row total 6 = printed
    fixed.apply(r)
    assert row_total not in r.printed and CellKey("四", "行政复议", "总计") in r.printed
    assert not [f for f in errors(r) if f.rule.endswith("total")]

    fixed.revert(r)
    assert r.printed[row_total] == 6
    assert [f.cells[0] for f in errors(r) if f.rule.endswith("total")] == [row_total]
    not_yet.revert(r)
    assert r.get(natural) == 3 and r.printed[row_total] == 6
    [f] = errors(r)
    assert "文件所列合计为6，按各项重新计算为4" in f.message


def test_a_printed_total_that_agreed_is_dropped_by_an_edit_instead_of_turning_into_an_error():
    from govreport_gui.core.edits import set_cells
    r = balanced("2021")
    computed = recalculate(r.form, r.values)
    for key, value in computed.items():
        r.printed[key] = value                                   # a consistent source
    edit = set_cells(r, {CellKey("三", "（一）予以公开", "自然人"): 4}, "输入")   # moves 3 totals
    before = dict(r.printed)
    edit.apply(r)
    assert {k for k, _ in edit.printed_dropped} == {
        CellKey("三", "（一）予以公开", "总计"), CellKey("三", "（七）总计", "自然人"),
        CellKey("三", "（七）总计", "总计")}
    assert not [f for f in errors(r) if f.rule != "三.balance"]   # the clerk's change: no printed error
    edit.revert(r)
    assert r.printed == before


def test_the_clerk_can_set_a_wrong_printed_total_aside_and_undo_it():
    from govreport_gui.core.edits import dismiss_printed
    r = balanced("2021")
    computed = recalculate(r.form, r.values)
    row_total = CellKey("三", "（一）予以公开", "总计")
    review = CellKey("四", "行政复议", "总计")
    r.printed[row_total] = computed[row_total] + 1
    r.printed[review] = computed[review] + 5
    r.printed[CellKey("三", "（七）总计", "总计")] = computed[CellKey("三", "（七）总计", "总计")]  # agrees
    first = next(f for f in errors(r) if f.cells[0] == row_total)
    one = dismiss_printed(r, first)
    one.apply(r)
    assert [f.cells[0] for f in errors(r)] == [review]
    one.revert(r)
    assert {f.cells[0] for f in errors(r)} == {row_total, review}
    every = dismiss_printed(r)                                   # all that disagree, not the one that agrees
    assert {k for k, _ in every.dropped} == {row_total, review}
    every.apply(r)
    assert errors(r) == [] and CellKey("三", "（七）总计", "总计") in r.printed
    every.revert(r)
    assert len(errors(r)) == 2
    r.set(CellKey("三", "四、结转下年度继续办理", "自然人"), 5)     # a balance error is not a printed total
    balance = next(f for f in errors(r) if f.rule == "三.balance")
    with pytest.raises(ValueError):
        dismiss_printed(r, balance)


def test_findings_about_a_metadata_field_name_it():
    from govreport_gui.core.findings import findings_json
    r = balanced("2021")
    r.meta.year = 0
    r.meta.email = "XX@XX.gov.cn"
    found = {f.rule: f for f in check_report(r) if f.meta is not None}
    assert set(found) == {"meta.year", "prose.template"}
    assert found["meta.year"].meta == "year" and found["prose.template"].meta == "email"
    r.meta.year = 2019                                   # a 2019 report in the 2021 format
    assert {f.rule: f.meta for f in check_report(r) if f.rule.startswith("meta.")} == {"meta.format_year": "year"}
    prev = balanced("2021")
    prev.meta.year, r.meta.year = 2020, 2024
    [f] = [f for f in check_report(r, prev) if f.rule == "cross_year.year"]
    assert f.meta == "year"
    assert all(x.meta is None for x in check_report(r, prev) if x.cells or x.section)
    assert {"rule": "prose.template", "meta": "email"}.items() <= next(
        d for d in findings_json(check_report(r))["findings"] if d["rule"] == "prose.template").items()


def test_a_finding_says_which_page_it_belongs_to():
    from govreport_gui.core.findings import Finding, Severity
    from govreport_gui.core.forms import CellKey
    cell = Finding(Severity.ERROR, "三.balance", (CellKey("三", "（七）总计", "总计"),), "x")
    prose = Finding(Severity.WARNING, "prose.x", (), "x", section="五")
    meta = Finding(Severity.WARNING, "meta.year", (), "x", meta="year")
    assert cell.belongs_to("三", "三") and not cell.belongs_to("二", "二") and not cell.belongs_to(None)
    assert prose.belongs_to("五") and not prose.belongs_to("三", "三") and not prose.belongs_to(None)
    assert meta.belongs_to(None) and not meta.belongs_to("一")
