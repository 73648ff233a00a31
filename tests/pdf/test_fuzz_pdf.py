"""Damaged copies of a published PDF (bits flipped, runs overwritten, cut short) each end in a
read or a clear message of the PDF reader — never a traceback, a hang or the registry's catch-all
message — in a worker process with a time limit (the robustness suite's harness)."""

from __future__ import annotations

import sys
import zlib
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "robustness"))

from harness import Verdict, WorkerPool  # noqa: E402
from hostile import mutations  # noqa: E402

CASES = 80


@pytest.fixture(scope="module")
def readers():
    pool = WorkerPool(2)
    yield pool
    pool.close()


def test_mutated_pdfs_end_in_a_read_or_a_clear_message(corpus, readers, tmp_path):
    data = corpus.word["2021"].read_bytes()
    cases = mutations(data, "pdf", CASES, seed=zlib.crc32(b"pdf"))
    paths = []
    for i, (_, blob) in enumerate(cases):
        path = tmp_path / f"case{i:03}.pdf"
        path.write_bytes(blob)
        paths.append(path)
    verdict = Verdict("fuzz pdf")
    for (name, _), answer in zip(cases, readers.read_all(paths)):
        verdict.add(name, answer)
    failures = verdict.failures()
    assert not failures, f"{len(failures)} of {CASES} cases failed:\n" + "\n\n".join(failures[:5])
    assert verdict.counts()["read_error"] >= CASES // 10
