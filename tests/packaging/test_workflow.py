"""The GitHub Actions workflow that builds and tries the Windows installer (packaging/github/workflows).

It cannot run here (it needs a Windows runner): these tests check that it parses, that it does
every step the release needs, in order, and that every file of the repository it names exists.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / "packaging" / "github" / "workflows" / "windows.yml"

# what the Windows job must do, in this order: (what, a text its step's commands must contain)
WINDOWS_STEPS = [
    ("install from the lock file", "-c packaging/constraints.txt"),
    ("build the PyInstaller folder", "packaging/govreport.spec"),
    ("self-test the built folder", r"dist\govreport\govreport-cli.exe --self-test"),
    ("compile the installer", r"packaging\windows\govreport.iss"),
    ("install silently per user", "/CURRENTUSER"),
    ("self-test the installed program", 'Programs\\govreport\\govreport-cli.exe" --self-test'),
    ("export Word, Excel and PDF", "'docx', 'xlsx', 'pdf'"),
    ("uninstall silently", "unins000.exe"),
    ("keep the installer", "actions/upload-artifact"),
]


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _step_text(step: dict) -> str:
    return " ".join(str(step.get(key, "")) for key in ("name", "run", "uses", "with"))


def test_the_workflow_runs_on_push_and_by_hand(workflow):
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert {"push", "workflow_dispatch"} <= set(triggers)


def test_the_windows_job_does_every_release_step_in_order(workflow):
    job = workflow["jobs"]["windows"]
    assert job["runs-on"] == "windows-latest"
    texts = [_step_text(step) for step in job["steps"]]
    assert all(step.get("name") for step in job["steps"]), "every step is named"
    position = -1
    for what, needle in WINDOWS_STEPS:
        found = [i for i, text in enumerate(texts) if needle in text]
        assert found, f"no step does: {what} ({needle!r})"
        assert found[0] > position, f"{what} comes too early"
        position = found[0]


def test_the_installer_it_keeps_is_the_one_inno_setup_writes(workflow):
    iss = (ROOT / "packaging" / "windows" / "govreport.iss").read_text(encoding="utf-8-sig")
    base = re.search(r"^OutputBaseFilename=(\S+)", iss, re.M).group(1)
    assert base.startswith("govreport-setup-")
    upload = next(s for s in workflow["jobs"]["windows"]["steps"] if "upload-artifact" in s.get("uses", ""))
    assert upload["with"]["path"] == "dist/govreport-setup-*.exe"
    default_dir = re.search(r"^DefaultDirName=(\S+)", iss, re.M).group(1)
    assert default_dir == r"{localappdata}\Programs\govreport", "the workflow looks for the program there"


def test_every_repository_file_it_names_exists():
    text = WORKFLOW.read_text(encoding="utf-8")
    named = set(re.findall(r"\b((?:packaging|resources)[\\/][\w./\\-]+\.\w+)", text))
    assert len(named) >= 4
    for name in named:
        assert (ROOT / name.replace("\\", "/")).is_file(), name


def test_the_packages_it_installs_are_pinned_by_the_lock_file():
    pins = {re.split(r"[=;\s]", line, maxsplit=1)[0].lower().replace("_", "-")
            for line in (ROOT / "packaging" / "constraints.txt").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")}
    text = WORKFLOW.read_text(encoding="utf-8")
    install = re.search(r"pip install -c packaging/constraints.txt -e \"\.\[test\]\" (.+)", text).group(1).split()
    assert install and all(name.lower() in pins for name in install), install
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    for requirement in project["dependencies"] + project["optional-dependencies"]["test"]:
        name = re.match(r"[A-Za-z0-9_.-]+", requirement).group(0).lower().replace("_", "-")
        assert name in pins, f"{name} is not pinned in packaging/constraints.txt"


def test_the_linux_job_builds_the_package_for_the_oldest_systems(workflow):
    job = workflow["jobs"]["linux-oldglibc"]
    texts = " ".join(_step_text(step) for step in job["steps"])
    assert "packaging/build_linux_oldglibc.sh" in texts and "debootstrap" in texts
    assert "dist/oldglibc/govreport_*.deb" in texts
