"""The README's "Layout of the code" matches the tree: every module and folder it names exists, and
every io/ sub-package, every module of io/ itself and of the package's top level is described."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "govreport_gui"


def _layout(readme: str) -> str:
    section = readme.split("## Layout of the code", 1)[1]
    return section.split("```", 2)[1]


def _modules(layout: str) -> set[str]:
    return set(re.findall(r"[\w/]+\.py\b", layout))


def _folders(layout: str) -> set[str]:
    """Folder names standing on their own (``safety/``, ``govreport_gui/core/``), not file types
    (``.xlsx/.xls``) or table pairs (三/四)."""
    return set(re.findall(r"(?:^|(?<=\s))([A-Za-z_][\w/]*)/(?=\s|$)", layout, re.MULTILINE))


def _missing(layout: str) -> list[str]:
    """What the layout names that the tree does not have."""
    names = {p.name for p in PACKAGE.rglob("*.py")}
    folders = {p.name for p in PACKAGE.rglob("*") if p.is_dir() and (p / "__init__.py").exists()}
    missing = [m for m in _modules(layout) if not ((REPO / m).exists() if "/" in m else m in names)]
    missing += [f"{f}/" for f in _folders(layout) if not ((REPO / f).is_dir() if "/" in f else f in folders)]
    return sorted(missing)


def _undescribed(layout: str) -> list[str]:
    """What the tree has that the layout does not name: io/'s sub-packages and modules, the core's
    sub-packages, the package's own modules."""
    io = PACKAGE / "io"
    wanted = [f"{p.name}/" for p in io.iterdir() if (p / "__init__.py").exists()]
    wanted += [f"{p.name}/" for p in (PACKAGE / "core").iterdir() if (p / "__init__.py").exists()]
    wanted += [p.name for folder in (io, PACKAGE) for p in folder.glob("*.py")
               if p.name not in ("__init__.py", "__main__.py")]
    return sorted(w for w in wanted if not re.search(rf"(?<![\w]){re.escape(w)}(?![\w])", layout))


def test_the_readmes_layout_names_only_what_the_tree_has():
    layout = _layout((REPO / "README.md").read_text(encoding="utf-8"))
    assert _missing(layout) == [], "the README's \"Layout of the code\" names what is not there"


def test_the_readmes_layout_describes_every_io_part_and_top_level_module():
    layout = _layout((REPO / "README.md").read_text(encoding="utf-8"))
    assert _undescribed(layout) == [], "describe these in the README's \"Layout of the code\""


def test_the_layout_checks_see_a_renamed_module_and_an_undescribed_one():
    layout = "govreport_gui/io/   files\n  registry.py  kinds\n  gone/  nothing\n  old_name.py\n"
    assert _missing(layout) == ["gone/", "old_name.py"]
    assert "safety/" in _undescribed(layout) and "logs.py" in _undescribed(layout)
    assert "registry.py" not in _undescribed(layout)
