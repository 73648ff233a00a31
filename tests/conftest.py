import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(Path(__file__).resolve().parent))


def shared_path(*parts: str) -> Path:
    """A file of ../shared/, or skip the test with the reason when this checkout has none."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"需要 ../shared/{'/'.join(parts)}（本检出旁没有 shared/ 目录）")
    return path


@pytest.fixture
def sample_path() -> Path:
    return REPO / "resources" / "sample-2024.govreport"
