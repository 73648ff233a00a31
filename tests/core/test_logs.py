"""The log in the user's data folder: what failed, on which file, with the traceback — for the
command line (a real process) and for any caller of the registry; turned over past its size."""

import logging
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from govreport_gui import logs
from govreport_gui.core.errors import ReadError
from govreport_gui.diagnostics import names_only
from govreport_gui.io import registry

REPO = Path(__file__).resolve().parents[2]


def govreport(*args, data: Path):
    env = dict(os.environ, PYTHONPATH=str(REPO), PYTHONIOENCODING="utf-8", GOVREPORT_DATA_DIR=str(data))
    return subprocess.run([sys.executable, "-m", "govreport_gui", *map(str, args)], capture_output=True,
                          text=True, encoding="utf-8", env=env, timeout=120)


@pytest.fixture
def log_to(tmp_path, monkeypatch):
    """The package logging to a data folder of this test; the log's text."""
    monkeypatch.setenv("GOVREPORT_DATA_DIR", str(tmp_path / "data"))
    path = logs.setup("测试")
    yield lambda: path.read_text(encoding="utf-8")
    logs.stop()


def broken_word_package(path: Path) -> None:
    """A .docx whose package has no relations: the reader finds no main document (inside, not at the zip)."""
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", "<w:document")


@pytest.mark.parametrize("name, make, met", [
    ("去年的报告.xlsx", lambda p: p.write_bytes(b"PK\x03\x04" + b"\x00" * 40 + b"not a zip at all" * 20),
     "zipfile.BadZipFile"),   # what the reader met, though its message to the clerk hides it
    ("去年的报告.docx", broken_word_package, "KeyError: \"There is no item named '_rels/.rels'"),
])
def test_a_file_the_command_line_cannot_read_leaves_its_name_and_traceback_in_the_log(tmp_path, name, make, met):
    broken = tmp_path / name
    make(broken)
    proc = govreport("check", broken, data=tmp_path / "data")
    assert proc.returncode == 2 and "Traceback" not in proc.stderr, proc.stderr   # the clerk sees one line
    text = (tmp_path / "data" / logs.LOG_DIR / logs.LOG_NAME).read_text(encoding="utf-8")
    assert "命令行 check" in text
    assert f"未能读取 {broken}" in text
    assert "Traceback (most recent call last)" in text and "govreport_gui.core.errors.ReadError" in text
    assert met in text


def test_a_file_a_consolidation_cannot_read_is_logged_from_its_worker_process(tmp_path, sample_path):
    """汇总 reads in worker processes: what they log comes back with the units and is written by
    the program itself, with the file's name and the traceback."""
    folder = tmp_path / "各单位"
    folder.mkdir()
    broken_word_package(folder / "某镇.docx")
    (folder / "某街道.govreport").write_bytes(sample_path.read_bytes())
    proc = govreport("merge", folder, "-o", tmp_path / "汇总.govreport", data=tmp_path / "data")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr   # one unit left out
    text = (tmp_path / "data" / logs.LOG_DIR / logs.LOG_NAME).read_text(encoding="utf-8")
    assert f"未能读取 {folder / '某镇.docx'}" in text and "某街道" not in text   # what went wrong, not every read
    assert "Traceback (most recent call last)" in text and "KeyError" in text
    pids = set(re.findall(r"^\S+ \S+ \[(\d+)\]", text, re.MULTILINE))
    assert len(pids) >= 2   # the program's own records and its worker's, in one file


def test_an_unexpected_reader_error_is_logged_with_the_readers_own_exception(tmp_path, monkeypatch, log_to):
    def failing_reader(path):
        raise RuntimeError("读取器内部错误 42")
    monkeypatch.setattr(registry, "read_json", failing_reader)
    source = tmp_path / "单位报告.json"
    source.write_text("{}", encoding="utf-8")
    with pytest.raises(ReadError) as raised:
        registry.read_report(source)
    assert "RuntimeError" in str(raised.value) and "读取器内部错误" not in str(raised.value)
    text = log_to()
    assert f"未能读取 {source}" in text
    assert "RuntimeError: 读取器内部错误 42" in text and "in failing_reader" in text   # the reader's traceback


def test_reads_and_writes_are_recorded(tmp_path, sample_path, log_to):
    result = registry.read_report(sample_path)
    registry.write_report(tmp_path / "副本.json", result.report)
    text = log_to()
    assert f"已读取 {sample_path}（native）" in text and f"已写入 {tmp_path / '副本.json'}" in text


