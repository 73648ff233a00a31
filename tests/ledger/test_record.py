"""A report filled from a ledger: one undoable edit, each cell keeps its ledger rows (saved in the
project file), a figure changed by hand afterwards is a warning; the clerk's assignments are
remembered per agency."""

from __future__ import annotations

import json

import pytest

from govreport_gui.core import CellKey, Document, Report, check_report
from govreport_gui.core.errors import ReadError
from govreport_gui.core.forms import get_form
from govreport_gui.core.forms.ledger_words import Field
from govreport_gui.core.ledger import memory
from govreport_gui.core.ledger.apply import fill_from_ledger
from govreport_gui.core.ledger.count import count_ledgers
from govreport_gui.core.ledger.sheet import LedgerSheet
from govreport_gui.core.ledger.words import SKIP
from govreport_gui.core.rules import titles as rule_titles
from govreport_gui.core.serialize import load_file, save_native

from .ledger_builders import CARRIED_OUT, DISCLOSED, NEW

APPS = [("申请人类型", "收到日期", "办结日期", "处理结果"),
        ("公民", "2025-01-05", "2025-01-20", "同意公开"), ("公民", "2025-02-05", "2025-02-20", "同意公开"),
        ("企业", "2025-12-20", None, "办理中")]
CASES = [("案件类型", "收到日期", "审结日期", "审理结果"), ("行政复议", "2025-03-01", "2025-05-01", "维持")]


def report_2025() -> Report:
    report = Report.new("2021", 2025, "某某县交通运输局")
    report.set(CellKey("三", NEW, "其他"), 9)      # typed before: replaced by the ledger's 0
    report.set(CellKey("四", "行政复议", "结果纠正"), 3)
    return report


def counted(rows, name="台账.xlsx"):
    return count_ledgers([LedgerSheet(name, "2025年", rows)], get_form("2021"), 2025)


def test_fill_is_one_edit_with_zeros_and_rows_and_undo():
    report = report_2025()
    document = Document(report)
    edit = fill_from_ledger(report, counted(APPS))
    document.apply(edit)
    assert report.get(CellKey("三", NEW, "自然人")) == 2 and report.get(CellKey("三", NEW, "其他")) == 0
    assert report.get(CellKey("三", CARRIED_OUT, "商业企业")) == 1
    assert report.get(CellKey("四", "行政复议", "结果纠正")) == 3   # 四 was not counted: untouched
    cell = report.ledger.cells[CellKey("三", DISCLOSED, "自然人")]
    assert cell.count == 2 and [r.row for r in cell.rows] == [2, 3]
    assert report.ledger.explain(CellKey("三", DISCLOSED, "自然人")) == "由登记台账计数：2件（台账.xlsx“2025年”第2–3行）"
    assert "没有这一类申请" in report.ledger.explain(CellKey("三", NEW, "科研机构"))
    assert not [f for f in document.findings if f.rule.startswith("三.balance") and not f.todo]
    document.revert(edit)
    assert report.get(CellKey("三", NEW, "其他")) == 9 and report.get(CellKey("三", NEW, "自然人")) is None
    assert report.ledger is None


def test_the_case_list_read_later_keeps_the_application_rows():
    report = report_2025()
    report_doc = Document(report)
    report_doc.apply(fill_from_ledger(report, counted(APPS)))
    report_doc.apply(fill_from_ledger(report, counted(CASES, "案件.xlsx")))
    assert report.get(CellKey("四", "行政复议", "结果维持")) == 1 and report.get(CellKey("四", "行政复议", "结果纠正")) == 0
    assert report.ledger.cells[CellKey("三", DISCLOSED, "自然人")].count == 2
    assert report.ledger.sources == ("台账.xlsx", "案件.xlsx")


def test_the_record_is_saved_in_the_project_file(tmp_path):
    report = report_2025()
    fill_from_ledger(report, counted(APPS)).apply(report)
    path = tmp_path / "a.govreport"
    save_native(path, report)
    again = load_file(path).report
    assert again.ledger.cells == report.ledger.cells and again.ledger.sources == ("台账.xlsx",)
    doc = json.loads(path.read_text(encoding="utf-8"))
    cell = next(c for c in doc["ledger"]["cells"] if c["row"] == DISCLOSED and c["col"] == "自然人")
    assert cell["rows"] == [{"source": "台账.xlsx", "sheet": "2025年", "rows": "2-3"}]
    doc["ledger"]["cells"][0]["count"] = "两件"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(ReadError) as exc:
        load_file(path)
    assert "ledger" in str(exc.value)


def test_a_figure_changed_by_hand_is_a_warning():
    report = report_2025()
    fill_from_ledger(report, counted(APPS)).apply(report)
    assert not [f for f in check_report(report) if f.rule == "ledger.changed"]
    report.set(CellKey("三", DISCLOSED, "自然人"), 3)
    (finding,) = [f for f in check_report(report) if f.rule == "ledger.changed"]
    assert "计数为2件，现为3件" in finding.message and finding.cells == (CellKey("三", DISCLOSED, "自然人"),)
    assert rule_titles(report.form)["ledger.changed"] and rule_titles(report.form)["ledger.carry_over"]


