"""The window's Chinese is drawn in its Simplified Chinese forms whatever the locale: where a CJK
collection offers a Simplified Chinese face (Noto Sans CJK SC beside its JP, KR, TC and HK faces),
Han is drawn from that face, not from the one fontconfig sorts first for a locale that is not
Chinese (the Japanese one, under the tests' C locale); the Latin letters stay in the font's own face."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QFontDatabase
from qt_helpers import SAMPLE

from govreport_gui.qt.fonts import SIMPLIFIED_TAGS, simplified_chinese_family

# The editor started as a clerk starts it, in a fresh interpreter (the tests' own application font
# is set by their conftest): the faces drawing a label of 基本信息, a table's font and its bold
# headers (see qt.fonts), and the Latin letters, before and after.
FACES = r"""
import json, sys
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextLayout
from PySide6.QtWidgets import QApplication
from govreport_gui.core.forms import Role

def faces(font, text):
    layout = QTextLayout(text, font)
    layout.beginLayout(); layout.createLine(); layout.endLayout()
    return sorted({run.rawFont().familyName() for run in layout.glyphRuns()})

app = QApplication(sys.argv[:1])
latin_before = faces(QFont(), "ab 2024")
from govreport_gui.qt.app import create_window
window = create_window([sys.argv[1]], offer_recovery=False)
label = window.meta_tab.form_info
page = window.page_for_table("三")
header = next(g for g in page.model.spec.grid if g.role is Role.HEADER)
cell = page.model.index(header.row, header.col)
print(json.dumps({"label": faces(label.font(), "政府信息公开"), "table": faces(page.grid.font(), "政府信息公开"),
                  "header": faces(cell.data(Qt.ItemDataRole.FontRole), "申请人情况"),
                  "latin": [latin_before, faces(label.font(), "ab 2024")]}))
"""


def _is_simplified(family: str) -> bool:
    return family.split()[-1].upper() in SIMPLIFIED_TAGS


def test_the_simplified_chinese_face_of_a_collection_is_chosen():
    linux = ["Droid Sans Fallback", "Noto Sans CJK HK", "Noto Sans CJK JP", "Noto Sans CJK KR",
             "Noto Sans CJK SC", "Noto Sans CJK TC", "Noto Sans Mono CJK SC", "Noto Serif CJK JP", "Noto Serif CJK SC"]
    assert simplified_chinese_family(linux) == "Noto Sans CJK SC"
    assert simplified_chinese_family(linux, serif=True) == "Noto Serif CJK SC"
    assert simplified_chinese_family(["Source Han Sans TW", "Source Han Sans CN", "Source Han Sans JP"]) == "Source Han Sans CN"
    assert simplified_chinese_family(["Noto Sans Mono CJK SC"]) == "Noto Sans Mono CJK SC"
    # Windows' own Chinese fonts, or a Linux with one Chinese font: nothing to choose, Qt's fallback finds them
    assert simplified_chinese_family(["Microsoft YaHei", "SimSun", "SimHei", "Yu Gothic"]) is None
    assert simplified_chinese_family(["WenQuanYi Zen Hei", "Noto Sans CJK JP"]) is None
    assert simplified_chinese_family(["Disc", "Falcon"]) is None   # a word ending in the letters is no region


def test_the_editor_draws_han_from_the_simplified_chinese_face(qapp):
    if not any(_is_simplified(f) for f in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)):
        pytest.skip("no font on this machine names itself Simplified Chinese (SC/CN): Qt's fallback is all there is")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", FACES, str(SAMPLE)], env=env, capture_output=True, text=True,
                         timeout=60, check=True).stdout
    drawn = json.loads(out.splitlines()[-1])
    for what in ("label", "table", "header"):
        assert len(drawn[what]) == 1 and _is_simplified(drawn[what][0]), (what, drawn[what])
    before, after = drawn["latin"]
    assert after == before, drawn["latin"]
