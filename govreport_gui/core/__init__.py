"""The Qt-free core: format declarations, the report, recalculation, checks, carry-over, files.

Standard library only (a test enforces it).  The names below are loaded when first used, so that
importing one core module (``core.forms``, say) does not import all of them (start-up time).
"""

from importlib import import_module

_HOMES = {
    "CarryOver": "carryover", "carry_over": "carryover",
    "check_report": "checks",
    "Change": "document", "Document": "document",
    "ReadError": "errors", "WriteError": "errors",
    "Finding": "findings", "Severity": "findings",
    "FORMS": "forms", "CellKey": "forms", "FormSpec": "forms", "Kind": "forms", "Role": "forms",
    "form_for_year": "forms", "get_form": "forms",
    "all_values": "recalc", "recalculate": "recalc",
    "Metadata": "report", "Report": "report",
}

__all__ = list(_HOMES)


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES))
