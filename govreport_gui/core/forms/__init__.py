"""The official format versions, declared as data.  Add a version: write its module, list it here,
and declare how its figures correspond to those of the version before it (correspondence.py)."""

from __future__ import annotations

from collections.abc import Iterable

from . import correspondence, v2019, v2021
from .spec import CellKey, CellSpec, Fidelity, FormSpec, GridCell, Kind, Layout, Move, Role, TableSpec, VersionMap

FORMS: dict[str, FormSpec] = {f.version: f for f in (v2019.FORM, v2021.FORM)}
VERSION_MAPS: dict[tuple[str, str], VersionMap] = {(m.source, m.target): m for m in correspondence.MAPS}


def get_form(version: str) -> FormSpec:
    try:
        return FORMS[str(version)]
    except KeyError:
        known = "、".join(FORMS)
        raise KeyError(f"未知的格式版本“{version}”（支持：{known}）") from None


def newest_form() -> FormSpec:
    """The version in force now: the one that applies from the latest year."""
    return max(FORMS.values(), key=lambda f: f.first_year)


def form_for_year(year: int) -> FormSpec:
    """The version that applies to a report on ``year`` (the newest one for future years)."""
    for form in sorted(FORMS.values(), key=lambda f: f.first_year, reverse=True):
        if form.applies_to(year) or year > form.first_year:
            return form
    return min(FORMS.values(), key=lambda f: f.first_year)


def table_ids() -> tuple[str, ...]:
    """Every table id of every version, in the order of the sections (二, 三, 四)."""
    ordered = sorted(FORMS.values(), key=lambda f: f.first_year)
    return tuple(dict.fromkeys(t for form in ordered for t in form.tables))


def tables_named(ids: Iterable[str] | None = None) -> str:
    """“表二、表三、表四”: the tables ``ids`` (every table when None), as a message names them."""
    return "、".join(f"表{t}" for t in (table_ids() if ids is None else ids))


def version_hint() -> str:
    """Which version a year's report uses, from each version's years: “2019、2020 年度用 2019 版，
    2021 年度起用 2021 版” (``form_for_year`` picks by the same years)."""
    parts = []
    for form in sorted(FORMS.values(), key=lambda f: f.first_year):
        if form.last_year is None:
            parts.append(f"{form.first_year} 年度起用 {form.version} 版")
        else:
            years = [str(y) for y in range(form.first_year, form.last_year + 1)]
            span = "、".join(years) if len(years) <= 3 else f"{years[0]}—{years[-1]}"
            parts.append(f"{span} 年度用 {form.version} 版")
    return "，".join(parts)


def same_cell(source: FormSpec, target: FormSpec, key: CellKey) -> bool:
    """``key`` is an input cell of the same kind in both versions: the same figure, kept as it is."""
    if not (source.has(key) and target.has(key)):
        return False
    a, b = source.cell(key), target.cell(key)
    return not a.computed and not b.computed and a.kind is b.kind


def version_map(source: str, target: str) -> VersionMap:
    """How the input figures of version ``source`` become figures of version ``target``: the
    declared correspondence; between versions that declare none, only the cells both have are
    kept and every other figure is without a counterpart."""
    declared = VERSION_MAPS.get((str(source), str(target)))
    if declared is not None:
        return declared
    src, dst = get_form(source), get_form(target)
    why = f"{dst.version}版没有对应栏目（两版之间没有声明对应关系）"
    return VersionMap(src.version, dst.version, tuple(
        Move((key,), None, Fidelity.NONE, why) for key in src.input_keys() if not same_cell(src, dst, key)))


__all__ = ["CellKey", "CellSpec", "Fidelity", "FormSpec", "GridCell", "Kind", "Layout", "Move", "Role", "TableSpec",
           "VersionMap", "FORMS", "VERSION_MAPS", "get_form", "newest_form", "form_for_year", "same_cell", "version_map",
           "table_ids", "tables_named", "version_hint"]
