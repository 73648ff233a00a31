"""The packaging files are consistent (the builds themselves are too slow for the test suite: run
``packaging/build_linux.sh``, which also runs the self-test against the built package)."""

from __future__ import annotations

import ast
import configparser
import re
import shutil
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGING = REPO / "packaging"


def _version() -> str:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def test_spec_and_scripts_are_valid_python():
    for path in (PACKAGING / "govreport.spec", PACKAGING / "make_icon.py", PACKAGING / "govreport_main.py"):
        ast.parse(path.read_text(encoding="utf-8"), str(path))


def test_spec_keeps_qt_network_out_and_the_lazy_readers_in():
    spec = (PACKAGING / "govreport.spec").read_text(encoding="utf-8")
    assert '"PySide6.QtNetwork"' in spec and '"Qt6Network"' in spec
    # the readers and writers are imported by name (io/registry.py), core's names on first use: the
    # spec takes every module of the package, whatever PyInstaller finds imported
    hidden = set(_spec_filters()["hiddenimports"])
    from govreport_gui import bundle_check
    assert set(bundle_check.program_modules()) <= hidden
    from govreport_gui.io.registry import KINDS
    lazy = {t.split(":")[0] for k in KINDS for t in (k.reader, k.writer) if isinstance(t, str)}
    assert lazy <= hidden, lazy - hidden


def test_desktop_entry_and_mime_type():
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str
    entry.read(PACKAGING / "linux" / "govreport.desktop", encoding="utf-8")
    desktop = entry["Desktop Entry"]
    assert desktop["Exec"].split()[0] == "govreport" and "%f" in desktop["Exec"]
    assert desktop["Icon"] == "govreport" and desktop["Terminal"] == "false"
    mime = ET.parse(PACKAGING / "linux" / "govreport-mime.xml").getroot()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    types = mime.findall("m:mime-type", ns)
    assert [t.get("type") for t in types] == ["application/x-govreport"]
    assert types[0].find("m:glob", ns).get("pattern") == "*.govreport"
    assert "application/x-govreport;" in desktop["MimeType"]
    if shutil.which("desktop-file-validate"):
        proc = subprocess.run(["desktop-file-validate", str(PACKAGING / "linux" / "govreport.desktop")],
                              capture_output=True, text=True)
        assert proc.returncode == 0 and not proc.stdout.strip(), proc.stdout


def test_deb_control_template_has_every_field():
    control = (PACKAGING / "linux" / "control.in").read_text(encoding="utf-8")
    for field in ("Package", "Version", "Architecture", "Depends", "Maintainer", "Description", "Installed-Size"):
        assert re.search(rf"^{field}: ", control, re.M), field
    # the libraries come from the built files (build_linux.sh: dpkg-shlibdeps), never written by hand
    depends = re.search(r"^Depends: (.*)$", control, re.M).group(1)
    assert depends.startswith("@DEPENDS@, ") and not re.search(r"\blib", depends.replace("@DEPENDS@", "")), depends
    assert re.search(r"fonts-noto-cjk \| fonts-wqy", control)  # Chinese fonts, or the window shows boxes
    assert re.search(r"^Recommends: @RECOMMENDS@", control, re.M)


def test_windows_installer_is_per_user():
    iss = (PACKAGING / "windows" / "govreport.iss").read_text(encoding="utf-8-sig")
    assert re.search(r"^PrivilegesRequired=lowest$", iss, re.M)
    assert "PrivilegesRequiredOverridesAllowed" not in iss  # never an all-users install with HKCU entries
    assert "{localappdata}" in iss
    registry = [line for line in iss.splitlines() if line.startswith("Root:")]
    assert registry and all(line.startswith("Root: HKCU;") for line in registry)
    assert f'#define AppVersion "{_version()}"' in iss
    assert "version_info.txt" in (PACKAGING / "govreport.spec").read_text(encoding="utf-8")
    assert f"'{_version()}'" in (PACKAGING / "windows" / "version_info.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("script", ["build_linux.sh", "build_linux_oldglibc.sh", "linux/window_check.sh",
                                    "linux/govreport.sh", "linux/postinst", "linux/postrm"])
def test_shell_scripts_parse(script):
    path = PACKAGING / script
    shell = "bash" if "bash" in path.read_text(encoding="utf-8").splitlines()[0] else "sh"   # as its #! line says
    proc = subprocess.run([shell, "-n", str(path)], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_icon_drawing(tmp_path):
    proc = subprocess.run([sys.executable, str(PACKAGING / "make_icon.py"), str(tmp_path)], capture_output=True,
                          text=True, timeout=60, env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr
    for name in ("govreport", "govreport-file"):
        for size in (16, 48, 256):
            png = (tmp_path / f"{name}-{size}.png").read_bytes()
            assert png.startswith(b"\x89PNG") and int.from_bytes(png[16:20], "big") == size
        ico = (tmp_path / f"{name}.ico").read_bytes()
        assert ico[:4] == b"\0\0\1\0" and int.from_bytes(ico[4:6], "little") == 6


def _spec_filters() -> dict:
    """The spec's definitions up to the Analysis (its data list, the filter of what is kept), run
    with PyInstaller's SPECPATH."""
    tree = ast.parse((PACKAGING / "govreport.spec").read_text(encoding="utf-8"))
    kept = [node for node in tree.body if not any(isinstance(n, ast.Name) and n.id in ("Analysis", "PYZ", "EXE",
                                                                                      "COLLECT", "a")
                                                  for n in ast.walk(node))]
    namespace = {"SPECPATH": str(PACKAGING)}
    exec(compile(ast.Module(kept, type_ignores=[]), "govreport.spec", "exec"), namespace)
    return namespace


def test_the_frozen_build_carries_every_resource_and_the_guide():
    spec = _spec_filters()
    assert (str(REPO / "resources"), "resources") in spec["datas"]   # the folder, with its sub-folders
    files = [p for p in (REPO / "resources").rglob("*") if p.is_file()]
    assert any(p.parent.name == "images" for p in files) and any(p.suffix == ".html" for p in files)
    for path in files:
        dest = Path("resources") / path.relative_to(REPO / "resources")
        assert spec["_kept"]((str(dest), str(path), "DATA")), dest