def test_the_log_is_turned_over_past_its_size_and_keeps_three_old_files(monkeypatch, log_to):
    monkeypatch.setattr(logs, "MAX_BYTES", 2000)
    log = logging.getLogger("govreport_gui.test")
    for i in range(200):
        log.warning("第 %d 条记录 %s", i, "很长的说明" * 5)
    folder = logs.log_path().parent
    assert sorted(p.name for p in folder.iterdir()) == [logs.LOG_NAME, *(f"{logs.LOG_NAME}.{i}" for i in (1, 2, 3))]
    assert all(p.stat().st_size < 2000 + 300 for p in folder.iterdir())
    assert "第 199 条记录" in log_to() and "第 199 条记录" not in (folder / f"{logs.LOG_NAME}.1").read_text("utf-8")


def test_setting_up_again_follows_the_data_folder_and_keeps_one_handler(tmp_path, monkeypatch, log_to):
    monkeypatch.setenv("GOVREPORT_DATA_DIR", str(tmp_path / "other"))
    logs.setup("测试")
    logs.setup("测试")
    handlers = [h for h in logging.getLogger(logs.PACKAGE).handlers if isinstance(h, logs.RotatingLog)]
    assert [h.baseFilename for h in handlers] == [str(tmp_path / "other" / logs.LOG_DIR / logs.LOG_NAME)]


def test_without_a_data_folder_the_command_line_runs_without_a_log(tmp_path, sample_path):
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("")
    proc = govreport("check", sample_path, data=blocked / "data")
    assert proc.returncode in (0, 1) and "Traceback" not in proc.stderr, proc.stderr


def test_a_program_that_only_imports_the_package_prints_no_log_records():
    code = ("import logging; import govreport_gui; "
            "logging.getLogger('govreport_gui.io.registry').warning('不应出现在控制台')")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 0 and proc.stderr == ""


@pytest.mark.parametrize("line, reduced", [
    ("未能读取 /home/张三/内部 资料/年报.xlsx：已损坏", "未能读取 年报.xlsx：已损坏"),
    (r"未能读取 C:\Users\张三\2024年 政务公开\年报.docx（word）", "未能读取 年报.docx（word）"),
    (r"No such file or directory: 'C:\\Users\\张三\\年报.xlsx'", "No such file or directory: '年报.xlsx'"),   # a repr
    (r"已写入 \\server\共享\局办\汇总.xlsx", "已写入 汇总.xlsx"),
    ("已写入 /tmp/局办/副本.json，表三“（一）”/“自然人”", "已写入 副本.json，表三“（一）”/“自然人”"),
    ('  File "/opt/app/lib/python3.11/zipfile.py", line 1302', '  File "zipfile.py", line 1302'),
    ('  File "/home/张三/app/govreport_gui/io/registry.py", line 9', '  File "govreport_gui/io/registry.py", line 9'),
    ("/opt/app/resources/sample.govreport", "sample.govreport"),   # data beside the program: its name only
    ("见 http://www.gov.cn/a/b.html，12/3 与 1 / 2", "见 http://www.gov.cn/a/b.html，12/3 与 1 / 2"),
])
def test_the_zip_names_a_file_by_its_name_and_the_programs_own_files_by_their_place(line, reduced):
    roots = ["/opt/app/lib/python3.11", "/home/张三/app", "/opt/app"]
    assert names_only(line, roots) == reduced


@pytest.mark.parametrize("command, logged", [
    (["check", "{sample}", "--report", "{missing}/校验清单.docx"], "未能导出校验清单 {missing}/校验清单.docx"),
    (["merge", "{sample}", "-o", "{out}/汇总.govreport", "--report-xlsx", "{missing}/单位清单.xlsx"],
     "未能导出单位清单 {missing}/单位清单.xlsx"),
])
def test_a_list_the_command_line_cannot_write_is_logged_with_its_path(tmp_path, sample_path, command, logged):
    places = {"sample": sample_path, "missing": tmp_path / "不存在的文件夹", "out": tmp_path}
    proc = govreport(*(part.format(**places) for part in command), data=tmp_path / "data")
    assert proc.returncode == 2 and "文件夹不存在" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    text = (tmp_path / "data" / logs.LOG_DIR / logs.LOG_NAME).read_text(encoding="utf-8")
    assert logged.format(**places) in text and "govreport_gui.core.errors.WriteError" in text
