"""导出 PDF from the editor: the conversion runs in a worker thread behind a modal dialog with 取消.

Most tests use a stand-in for LibreOffice (``GOVREPORT_SOFFICE``, the seam the export already
has): a script that starts a child process as soffice does (soffice.bin), then waits until the test
lets it write the PDF.  The test's timer drives everything while ``export`` waits, so a frozen
event loop makes the stand-in give up and the test fail, never hang.  One test runs the real
LibreOffice (skipped when absent; fails instead with ``GOVREPORT_REQUIRE_LIBREOFFICE=1``).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from support import require_libreoffice

from govreport_gui.io.write import pdf_export
from govreport_gui.qt.busy import BusyDialog

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the stand-in converter is a POSIX script")

FAKE_PDF = b"%PDF-1.4 fake\n%%EOF\n"
FAKE_SOFFICE = '''#!{python}
import os, pathlib, subprocess, sys, time
state = pathlib.Path(os.environ["FAKE_SOFFICE_STATE"])
args = sys.argv[1:]
outdir, source = pathlib.Path(args[args.index("--outdir") + 1]), pathlib.Path(args[-1])
child = subprocess.Popen(["sleep", "600"])          # like soffice.bin under the soffice launcher
(state / "pids.tmp").write_text(f"{{os.getpid()}} {{child.pid}}")
os.replace(state / "pids.tmp", state / "pids")
for _ in range(1500):                                # 30 s at most: a frozen editor fails the test
    if (state / "go").exists():
        break
    time.sleep(0.02)
else:
    child.kill()
    sys.exit(1)
(outdir / (source.stem + ".pdf")).write_bytes({pdf!r})
child.kill()
child.wait()
'''


@pytest.fixture
def converter(tmp_path, monkeypatch):
    """The stand-in LibreOffice; its state folder gets ``pids`` when it runs, ``go`` lets it finish."""
    state = tmp_path / "converter"
    state.mkdir()
    script = state / "soffice"
    script.write_text(FAKE_SOFFICE.format(python=sys.executable, pdf=FAKE_PDF))
    script.chmod(0o755)
    monkeypatch.setenv("GOVREPORT_SOFFICE", str(script))
    monkeypatch.setenv("FAKE_SOFFICE_STATE", str(state))
    return state


@pytest.fixture
def private_tmp(tmp_path, monkeypatch):
    """The export's temporary folders (Word file, LibreOffice profile) go here, to be looked at."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"   # a zombie has ended


def processes_mentioning(text: str) -> list[int]:
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            cmdline = (proc / "cmdline").read_bytes().decode("utf-8", "replace")
        except OSError:
            continue
        if text in cmdline and alive(int(proc.name)):
            found.append(int(proc.name))
    return found


class Driver:
    """A timer that runs while ``export`` waits in its event loop.  It counts the ticks seen while
    the busy dialog is up and the converter (``running()``) runs; at the ``at``-th it calls
    ``action(dialog)`` once."""

    def __init__(self, window, running, action, at: int = 5) -> None:
        self.window, self.running, self.action, self.at = window, running, action, at
        self.ticks = 0
        self.dialogs: list[BusyDialog] = []
        self.timer = QTimer()
        self.timer.timeout.connect(self._tick)
        self.timer.start(10)

    def _tick(self) -> None:
        shown = [d for d in self.window.findChildren(BusyDialog) if d.isVisible()]
        if not shown or not self.running():
            return
        self.ticks += 1
        if shown[0] not in self.dialogs:
            self.dialogs.append(shown[0])
        if self.ticks == self.at:
            self.action(shown[0])

    def stop(self) -> None:
        self.timer.stop()


def export_pdf(window, fake_dialogs, target: Path) -> bool:
    fake_dialogs.answers["save_file"].append(str(target))
    return window.flows.export(".pdf")


