"""Run-time hook of the frozen build: PyInstaller's own run-time hooks for multiprocessing and pkgutil,
run when the program first imports the module they patch instead of before every start.

PyInstaller runs its hook for multiprocessing (which imports multiprocessing, its spawn machinery,
subprocess, socket, pickle, selectors …: 16 modules) and its hook for pkgutil before the program's
first line, although the editor imports neither before its window shows: multiprocessing only for a
汇总 (``io/parallel_read``), pkgutil only in the self-test (``bundle_check``).  ``packaging/govreport.spec``
takes those two hooks out of the build and puts this file in their place, ending with a call of
``install({"multiprocessing": SOURCE, "pkgutil": SOURCE})`` carrying their code unchanged: each runs
right after its module's first import, so the module is never seen unpatched.

A process that multiprocessing itself started from the executable (a 汇总 worker: ``govreport
--multiprocessing-fork …``; its resource tracker: ``govreport … -c "from multiprocessing…"``) needs
the patched ``freeze_support`` at once: there the hook runs immediately, and ``cli.main`` calls
``freeze_support`` whenever multiprocessing is already imported.

Standard library only, and nothing imported at start (the hook exists to keep imports out).
"""

import sys


def started_by_multiprocessing(argv: list) -> bool:
    """Whether multiprocessing started this process from the executable: a worker of the "spawn"
    start method (``EXE --multiprocessing-fork key=value …``) or a helper it runs with ``-c``
    (resource tracker, fork server).  Wide on purpose: a false yes only imports multiprocessing early."""
    if len(argv) >= 2 and argv[1] == "--multiprocessing-fork":
        return True
    return any(arg == "-c" and "multiprocessing" in following for arg, following in zip(argv, argv[1:]))


class RunAfterImport:
    """A finder placed first on ``sys.meta_path`` that finds nothing itself: for a module named in
    ``hooks`` it takes the spec the other finders give and runs the hook right after the module's
    code, once.  Every other import goes on as before (one dictionary look-up more)."""

    def __init__(self, hooks: dict):
        self.hooks = dict(hooks)

    def find_spec(self, name, path=None, target=None):
        if name not in self.hooks:
            return None
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            spec = find(name, path, target) if finder is not self and find is not None else None
            if spec is not None:
                if spec.loader is not None:
                    spec.loader = _HookedLoader(spec.loader, lambda: self.run_once(name))
                return spec
        return None

    def run_once(self, name):
        """The hook of ``name``, when its module's code has run: kept until then, since a look-up alone
        (``importlib.util.find_spec``) asks for a spec without loading the module."""
        hook = self.hooks.pop(name, None)
        if hook is not None:
            hook()

    def invalidate_caches(self):
        pass


class _HookedLoader:
    """The module's own loader, then the hook; the module keeps its own loader."""

    def __init__(self, loader, hook):
        self._loader, self._hook = loader, hook

    def __getattr__(self, name):
        return getattr(self._loader, name)

    def create_module(self, spec):
        create = getattr(self._loader, "create_module", None)
        return create(spec) if create is not None else None

    def exec_module(self, module):
        module.__loader__ = self._loader
        if getattr(module, "__spec__", None) is not None:
            module.__spec__.loader = self._loader
        self._loader.exec_module(module)
        self._hook()


def run_source(name: str, source: str):
    """A function that runs a hook's ``source`` (compiled under ``name``) in a namespace of its own."""
    def run():
        exec(compile(source, name, "exec"), {"__name__": name, "__builtins__": __builtins__})
    return run


def install(deferred: dict, argv: list | None = None) -> RunAfterImport:
    """``deferred``: module name → the source of PyInstaller's run-time hook for it.  A hook whose
    module is imported already, or multiprocessing's in a process multiprocessing started, runs now;
    the others after their module's first import."""
    argv = sys.argv if argv is None else argv
    later = {}
    for module, source in deferred.items():
        hook = run_source(f"deferred run-time hook for {module}", source)
        if module in sys.modules or (module == "multiprocessing" and started_by_multiprocessing(argv)):
            hook()
        else:
            later[module] = hook
    finder = RunAfterImport(later)
    sys.meta_path.insert(0, finder)
    return finder