def test_a_version_change_drops_the_record():
    report = report_2025()
    fill_from_ledger(report, counted(APPS)).apply(report)
    converted, _ = report.convert("2019")
    assert converted.ledger is None


def test_assignments_are_remembered_per_agency(tmp_path):
    memory.remember("某某局", {(Field.APPLICANT, "个体户"): ("个体户", "商业企业"),
                             (Field.RESULT, "测试"): ("测试", SKIP)}, tmp_path)
    memory.remember("另一局", {(Field.APPLICANT, "个体户"): ("个体户", "自然人")}, tmp_path)
    assert memory.load("某某局", tmp_path) == {Field.APPLICANT: {"个体户": "商业企业"}, Field.RESULT: {"测试": SKIP}}
    assert memory.load("另一局", tmp_path) == {Field.APPLICANT: {"个体户": "自然人"}}
    assert memory.load("没有的局", tmp_path) == {}
    (tmp_path / memory.FILE_NAME).write_text("{损坏", encoding="utf-8")
    assert memory.load("某某局", tmp_path) == {}


def test_the_memory_is_in_the_users_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("GOVREPORT_DATA_DIR", str(tmp_path / "d"))
    memory.remember("某某局", {(Field.APPLICANT, "个体户"): ("个体户", "商业企业")})
    assert (tmp_path / "d" / memory.FILE_NAME).exists()
    assert memory.load("某某局") == {Field.APPLICANT: {"个体户": "商业企业"}}


def test_a_memory_that_cannot_be_written_says_so_as_a_write_error(tmp_path):
    """The editor tells the clerk (the table is filled, the assignments are asked again next time)
    only of a WriteError; a folder that could not be made raised a bare OSError past it."""
    from govreport_gui.core.errors import WriteError
    (tmp_path / "a file").write_text("", encoding="utf-8")
    with pytest.raises(WriteError) as exc:
        memory.remember("某某局", {(Field.APPLICANT, "个体户"): ("个体户", "商业企业")}, tmp_path / "a file" / "data")
    assert "无法保存到" in str(exc.value)


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_the_check_list_names_each_counted_figures_rows(tmp_path, suffix):
    from govreport_gui.io.write.check_report import write_check_report
    report = report_2025()
    fill_from_ledger(report, counted(APPS)).apply(report)
    report.set(CellKey("三", CARRIED_OUT, "商业企业"), 2)   # changed by hand since
    path = tmp_path / f"校验清单{suffix}"
    write_check_report(path, report, check_report(report))
    if suffix == ".docx":
        from docx import Document
        doc = Document(str(path))
        text = "\n".join(p.text for p in doc.paragraphs)
        cells = [[c.text for c in row.cells] for t in doc.tables for row in t.rows]
    else:
        import openpyxl
        ws = openpyxl.load_workbook(path).active
        text = "\n".join(str(c) for row in ws.iter_rows(values_only=True) for c in row if c)
        cells = [[str(c) if c is not None else "" for c in row] for row in ws.iter_rows(values_only=True)]
    assert "由登记台账计数的数字" in text and "台账：台账.xlsx" in text
    row = next(r for r in cells if CellKey("三", DISCLOSED, "自然人").name() in r)
    assert "2" in row and "台账.xlsx“2025年”第2–3行" in row
    assert any("计数为1件，现为2件" in c for r in cells for c in r)   # the warning about the changed figure


def test_the_hidden_rows_counted_are_kept_and_listed_in_the_check_list(tmp_path):
    from govreport_gui.core.ledger.record import check_list_intro
    from govreport_gui.core.ledger.sheet import RowRef
    report = report_2025()
    sheet = LedgerSheet("台账.xlsx", "2025年", APPS, hidden_rows=frozenset({2}))   # row 3 hidden
    fill_from_ledger(report, count_ledgers([sheet], get_form("2021"), 2025)).apply(report)
    assert report.ledger.hidden == (RowRef("台账.xlsx", "2025年", 3),)
    assert "所计的行中，台账.xlsx“2025年”第3行在台账中是隐藏的（手动隐藏、筛选或分组折叠），核对时请先取消隐藏。" \
        in check_list_intro(report.ledger)
    path = tmp_path / "a.govreport"
    save_native(path, report)
    assert load_file(path).report.ledger.hidden == report.ledger.hidden
    Document(report).apply(fill_from_ledger(report, counted(CASES, "案件.xlsx")))   # 三's rows kept, so its hidden row
    assert report.ledger.hidden == (RowRef("台账.xlsx", "2025年", 3),)
    Document(report).apply(fill_from_ledger(report, counted(APPS)))                  # 三 read again, nothing hidden
    assert report.ledger.hidden == ()
    assert "隐藏" not in check_list_intro(report.ledger)
