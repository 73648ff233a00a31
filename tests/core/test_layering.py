"""The layers are checked by a machine: core and the command line load no Qt; core loads no
openpyxl or python-docx."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def loaded_modules(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    return set(out.stdout.split())


def test_core_is_standard_library_only():
    mods = loaded_modules("import govreport_gui.core, govreport_gui.core.document, govreport_gui.core.carryover")
    assert not {m for m in mods if m.split(".")[0] in ("PySide6", "shiboken6", "openpyxl", "docx", "xlrd", "lxml")}


def test_cli_and_io_load_no_qt():
    mods = loaded_modules("import govreport_gui.cli, govreport_gui.io.registry; "
                          "from govreport_gui.cli import build_parser; build_parser()")
    assert not {m for m in mods if m.split(".")[0] in ("PySide6", "shiboken6")}


def test_cli_check_runs_without_qt(tmp_path):
    sample = REPO / "resources" / "sample-2024.govreport"
    code = ("import sys; from govreport_gui.cli import main; rc = main(['check', %r]); "
            "assert 'PySide6' not in sys.modules, 'Qt loaded'; sys.exit(rc)" % str(sample))
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert proc.returncode == 0, proc.stderr
