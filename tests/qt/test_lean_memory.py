"""What the editor holds with a report open and every page built (issue 21's memory target): no
library loaded that the window does not need — OpenSSL (``hashlib``: 3 MB held for the session),
Qt's image-format plugins and QtSvg (1.1 MB, loaded by the Fusion style's dock icons) —, no module's
source kept after PySide's import hook read it, and one face of the Chinese font, its bold text drawn
from the regular face made bold."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextLayout

from govreport_gui.core.forms import Role
from govreport_gui.qt.fonts import chinese_face

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample-2024.govreport"

OPENED = r"""
import os, shutil, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from govreport_gui.qt.app import create_window, ensure_app
app = ensure_app()
work = shutil.copy(sys.argv[1], sys.argv[2])
window = create_window([work], offer_recovery=False)
window.show()
while not all(p.built for p in window.pages) or not window.flows.recovery.journal.started:
    app.processEvents()
for page in window.pages:
    window.tabs.setCurrentWidget(page); app.processEvents()
print("journal", window.flows.recovery.journal.path.stat().st_size)
print("modules", " ".join(sorted(sys.modules)))
import linecache
print("sources", " ".join(sorted(linecache.cache)) or "-")
from PySide6.QtWidgets import QProxyStyle
style = app.style()
print("style", (style.baseStyle() if isinstance(style, QProxyStyle) else style).name() or "-")
if os.path.exists("/proc/self/maps"):
    with open("/proc/self/maps") as maps:
        print("mapped", " ".join(sorted({line.split()[-1] for line in maps if "/" in line})))
"""


@pytest.fixture(scope="module")
def opened(tmp_path_factory) -> dict[str, str]:
    """What the editor, run once in a process of its own on a copy of the sample, reports."""
    return _opened(tmp_path_factory.mktemp("opened"))


def _opened(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, GOVREPORT_DATA_DIR=str(tmp_path / "data"), PYTHONPATH=os.pathsep.join(
        [str(Path(__file__).resolve().parents[2]), os.environ.get("PYTHONPATH", "")]))
    out = subprocess.run([sys.executable, "-c", OPENED, str(SAMPLE), str(tmp_path / "report.govreport")],
                         capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    return dict(line.split(" ", 1) for line in out.stdout.splitlines() if " " in line)


def test_the_open_report_with_its_journal_loads_no_openssl(opened):
    assert int(opened["journal"]) > 0                 # the journal was started on the opened file …
    loaded = set(opened["modules"].split())
    assert "govreport_gui.core.journal" in loaded
    # … and its checksum is not SHA-256: hashlib would load OpenSSL's libcrypto
    assert not loaded & {"hashlib", "_hashlib", "ssl", "_ssl"}, sorted(loaded & {"hashlib", "_hashlib", "ssl", "_ssl"})


def test_the_open_report_loads_no_image_format_plugin_nor_qtsvg(opened):
    if "mapped" not in opened:
        pytest.skip("no /proc/self/maps on this system")
    if opened["style"] != "fusion":
        pytest.skip(f"the style here is not Fusion ({opened['style']}): its icons are its own")
    mapped = opened["mapped"].split()
    images = [path for path in mapped if "/imageformats/" in path or "iconengines" in path or "Qt6Svg" in path]
    assert not images, images
    assert any("/platforms/" in path for path in mapped)     # (the listing is the one of Qt's plugins)


def test_no_source_of_the_editor_is_kept_after_pyside_read_it(opened):
    """PySide's import hook reads each module imported after it (``inspect.getsource``); what it read
    is not kept in ``linecache`` (0.5 MB with the report open).  (The package ``qt`` itself is read
    as the check is put in place, one line.)"""
    kept = opened["sources"].split()
    assert not [name for name in kept if "govreport_gui" in name and not name.endswith("__init__.py")], kept


def test_the_dock_float_icon_is_made_of_fusion_own_files(qapp):
    from PySide6.QtWidgets import QStyle

    from govreport_gui.qt.fusion_icons import RESTORE_FILES, FusionWithoutIconProbing

    style = FusionWithoutIconProbing("Fusion")
    icon = style.standardIcon(QStyle.StandardPixmap.SP_TitleBarNormalButton)
    assert [s.width() for s in icon.availableSizes()] == [16, 32], [s.width() for s in icon.availableSizes()]
    assert not icon.pixmap(16, 16).toImage().isNull() and len(RESTORE_FILES) == 2
    close = style.standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton)   # the others: Fusion's own
    assert not close.isNull()


def test_the_findings_dock_still_closes_and_comes_back_from_the_view_menu(qapp, make_window, sample, qtbot):
    from PySide6.QtWidgets import QAbstractButton, QMenu

    from govreport_gui.qt import fusion_icons

    fusion_icons.install(qapp)        # as the editor does (ensure_app); nothing where the style is not Fusion
    window = make_window(sample)
    dock = window.findings_dock
    close = dock.findChild(QAbstractButton, "qt_dockwidget_closebutton")
    assert dock.isVisible() and close is not None and close.isVisible() and not close.icon().isNull()
    qtbot.mouseClick(close, Qt.MouseButton.LeftButton)
    assert not dock.isVisible()
    toggle = dock.toggleViewAction()
    view_menu = next(m for m in window.menuBar().findChildren(QMenu) if m.title().startswith("视图"))
    assert toggle in view_menu.actions() and not toggle.isChecked()
    toggle.trigger()
    assert dock.isVisible() and toggle.isChecked()


def _faces(font, text: str) -> set[tuple[str, str, int]]:
    """The faces (family, style, weight drawn) ``font`` draws ``text`` with."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return {(r.rawFont().familyName(), r.rawFont().styleName(), r.rawFont().weight()) for r in layout.glyphRuns()}


def test_bold_chinese_is_the_regular_face_made_bold(make_window, sample_loaded):
    """The headings, the tables' headers and captions and the findings' counts are bold, their Chinese
    drawn from the face the rest of the window's Chinese is (a second face: 5–6 MB more held), the
    totals' figures in the bold face (figures only: no Chinese face)."""
    regular = chinese_face(QFont())
    if regular is None:
        pytest.skip("no font on this machine draws Chinese")
    window = make_window(sample_loaded.report, sample_loaded.previous)
    for page in window.pages:
        page.ensure_built()
    bold = int(QFont.Weight.Bold)
    one_face = {(*regular, bold)}
    for page in window.pages:
        assert _faces(page.heading.font(), page.heading.text()[2:]) == one_face, page.heading.text()
    summary = window.findings.summary.font()
    summary.setBold(True)        # its counts are <b>
    assert _faces(summary, "错误警告待填写") == one_face
    drawn = {Role.HEADER: 0, Role.CAPTION: 0, Role.COMPUTED: 0}
    for table in ("二", "三", "四"):
        model = window.page_for_table(table).model
        for g in model.spec.grid:
            if g.role in drawn:
                font, text = model.index(g.row, g.col).data(Qt.ItemDataRole.FontRole), model.index(g.row, g.col).data()
                assert font.bold() and text is not None, (table, g)
                if g.role is Role.COMPUTED:
                    assert text.isascii(), text     # figures: the bold face draws them, no Chinese face
                elif any(not ch.isascii() for ch in text):
                    assert {f for f in _faces(font, text) if f[0] == regular[0]} == one_face, text
                drawn[g.role] += 1
    assert drawn[Role.HEADER] > 20 and drawn[Role.COMPUTED] > 10
