"""Fixtures of the robustness suite: reader worker processes, good seed files, and a summary of
how many hostile cases ran (printed at the end of the pytest run)."""

from __future__ import annotations

import pytest
from harness import TALLY, WorkerPool

from govreport_gui.io.registry import read_report, writable_suffixes, write_report
from govreport_gui.resources import SAMPLE_REPORT, resource

SEED_SUFFIXES = {"native": ".govreport", "json": ".json", "xlsx": ".xlsx", "docx": ".docx"}


@pytest.fixture(scope="session")
def readers():
    pool = WorkerPool(2)
    yield pool
    pool.close()


@pytest.fixture(scope="session")
def seeds(tmp_path_factory) -> dict:
    """Good files of every kind the readers take, written by our own writers from the sample."""
    folder = tmp_path_factory.mktemp("seeds")
    sample = read_report(resource(SAMPLE_REPORT))
    missing = [s for s in SEED_SUFFIXES.values() if s not in writable_suffixes()]
    assert not missing, f"writers missing for {missing}: the robustness suite needs every format"
    out = {}
    for kind, suffix in SEED_SUFFIXES.items():
        path = folder / f"seed{suffix}"
        write_report(path, sample.report, sample.previous)
        out[kind] = path
    return out


def pytest_terminal_summary(terminalreporter):
    if not TALLY:
        return
    total = sum(v for c in TALLY.values() for k, v in c.items() if " of which " not in k)
    terminalreporter.write_sep("-", f"robustness: {total} hostile/broken input cases ran")
    for suite, counter in sorted(TALLY.items()):
        parts = ", ".join(f"{k} {v}" for k, v in sorted(counter.items()))
        ran = sum(v for k, v in counter.items() if " of which " not in k)
        terminalreporter.write_line(f"  {suite}: {ran} ({parts})")
