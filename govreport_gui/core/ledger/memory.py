"""The clerk's assignments of unclear ledger values, remembered per agency for its next ledgers.

Where: a small JSON file in the user's data folder (``ledger-words.json``), not in the project file.
An assignment is about the agency's way of keeping its ledger (its clerk writes 同意 for 予以公开),
not about one year's report: next year's ledger is read into a new report, often made with 新建,
and the command line reads ledgers without any project file.  The project file keeps what was
applied (``LedgerRecord.assigned``) so the 校验清单 can show it.  A damaged or unreadable memory
file is ignored (the values are simply asked again) and replaced on the next save.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..forms.ledger_words import Field
from .words import SKIP

FILE_NAME = "ledger-words.json"
_MAX_BYTES = 4 * 1024 * 1024


def _path(folder: Path | None) -> Path:
    """The memory file in ``folder``, by default the user's data folder (the editor's and the log's)."""
    if folder is None:
        from ...data_folder import data_dir
        folder = data_dir()
    return folder / FILE_NAME


def _load_all(path: Path) -> dict:
    try:
        if path.stat().st_size > _MAX_BYTES:
            return {}
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return doc if isinstance(doc, dict) and isinstance(doc.get("agencies"), dict) else {}


def load(agency: str, folder: Path | None = None) -> dict[Field, dict[str, str]]:
    """The agency's assignments: field → {value key → label} (``SKIP``: do not count)."""
    entry = _load_all(_path(folder)).get("agencies", {}).get(agency.strip(), {})
    out: dict[Field, dict[str, str]] = {}
    if not isinstance(entry, dict):
        return out
    for name, values in entry.items():
        try:
            f = Field(name)
        except ValueError:
            continue
        if isinstance(values, dict):
            out[f] = {str(k): str(v.get("label", "")) if isinstance(v, dict) else str(v) for k, v in values.items()}
    return out


def remember(agency: str, assignments: dict[tuple[Field, str], tuple[str, str]], folder: Path | None = None) -> None:
    """Add ``assignments`` ((field, key) → (value as written, label or ``SKIP``)) to the agency's
    memory.  Raises ``WriteError`` when the file cannot be written."""
    from ..serialize import write_atomic
    path = _path(folder)
    doc = _load_all(path) or {"version": 1, "agencies": {}}
    entry = doc["agencies"].setdefault(agency.strip(), {})
    for (f, key), (shown, label) in assignments.items():
        entry.setdefault(f.value, {})[key] = {"label": label, "value": shown, "skip": label == SKIP}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass   # (the write says why it cannot, as a WriteError)
    write_atomic(path, (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
