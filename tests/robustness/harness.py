"""Run files through ``read_report`` in worker subprocesses, with a time limit per file.

Every case must end in a successful read or a ``ReadError`` whose message is for the clerk
(Chinese, one paragraph, no traceback) written for that failure — the registry's catch-all message
for an exception a reader did not expect counts as a failure too.  Anything else — another
exception, a hang, a crashed or killed worker, a network attempt — is a failure of that case.
"""

from __future__ import annotations

import json
import os
import re
import select
import subprocess
import sys
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
WORKER = Path(__file__).with_name("reader_worker.py")
CASE_TIMEOUT_S = 15.0
CJK = re.compile(r"[\u4e00-\u9fff]")

# every case that ran in this session, by suite: suite -> Counter(outcome)
TALLY: dict[str, Counter] = {}
_TALLY_LOCK = threading.Lock()


class Worker:
    def __init__(self) -> None:
        self.proc: subprocess.Popen | None = None
        self._start()

    def _start(self) -> None:
        env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(REPO), os.environ.get("PYTHONPATH", "")]))
        self.proc = subprocess.Popen([sys.executable, str(WORKER)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True, encoding="utf-8", env=env, bufsize=1)
        ready = self._line(30.0)
        if not ready or "ready" not in ready:
            raise RuntimeError("reader worker did not start")

    def _line(self, timeout: float) -> str | None:
        assert self.proc is not None and self.proc.stdout is not None
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            return None
        return self.proc.stdout.readline()

    def read(self, path: Path, timeout: float = CASE_TIMEOUT_S, reader: str = "report") -> dict:
        """``reader``: "report" (``read_report``) or "ledger" (a ledger read and counted)."""
        assert self.proc is not None and self.proc.stdin is not None
        t0 = time.perf_counter()
        try:
            self.proc.stdin.write(json.dumps({"path": str(path), "reader": reader}) + "\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            pass
        line = self._line(timeout)
        elapsed = time.perf_counter() - t0
        if line:
            answer = json.loads(line)
        else:
            if line == "":  # end of output: the worker is gone (it may not be reaped yet)
                try:
                    self.proc.wait(5.0)
                except subprocess.TimeoutExpired:
                    pass
            alive = self.proc.poll() is None
            self.close()
            answer = {"outcome": "hang" if alive else "crash", "returncode": self.proc.returncode}
            self._start()
        answer["seconds"] = round(elapsed, 3)
        return answer

    def close(self) -> None:
        proc = self.proc
        if proc is None:
            return
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        for stream in (proc.stdin, proc.stdout):
            try:
                stream.close()
            except (OSError, AttributeError):
                pass


class WorkerPool:
    def __init__(self, size: int = 2) -> None:
        self.workers = [Worker() for _ in range(size)]
        self._free = list(self.workers)
        self._lock = threading.Lock()

    def _take(self) -> Worker:
        while True:
            with self._lock:
                if self._free:
                    return self._free.pop()
            time.sleep(0.001)

    def read(self, path: Path, reader: str = "report") -> dict:
        worker = self._take()
        try:
            return worker.read(path, reader=reader)
        finally:
            with self._lock:
                self._free.append(worker)

    def read_all(self, paths: list[Path], reader: str = "report") -> list[dict]:
        with ThreadPoolExecutor(len(self.workers)) as ex:
            return list(ex.map(lambda p: self.read(p, reader), paths))

    def close(self) -> None:
        for w in self.workers:
            w.close()


@dataclass
class Verdict:
    suite: str
    results: list[tuple[str, dict]] = field(default_factory=list)

    def add(self, name: str, answer: dict) -> None:
        self.results.append((name, answer))
        with _TALLY_LOCK:
            tally = TALLY.setdefault(self.suite, Counter())
            tally[answer["outcome"]] += 1
            if answer.get("wrapped"):  # a reader exception turned into the registry's generic message
                tally["read_error of which generic"] += 1

    def failures(self) -> list[str]:
        out = []
        for name, a in self.results:
            problem = problem_of(a)
            if problem:
                out.append(f"{name}: {problem}")
        return out

    def counts(self) -> Counter:
        return Counter(a["outcome"] for _, a in self.results)


def problem_of(answer: dict) -> str:
    """Why a case's outcome is not acceptable ('' when it is)."""
    outcome = answer["outcome"]
    if answer.get("network"):
        return f"network attempt {answer['network']}"
    if outcome == "ok":
        return ""
    if outcome == "read_error":
        message = answer["message"]
        if answer.get("wrapped"):  # the registry's catch-all: a reader failed in a way nobody foresaw
            return f"only the registry's generic message (the reader raised {answer['wrapped']}): {message!r}"
        if not CJK.search(message):
            return f"ReadError message is not Chinese: {message!r}"
        if "Traceback" in message or "\n  File " in message:
            return f"ReadError message carries a traceback: {message[:200]!r}"
        if len(message) > 1500:
            return f"ReadError message is {len(message)} characters long"
        return ""
    if outcome == "exception":
        return f"{answer['type']}: {answer['message']}\n{answer['traceback']}"
    if outcome == "hang":
        return f"no answer within {CASE_TIMEOUT_S:.0f} s (killed)"
    return f"reader process died (exit code {answer.get('returncode')})"
