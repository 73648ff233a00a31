"""The robustness harness itself can fail: a hang, a crash and a bad message are each caught."""

from __future__ import annotations

import os
import signal

from harness import Worker, problem_of


def test_a_stopped_reader_is_reported_as_a_hang_and_replaced(sample_path):
    worker = Worker()
    try:
        os.kill(worker.proc.pid, signal.SIGSTOP)
        answer = worker.read(sample_path, timeout=1.0)
        assert answer["outcome"] == "hang"
        assert "no answer" in problem_of(answer)
        assert worker.read(sample_path)["outcome"] == "ok"  # a fresh worker took over
    finally:
        worker.close()


def test_a_killed_reader_is_reported_as_a_crash(sample_path):
    worker = Worker()
    try:
        os.kill(worker.proc.pid, signal.SIGKILL)
        answer = worker.read(sample_path, timeout=5.0)
        assert answer["outcome"] == "crash"
        assert problem_of(answer)
    finally:
        worker.close()


def test_messages_that_are_not_for_a_clerk_are_failures():
    assert problem_of({"outcome": "read_error", "message": "“a.xlsx”已损坏，无法读取。"}) == ""
    assert problem_of({"outcome": "read_error", "message": "BadZipFile: File is not a zip file"})
    assert problem_of({"outcome": "read_error", "message": "读取出错\nTraceback (most recent call last):\n  File x"})
    assert problem_of({"outcome": "exception", "type": "KeyError", "message": "x", "traceback": ""})
    assert problem_of({"outcome": "ok", "network": ["socket.connect ('192.0.2.1', 80)"]})
    assert problem_of({"outcome": "read_error", "wrapped": "KeyError",
                       "message": "读取“a.xls”时出错，文件可能已损坏或不是年报（错误代码：KeyError）。"})
