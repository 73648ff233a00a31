"""``govreport --self-test`` of the unpackaged application (the packaging script runs the same
against the built package): passes here, and fails with one clear line — never a traceback — when
a Qt plugin or a writer is missing."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from govreport_gui import selftest

REPO = Path(__file__).resolve().parents[2]


def _self_test(tmp_path, **env) -> subprocess.CompletedProcess:
    full = dict(os.environ, GOVREPORT_DATA_DIR=str(tmp_path / "data"),
                PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]), **env)
    return subprocess.run([sys.executable, "-m", "govreport_gui", "--self-test"], env=full, capture_output=True,
                          text=True, encoding="utf-8", timeout=180)


def test_the_self_test_passes(tmp_path):
    proc = _self_test(tmp_path, QT_QPA_PLATFORM="offscreen")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.rstrip().endswith("自检通过。")
    for step in ("主窗口", "校验", "Word", "Excel", "项目文件", "程序各部分齐全"):
        assert re.search(rf"通过  .*{step}", proc.stdout), step
    assert "Traceback" not in proc.stdout + proc.stderr


def test_a_missing_qt_platform_plugin_fails_clearly(tmp_path):
    proc = _self_test(tmp_path, QT_QPA_PLATFORM="nosuchplatform")
    assert proc.returncode == 1
    assert "自检失败：" in proc.stdout and "缺少 Qt 平台插件“nosuchplatform”" in proc.stdout
    assert "Traceback" not in proc.stdout + proc.stderr
    log = re.search(r"详细信息已写入 (\S+)，", proc.stdout).group(1)
    assert "Traceback" in Path(log).read_text(encoding="utf-8")  # the details are in the log file


def test_a_missing_writer_fails_clearly(monkeypatch, tmp_path):
    from govreport_gui.io import registry
    from govreport_gui.resources import SAMPLE_REPORT, resource
    state = {"sample": registry.read_report(resource(SAMPLE_REPORT))}
    import dataclasses
    broken = tuple(dataclasses.replace(k, writer="govreport_gui.io.no_such_module:write_docx") if k.kind == "docx" else k
                   for k in registry.KINDS)
    monkeypatch.setattr(registry, "KINDS", broken)
    with pytest.raises(selftest.SelfTestFailure, match="缺少Word导出功能"):
        selftest._round_trip(state, tmp_path, ".docx")


def test_a_module_imported_later_that_is_missing_fails_clearly(monkeypatch):
    """A packaged build without the web page reader's lxml.html started and showed its window, then
    could not read any web page: the self-test's last step finds such a gap at build time."""
    import lxml.html  # noqa: F401  (imported inside a function of the web page reader only)
    monkeypatch.setitem(sys.modules, "lxml.html", None)   # as if the build had left it out
    with pytest.raises(selftest.SelfTestFailure, match=r"安装不完整.*lxml\.html"):
        selftest._check_modules()


def test_the_comparison_sees_a_changed_figure(sample_path):
    from govreport_gui.io.registry import read_report
    a = read_report(sample_path).report
    b = a.copy()
    key = next(k for k in a.form.input_keys() if a.values.get(k))
    b.set(key, a.values[key] + 1)
    differences = selftest.compare_reports(a, b)
    assert any(key.row in d for d in differences)
    assert selftest.compare_reports(a, a.copy()) == []
