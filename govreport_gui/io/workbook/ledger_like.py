"""Whether a file that is no report is an agency's ledger (依申请公开登记台账): its header found on
a sheet.  Asked after a report reader has refused the file — the editor and the 汇总 then say
where a ledger goes instead of only that no report tables were found.  No Qt here."""

from __future__ import annotations

import logging
from pathlib import Path

LOG = logging.getLogger(__name__)

# What a ledger opened as a report may be, by the registry's kind (and a .csv, which has none).
LEDGER_KINDS = ("xlsx", "xls", "ods", "html")


def looks_like_ledger(path: str | Path, words) -> bool:
    """Whether ``path`` reads as a ledger whose header ``words`` (a format's ``ledger``) recognise."""
    from ...core.ledger.columns import Header, find_header
    from .ledger_read import read_ledgers
    try:
        sheets = read_ledgers([path])
    except Exception:  # noqa: BLE001 - not a ledger either: the report reader's message stands alone
        LOG.info("%s 也不能按台账读取", path, exc_info=True)
        return False
    return any(isinstance(find_header(sheet, words), Header) for sheet in sheets)
