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
import PySide6.QtWidgets
print("widget_classes", " ".join(sorted(k for k, v in vars(PySide6.QtWidgets).items() if isinstance(v, type))))
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


def test_no_source_is_kept_of_what_pyside_read_as_it_was_imported(opened):
    """(``enum.py``, read as PySide is imported, before the check is wrapped: 0.2 MB)"""
    assert not [name for name in opened["sources"].split() if name.endswith("enum.py")], opened["sources"]


def test_pyside_made_no_class_of_every_widget_for_a_viewport(opened):
    """A scroll area's viewport (a plain QWidget) handed to Python makes PySide create every widget
    class it has, looking for the viewport's (2 MB: ``viewports``); the open window hands the viewports
    of its grids, prose fields and findings list over without that.  These classes serve nothing
    the editor shows: one of them made says a viewport was handed over the other way."""
    made = set(opened["widget_classes"].split())
    assert "QTableView" in made and "QPlainTextEdit" in made      # (the listing is the one of the classes made)
    assert not made & {"QLCDNumber", "QDial", "QMdiArea", "QSplashScreen", "QKeySequenceEdit"}, sorted(made)


def test_the_open_report_loads_none_of_the_replaying_modules(opened):
    """The journal is started on the opened file without restating drafts (there are none yet): what
    replays a journal (``core.replay``, the ledger's and the edit records' readers) is imported at the
    first draft or edit, or a recovery."""
    loaded = set(opened["modules"].split())
    assert "govreport_gui.core.journal" in loaded
    replaying = {"govreport_gui.core.replay", "govreport_gui.core.edit_records", "govreport_gui.core.ledger.apply"}
    assert not loaded & replaying, sorted(loaded & replaying)


def test_the_dock_float_icon_is_made_of_fusion_own_files(qapp):
    """Every file Fusion names for the dock's float icon is found (the misnamed ones under the name
    asked, holding the bytes of the file Qt ships): the icon has its six sizes, each a picture."""
    from PySide6.QtCore import QResource
    from PySide6.QtWidgets import QStyle, QStyleFactory

    from govreport_gui.qt.fusion_icons import ASKED, FOLDER, SHIPPED, SIZES, install

    install()
    install()   # once
    for size in SIZES:
        asked = QResource(f":/{FOLDER}/{ASKED.format(size)}")
        assert asked.isValid(), size
        shipped = QResource(f":/{FOLDER}/{SHIPPED.format(size)}")
        if shipped.isValid():   # one of the misnamed: the same picture
            assert bytes(asked.uncompressedData()) == bytes(shipped.uncompressedData())
    fusion = QStyleFactory.create("Fusion")
    icon = fusion.standardIcon(QStyle.StandardPixmap.SP_TitleBarNormalButton)
    assert [s.width() for s in icon.availableSizes()] == list(SIZES)
    assert all(not icon.pixmap(size, size).toImage().isNull() for size in SIZES)
    assert not fusion.standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton).isNull()


def test_the_resource_tree_is_the_one_rcc_writes():
    """The tree made in Python is byte for byte what Qt's rcc writes for the same files (format 1,
    no compression): a folder two deep, two files given out of the order of their hashes."""
    from govreport_gui.qt.fusion_icons import qt_hash, resource_tree

    assert qt_hash("a") == 0x61 and qt_hash("x-1.png") == 0x0B0457A7
    structure, names, data = resource_tree("a/b", {"x-2.png": b"world!", "x-1.png": b"hello"})
    assert data == b"\0\0\0\x05hello\0\0\0\x06world!"
    assert names == (b"\0\x01\0\0\0a\0a" + b"\0\x01\0\0\0b\0b" + b"\0\x07\x0b\x04W\xa7" + "x-1.png".encode("utf-16-be")
                     + b"\0\x07\x0b\x05W\xa7" + "x-2.png".encode("utf-16-be"))
    assert structure == bytes.fromhex(
        "0000000000020000000100000001" "0000000000020000000100000002" "0000000800020000000200000003"
        "0000001000000000000100000000" "0000002400000000000100000009")


def test_the_findings_dock_still_closes_and_comes_back_from_the_view_menu(qapp, make_window, sample, qtbot):
    from PySide6.QtWidgets import QAbstractButton, QMenu

    from govreport_gui.qt import fusion_icons

    fusion_icons.install()        # as the editor does (ensure_app)
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


def test_pyside_asks_the_light_check_and_gets_its_own_answers(qapp, tmp_path):
    """PySide's question "does this module say PySide6?" answered from the file's bytes (the editor's
    Qt modules do, its core does not), from PySide's own check for a module without a source file,
    and nothing read is kept in ``linecache``."""
    import linecache
    import types

    from govreport_gui.core import report
    from govreport_gui.qt import main_window, pyside_sources

    feature = sys.modules.get(pyside_sources.FEATURE_MODULE)
    if getattr(feature, "_mod_uses_pyside", None) is None:
        pytest.skip("this PySide has no import check")
    pyside_sources.light_source_check()
    check = feature._mod_uses_pyside
    assert getattr(check, "light", False)
    pyside_sources.light_source_check()
    assert feature._mod_uses_pyside is check   # once
    before = dict(linecache.cache)
    assert check(main_window) is True and check(report) is False and check(sys) is False
    gone = types.ModuleType("gone")
    gone.__file__ = str(tmp_path / "gone.py")   # no such file: PySide's own check, which finds no source
    assert check(gone) is False
    written = tmp_path / "mentions.py"
    written.write_text("# 用 PySide6 画的\n", encoding="utf-8")
    mentions = types.ModuleType("mentions")
    mentions.__file__ = str(written)
    assert check(mentions) is True
    assert linecache.cache == before
