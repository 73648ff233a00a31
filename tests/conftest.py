import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

sys.path.insert(0, str(Path(__file__).resolve().parent))

from support import REPO, SHARED, shared_path  # noqa: E402,F401  (kept importable from here too)


@pytest.fixture
def sample_path() -> Path:
    return REPO / "resources" / "sample-2024.govreport"
