"""Which year's report is being written now.

A report for year Y is compiled from about November of Y (the figures are nearly complete) until
it is published by 31 March of Y+1.  So from January to September the report in hand is last
year's; from October on, clerks start on this year's.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import date

FIRST_MONTH_OF_THIS_YEARS_REPORT = 10  # October: preparations for this year's report begin


def reporting_year(today: date | None = None) -> int:
    """The year whose report is being compiled on ``today`` (default: the current date)."""
    today = today or sys.modules[__name__].date.today()   # (``date``: see ``__getattr__``)
    return today.year if today.month >= FIRST_MONTH_OF_THIS_YEARS_REPORT else today.year - 1


def __getattr__(name: str):
    """``date``, imported when first asked for (start-up time: the editor opening a report does not)."""
    if name != "date":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from datetime import date
    globals()["date"] = date
    return date
