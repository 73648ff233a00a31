"""What the editor holds with a report open and every page built (issue 21's memory target): no
library loaded that the window does not need — OpenSSL (``hashlib``: 3 MB held for the session)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample-2024.govreport"

OPENED = r"""
import os, shutil, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from govreport_gui.qt.app import create_window, ensure_app
app = ensure_app()
work = shutil.copy(sys.argv[1], sys.argv[2])
window = create_window([work], offer_recovery=False)
window.show()
while not all(p.built for p in window.pages) or not window.flows.recovery.journal.started:
    app.processEvents()
for page in window.pages:
    window.tabs.setCurrentWidget(page); app.processEvents()
print("journal", window.flows.recovery.journal.path.stat().st_size)
print("modules", " ".join(sorted(sys.modules)))
"""


def _opened(tmp_path: Path) -> dict[str, str]:
    env = dict(os.environ, GOVREPORT_DATA_DIR=str(tmp_path / "data"), PYTHONPATH=os.pathsep.join(
        [str(Path(__file__).resolve().parents[2]), os.environ.get("PYTHONPATH", "")]))
    out = subprocess.run([sys.executable, "-c", OPENED, str(SAMPLE), str(tmp_path / "report.govreport")],
                         capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr
    return dict(line.split(" ", 1) for line in out.stdout.splitlines() if " " in line)


def test_the_open_report_with_its_journal_loads_no_openssl(tmp_path):
    opened = _opened(tmp_path)
    assert int(opened["journal"]) > 0                 # the journal was started on the opened file …
    loaded = set(opened["modules"].split())
    assert "govreport_gui.core.journal" in loaded
    # … and its checksum is not SHA-256: hashlib would load OpenSSL's libcrypto
    assert not loaded & {"hashlib", "_hashlib", "ssl", "_ssl"}, sorted(loaded & {"hashlib", "_hashlib", "ssl", "_ssl"})
