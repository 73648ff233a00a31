"""The Qt-free core: format declarations, the report, recalculation, checks, carry-over, files.

Standard library only (a test enforces it).
"""

from .carryover import CarryOver, carry_over
from .checks import check_report
from .document import Change, Document
from .errors import ReadError, WriteError
from .findings import Finding, Severity
from .forms import FORMS, CellKey, FormSpec, Kind, Role, form_for_year, get_form
from .recalc import all_values, recalculate
from .report import Metadata, Report

__all__ = ["CarryOver", "carry_over", "check_report", "Change", "Document", "ReadError", "WriteError",
           "Finding", "Severity", "FORMS", "CellKey", "FormSpec", "Kind", "Role", "form_for_year",
           "get_form", "all_values", "recalculate", "Metadata", "Report"]
