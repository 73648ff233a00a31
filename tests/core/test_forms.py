"""The two declarations against the official format, label for label and merge for merge."""

import pytest

from govreport_gui.core.forms import FORMS, CellKey, Kind, Role, form_for_year, get_form

SECTIONS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]

T3_COMMON_HEAD = ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开",
                  "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                  "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
                  "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项",
                  "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
                  "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
                  "5.要求行政机关确认或重新出具已获取信息"]
T3_2021_OTHER = ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                 "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他"]
T3_TAIL = ["（七）总计", "四、结转下年度继续办理"]
T3_COLS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]


def texts(table, role):
    return [g.text for g in table.grid if g.role is role]


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_sections_are_official(version):
    assert [s.heading for s in get_form(version).sections] == SECTIONS


def test_table3_rows_2019_and_2021():
    assert list(get_form("2019").tables["三"].rows) == T3_COMMON_HEAD + ["（六）其他处理"] + T3_TAIL
    assert list(get_form("2021").tables["三"].rows) == T3_COMMON_HEAD + T3_2021_OTHER + T3_TAIL
    assert len(get_form("2019").tables["三"].rows) == 23
    assert len(get_form("2021").tables["三"].rows) == 25


@pytest.mark.parametrize("version,result_rows", [("2019", 20), ("2021", 22)])
def test_table3_geometry(version, result_rows):
    t = get_form(version).tables["三"]
    assert t.n_cols == 10 and t.header_rows == 3 and list(t.cols) == T3_COLS
    note = next(g for g in t.grid if g.role is Role.NOTE)
    assert note.text == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert (note.row, note.col, note.rowspan, note.colspan) == (0, 0, 3, 3)
    heads = {g.text: g for g in t.grid if g.role is Role.HEADER}
    assert (heads["申请人情况"].colspan, heads["自然人"].rowspan, heads["总计"].rowspan) == (7, 2, 2)
    assert heads["法人或其他组织"].colspan == 5
    assert [g.text for g in t.grid if g.role is Role.HEADER and g.row == 2] == T3_COLS[1:6]
    labels = {g.text: g for g in t.grid if g.role is Role.LABEL}
    assert labels["三、本年度办理结果"].rowspan == result_rows and labels["三、本年度办理结果"].col == 0
    assert labels["一、本年新收政府信息公开申请数量"].colspan == 3
    assert labels["（一）予以公开"].colspan == 2 and labels["（七）总计"].colspan == 2
    assert labels["（三）不予公开"].rowspan == 8 and labels["（四）无法提供"].rowspan == 3
    assert labels["（五）不予处理"].rowspan == 5
    if version == "2021":
        assert labels["（六）其他处理"].rowspan == 3 and labels["（六）其他处理"].col == 1
        assert labels["3.其他"].col == 2
    else:
        assert labels["（六）其他处理"].colspan == 2 and labels["（六）其他处理"].rowspan == 1


def test_table2_2021_geometry():
    t = get_form("2021").tables["二"]
    assert t.n_cols == 4
    assert texts(t, Role.CAPTION) == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项", "第二十条第（八）项"]
    assert all(g.colspan == 4 for g in t.grid if g.role is Role.CAPTION)
    assert texts(t, Role.HEADER) == ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "信息内容",
                                     "本年处理决定数量", "信息内容", "本年处理决定数量", "信息内容",
                                     "本年收费金额（单位：万元）"]
    single = [g for g in t.grid if g.role is Role.HEADER and g.text == "本年处理决定数量"]
    assert all(g.colspan == 3 for g in single)
    assert list(t.rows) == ["规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费"]
    assert t.cell(CellKey("二", "行政事业性收费", "本年收费金额（单位：万元）")).kind is Kind.MONEY


