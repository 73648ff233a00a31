"""Is every module the program may import later really there?

The editor imports most of what it uses only when a clerk needs it (a Word reader when a .docx is
opened, the PDF libraries for a PDF): a packaged build that lacks one starts and shows its window
fine, then fails in front of the clerk.  This check reads the compiled code of every module of the
program — the packaged build's own copy — finds every ``import`` in it, inside functions too, and
imports each one, so the self-test fails at build time instead.  Standard library only.
"""

from __future__ import annotations

import dis
import importlib
import importlib.util
import pkgutil
import sys
from collections.abc import Iterator
from types import CodeType

PACKAGE = __name__.rpartition(".")[0]
NOT_IMPORTED = {f"{PACKAGE}.__main__"}   # importing it starts the program
# imported only inside ``try … except ImportError``, absent by design: pywin32 (PDF export through
# WPS/Word by COM) is carried by a Windows build made where it is installed; the others are Windows' own
OPTIONAL = {"win32com", "pythoncom", "pywintypes"}
WINDOWS_ONLY = {"winreg", "msvcrt", "_winapi", "_overlapped", "nt"}


def program_modules() -> list[str]:
    """Every module of the program present here (in a packaged build: the ones it carries)."""
    package = importlib.import_module(PACKAGE)
    names = [PACKAGE] + [m.name for m in pkgutil.walk_packages(package.__path__, f"{PACKAGE}.")]
    return [name for name in names if name not in NOT_IMPORTED]


def imports_in(module: str) -> set[tuple[str, tuple[str, ...]]]:
    """(module, names) of every import statement in ``module``'s code, functions included, as absolute names."""
    spec = importlib.util.find_spec(module)
    if spec is None or spec.loader is None or not hasattr(spec.loader, "get_code"):
        return set()
    code = spec.loader.get_code(module)
    if code is None:
        return set()
    package = module if spec.submodule_search_locations is not None else module.rpartition(".")[0]
    found = set()
    for level, fromlist, name in _import_instructions(code):
        target = importlib.util.resolve_name("." * level + name, package) if level else name
        found.add((target, tuple(fromlist or ())))
    return found


def _import_instructions(code: CodeType) -> Iterator[tuple[int, tuple[str, ...] | None, str]]:
    """(level, fromlist, name) of each IMPORT_NAME: the two constants pushed before it are level and
    fromlist (read as an absolute import where they are not found: then it fails loudly, never skipped)."""
    consts: list = []
    for instruction in dis.get_instructions(code):
        if instruction.opname == "IMPORT_NAME":
            level, fromlist = consts[-2:] if len(consts) >= 2 else (0, None)
            yield level, fromlist, instruction.argval
        consts = consts + [instruction.argval] if instruction.opname in ("LOAD_CONST", "LOAD_SMALL_INT") else []
    for const in code.co_consts:
        if isinstance(const, CodeType):
            yield from _import_instructions(const)


def wanted_imports(platform: str | None = None) -> dict[str, set[str]]:
    """Every module the program's code imports (absolute name → the names taken from it), less the
    optional ones and those of other systems."""
    optional = OPTIONAL | (set() if (platform or sys.platform) == "win32" else WINDOWS_ONLY)
    wanted: dict[str, set[str]] = {}
    for module in program_modules():
        for target, names in imports_in(module):
            if target.split(".")[0] not in optional:
                wanted.setdefault(target, set()).update(n for n in names if n != "*")
    return wanted


def missing_imports(wanted: dict[str, set[str]] | None = None) -> list[str]:
    """'module: what is missing' for every import of the program's code that fails here."""
    wanted = wanted_imports() if wanted is None else wanted
    problems = []
    for target in sorted(wanted):
        problem = _import_problem(target, wanted[target])
        if problem:
            problems.append(f"{target}: {problem}")
    return problems


def _import_problem(target: str, names: set[str]) -> str | None:
    try:
        module = importlib.import_module(target)
    except ImportError as exc:
        return f"{type(exc).__name__}: {exc}"
    for name in sorted(names):
        if hasattr(module, name):
            continue
        try:
            importlib.import_module(f"{target}.{name}")
        except ImportError:
            return f"没有 {name}"
    return None
