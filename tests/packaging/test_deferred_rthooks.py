"""The frozen build's run-time hook that runs PyInstaller's hooks for multiprocessing and pkgutil after
the module's first import (packaging/rthooks/deferred_rthooks.py): the hook runs once, before anyone
uses the module, and not at all while nobody imports it; a process multiprocessing started gets its
hook at once.  The build itself (packaging/build_linux.sh) runs the self-test, whose module list
walks the frozen packages through the deferred pkgutil hook."""

from __future__ import annotations

import ast
import importlib.util
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
HOOK = REPO / "packaging" / "rthooks" / "deferred_rthooks.py"


@pytest.fixture
def rthooks():
    spec = importlib.util.spec_from_file_location("deferred_rthooks_under_test", HOOK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def probe(tmp_path, monkeypatch):
    """A module of our own, not imported yet, with a list the hooks record into."""
    (tmp_path / "deferred_probe_mod.py").write_text("records = []\nVALUE = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    sys.modules.pop("deferred_probe_mod", None)
    yield "deferred_probe_mod"
    sys.modules.pop("deferred_probe_mod", None)


@pytest.fixture
def installed(rthooks):
    finders = []

    def install(*args, **kwargs):
        finders.append(rthooks.install(*args, **kwargs))
        return finders[-1]
    yield install
    for finder in finders:
        sys.meta_path.remove(finder)


RECORD = "import deferred_probe_mod\ndeferred_probe_mod.records.append(deferred_probe_mod.VALUE)\n"


@pytest.mark.parametrize("argv", [
    ["govreport", "--multiprocessing-fork", "tracker_fd=5", "pipe_handle=7"],
    ["/opt/govreport/govreport", "-B", "-s", "-c", "from multiprocessing.resource_tracker import main;main(5)"],
    ["govreport", "-c", "from multiprocessing.forkserver import main; main(3, 4, [], **{})"],
])
def test_the_processes_multiprocessing_starts_are_recognised(rthooks, argv):
    assert rthooks.started_by_multiprocessing(argv)


@pytest.mark.parametrize("argv", [
    ["govreport"], ["govreport", "/home/clerk/某某局2025年度报告.govreport"], ["govreport", "--self-test"],
    ["govreport", "merge", "a", "b", "-o", "out.govreport"], ["govreport", "-c"],
    ["govreport", "check", "-c", "multiprocess.govreport"],
])
def test_the_editor_and_the_commands_are_not(rthooks, argv):
    assert not rthooks.started_by_multiprocessing(argv)


def test_the_hook_runs_once_right_after_the_first_import(installed, probe):
    installed({probe: RECORD}, argv=["govreport"])
    assert probe not in sys.modules                       # nothing imported at start
    module = importlib.import_module(probe)
    assert module.records == [1]                          # the module's code ran first, then the hook
    importlib.reload(module)
    assert module.records == []                           # reloaded: the module's code only
    assert type(module.__loader__).__name__ == "SourceFileLoader"   # the module keeps its own loader
    assert module.__spec__.loader is module.__loader__


def test_a_look_up_before_the_import_does_not_spend_the_hook(installed, probe):
    """``importlib.util.find_spec`` asks the finders for a spec without loading the module: the hook
    waits for the import itself, and runs then, once."""
    installed({probe: RECORD}, argv=["govreport"])
    assert importlib.util.find_spec(probe) is not None and probe not in sys.modules
    module = importlib.import_module(probe)
    assert module.records == [1]
    importlib.reload(module)
    assert module.records == []


def test_a_module_imported_already_gets_its_hook_at_once(installed, probe):
    module = importlib.import_module(probe)
    installed({probe: RECORD}, argv=["govreport"])
    assert module.records == [1]


def test_a_module_nobody_imports_never_runs_its_hook(installed, probe):
    finder = installed({probe: RECORD}, argv=["govreport"])
    importlib.import_module("json")
    assert probe not in sys.modules and probe in finder.hooks


def test_the_hook_of_multiprocessing_runs_at_start_only_in_its_processes(tmp_path):
    """In a fresh interpreter (pytest imported multiprocessing already): the editor's start imports no
    multiprocessing; its first import runs the hook, which sees the module complete; a worker gets it
    at once."""
    script = textwrap.dedent(f"""
        import builtins, importlib.util, sys
        spec = importlib.util.spec_from_file_location("deferred_rthooks", {str(HOOK)!r})
        hooks = importlib.util.module_from_spec(spec); spec.loader.exec_module(hooks)
        builtins.ran = []
        source = "import builtins, multiprocessing\\nbuiltins.ran.append(hasattr(multiprocessing, 'freeze_support'))"
        hooks.install({{"multiprocessing": source}}, argv=sys.argv[1:])
        print("at start", "multiprocessing" in sys.modules, builtins.ran)
        import multiprocessing
        print("after import", builtins.ran)
    """)
    def run(*argv):
        return subprocess.run([sys.executable, "-c", script, *argv], capture_output=True, text=True,
                              check=True).stdout.splitlines()
    assert run("govreport", "report.govreport") == ["at start False []", "after import [True]"]
    assert run("govreport", "--multiprocessing-fork", "pipe_handle=7") == ["at start True [True]",
                                                                          "after import [True]"]


def test_the_spec_defers_pyinstallers_hooks_into_this_one():
    spec = (REPO / "packaging" / "govreport.spec").read_text(encoding="utf-8")
    tree = ast.parse(spec)
    deferred = next(ast.literal_eval(node.value) for node in tree.body if isinstance(node, ast.Assign)
                    and any(getattr(t, "id", None) == "DEFERRED_RTHOOKS" for t in node.targets))
    assert deferred == {"pyi_rth_multiprocessing": "multiprocessing", "pyi_rth_pkgutil": "pkgutil"}
    assert '"rthooks" / "deferred_rthooks.py"' in spec and "a.scripts = _defer_rthooks(" in spec
    assert "def install(" in HOOK.read_text(encoding="utf-8")


def _built_executable() -> Path:
    named = os.environ.get("GOVREPORT_BUILT_FOLDER")
    executable = Path(named or REPO / "dist" / "govreport") / "govreport"
    if not executable.exists():
        pytest.skip("no built Linux folder (packaging/build_linux.sh makes dist/govreport)")
    if not named and executable.stat().st_mtime < HOOK.stat().st_mtime:
        pytest.skip(f"{executable.parent} was built before the run-time hook last changed: rebuild it to check it")
    return executable


def test_a_built_folder_reads_a_consolidation_in_its_worker_processes(tmp_path):
    """The 汇总 of the built program: its worker processes (the executable started again by
    multiprocessing) read the units.  Were the deferred hook not run in them, each worker would take
    its arguments for a command line, exit, and every unit would end unreadable."""
    executable = _built_executable()
    env = dict(os.environ, GOVREPORT_DATA_DIR=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen")
    units = tmp_path / "units"
    units.mkdir()
    for agency in ("甲局", "乙局", "丙局"):
        subprocess.run([executable, "new", "--format", "2021", "--year", "2024", "--agency", agency,
                        "-o", units / f"{agency}.govreport"], env=env, capture_output=True, check=True, timeout=120)
    out = subprocess.run([executable, "merge", units, "-o", tmp_path / "汇总.govreport", "--agency", "某市"],
                         env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "共3个文件，计入3个，未计入0个" in out.stdout
    log = tmp_path / "data" / "logs" / "govreport.log"
    assert "无法启动读取进程" not in (log.read_text(encoding="utf-8") if log.exists() else "")