def test_the_window_keeps_running_while_the_pdf_is_made(qtbot, make_window, sample, tmp_path, fake_dialogs,
                                                         converter, private_tmp):
    window = make_window(sample)
    before, undo_steps = window.session.report.copy(), window.session.undo_stack.count()
    seen = {}

    def finish(dialog):
        seen.update(text=dialog.label.text(), button=dialog.cancel_button.text(), modal=dialog.isModal(),
                    modality=dialog.windowModality())
        (converter / "go").touch()
    driver = Driver(window, lambda: (converter / "pids").exists() and not (converter / "go").exists(), finish)
    target = tmp_path / "out" / "年报.pdf"
    target.parent.mkdir()
    try:
        assert export_pdf(window, fake_dialogs, target)
    finally:
        driver.stop()
    assert driver.ticks >= 5, "the event loop ran while LibreOffice converted"
    assert seen == {"text": "正在生成 PDF…", "button": "取消", "modal": True,
                    "modality": Qt.WindowModality.ApplicationModal}
    assert ("busy", "正在生成 PDF…") in fake_dialogs.asked
    assert target.read_bytes() == FAKE_PDF
    assert sorted(p.name for p in target.parent.iterdir()) == ["年报.pdf"]   # no temporary file left
    assert list(private_tmp.iterdir()) == []
    assert not any(d.isVisible() for d in window.findChildren(BusyDialog))
    assert window.session.report == before and window.session.undo_stack.count() == undo_steps
    assert "已导出" in window.statusBar().currentMessage()
    assert "error" not in fake_dialogs.kinds()


@pytest.mark.parametrize("existing", [False, True])
def test_cancel_kills_the_conversion_and_leaves_no_file(qtbot, make_window, sample, tmp_path, fake_dialogs,
                                                        converter, private_tmp, existing):
    window = make_window(sample)
    before, modified = window.session.report.copy(), window.isWindowModified()
    target = tmp_path / "out" / "年报.pdf"
    target.parent.mkdir()
    if existing:
        target.write_bytes(b"last week's PDF")
    driver = Driver(window, lambda: (converter / "pids").exists(), lambda dialog: dialog.cancel_button.click())
    try:
        assert not export_pdf(window, fake_dialogs, target)
    finally:
        driver.stop()
    assert driver.ticks >= 5
    launcher, child = map(int, (converter / "pids").read_text().split())
    assert not alive(launcher) and not alive(child), "LibreOffice and what it started were ended"
    assert not (converter / "go").exists()
    if existing:
        assert target.read_bytes() == b"last week's PDF"
    assert sorted(p.name for p in target.parent.iterdir()) == (["年报.pdf"] if existing else [])
    assert list(private_tmp.iterdir()) == []   # the Word file and the LibreOffice profile are gone
    assert window.session.report == before and window.isWindowModified() == modified
    assert "error" not in fake_dialogs.kinds()   # cancelling is not an error
    assert window.statusBar().currentMessage() == pdf_export.CANCELLED
    assert not any(d.isVisible() for d in window.findChildren(BusyDialog))


def test_closing_the_busy_dialog_cancels_too(qtbot, make_window, sample, tmp_path, fake_dialogs, converter):
    window = make_window(sample)
    closed = []

    def close(dialog):
        dialog.reject()            # Esc
        closed.append(dialog.isVisible())   # stays up until the conversion has stopped
    driver = Driver(window, lambda: (converter / "pids").exists(), close)
    try:
        assert not export_pdf(window, fake_dialogs, tmp_path / "x.pdf")
    finally:
        driver.stop()
    assert closed == [True]
    assert not (tmp_path / "x.pdf").exists()
    assert window.statusBar().currentMessage() == pdf_export.CANCELLED


def test_without_libreoffice_the_message_says_what_to_install(qtbot, make_window, sample, tmp_path, fake_dialogs,
                                                              monkeypatch):
    monkeypatch.setattr(pdf_export, "find_soffice", lambda: None)
    monkeypatch.setattr(pdf_export.sys, "platform", "linux")
    window = make_window(sample)
    before = window.session.report.copy()
    assert not export_pdf(window, fake_dialogs, tmp_path / "x.pdf")
    assert fake_dialogs.shown[-1][:2] == ("error", pdf_export.NEED_OFFICE)
    assert not (tmp_path / "x.pdf").exists() and window.session.report == before


