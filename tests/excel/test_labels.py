"""Label variants are normalised in one place (io/labels.py), for every reader."""

from __future__ import annotations

import pytest

from govreport_gui.core.forms import get_form
from govreport_gui.io.locate.labels import LabelIndex, canonical_label, heading_key, unit_of_label


@pytest.mark.parametrize("variant, official", [
    ("一、本年新收到政府信息公开申请数量", "一、本年新收政府信息公开申请数量"),
    ("二、上年转结政府信息公开申请数量", "二、上年结转政府信息公开申请数量"),
    ("四、转结下年度继续办理", "四、结转下年度继续办理"),
    ("1、属于国家秘密", "1.属于国家秘密"),
    ("1．属于国家秘密", "1.属于国家秘密"),
    ("3.危及\"三安全一稳定\"", "3.危及“三安全一稳定”"),
    ("(二)部分公开(区分处理的,只计这一情形,不计其他情形)", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("（二）部分公开\n（区分处理的，只计这一情形，\r\n不计其他情形）", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("自\u3000然\u3000人", "自然人"),
    (" 法律服务\n机构 ", "法律服务机构"),
    ("本年增／减", "本年增/减"),
    ("第二十条第(一)项", "第二十条第（一）项"),
    ("信息内容：", "信息内容"),
    ("一.本年新收政府信息公开申请数量", "一、本年新收政府信息公开申请数量"),
])
def test_variants_have_the_official_canonical_form(variant, official):
    assert canonical_label(variant) == canonical_label(official)


def test_different_labels_stay_different():
    labels = {canonical_label(r) for r in get_form("2021").tables["三"].rows}
    assert len(labels) == len(get_form("2021").tables["三"].rows)
    assert canonical_label("规范性文件") != canonical_label("行政规范性文件")


def test_index_knows_where_each_label_is_used():
    index = LabelIndex()
    uses = index.lookup("一、本年新收到政府信息公开申请数量")
    assert {(u.version, u.table, u.what) for u in uses} == {("2019", "三", "row"), ("2021", "三", "row")}
    assert {u.table for u in index.lookup("总计")} == {"三", "四"}
    assert [(u.version, u.what) for u in index.lookup("（三）不予公开")] == [("2019", "group"), ("2021", "group")]
    assert index.lookup("本年收费金额（万元）")[0].official == "本年收费金额（单位：万元）"
    assert index.lookup("与报告无关的文字") == []
    only_2021 = index.versions_only("2021")
    only_2019 = index.versions_only("2019")
    assert canonical_label("行政规范性文件") in only_2021 and canonical_label("规范性文件") in only_2019
    assert canonical_label("自然人") not in only_2021 | only_2019


def test_units_in_headers():
    assert unit_of_label("采购总金额（元）") == "元"
    assert unit_of_label("本年收费金额（单位：万元）") == "万元"
    assert unit_of_label("采购总金额") is None


@pytest.mark.parametrize("text, key", [
    ("一、总体情况", "一"), ("1、 总体情况", "一"), ("总体情况", "一"),
    ("五、存在的主要问题和改进情况", "五"), ("五、政府信息公开工作存在的主要问题及改进情况", "五"),
    ("六、其他需求报告的事项", "六"), ("4、政府信息公开行政复议、行政诉讼情况", "四"),
    ("本年度共收到申请12件", None),
])
def test_heading_key(text, key):
    assert heading_key(text) == key