def test_table2_2019_labels_and_kinds():
    t = get_form("2019").tables["二"]
    assert texts(t, Role.CAPTION) == ["第二十条第（一）项", "第二十条第（五）项", "第二十条第（六）项",
                                      "第二十条第（八）项", "第二十条第（九）项"]
    assert list(t.rows) == ["规章", "规范性文件", "行政许可", "其他对外管理服务事项", "行政处罚", "行政强制",
                            "行政事业性收费", "政府集中采购"]
    assert t.cell(CellKey("二", "行政许可", "本年增/减")).kind is Kind.SIGNED
    assert t.cell(CellKey("二", "政府集中采购", "采购总金额")).kind is Kind.MONEY
    assert t.cell(CellKey("二", "规章", "对外公开总数量")).kind is Kind.COUNT
    assert len(t.cells) == 22


def test_table4_geometry():
    t = get_form("2021").tables["四"]
    assert t.n_cols == 15 and t.n_rows == 4
    heads = [(g.row, g.text, g.rowspan, g.colspan) for g in t.grid if g.role is Role.HEADER]
    assert (0, "行政复议", 1, 5) in heads and (0, "行政诉讼", 1, 10) in heads
    assert (1, "未经复议直接起诉", 1, 5) in heads and (1, "复议后起诉", 1, 5) in heads
    assert [h for h in heads if h[0] == 1 and h[2] == 2] == [
        (1, c, 2, 1) for c in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")]
    assert [g.key.col for g in t.grid if g.row == 3] == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3


@pytest.mark.parametrize("version", sorted(FORMS))
@pytest.mark.parametrize("table_id", ["二", "三", "四"])
def test_grid_covers_every_position_exactly_once(version, table_id):
    t = get_form(version).tables[table_id]
    covered = {}
    for g in t.grid:
        for r in range(g.row, g.row + g.rowspan):
            for c in range(g.col, g.col + g.colspan):
                assert (r, c) not in covered, f"{(r, c)} covered twice"
                covered[(r, c)] = g
    assert set(covered) == {(r, c) for r in range(t.n_rows) for c in range(t.n_cols)}
    value_cells = [g.key for g in t.grid if g.role in (Role.INPUT, Role.COMPUTED)]
    assert value_cells == [c.key for c in t.cells]


@pytest.mark.parametrize("version", sorted(FORMS))
def test_computed_cells_are_the_totals(version):
    form = get_form(version)
    computed = set(form.computed_keys())
    assert computed == {t.target for t in form.totals}
    assert all(k.col == "总计" or k.row == "（七）总计" for k in computed)
    assert len([k for k in computed if k.table == "三"]) == len(form.tables["三"].rows) + 6
    assert len([k for k in computed if k.table == "四"]) == 3


def test_form_for_year():
    assert form_for_year(2019).version == "2019"
    assert form_for_year(2020).version == "2019"
    assert form_for_year(2021).version == "2021"
    assert form_for_year(2035).version == "2021"
    with pytest.raises(KeyError):
        get_form("2030")


@pytest.mark.parametrize("version", sorted(FORMS))
def test_money_cells_declare_whether_their_header_names_the_unit(version):
    """The declaration, not the label, says a header names 万元 — and it says so exactly when the
    official header does (2021 `本年收费金额（单位：万元）`; the 2019 `采购总金额` does not)."""
    money = [c for c in get_form(version).all_cells() if c.kind is Kind.MONEY]
    assert money
    for c in money:
        assert c.unit_in_header == ("万元" in c.key.col), c.key
    assert not any(c.unit_in_header for c in get_form(version).all_cells() if c.kind is not Kind.MONEY)


@pytest.mark.parametrize("version", sorted(FORMS))
def test_every_declared_rule_has_a_title(version):
    form = get_form(version)
    titles = form.rule_titles()
    assert {r.rule for r in form.rules()} == set(titles)
    assert all(r.title for r in form.rules())
    # a title spells labels from the declaration: the 四 outcomes as declared
    assert all(col in titles["四.total"] for col in form.tables["四"].cols[:-1])


@pytest.mark.parametrize("version", sorted(FORMS))
def test_tags_name_the_rows_code_talks_about(version):
    """Drafting and the prose checks find rows by tag; the tags must cover what they need."""
    from govreport_gui.core.forms.spec import Tag
    form = get_form(version)
    t3, t4 = form.tables["三"], form.tables["四"]
    assert t3.total_col == "总计" and t4.total_col == "总计"
    assert t3.group(Tag.NEW).rows == ("一、本年新收政府信息公开申请数量",)
    assert t3.group(Tag.CARRIED_OUT).rows == ("四、结转下年度继续办理",)
    assert t3.group(Tag.RESULTS_TOTAL).rows == ("（七）总计",)
    assert t3.group(Tag.WITHHELD).label == "（三）不予公开" and len(t3.group(Tag.WITHHELD).rows) == 8
    # the outcomes are exactly the rows （七）总计 adds up, in order, each once
    result_total = next(t for t in form.totals if t.rule == "三.result_total")
    assert [r for g in t3.outcomes() for r in g.rows] == [k.row for k in result_total.addends]
    other = t3.group(Tag.OTHER_HANDLING)
    assert len(other.rows) == (3 if version == "2021" else 1)
    assert t4.group(Tag.REVIEW).rows == ("行政复议",)
    assert t4.group(Tag.LITIGATION).label == "行政诉讼"
    assert t4.group(Tag.LITIGATION).rows == ("未经复议直接起诉", "复议后起诉")
    in_force = [c.key for c in form.tables["二"].tagged(Tag.IN_FORCE)]
    fees = [c.key for c in form.tables["二"].tagged(Tag.FEES)]
    if version == "2021":
        assert in_force == [CellKey("二", "规章", "现行有效件数"), CellKey("二", "行政规范性文件", "现行有效件数")]
        assert fees == [CellKey("二", "行政事业性收费", "本年收费金额（单位：万元）")]
        assert all(form.cell(k).kind is Kind.MONEY for k in fees)
    else:   # the 2019 format has neither figure
        assert in_force == [] and fees == []


def test_required_content_is_declared_per_version():
    """The 2021 format names what the prose must contain (国办公开办函〔2021〕30号); the 2019 one does not."""
    new, old = get_form("2021"), get_form("2019")
    assert old.required == ()
    by_id = {r.id: r for r in new.required}
    assert set(by_id) == {"topics", "government", "rectify", "fee"}
    assert [t.name for t in by_id["topics"].topics] == ["主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障"]
    assert by_id["government"].governments_only and not by_id["topics"].governments_only
    assert {r.section for r in new.required} == {"一", "五", "六"}
    assert all(t.words for r in new.required for t in r.topics)   # every required topic can be found
    # the outline of each version starts every section with its required topics
    for form in (new, old):
        for r in form.required:
            if not r.governments_only:
                assert form.outline[r.section][:len(r.topics)] == r.topics
    assert all(t.hint for form in (new, old) for topics in form.outline.values() for t in topics)


def test_the_version_hint_follows_the_years_of_each_version(monkeypatch):
    from dataclasses import replace

    from govreport_gui.core.forms import FORMS, form_for_year, tables_named, version_hint
    assert version_hint() == "2019、2020 年度用 2019 版，2021 年度起用 2021 版"
    for year in (2019, 2020, 2021, 2030):
        assert f"{form_for_year(year).version} 版" in version_hint()
    # a third version: the hint says so without anyone writing it
    current = FORMS["2021"]
    monkeypatch.setitem(FORMS, "2021", replace(current, about=replace(current.about, last_year=2026)))
    monkeypatch.setitem(FORMS, "2027", replace(current, about=replace(current.about, version="2027", first_year=2027,
                                                                      last_year=None)))
    assert version_hint() == "2019、2020 年度用 2019 版，2021—2026 年度用 2021 版，2027 年度起用 2027 版"
    assert tables_named() == "表二、表三、表四" and tables_named(["三"]) == "表三"
