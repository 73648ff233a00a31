"""An installed wheel is a whole application: built from this checkout, installed into a fresh
virtual environment and run from another folder, it finds its Word template and sample report,
passes its self-test and exports Word and Excel files that read back figure for figure."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(args, cwd, timeout=600, env=None):
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", str(ROOT),
                 "-w", str(out)], cwd=out)
    if proc.returncode != 0:  # no 'wheel' package for the in-place build: let pip isolate the build
        proc = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", str(ROOT), "-w", str(out)], cwd=out)
    assert proc.returncode == 0, proc.stderr[-2000:]
    [built] = out.glob("govreport_gui-*.whl")
    return built


def test_the_wheel_carries_the_resources(wheel):
    """Every file of resources/, in its folders: the Word template, the sample, the guide's pages and pictures."""
    names = zipfile.ZipFile(wheel).namelist()
    resources = sorted(p.relative_to(ROOT / "resources").as_posix() for p in (ROOT / "resources").rglob("*") if p.is_file())
    assert "guide/index.html" in resources and any(r.startswith("guide/images/") for r in resources)
    for resource in resources:
        assert f"govreport_gui/bundled/{resource}" in names, names


def test_every_package_of_the_source_tree_is_listed_for_the_wheel():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "govreport_gui").rglob("__init__.py")}
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"


def installed_packages() -> list[str]:
    """The folders this test run's packages are installed in: a virtual environment's own, or the
    interpreter's and the user's (Debian's dist-packages too) — never the checkout."""
    return [p for p in sys.path if Path(p).name in ("site-packages", "dist-packages") and Path(p).is_dir()]


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh environment with the wheel; the dependencies are the ones this test run uses, seen
    through a .pth file after the environment's own packages (not ``--system-site-packages``: that
    gives the *base* interpreter's packages, which inside a virtual environment lack PySide6)."""
    folder = tmp_path_factory.mktemp("venv")
    assert _run([sys.executable, "-m", "venv", str(folder)], cwd=folder).returncode == 0
    python = folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    own = _run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=folder)
    (Path(own.stdout.strip()) / "test_run_packages.pth").write_text("\n".join(installed_packages()) + "\n",
                                                                  encoding="utf-8")
    proc = _run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--force-reinstall", str(wheel)], cwd=folder)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return folder


def test_installed_wheel_runs_from_another_folder(venv, tmp_path):
    python = venv / "bin" / "python"
    script = venv / "bin" / "govreport"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ""}
    where = _run([str(python), "-c", "import govreport_gui, govreport_gui.resources as r;"
                  "print(govreport_gui.__file__); print(r.resource(r.SAMPLE_REPORT))"], cwd=tmp_path, env=env)
    module, sample = where.stdout.split("\n")[:2]
    assert Path(module).is_relative_to(venv), "the checkout ran, not the installed wheel"
    assert Path(sample).is_file() and Path(sample).is_relative_to(venv)

    selftest = _run([str(script), "--self-test"], cwd=tmp_path, env=env)
    assert selftest.returncode == 0, selftest.stdout + selftest.stderr
    for suffix in (".docx", ".xlsx"):
        out = tmp_path / f"导出{suffix}"
        export = _run([str(script), "export", sample, "-o", str(out)], cwd=tmp_path, env=env)
        assert export.returncode == 0 and out.is_file(), export.stdout + export.stderr
        check = _run([str(script), "check", str(out), "--json"], cwd=tmp_path, env=env)
        assert check.returncode == 0, check.stdout + check.stderr

    from govreport_gui.io.registry import read_report
    def figures(report):  # a blank and a 0 are the same figure
        return {k: v for k, v in report.values.items() if v}

    original = read_report(sample).report
    assert len(figures(original)) > 50
    for suffix in (".docx", ".xlsx"):
        assert figures(read_report(tmp_path / f"导出{suffix}").report) == figures(original), suffix


def test_resources_module_looks_nowhere_but_its_three_places():
    tree = ast.parse((ROOT / "govreport_gui" / "resources.py").read_text(encoding="utf-8"))
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    assert "_MEIPASS" not in names  # read with getattr on sys: the frozen build
    assert "BUNDLED_PACKAGE" in names
