"""The report JSON (REPORT-JSON.md) and the native file: round trips and bad input."""

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from report_builders import balanced, fill_every_cell

from govreport_gui.core import CellKey, ReadError, Report, WriteError
from govreport_gui.core.forms import FORMS, Kind, get_form
from govreport_gui.core.report import AcceptedWarning, Metadata
from govreport_gui.core.serialize import (
    dumps,
    load_file,
    load_json_bytes,
    native_to_json,
    report_from_json,
    report_to_json,
    save_native,
    write_atomic,
)


def same(a: Report, b: Report) -> None:
    def text(r):  # an empty section and an absent one are the same
        return {k: v for k, v in r.sections.items() if v}
    assert (a.form_version, a.meta, text(a), a.values) == (b.form_version, b.meta, text(b), b.values)


def test_json_shape_follows_the_spec():
    r = balanced("2021")
    doc = report_to_json(r)
    assert doc["schema"] == "govreport/1" and doc["format"] == "2021" and doc["year"] == 2024
    cells = {(c["table"], c["row"], c["col"]): c for c in doc["cells"]}
    money = cells[("二", "行政事业性收费", "本年收费金额（单位：万元）")]
    assert money["value"] == "96171.6"
    total = cells[("三", "（七）总计", "总计")]
    assert total == {"table": "三", "row": "（七）总计", "col": "总计", "value": 6, "computed": True}
    assert cells[("三", "1.属于国家秘密", "自然人")]["value"] is None
    assert len(cells) == len(get_form("2021").all_cells())


@pytest.mark.parametrize("version", sorted(FORMS))
def test_round_trip_every_cell(version):
    r = fill_every_cell(version)
    r.sections = {"一": "第一段\n第二段", "六": "无。"}
    r.meta.email = "a@b.cn"
    back = report_from_json(json.loads(dumps(report_to_json(r)), parse_float=Decimal))
    same(r, back)
    # computed cells come back as printed totals equal to the recomputed ones
    assert back.printed and all(back.printed[k] is not None for k in back.printed)


def _reports():
    def build(version, year, agency, picks, sections):
        form = get_form(version)
        r = Report(version, Metadata(agency=agency, year=year))
        keys = form.input_keys()
        for index, number in picks:
            key = keys[index % len(keys)]
            kind = form.cell(key).kind
            if kind is Kind.MONEY:
                r.set(key, Decimal(number) / 100)
            elif kind is Kind.SIGNED:
                r.set(key, number - 500)
            else:
                r.set(key, number)
        r.sections = sections
        return r
    return st.builds(
        build,
        st.sampled_from(sorted(FORMS)),
        st.integers(2019, 2040),
        st.text(min_size=0, max_size=30),
        st.lists(st.tuples(st.integers(0, 400), st.integers(0, 10 ** 9)), max_size=40),
        st.dictionaries(st.sampled_from("一二三四五六"), st.text(max_size=200), max_size=6),
    )


@settings(max_examples=60, deadline=None)
@given(_reports())
def test_round_trip_random_reports(report):
    text = dumps(report_to_json(report))
    same(report, load_json_bytes(text.encode("utf-8")).report)


def test_native_file_keeps_previous_and_accepted(tmp_path):
    r, prev = balanced("2021", 2024), balanced("2021", 2023)
    r.accepted.append(AcceptedWarning("二.in_force_stock", (CellKey("二", "行政规范性文件", "现行有效件数"),), "清理后调整"))
    path = tmp_path / "a.govreport"
    save_native(path, r, prev)
    loaded = load_file(path)
    same(loaded.report, r)
    same(loaded.previous, prev)
    assert loaded.report.accepted == r.accepted
    assert not list(tmp_path.glob(".*tmp"))


def test_atomic_write_keeps_old_file_on_failure(tmp_path, monkeypatch):
    path = tmp_path / "a.govreport"
    path.write_text("old")
    import os
    def boom(*a):
        raise PermissionError(13, "denied")
    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(WriteError, match="正被 Word/WPS"):
        write_atomic(path, b"new")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.govreport"]


def test_write_into_missing_folder_is_a_clear_message(tmp_path):
    with pytest.raises(WriteError, match="文件夹不存在"):
        write_atomic(tmp_path / "nope" / "a.json", b"x")


def _doc(**over):
    doc = report_to_json(balanced("2021"))
    doc.update(over)
    return doc


def _with_cell(table, row, col, value):
    doc = _doc()
    doc["cells"] = [c for c in doc["cells"] if (c["table"], c["row"], c["col"]) != (table, row, col)]
    doc["cells"].append({"table": table, "row": row, "col": col, "value": value})
    return doc


