"""Requirements and constraints for the Windows wheels that build_under_wine.sh installs with the
Linux pip (``--platform win_amd64``), judged for the target — 64-bit Windows, CPython 3.13 — not for
the Linux machine running pip:

    python3 packaging/windows/windows_requirements.py requirements     # one requirement a line
    python3 packaging/windows/windows_requirements.py constraints      # one pin a line

requirements: the project's dependencies (pyproject.toml) with their markers evaluated for the
target, and PyInstaller with the Windows-only packages it needs (pip on Linux evaluates the
markers of dependencies for Linux, so ``pefile`` and ``pywin32-ctypes`` are named here).
constraints: the lock file's pins (packaging/constraints.txt, when present) for the target, and
PySide6 below 6.10, which needs the Windows system ICU (icuuc.dll) that Wine 8 does not have.
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from pip._vendor.packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
TARGET = {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt", "platform_machine": "AMD64",
          "python_version": "3.13", "python_full_version": "3.13.2", "implementation_name": "cpython",
          "platform_python_implementation": "CPython", "platform_release": "10", "extra": ""}
BUILD_TOOLS = ["pyinstaller>=6.10,<7", "pefile>=2022.5.30", "pywin32-ctypes>=0.2.1"]
WINE_LIMITS = ["PySide6-Essentials<6.10", "shiboken6<6.10"]


def for_target(lines) -> list[str]:
    kept = []
    for line in lines:
        line = line.split(" #")[0].strip()
        if not line or line.startswith(("#", "-")):
            continue
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate(TARGET):
            requirement.marker = None
            kept.append(str(requirement))
    return kept


def requirements() -> list[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return for_target(project["dependencies"]) + BUILD_TOOLS


def constraints() -> list[str]:
    lock = ROOT / "packaging" / "constraints.txt"
    pins = for_target(lock.read_text(encoding="utf-8").splitlines()) if lock.is_file() else []
    return pins + WINE_LIMITS


if __name__ == "__main__":
    print("\n".join({"requirements": requirements, "constraints": constraints}[sys.argv[1]]()))
