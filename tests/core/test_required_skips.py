"""A test that needs ../shared/ or LibreOffice skips with its reason where they are missing, and
fails instead where the machine says they must be there (CI: GOVREPORT_REQUIRE_SHARED=1,
GOVREPORT_REQUIRE_LIBREOFFICE=1)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]

NEEDS_BOTH = '''
from support import require_libreoffice, shared_path

def test_needs_shared():
    shared_path("no such folder", "file.docx")

def test_needs_libreoffice():
    require_libreoffice()
'''


def run(tmp_path, **env) -> str:
    (tmp_path / "test_needs.py").write_text(NEEDS_BOTH, encoding="utf-8")
    environment = {k: v for k, v in os.environ.items() if not k.startswith("GOVREPORT_REQUIRE_")}
    environment.update(env, PYTHONPATH=os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]),
                       GOVREPORT_SOFFICE=str(tmp_path / "no-soffice"))   # as on a machine without it
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", "test_needs.py"],
                          cwd=tmp_path, capture_output=True, text=True, encoding="utf-8", env=environment)
    return proc.stdout


def test_missing_shared_files_and_libreoffice_skip_with_the_reason(tmp_path):
    out = run(tmp_path)
    assert "2 skipped" in out and "需要 ../shared/no such folder/file.docx" in out and "LibreOffice" in out, out


@pytest.mark.parametrize("variable", ["GOVREPORT_REQUIRE_SHARED", "GOVREPORT_REQUIRE_LIBREOFFICE"])
def test_where_they_are_required_the_skip_is_a_failure(tmp_path, variable):
    out = run(tmp_path, **{variable: "1"})
    assert "1 failed, 1 skipped" in out and f"{variable}=1" in out, out
