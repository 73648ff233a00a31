"""A desktop without Qt's X11 libraries gets a Chinese message with the packages to install and
exit code 2, never Qt's English abort."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

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


def _needed(path: Path) -> set[str]:
    """DT_NEEDED entries of a 64-bit little-endian ELF file (what ``ldd`` would look for)."""
    data = path.read_bytes()
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    dynamic = next(s for s in sections if s[1] == 6)          # SHT_DYNAMIC
    strtab = sections[dynamic[6]]                             # its sh_link: the string table
    names = set()
    for offset in range(dynamic[4], dynamic[4] + dynamic[5], 16):
        tag, value = struct.unpack_from("<qQ", data, offset)
        if tag == 1:                                          # DT_NEEDED
            start = strtab[4] + value
            names.add(data[start:data.index(b"\0", start)].decode())
    return names


def test_the_check_knows_every_library_qt_s_xcb_plugin_needs():
    import PySide6
    qt = Path(PySide6.__file__).parent / "Qt"
    plugin = qt / "plugins" / "platforms" / "libqxcb.so"
    if sys.platform != "linux" or not plugin.exists():
        pytest.skip("PySide6's xcb plugin exists only on Linux")
    needed = set()
    for binary in (plugin, qt / "lib" / "libQt6XcbQpa.so.6", qt / "lib" / "libQt6Gui.so.6", qt / "lib" / "libQt6DBus.so.6"):
        needed |= _needed(binary)
    system = {n for n in needed if "Qt6" not in n and not n.startswith(
        ("libc.so", "libm.so", "libstdc++", "libgcc_s", "libpthread", "libdl.so", "librt.so", "ld-linux"))}
    assert "libxcb-cursor.so.0" in system
    assert system - set(qt_preflight.XCB_LIBRARIES) == set()
