"""The real published reports of shared/samples, transcribed into tests/fixtures/samples."""

import json
import re
from pathlib import Path

import pytest
from support import shared_path

from govreport_gui.core import CellKey, Severity, check_report
from govreport_gui.core.serialize import load_file

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "samples"


def findings(name):
    return check_report(load_file(FIXTURES / name).report)


@pytest.mark.parametrize("name", ["2019_haishu_district.json", "2019_xiangcheng_office.json"])
def test_balanced_samples_pass(name):
    found = findings(name)
    assert [f for f in found if f.severity is not Severity.INFO] == []


def test_hanbin_2020_item_count_in_decisions_is_reported():
    found = [f for f in findings("2020_hanbin_district.json") if f.severity is not Severity.INFO]
    assert {(f.rule, f.cells[0].row) for f in found} == {
        ("二.decisions_like_items", "行政处罚"), ("二.decisions_like_items", "行政强制")}


def test_xiangcheng_blank_zeros_are_info():
    found = findings("2019_xiangcheng_office.json")
    blanks = [f for f in found if f.rule == "value.blank"]
    assert blanks and all(f.severity is Severity.INFO for f in blanks)


def test_haishu_money_in_yuan_is_stored_in_wan_yuan():
    report = load_file(FIXTURES / "2019_haishu_district.json").report
    assert str(report.get(CellKey("二", "政府集中采购", "采购总金额"))) == "39953.93"


def test_haishu_with_two_total_cells_swapped_is_caught():
    doc = json.loads((FIXTURES / "2019_haishu_district.json").read_text(encoding="utf-8"))
    cells = {(c["row"], c["col"]): c for c in doc["cells"] if c["table"] == "三"}
    a, b = cells[("（七）总计", "自然人")], cells[("（七）总计", "商业企业")]
    a["value"], b["value"] = b["value"], a["value"]
    from govreport_gui.core.serialize import report_from_json
    found = [f for f in check_report(report_from_json(doc)) if f.severity is Severity.ERROR]
    assert {f.cells[0].col for f in found} == {"自然人", "商业企业"}


@pytest.mark.parametrize("name", ["2019_haishu_district", "2019_xiangcheng_office", "2020_hanbin_district"])
def test_fixture_figures_appear_in_the_published_text(name):
    """Guard against transcription slips: every non-zero figure of 三 occurs in the source text."""
    text = shared_path("samples", "reports", f"{name}.txt").read_text(encoding="utf-8")
    numbers = set(re.findall(r"\d+", text))
    doc = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    for cell in doc["cells"]:
        if cell["table"] in ("三", "四") and cell["value"]:
            assert str(cell["value"]) in numbers, cell
