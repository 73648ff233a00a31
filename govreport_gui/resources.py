"""Where the bundled resources are (the Word template, the sample report).

They live in the top-level ``resources/`` folder of the source tree.  An installed wheel carries
that folder as the package ``govreport_gui.bundled`` (pyproject.toml maps it), found through
``importlib.resources``; a frozen build carries it as ``resources/`` beside the program; a
checkout (or an editable install) uses the folder itself.
"""

from __future__ import annotations

import sys
from pathlib import Path

BUNDLED_PACKAGE = "govreport_gui.bundled"
SAMPLE_REPORT = "sample-2024.govreport"


def resources_dir() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    checkout = Path(__file__).resolve().parent.parent / "resources"
    if checkout.is_dir():
        return checkout
    return _installed()


def _installed() -> Path:
    """The folder the wheel installed the resources into (a real folder: wheels are unpacked).
    It holds data only (no ``__init__``), so it is a namespace package: ask the import system
    where it is rather than ``importlib.resources.files``, which answers with a multiplexed path."""
    from importlib.util import find_spec
    try:
        spec = find_spec(BUNDLED_PACKAGE)
    except ModuleNotFoundError:
        spec = None
    if spec is not None and spec.submodule_search_locations:
        return Path(next(iter(spec.submodule_search_locations)))
    return Path(__file__).resolve().parent / "bundled"


def resource(name: str) -> Path:
    return resources_dir() / name
