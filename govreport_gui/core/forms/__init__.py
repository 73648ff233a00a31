"""The official format versions, declared as data.  Add a version: write its module, list it here."""

from __future__ import annotations

from . import v2019, v2021
from .spec import CellKey, CellSpec, FormSpec, GridCell, Kind, Role, TableSpec

FORMS: dict[str, FormSpec] = {f.version: f for f in (v2019.FORM, v2021.FORM)}


def get_form(version: str) -> FormSpec:
    try:
        return FORMS[str(version)]
    except KeyError:
        known = "、".join(FORMS)
        raise KeyError(f"未知的格式版本“{version}”（支持：{known}）") from None


def form_for_year(year: int) -> FormSpec:
    """The version that applies to a report on ``year`` (the newest one for future years)."""
    for form in sorted(FORMS.values(), key=lambda f: f.first_year, reverse=True):
        if form.applies_to(year) or year > form.first_year:
            return form
    return min(FORMS.values(), key=lambda f: f.first_year)


__all__ = ["CellKey", "CellSpec", "FormSpec", "GridCell", "Kind", "Role", "TableSpec", "FORMS",
           "get_form", "form_for_year"]
