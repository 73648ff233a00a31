"""The layers are checked by a machine, module by module: no module outside ``qt/`` loads Qt, and no
module of ``core/`` loads the file libraries (openpyxl, python-docx, lxml, pdfplumber, …) — each
imported alone in a fresh interpreter, since ``core/__init__`` loads its modules lazily and one
import says nothing about the others."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "govreport_gui"
QT = {"PySide6", "shiboken6"}
FILE_LIBRARIES = {"openpyxl", "docx", "xlrd", "lxml", "pdfplumber", "pdfminer", "pypdfium2", "PIL", "defusedxml"}
NOT_IMPORTED = {"govreport_gui.__main__"}   # importing it starts the program


def modules(where: Path) -> list[str]:
    """Every module below ``where`` (a folder of the package), by dotted name."""
    names = []
    for path in sorted(where.rglob("*.py")):
        parts = path.relative_to(REPO).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        if name not in NOT_IMPORTED:
            names.append(name)
    return names


QT_FREE = [m for m in modules(PACKAGE) if not m.startswith("govreport_gui.qt.") and m != "govreport_gui.qt"]
CORE = modules(PACKAGE / "core")
LOADS = ("import importlib, json, sys; importlib.import_module(sys.argv[1]); "
         "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))")


def loaded_by(module: str) -> set[str]:
    """The top-level packages loaded by importing ``module`` alone."""
    proc = subprocess.run([sys.executable, "-c", LOADS, module], capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
    return set(json.loads(proc.stdout))


def test_every_layer_is_walked():
    assert len(CORE) >= 20 and "govreport_gui.core.document" in CORE and "govreport_gui.core.forms.v2021" in CORE
    assert {"govreport_gui.cli", "govreport_gui.io.registry", "govreport_gui.io.published.pdf_import",
            "govreport_gui.logs", "govreport_gui.diagnostics"} <= set(QT_FREE)


@pytest.mark.parametrize("module", QT_FREE)
def test_no_module_outside_qt_loads_qt(module):
    loaded = loaded_by(module)
    assert not loaded & QT, f"{module} loads {sorted(loaded & QT)}"
    if module in CORE:   # core is standard library only
        assert not loaded & FILE_LIBRARIES, f"{module} loads {sorted(loaded & FILE_LIBRARIES)}"


def test_cli_check_runs_without_qt(tmp_path):
    sample = REPO / "resources" / "sample-2024.govreport"
    code = ("import sys; from govreport_gui.cli import main; rc = main(['check', %r]); "
            "assert 'PySide6' not in sys.modules, 'Qt loaded'; sys.exit(rc)" % str(sample))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
