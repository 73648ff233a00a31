"""A fuzzing pass over every reader: truncated, bit-flipped and structurally mutated copies of good
files (fixed seed, bounded count).  Each must be read or refused with a clear Chinese ReadError —
no other exception, no hang, no crash, no network attempt."""

from __future__ import annotations

import zlib

import pytest

from harness import Verdict
from hostile import mutations

MUTATIONS_PER_READER = 200


@pytest.mark.parametrize("kind", ["native", "json", "xlsx", "docx"])
def test_mutated_files_end_in_a_read_or_a_clear_message(kind, seeds, readers, tmp_path):
    data = seeds[kind].read_bytes()
    cases = mutations(data, kind, MUTATIONS_PER_READER, seed=zlib.crc32(kind.encode()))
    paths = []
    for i, (name, blob) in enumerate(cases):
        path = tmp_path / f"case{i:03}{seeds[kind].suffix}"
        path.write_bytes(blob)
        paths.append(path)
    verdict = Verdict(f"fuzz {kind}")
    for (name, _), answer in zip(cases, readers.read_all(paths)):
        verdict.add(name, answer)
    counts = verdict.counts()
    assert sum(counts.values()) == MUTATIONS_PER_READER
    failures = verdict.failures()
    assert not failures, f"{len(failures)} of {MUTATIONS_PER_READER} cases failed:\n" + "\n\n".join(failures[:5])
    # the pass must exercise the refusal path, not only files that still read fine
    assert counts["read_error"] >= MUTATIONS_PER_READER // 10, counts
