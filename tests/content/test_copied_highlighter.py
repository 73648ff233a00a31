"""Copied sentences are highlighted in a prose editor (and nothing else is)."""

from pathlib import Path

from PySide6.QtWidgets import QPlainTextEdit
from test_prose_checks import previous_report

from govreport_gui.qt.copied_highlighter import COPIED_COLOR, CopiedHighlighter

COPIED = "我局高度重视政府信息公开工作，成立了由主要负责同志任组长的领导小组。"


def formats_of(edit):
    block = edit.document().firstBlock()
    return [(r.start, r.length, r.format.background().color()) for r in block.layout().formats()]


def test_only_the_copied_sentence_is_highlighted(qtbot):
    edit = QPlainTextEdit()
    qtbot.addWidget(edit)
    prev = [previous_report()]
    highlighter = CopiedHighlighter(edit.document(), lambda: prev[0])
    new = "本年新开设政策解读专栏，发布解读材料40篇。"
    edit.setPlainText(new + COPIED)
    [(start, length, color)] = formats_of(edit)
    assert (start, length) == (len(new), len(COPIED)) and color == COPIED_COLOR
    edit.show()
    out = Path(__file__).resolve().parents[2] / "build" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    assert edit.grab().save(str(out / "copied_highlight.png"))
    prev[0] = None
    highlighter.rehighlight()
    assert formats_of(edit) == []