@pytest.mark.parametrize("data,message", [
    (b"{not json", "不是有效的 JSON"),
    (b"[1, 2]", "顶层应为对象"),
    (b"\xff\xfe\x00garbage", "UTF-8"),
    (b"[" * 100000 + b"]" * 100000, "嵌套层数过多"),
    (json.dumps({"cells": []}).encode(), "schema"),
    (json.dumps(_doc(schema="govreport/2")).encode(), "较新版本"),
    (json.dumps(_doc(schema="govreport/beta")).encode(), "无法识别"),
    (json.dumps(_doc(format="2030")).encode(), "格式版本"),
    (json.dumps(_doc(year="2024")).encode(), "year"),
    (json.dumps(_with_cell("三", "一、本年新收到政府信息公开申请数量", "自然人", 1), ensure_ascii=False).encode(),
     "不是2021版格式中的单元格"),
    (json.dumps(_with_cell("五", "x", "y", 1), ensure_ascii=False).encode(), "未知的表"),
    (json.dumps(_with_cell("三", "（一）予以公开", "自然人", "12件"), ensure_ascii=False).encode(),
     "表三“（一）予以公开”/“自然人”：应为整数"),
    (json.dumps(_with_cell("三", "（一）予以公开", "自然人", "１２"), ensure_ascii=False).encode(), "应为整数"),
    (json.dumps(_with_cell("三", "（一）予以公开", "自然人", 1.5), ensure_ascii=False).encode(), "应为整数"),
    (json.dumps(_with_cell("三", "（一）予以公开", "自然人", True), ensure_ascii=False).encode(), "应为数字"),
    (json.dumps(_with_cell("二", "行政事业性收费", "本年收费金额（单位：万元）", "12万"), ensure_ascii=False).encode(),
     "金额应写作万元数字"),
    (json.dumps(_with_cell("二", "行政事业性收费", "本年收费金额（单位：万元）", "１２"), ensure_ascii=False).encode(),
     "金额应写作万元数字"),
    (json.dumps(_with_cell("三", "（一）予以公开", "自然人", 10 ** 20), ensure_ascii=False).encode(), "过大"),
])
def test_bad_json_is_rejected_with_a_clear_message(data, message):
    with pytest.raises(ReadError, match=message):
        load_json_bytes(data, "“x.json”")


def test_duplicate_cells_are_rejected():
    doc = _doc()
    doc["cells"].append(dict(doc["cells"][0]))
    with pytest.raises(ReadError, match="出现了两次"):
        report_from_json(doc)


def test_negative_count_is_read_and_reported_by_check():
    from govreport_gui.core import check_report
    doc = _with_cell("四", "行政复议", "结果纠正", -2)
    r = report_from_json(doc)
    assert any(f.rule == "value.negative" for f in check_report(r))


def test_money_as_json_number_is_exact():
    doc = json.loads(dumps(_with_cell("二", "行政事业性收费", "本年收费金额（单位：万元）", 0)).replace(
        '"本年收费金额（单位：万元）",\n      "value": 0', '"本年收费金额（单位：万元）",\n      "value": 0.1'), parse_float=Decimal)
    r = report_from_json(doc)
    assert r.get(CellKey("二", "行政事业性收费", "本年收费金额（单位：万元）")) == Decimal("0.1")


def test_missing_cells_are_blank_and_printed_totals_kept():
    doc = _doc()
    doc["cells"] = [{"table": "三", "row": "（七）总计", "col": "总计", "value": 99, "computed": True}]
    r = report_from_json(doc)
    assert r.values == {} and r.printed == {CellKey("三", "（七）总计", "总计"): 99}


def test_project_file_totals_are_not_printed_figures_but_report_json_totals_are(tmp_path):
    r = balanced("2021")
    path = tmp_path / "a.govreport"
    save_native(path, r, balanced("2021", 2023))
    loaded = load_file(path)
    assert loaded.report.printed == {} and loaded.previous.printed == {}
    plain = tmp_path / "a.json"
    plain.write_text(dumps(report_to_json(r)), encoding="utf-8")
    assert load_file(plain).report.printed


def test_a_printed_total_that_disagrees_survives_saving_and_reopening_the_project(tmp_path):
    """Saving must not silently settle a printed total that disagrees: the error comes back."""
    from govreport_gui.core import check_report, recalculate
    r = balanced("2021")
    key = CellKey("三", "（一）予以公开", "总计")
    r.printed[key] = recalculate(r.form, r.values)[key] + 2
    path = tmp_path / "a.govreport"
    save_native(path, r)
    loaded = load_file(path).report
    assert loaded.printed == r.printed
    assert [f.cells[0] for f in check_report(loaded) if f.rule == "三.row_total"] == [key]
    # the project's cells still hold the recomputed total
    cell = next(c for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
                if (c["table"], c["row"], c["col"]) == tuple(key))
    assert cell["value"] == recalculate(r.form, r.values)[key]


def test_unreadable_printed_totals_in_a_project_are_a_clear_error(tmp_path):
    r = balanced("2021")
    doc = native_to_json(r)
    doc["printed_totals"] = [{"table": "三", "row": "（一）予以公开", "col": "自然人", "value": 3}]  # an input
    path = tmp_path / "bad.govreport"
    path.write_text(dumps(doc), encoding="utf-8")
    with pytest.raises(ReadError, match="printed_totals"):
        load_file(path)


def test_printed_totals_are_written_in_reading_order_whatever_the_edits_did(tmp_path):
    from report_builders import balanced

    from govreport_gui.core.edits import DismissPrinted
    from govreport_gui.core.serialize import native_to_json
    report = balanced("2021")
    total = report.form.tables["三"]
    keys = [c.key for c in total.cells if c.computed][:3]
    for k in keys:
        report.printed[k] = 999
    before = native_to_json(report)["printed_totals"]
    edit = DismissPrinted(((keys[0], 999),))  # the first one only
    edit.apply(report)
    edit.revert(report)  # puts it back at the end of the dict
    assert list(report.printed) != keys
    assert native_to_json(report)["printed_totals"] == before
    assert [(e["row"], e["col"]) for e in before] == [(k.row, k.col) for k in keys]
