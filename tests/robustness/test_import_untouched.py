"""Broken and hostile files given to the editor's own open/import/import-last-year flows: each is
refused with one clear Chinese message and the open document is untouched (figures, text, last
year's report, undo history, modified flag, file name)."""

from __future__ import annotations

import json
import re
import zlib

import pytest
from fake_dialogs import FakeDialogs
from hostile import BILLION_LAUGHS, deep_json, mutations, with_doctype, zip_bomb

CJK = re.compile(r"[\u4e00-\u9fff]")


def _hostile_files(seeds, folder) -> list:
    out = []
    for kind in ("xlsx", "docx", "native"):
        data = seeds[kind].read_bytes()
        for i, (name, blob) in enumerate(mutations(data, kind, 40, seed=zlib.crc32(b"untouched" + kind.encode()))):
            out.append((name, f"m{i}{seeds[kind].suffix}", blob))
    docx, xlsx = seeds["docx"].read_bytes(), seeds["xlsx"].read_bytes()
    out += [("zip bomb docx", "bomb.docx", zip_bomb(docx, "word/document.xml", 256 * 1024 ** 2)),
            ("billion laughs xlsx", "laughs.xlsx", with_doctype(xlsx, "xl/workbook.xml", BILLION_LAUGHS, "lol9")),
            ("deep JSON", "deep.json", deep_json(100_000)),
            ("PNG as project file", "a.govreport", b"\x89PNG\r\n\x1a\n" + bytes(100)),
            ("GBK project file", "gbk.govreport", seeds["native"].read_text("utf-8").encode("gbk", "replace")),
            ("empty", "empty.xlsx", b"")]
    paths = []
    for i, (name, filename, blob) in enumerate(out):
        path = folder / f"{i:03}-{filename}"
        path.write_bytes(blob)
        paths.append((name, path))
    return paths


@pytest.fixture
def window(qtbot, monkeypatch, tmp_path, sample_path):
    monkeypatch.setenv("GOVREPORT_DATA_DIR", str(tmp_path / "appdata"))
    from govreport_gui.qt import dialogs
    from govreport_gui.qt.app import create_window
    fake = FakeDialogs()   # every question answered yes: a refusal can only come from the reader
    previous = dialogs.set_implementation(fake)
    win = create_window([str(sample_path)], offer_recovery=False)
    qtbot.addWidget(win)
    win.show()
    win.dialogs = fake
    yield win
    win.close()  # the clerk closes the window: 不保存 (fake dialogs), recovery removed
    dialogs.set_implementation(previous)


def _state(win) -> tuple:
    doc = win.session.document
    report = doc.report
    previous = doc.previous
    return (doc, json.dumps({str(k): str(v) for k, v in sorted(report.values.items())}, ensure_ascii=False),
            dict(report.sections), repr(report.meta), None if previous is None else len(previous.values),
            win.session.undo_stack.count(), win.flows.is_modified(), win.windowTitle())


def test_broken_files_leave_the_open_document_untouched(window, seeds, tmp_path):
    files = _hostile_files(seeds, tmp_path)
    flows = window.flows
    refused = read = 0
    for name, path in files:
        for action in (flows.import_into, flows.open_file, flows.import_previous):
            before = _state(window)
            shown_before = len(window.dialogs.shown)
            done = action(str(path))
            if done:  # a mutation that still reads fine: undo it so the next case starts clean
                read += 1
                while window.session.undo_stack.canUndo():
                    window.session.undo_stack.undo()
                continue
            refused += 1
            assert _state(window) == before, (name, action.__name__)
            errors = [s for s in window.dialogs.shown[shown_before:] if s[0] == "error"]
            assert len(errors) == 1, (name, action.__name__, window.dialogs.shown[shown_before:])
            assert CJK.search(errors[0][1]) and "Traceback" not in errors[0][1], errors[0]
    from collections import Counter

    from harness import TALLY
    TALLY["editor open/import/import-last-year"] = Counter({"refused, document untouched": refused, "read": read})
    assert refused >= len(files) * 3 * 0.7
