"""``bundle_check``: the imports of the program's code, functions included, found in its compiled
code (a packaged build has no sources) and tried, so that a build missing a module that is imported
only when a clerk opens some file fails its self-test instead of the clerk's work."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from govreport_gui import bundle_check

REPO = Path(__file__).resolve().parents[2]
SPEC = REPO / "packaging" / "govreport.spec"


def test_every_module_of_the_program_is_walked():
    modules = set(bundle_check.program_modules())
    on_disk = {".".join(p.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
               for p in (REPO / "govreport_gui").rglob("*.py")}
    assert modules == on_disk - bundle_check.NOT_IMPORTED


def test_imports_inside_functions_are_found_with_relative_names_resolved():
    found = bundle_check.imports_in("govreport_gui.io.published.html_import")
    targets = {target for target, _ in found}
    assert "lxml.html" in targets                       # ``import lxml.html`` inside a function
    registry = bundle_check.imports_in("govreport_gui.io.registry")
    assert ("govreport_gui.core.errors", ("ReadError", "WriteError", "cannot_read", "error_code",
                                          "not_a_regular_file")) in registry   # ``from ..core.errors``


def test_every_import_of_the_program_can_be_made_here():
    assert bundle_check.missing_imports() == []


def test_a_module_that_cannot_be_imported_is_reported(monkeypatch):
    monkeypatch.setitem(sys.modules, "lxml.html", None)
    missing = bundle_check.missing_imports()
    assert [m for m in missing if m.startswith("lxml.html:")], missing


def test_a_name_taken_from_a_module_that_lacks_it_is_reported():
    assert bundle_check.missing_imports({"json": {"dumps", "no_such_name"}}) == ["json: 没有 no_such_name"]
    assert bundle_check.missing_imports({"xml": {"sax"}}) == []          # a submodule, imported on demand


def test_pywin32_is_optional_and_windows_modules_only_on_windows():
    wanted = bundle_check.wanted_imports(platform="linux")
    assert not {t for t in wanted if t.split(".")[0] in bundle_check.OPTIONAL | bundle_check.WINDOWS_ONLY}


def _spec_list(name: str) -> list[str]:
    for node in ast.parse(SPEC.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return list(ast.literal_eval(node.value))
    raise AssertionError(f"{name} not found in the spec")


def test_the_spec_leaves_out_no_module_the_program_imports():
    """(The packaged editor could not read web pages: lxml.html was among the modules left out.)"""
    excluded = _spec_list("UNUSED_PYTHON")
    wanted = bundle_check.wanted_imports(platform="linux") | bundle_check.wanted_imports(platform="win32")
    clashes = sorted(f"{target} (left out as {name})" for target in wanted for name in excluded
                     if target == name or target.startswith(name + "."))
    assert not clashes, clashes
