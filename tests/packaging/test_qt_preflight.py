"""A desktop without Qt's X11 libraries gets a Chinese message with the packages to install and
exit code 2, never Qt's English abort."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

from govreport_gui import qt_preflight


def test_xcb_is_checked_only_where_qt_will_use_it():
    assert qt_preflight.uses_xcb({"DISPLAY": ":0"}, "linux")
    assert qt_preflight.uses_xcb({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert not qt_preflight.uses_xcb({"DISPLAY": ":0", "QT_QPA_PLATFORM": "offscreen"}, "linux")
    assert not qt_preflight.uses_xcb({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, "linux")
    assert not qt_preflight.uses_xcb({}, "linux")
    assert not qt_preflight.uses_xcb({"DISPLAY": ":0"}, "win32")


def test_the_message_names_the_packages_and_the_install_line():
    missing = qt_preflight.missing_libraries(lambda name: name not in ("libxcb-cursor.so.0", "libxcb-icccm.so.4"))
    assert missing == ["libxcb-cursor.so.0", "libxcb-icccm.so.4"]
    text = qt_preflight.message(missing)
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4" in text
    assert "统信UOS" in text and "银河麒麟" in text and "libxcb-cursor.so.0" in text


def test_every_library_the_check_knows_loads_on_a_desktop_that_has_it():
    loaded = qt_preflight.missing_libraries(lambda name: True)
    assert loaded == []
    # the real loader finds libc's own companion, so a present library is not reported missing
    assert qt_preflight._loads("libm.so.6")
    assert not qt_preflight._loads("libno-such-library-here.so.9")


def test_the_editor_exits_2_with_the_message_instead_of_starting_qt(tmp_path):
    script = textwrap.dedent("""
        import sys
        from govreport_gui import qt_preflight, cli
        qt_preflight._loads = lambda name: name != "libxcb-cursor.so.0"
        sys.exit(cli.main([]))
    """)
    env = {**os.environ, "DISPLAY": ":987", "QT_QPA_PLATFORM": "xcb"}
    env.pop("WAYLAND_DISPLAY", None)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, env=env,
                          cwd=tmp_path)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "sudo apt install libxcb-cursor0" in proc.stderr
    assert "could not load" not in proc.stderr and "Traceback" not in proc.stderr
    assert "PySide6" not in proc.stderr
