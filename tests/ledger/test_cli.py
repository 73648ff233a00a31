"""``govreport ledger``: counts printed, rows left out listed with row number and value, the report
written in any kind the program writes; exit 0 all placed, 1 some left out, 2 nothing read."""

from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest

from govreport_gui.cli import main
from govreport_gui.core import CellKey
from govreport_gui.core.forms.ledger_words import Field
from govreport_gui.core.ledger import memory
from govreport_gui.core.serialize import load_file, save_native
from govreport_gui.io.registry import read_report

from .ledger_builders import CARRIED_OUT, NEW, Style, expected_3, ledger_rows, random_apps
from .ledger_files import write_text, write_xlsx

YEAR = 2025
REPO_ROOT = __import__("pathlib").Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _private_data_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("GOVREPORT_DATA_DIR", str(tmp_path / "appdata"))


@pytest.fixture
def ledger(tmp_path):
    rng = random.Random(3)
    apps = random_apps(rng, YEAR, 50)
    rows, _ = ledger_rows(apps, Style.random(rng, "2021"))
    return write_xlsx(tmp_path / "台账.xlsx", {"2025年": rows}), apps


def figures(report) -> dict[tuple[str, str], int]:
    return {(k.row, k.col): v for k, v in report.values.items() if k.table == "三" and v}


def test_every_row_placed_exit_0(ledger, tmp_path, capsys):
    path, apps = ledger
    out = tmp_path / "年报.govreport"
    assert main(["ledger", str(path), "--year", "2025", "--agency", "某某县交通运输局", "-o", str(out)]) == 0
    report = load_file(out).report
    assert figures(report) == dict(expected_3(apps, YEAR, "2021"))
    assert report.meta.agency == "某某县交通运输局" and report.meta.year == YEAR and report.form_version == "2021"
    assert report.ledger is not None and report.ledger.sources == ("台账.xlsx",)
    printed = capsys.readouterr()
    assert "表三（2025年度，2021版格式）" in printed.out and NEW in printed.out and "已写出" in printed.err


def test_rows_left_out_exit_1_with_row_numbers_and_values(tmp_path, capsys):
    rows = [("申请人类型", "收到日期", "办结日期", "处理结果"), ("公民", "2025-01-05", "2025-01-20", "同意公开"),
            ("个体户", "2025-02-05", "2025-02-20", "同意公开"), ("企业", "", "2025-02-20", "同意公开")]
    path = write_text(tmp_path / "台账.csv", rows, "gbk")
    out = tmp_path / "年报.json"
    assert main(["ledger", str(path), "--year", "2025", "-o", str(out)]) == 1
    text = capsys.readouterr().out
    assert "台账.csv第3行：申请人类型无法归入官方类别（个体户）" in text
    assert "台账.csv第4行：没有收到日期" in text
    assert "申请人类型“个体户”：1 行" in text
    report = read_report(out).report
    assert figures(report) == {(NEW, "自然人"): 1, ("（一）予以公开", "自然人"): 1}


@pytest.mark.parametrize("case", ["missing", "not a ledger", "no header", "output is the ledger"])
def test_nothing_read_exit_2_and_nothing_written(tmp_path, capsys, case):
    out = tmp_path / "年报.govreport"
    path = {"missing": lambda: tmp_path / "没有.xlsx",
            "not a ledger": lambda: write_text(tmp_path / "a.pdf", [("%PDF-1.4",)], "utf-8"),
            "no header": lambda: write_text(tmp_path / "a.csv", [("姓名", "电话"), ("张三", "1")], "utf-8"),
            "output is the ledger": lambda: write_text(tmp_path / "年报.govreport", [("申请人类型",)], "utf-8")}[case]()
    before = out.read_bytes() if out.exists() else None
    assert main(["ledger", str(path), "--year", "2025", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("govreport ledger：") and "Traceback" not in err
    assert (out.read_bytes() if out.exists() else None) == before


def test_previous_report_carries_over_and_is_compared(tmp_path, capsys):
    from report_builders import balanced
    last = balanced("2021", year=2024, agency="某某县交通运输局")   # 四: 自然人 1
    last_path = tmp_path / "2024.govreport"
    save_native(last_path, last)
    rows = [("申请人类型", "收到日期", "办结日期", "处理结果"), ("企业", "2024-12-20", "2025-01-08", "同意公开")]
    path = write_xlsx(tmp_path / "台账.xlsx", {"S": rows})
    out = tmp_path / "2025.govreport"
    assert main(["ledger", str(path), "--year", "2025", "--previous", str(last_path), "-o", str(out)]) == 0
    text = capsys.readouterr().out
    assert "与上年报告核对" in text and "“自然人”" in text and "“商业企业”" in text
    loaded = load_file(out)
    assert loaded.report.meta.agency == "某某县交通运输局" and loaded.previous is not None
    assert loaded.report.get(CellKey("三", "二、上年结转政府信息公开申请数量", "商业企业")) == 1


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".json"])
def test_any_output_kind(ledger, tmp_path, suffix):
    path, apps = ledger
    out = tmp_path / f"年报{suffix}"
    assert main(["ledger", str(path), "--year", "2025", "--agency", "某某局", "-o", str(out)]) == 0
    assert figures(read_report(out).report) == dict(expected_3(apps, YEAR, "2021"))


def test_remembered_assignments_are_used_and_named(tmp_path, capsys):
    memory.remember("某某局", {(Field.APPLICANT, "个体户"): ("个体户", "商业企业")})
    rows = [("申请人类型", "收到日期", "办结日期", "处理结果"), ("个体户", "2025-02-05", None, "办理中")]
    path = write_xlsx(tmp_path / "台账.xlsx", {"S": rows})
    out = tmp_path / "a.govreport"
    assert main(["ledger", str(path), "--year", "2025", "--agency", "某某局", "-o", str(out)]) == 0
    assert "按已记住的归类计入：申请人类型“个体户”→“商业企业”" in capsys.readouterr().out
    assert load_file(out).report.get(CellKey("三", CARRIED_OUT, "商业企业")) == 1


def test_the_command_runs_without_qt(ledger, tmp_path):
    path, _ = ledger
    out = tmp_path / "a.json"
    code = ("import sys; from govreport_gui.cli import main; rc = main(sys.argv[1:]); "
            "assert 'PySide6' not in sys.modules, 'Qt loaded'; sys.exit(rc)")
    proc = subprocess.run([sys.executable, "-c", code, "ledger", str(path), "--year", "2025", "-o", str(out)],
                          capture_output=True, text=True, cwd=REPO_ROOT, encoding="utf-8")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["year"] == 2025
