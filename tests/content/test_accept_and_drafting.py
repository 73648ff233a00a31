"""Accepting warnings (with undo and persistence) and the drafting help."""

import pytest
from test_prose_checks import FORWARD, NEW, OVERVIEW_OK, agency_report

from govreport_gui.core import CellKey
from govreport_gui.core.checks import check_report
from govreport_gui.core.document import Document
from govreport_gui.core.drafting import data_summary, outline
from govreport_gui.core.edits import SetSection, accept_warning, unaccept_warning
from govreport_gui.core.findings import Severity, count
from govreport_gui.core.prose_checks import check_figures
from govreport_gui.core.serialize import load_file, save_native


def open_prose_warnings(doc):
    return [f for f in doc.findings if f.severity is Severity.WARNING and f.rule.startswith("prose")]


def test_accepting_a_prose_warning_with_undo_and_redo():
    r = agency_report()
    r.sections["一"] = OVERVIEW_OK + "\n全年共收到政府信息公开申请41件。"
    doc = Document(r)
    [f] = open_prose_warnings(doc)
    assert count(doc.findings, Severity.WARNING) == 1
    edit = accept_warning(f, "含1件网上重复提交的申请，表格中已剔除")
    doc.apply(edit)
    [g] = open_prose_warnings(doc)
    assert g.accepted_reason == "含1件网上重复提交的申请，表格中已剔除"
    assert count(doc.findings, Severity.WARNING) == 0                 # no longer open …
    assert count(doc.findings, Severity.WARNING, open_only=False) == 1  # … but still listed
    # an unrelated edit of the same section keeps it accepted (matched by sentence, not position)
    doc.apply(SetSection("五", r.sections["五"], r.sections["五"] + "另已完善制度。"))
    assert open_prose_warnings(doc)[0].accepted_reason
    doc.revert(edit)
    assert open_prose_warnings(doc)[0].accepted_reason is None
    doc.apply(edit)
    undo = unaccept_warning(doc.report, open_prose_warnings(doc)[0])
    doc.apply(undo)
    assert open_prose_warnings(doc)[0].accepted_reason is None and doc.report.accepted == []
    doc.revert(undo)
    assert open_prose_warnings(doc)[0].accepted_reason


def test_accepting_one_prose_warning_does_not_accept_another_of_the_same_rule():
    r = agency_report()
    r.sections["一"] = OVERVIEW_OK + "\n全年共收到政府信息公开申请41件。"
    r.sections["五"] = r.sections["五"] + "其中予以公开20件。"
    found = [f for f in check_report(r) if f.rule == "prose.figure"]
    assert len(found) == 2
    r.accepted.append(accept_warning(found[0], "已核实").entry)
    states = [f.accepted_reason for f in check_report(r) if f.rule == "prose.figure"]
    assert sorted(s or "" for s in states) == ["", "已核实"]


def test_accepted_cell_warning_and_persistence(tmp_path):
    prev = agency_report(2023)
    r = agency_report(2024)
    prev.set(CellKey("二", "行政许可", "本年处理决定数量"), 10)
    r.set(CellKey("二", "行政许可", "本年处理决定数量"), 900)
    r.sections["一"] = OVERVIEW_OK + "\n全年共收到政府信息公开申请41件。"
    findings = check_report(r, prev)
    yoy = next(f for f in findings if f.rule == "yoy.change")
    prose = next(f for f in findings if f.rule == "prose.figure")
    accept_warning(yoy, "本年起承接市级下放的许可事项").apply(r)
    accept_warning(prose, "已核实").apply(r)
    path = tmp_path / "r.govreport"
    save_native(path, r, prev)
    loaded = load_file(path)
    after = {f.rule: f.accepted_reason for f in check_report(loaded.report, loaded.previous)
             if f.rule in ("yoy.change", "prose.figure")}
    assert after == {"yoy.change": "本年起承接市级下放的许可事项", "prose.figure": "已核实"}


def test_accepting_needs_a_reason_and_a_warning():
    r = agency_report()
    r.sections["一"] = OVERVIEW_OK + "\n全年共收到政府信息公开申请41件。"
    f = next(f for f in check_report(r) if f.rule == "prose.figure")
    with pytest.raises(ValueError, match="理由"):
        accept_warning(f, "  ")
    r.set(CellKey("三", FORWARD, "自然人"), 9)
    err = next(f for f in check_report(r) if f.severity is Severity.ERROR)
    with pytest.raises(ValueError, match="错误必须更正"):
        accept_warning(err, "理由")


# --- drafting ---------------------------------------------------------------------------------

def test_outline_has_the_sub_headings_of_each_section():
    o = outline("2021")
    assert set(o) == {"一", "五", "六"}
    for topic in ("主动公开", "依申请公开", "政府信息管理", "平台建设", "监督保障"):
        assert topic in o["一"]
    assert "整改" in o["五"] and "信息处理费" in o["六"]
    old = outline("2019")
    assert "整改" not in old["五"] and "信息处理费" not in old["六"]


def test_new_report_from_the_outline_lists_what_is_still_to_write():
    r = agency_report()
    r.sections = outline("2021")
    rules = {f.rule for f in check_report(r) if f.severity is Severity.WARNING}
    assert rules == {"prose.template"}


def test_data_summary_sentences_agree_with_the_tables():
    r = agency_report()
    text = data_summary(r)
    assert "2024年共收到政府信息公开申请40件，上年结转2件" in text
    assert "办结40件" in text and "予以公开25件" in text and "部分公开5件" in text and "无法提供10件" in text
    assert "结转下年度继续办理2件" in text
    assert "行政复议3件" in text and "结果维持2件" in text and "结果纠正1件" in text
    assert "行政诉讼3件" in text and "尚未审结1件" in text
    r.sections["一"] = OVERVIEW_OK + "\n" + text
    assert [f for f in check_figures(r)] == []


def test_data_summary_with_last_year():
    prev = agency_report(2023)
    prev.set(CellKey("三", NEW, "自然人"), 16)   # 20 received last year
    prev.set(CellKey("三", FORWARD, "自然人"), 2)
    r = agency_report(2024)
    text = data_summary(r, prev)
    assert "较上年增加20件、增长100%" in text
    assert "行政复议3件，与上年持平" in text


def test_data_summary_without_review_or_litigation():
    r = agency_report()
    for key in list(r.values):
        if key.table == "四":
            r.set(key, None)
    text = data_summary(r)
    assert "未发生因政府信息公开引起的行政复议" in text and "未发生因政府信息公开引起的行政诉讼" in text


def test_data_summary_of_the_shared_2019_samples():
    from sample_prose import sample_report
    r = sample_report("2019_xiangcheng_office")
    text = data_summary(r)
    assert "2019年共收到政府信息公开申请73件，上年结转1件" in text
    assert "办结71件，其中予以公开6件、部分公开8件、不予公开1件、无法提供56件；结转下年度继续办理3件" in text
    assert "行政复议3件，其中结果维持3件" in text and "行政诉讼2件，其中结果维持2件" in text
    r.sections["一"] = text
    assert check_figures(r) == []
