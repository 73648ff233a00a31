"""Helpers shared by the tests (import as ``from support import …``; tests/ is on sys.path)."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A file of ../shared/, or skip the test with the reason when this checkout has none."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"需要 ../shared/{'/'.join(parts)}（本检出旁没有 shared/ 目录）")
    return path
