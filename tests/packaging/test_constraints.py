"""One set of pins for every build: packaging/constraints.txt pins every dependency exactly, and the
tests (README, CI), the Linux builds and the Windows workflow all install through it."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONSTRAINTS = ROOT / "packaging" / "constraints.txt"
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==([0-9][0-9A-Za-z.]*)(\s*;\s*.+)?$")


def _pins() -> dict[str, str]:
    pins = {}
    for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        match = PIN.match(line.strip())
        assert match, f"not an exact pin: {line!r}"
        pins[match.group(1).lower().replace("_", "-")] = match.group(2)
    return pins


def _name(requirement: str) -> str:
    return re.match(r"[A-Za-z0-9_.-]+", requirement).group(0).lower().replace("_", "-")


def test_every_dependency_of_the_project_is_pinned_exactly():
    pins = _pins()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for requirement in project["dependencies"] + project["optional-dependencies"]["test"]:
        assert _name(requirement) in pins, requirement
    for tool in ("pyinstaller", "pyinstaller-hooks-contrib", "shiboken6"):
        assert tool in pins, tool


def test_pyside6_is_the_version_that_runs_on_old_glibc_and_under_wine():
    pins = _pins()
    assert pins["pyside6-essentials"].startswith("6.9."), pins["pyside6-essentials"]
    assert pins["shiboken6"] == pins["pyside6-essentials"]


def test_the_tests_and_every_build_install_through_it():
    users = {
        "README.md": 'pip install -c packaging/constraints.txt -e ".[test]" && python3 -m pytest',
        ".ci/run": 'pip install -q -c packaging/constraints.txt -e ".[test]" && python3 -m pytest',
        "packaging/build_linux.sh": "-c packaging/constraints.txt",
        "packaging/github/workflows/windows.yml": "-c packaging/constraints.txt",
    }
    for path, needle in users.items():
        assert needle in (ROOT / path).read_text(encoding="utf-8"), path
    build = (ROOT / "packaging" / "build_linux.sh").read_text(encoding="utf-8")
    installs = [line for line in build.splitlines() if "pip install" in line]
    assert installs and all("-c packaging/constraints.txt" in line for line in installs), installs
