"""Before Qt starts on a Linux desktop: are the X11 (xcb) libraries its platform plugin needs there?

Without them Qt aborts with an English "could not load the Qt platform plugin "xcb"" that a clerk
cannot act on.  The check loads each library the way the plugin will and, for the missing ones,
names the packages to install (the same names on Debian, 统信UOS and 银河麒麟).  No Qt is imported.
"""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Callable
from pathlib import Path

# library the xcb plugin loads → the package that provides it (Debian, UOS and Kylin name them alike)
XCB_LIBRARIES = {
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libfontconfig.so.1": "libfontconfig1",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libdbus-1.so.3": "libdbus-1-3",
    "libX11.so.6": "libx11-6",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-util.so.1": "libxcb-util1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libz.so.1": "zlib1g",
}


def uses_xcb(environ: dict[str, str] | None = None, platform: str | None = None) -> bool:
    """Whether Qt will start its xcb plugin: Linux, no other platform asked for, an X display."""
    env = os.environ if environ is None else environ
    if (platform or sys.platform) != "linux":
        return False
    asked = env.get("QT_QPA_PLATFORM", "")
    if asked:
        return asked.split(":")[0].split(";")[0] == "xcb"
    return bool(env.get("DISPLAY")) and not env.get("WAYLAND_DISPLAY")


def _bundle_dirs() -> list[Path]:
    """Where a frozen build or the PySide6 wheel keeps libraries of its own."""
    dirs = []
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        dirs.append(Path(frozen))
    try:
        import importlib.util
        spec = importlib.util.find_spec("PySide6")
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.submodule_search_locations:
        dirs.append(Path(next(iter(spec.submodule_search_locations))) / "Qt" / "lib")
    return dirs


def _loads(name: str) -> bool:
    for candidate in [name, *(str(d / name) for d in _bundle_dirs() if (d / name).exists())]:
        try:
            ctypes.CDLL(candidate)
            return True
        except OSError:
            continue
    return False


def missing_libraries(loads: Callable[[str], bool] | None = None) -> list[str]:
    loads = loads or _loads
    return [name for name in XCB_LIBRARIES if not loads(name)]


def message(missing: list[str]) -> str:
    packages = list(dict.fromkeys(XCB_LIBRARIES[name] for name in missing))
    return ("无法启动图形界面：本机缺少显示窗口所需的系统组件（" + "、".join(missing) + "）。\n"
            "请让信息中心或有管理员权限的同事安装以下软件包后再打开（统信UOS、银河麒麟、Debian/Ubuntu 相同）：\n"
            f"    sudo apt install {' '.join(packages)}\n"
            "命令行功能（govreport check / export 等）不受影响，仍可使用。")


def check() -> str | None:
    """The message for the clerk when Qt's xcb plugin cannot start here, else None."""
    if not uses_xcb():
        return None
    missing = missing_libraries()
    return message(missing) if missing else None