def test_a_conversion_that_never_ends_times_out(qtbot, make_window, sample, tmp_path, fake_dialogs, converter,
                                                monkeypatch):
    monkeypatch.setattr(pdf_export, "CONVERT_TIMEOUT", 0.5)
    # the time limit counts from when the stand-in converter has started (on a busy machine the
    # Python script may take longer than the limit just to start)
    from govreport_gui.io.office import office_suite
    real_clock, started = office_suite.time.monotonic, []

    def clock() -> float:
        if not started:
            if not (converter / "pids").exists():
                return 0.0
            started.append(real_clock())
        return real_clock() - started[0]
    monkeypatch.setattr(office_suite.time, "monotonic", clock)
    window = make_window(sample)
    assert not export_pdf(window, fake_dialogs, tmp_path / "x.pdf")
    kind, text, _ = fake_dialogs.shown[-1]
    assert kind == "error" and "超时" in text and "先导出 Word" in text
    launcher, child = map(int, (converter / "pids").read_text().split())
    assert not alive(launcher) and not alive(child)
    assert not (tmp_path / "x.pdf").exists()


def test_a_pdf_open_in_another_program_gives_the_message(qtbot, make_window, sample, tmp_path, fake_dialogs,
                                                         converter, monkeypatch):
    """Windows refuses to replace a file a PDF viewer holds open: PermissionError on the rename."""
    import os

    from govreport_gui.core import serialize
    target = tmp_path / "年报.pdf"
    target.write_bytes(b"open in a viewer")
    real_replace = os.replace

    def replace(src, dst):
        if Path(dst) == target:
            raise PermissionError(13, "Permission denied")
        return real_replace(src, dst)
    monkeypatch.setattr(serialize.os, "replace", replace)
    (converter / "go").touch()   # the conversion itself succeeds at once
    window = make_window(sample)
    assert not export_pdf(window, fake_dialogs, target)
    kind, text, _ = fake_dialogs.shown[-1]
    assert kind == "error" and "正被 Word/WPS 等程序打开" in text
    assert target.read_bytes() == b"open in a viewer"
    assert list(tmp_path.glob(".年报.pdf.*")) == []   # write_atomic's temporary file removed


def test_the_real_libreoffice_makes_the_pdf_while_the_window_runs(qtbot, make_window, sample, tmp_path,
                                                                   fake_dialogs, private_tmp):
    require_libreoffice()
    window = make_window(sample)
    before = window.session.report.copy()
    driver = Driver(window, lambda: True, lambda dialog: None, at=0)
    target = tmp_path / "年报.pdf"
    try:
        assert export_pdf(window, fake_dialogs, target)
    finally:
        driver.stop()
    assert driver.ticks >= 3, "the event loop ran while LibreOffice converted"
    assert target.read_bytes().startswith(b"%PDF")
    notes = [items for kind, _intro, items in fake_dialogs.shown if kind == "notes"]
    assert len(notes) == 1 and "PDF 由LibreOffice生成" in notes[0]
    assert window.session.report == before
    assert list(private_tmp.iterdir()) == []


def test_cancelling_the_real_libreoffice_ends_it(qtbot, make_window, sample, tmp_path, fake_dialogs, private_tmp):
    require_libreoffice()
    if not Path("/proc/self/cmdline").exists():
        pytest.skip("needs /proc to see LibreOffice's processes")
    window = make_window(sample)
    seen = []

    def started():   # LibreOffice runs with its profile in our private temporary folder
        running = processes_mentioning(str(private_tmp))
        seen.extend(running)
        return bool(running)
    driver = Driver(window, started, lambda dialog: dialog.cancel_button.click(), at=2)
    target = tmp_path / "年报.pdf"
    try:
        assert not export_pdf(window, fake_dialogs, target)
    finally:
        driver.stop()
    assert driver.ticks >= 2 and seen
    assert processes_mentioning(str(private_tmp)) == []
    assert not target.exists() and list(private_tmp.iterdir()) == []
    assert window.statusBar().currentMessage() == pdf_export.CANCELLED
