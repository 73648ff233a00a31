"""The frozen build leaves out the libraries a program with no network never uses (OpenSSL, systemd,
libgcrypt, …): a security scan of the installed folder would flag them.

The spec is checked statically; a built folder (``dist/govreport`` from packaging/build_linux.sh or
the Windows build, or the folder named by ``GOVREPORT_BUILT_FOLDER``) is checked when one exists
that was built from the current spec.
"""

from __future__ import annotations

import ast
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "packaging" / "govreport.spec"

# file names (prefixes) that must never be in a built folder, on Linux or Windows
NEVER_SHIPPED = ("libssl", "libcrypto", "libsystemd", "libgcrypt", "libgpg-error", "liblz4", "libdbus-1",
                 "libreadline", "libQt6Network", "Qt6Network", "_ssl.", "_hashlib.")
# the Python modules whose extension modules pull OpenSSL and readline in
UNUSED_MODULES = ("ssl", "_ssl", "_hashlib", "readline")


def _spec_tuple(name: str) -> tuple[str, ...]:
    tree = ast.parse(SPEC.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return tuple(ast.literal_eval(node.value))
    raise AssertionError(f"{name} not found in the spec")


def test_the_spec_leaves_out_the_modules_that_pull_openssl_in():
    excluded = _spec_tuple("UNUSED_PYTHON")
    for module in UNUSED_MODULES:
        assert module in excluded, module


def test_the_spec_filters_out_the_unused_system_libraries():
    dropped = _spec_tuple("UNUSED_SYSTEM_LIBS")
    for library in ("libssl", "libcrypto", "libsystemd", "libgcrypt", "libgpg-error", "liblz4", "libdbus-1"):
        assert library in dropped, library
    assert "Qt6Network" in _spec_tuple("UNUSED_QT_LIBS")


def _built_folders() -> list[Path]:
    named = os.environ.get("GOVREPORT_BUILT_FOLDER")
    candidates = [Path(named)] if named else [REPO / "dist" / "govreport"]
    return [p for p in candidates if p.is_dir()]


def _offending(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")
                  if p.is_file() and p.name.startswith(NEVER_SHIPPED))


def test_a_built_folder_carries_none_of_them():
    folders = _built_folders()
    if not folders:
        pytest.skip("no built folder (packaging/build_linux.sh or packaging/windows/build_under_wine.sh makes dist/govreport)")
    folder = folders[0]
    executable = next((p for p in (folder / "govreport", folder / "govreport.exe") if p.exists()), None)
    assert executable is not None, f"{folder} holds no govreport executable"
    if not os.environ.get("GOVREPORT_BUILT_FOLDER") and executable.stat().st_mtime < SPEC.stat().st_mtime:
        pytest.skip(f"{folder} was built before the spec last changed: rebuild it to check it")
    assert _offending(folder) == []


def test_the_check_finds_such_a_library(tmp_path):
    (tmp_path / "_internal").mkdir()
    for name in ("libQt6Core.so.6", "libzstd.so.1", "libssl.so.1.1", "libcrypto-3.dll", "_hashlib.pyd"):
        (tmp_path / "_internal" / name).write_bytes(b"")
    assert _offending(tmp_path) == ["_internal/_hashlib.pyd", "_internal/libcrypto-3.dll", "_internal/libssl.so.1.1"]
