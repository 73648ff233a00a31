"""The command line, run as a real process: exit codes, output, no traceback."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from report_builders import balanced, t3

from govreport_gui.core.serialize import dumps, report_to_json

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "samples"


def govreport(*args, cwd=None):
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8")
    proc = subprocess.run([sys.executable, "-m", "govreport_gui", *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", env=env, cwd=cwd, timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def write(path, report):
    path.write_text(dumps(report_to_json(report)), encoding="utf-8")
    return path


def test_check_balanced_exits_0(tmp_path):
    proc = govreport("check", write(tmp_path / "a.json", balanced("2021")))
    assert proc.returncode == 0, proc.stdout
    assert "0 个错误" in proc.stdout


def test_check_with_errors_exits_1_and_json_output(tmp_path):
    r = balanced("2021")
    t3(r, "四、结转下年度继续办理", 2, 0, 0, 0, 0, 0)
    path = write(tmp_path / "a.json", r)
    proc = govreport("check", path)
    assert proc.returncode == 1
    assert "表三“自然人”列：一(5)+二(1)=6，（七）总计(5)+四(2)=7，相差1" in proc.stdout
    proc = govreport("check", path, "--json")
    assert proc.returncode == 1
    out = json.loads(proc.stdout)
    assert out["errors"] == 2 and out["warnings"] == 0
    first = out["findings"][0]
    assert first["severity"] == "error" and first["rule"] == "三.balance"
    assert {"table": "三", "row": "一、本年新收政府信息公开申请数量", "col": "自然人"} in first["cells"]


def test_check_previous_year(tmp_path):
    prev = balanced("2021", 2023)
    t3(prev, "四、结转下年度继续办理", 3, 0, 0, 0, 0, 0)
    proc = govreport("check", write(tmp_path / "b.json", balanced("2021", 2024)),
                     "--previous", write(tmp_path / "a.json", prev), "--json")
    assert proc.returncode == 0
    assert any(f["rule"] == "三.carry_over" for f in json.loads(proc.stdout)["findings"])


@pytest.mark.parametrize("content,message", [
    (b"{broken", "不是有效的 JSON"),
    (b"hello world", "内容不是数据文件（JSON）"),
    (b"PK\x03\x04garbage", "已损坏"),
    (b"", "空文件"),
])
def test_unreadable_input_exits_2_with_one_line(tmp_path, content, message):
    path = tmp_path / "x.json"
    path.write_bytes(content)
    proc = govreport("check", path)
    assert proc.returncode == 2
    assert message in proc.stderr and len(proc.stderr.strip().splitlines()) == 1


def test_text_renamed_to_xlsx_is_recognised_by_content(tmp_path):
    path = tmp_path / "x.xlsx"
    path.write_text("就是一段文字", encoding="utf-8")
    proc = govreport("check", path)
    assert proc.returncode == 2 and "内容不是Excel" in proc.stderr


def test_json_renamed_is_read_by_content(tmp_path):
    path = write(tmp_path / "report.xlsx", balanced("2021"))
    assert govreport("check", path).returncode == 0


def test_missing_file_exits_2(tmp_path):
    proc = govreport("dump", tmp_path / "nope.json")
    assert proc.returncode == 2 and "找不到文件" in proc.stderr


def test_dump_recomputes_totals(tmp_path):
    doc = report_to_json(balanced("2021"))
    for c in doc["cells"]:
        if c.get("computed"):
            c["value"] = 12345
    path = tmp_path / "a.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    out = json.loads(govreport("dump", path).stdout)
    total = next(c for c in out["cells"] if c["row"] == "（七）总计" and c["col"] == "总计")
    assert total == {"table": "三", "row": "（七）总计", "col": "总计", "value": 6, "computed": True}
    assert govreport("check", path).returncode == 1   # the printed totals disagree


def test_new_and_new_with_previous(tmp_path):
    out = tmp_path / "new.govreport"
    proc = govreport("new", "--format", "2021", "--year", "2025", "--agency", "某某区民政局", "-o", out)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert (doc["format"], doc["year"], doc["agency"]) == ("2021", 2025, "某某区民政局")

    prev = balanced("2019", 2020)
    t3(prev, "四、结转下年度继续办理", 4, 0, 0, 0, 0, 0)
    out2 = tmp_path / "carried.json"
    proc = govreport("new", "--previous", write(tmp_path / "prev.json", prev), "-o", out2)
    assert proc.returncode == 0, proc.stderr
    assert "已结转" in proc.stderr and "未结转" in proc.stderr
    doc = json.loads(out2.read_text(encoding="utf-8"))
    assert (doc["format"], doc["year"]) == ("2021", 2021)
    carried = next(c for c in doc["cells"] if c["row"] == "二、上年结转政府信息公开申请数量" and c["col"] == "自然人")
    assert carried["value"] == 4


def test_new_year_defaults_version(tmp_path):
    out = tmp_path / "n.json"
    assert govreport("new", "--year", "2020", "-o", out).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["format"] == "2019"


def test_export_json_and_native(tmp_path, sample_path):
    out = tmp_path / "s.json"
    assert govreport("export", sample_path, "-o", out).returncode == 0
    assert json.loads(out.read_text(encoding="utf-8"))["agency"] == "青禾市临川区人民政府办公室"
    out2 = tmp_path / "s.govreport"
    assert govreport("export", out, "-o", out2).returncode == 0
    proc = govreport("export", out, "-o", tmp_path / "s.pptx")
    assert proc.returncode == 2 and "不支持导出" in proc.stderr


def test_bad_arguments_exit_2():
    proc = govreport("check")
    assert proc.returncode == 2 and "参数错误" in proc.stderr


def test_sample_report_is_balanced_and_carries_over(sample_path):
    proc = govreport("check", sample_path, "--json")
    assert proc.returncode == 0
    out = json.loads(proc.stdout)
    assert out["errors"] == 0 and out["warnings"] == 0, out


def test_new_from_previous_without_any_year_is_a_clear_message(tmp_path):
    prev = balanced("2021", 2023)
    prev.meta.year = 0
    proc = govreport("new", "--previous", write(tmp_path / "p.json", prev), "-o", tmp_path / "n.json")
    assert proc.returncode == 2 and "--year" in proc.stderr


def test_new_with_previous_carries_the_words_and_lists_each_year_changed(tmp_path, sample_path):
    out = tmp_path / "2025.govreport"
    proc = govreport("new", "--previous", sample_path, "-o", out)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stderr.splitlines()
    [changed] = [line for line in lines if line.startswith("年份已改：")]
    assert "2024年1月1日起至2024年12月31日止" in changed and "2025年1月1日起至2025年12月31日止" in changed
    assert any(line.startswith("已结转：前言") for line in lines)
    assert any(line.startswith("已结转：落款机关") for line in lines)
    assert any(line.startswith("未结转：落款日期") for line in lines)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert "统计期限自2025年1月1日起至2025年12月31日止" in doc["preamble"]
    assert doc["issuing_organ"] == "青禾市临川区人民政府办公室" and doc.get("date", "") == ""


def test_the_command_line_imports_what_a_command_needs_only_when_it_runs():
    """The editor starts through ``main()`` too: importing the command line loads none of the checks,
    the drafting, the carry-over or the format's declarations (the window's first paint needs
    none of the checks; the commands import them)."""
    env = dict(os.environ, PYTHONPATH=str(REPO))
    code = "import sys, govreport_gui.cli; print(' '.join(sorted(sys.modules)))"
    loaded = set(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                                timeout=120, check=True).stdout.split())
    assert "govreport_gui.cli" in loaded
    early = {"govreport_gui.core.checks", "govreport_gui.core.prose_checks", "govreport_gui.core.carryover",
             "govreport_gui.core.drafting", "govreport_gui.core.contacts", "govreport_gui.core.forms",
             "govreport_gui.core.findings", "govreport_gui.core.serialize"} & loaded
    assert not early, sorted(early)
