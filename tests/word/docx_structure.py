"""Helpers for the Word tests: the merge structure of a table and the document's parts."""

from __future__ import annotations

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def merge_structure(tbl) -> list[list[tuple[int, str]]]:
    """Per row, per ``w:tc``: (gridSpan, vMerge) — ``""`` no merge, ``restart``, ``continue``."""
    rows = []
    for tr in tbl.iterchildren(f"{W}tr"):
        row = []
        for tc in tr.iterchildren(f"{W}tc"):
            pr = tc.find(f"{W}tcPr")
            span, merge = 1, ""
            if pr is not None:
                gs = pr.find(f"{W}gridSpan")
                if gs is not None:
                    span = int(gs.get(f"{W}val"))
                vm = pr.find(f"{W}vMerge")
                if vm is not None:
                    merge = vm.get(f"{W}val") or "continue"
            row.append((span, merge))
        rows.append(row)
    return rows
