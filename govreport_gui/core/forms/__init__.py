"""The official format versions, declared as data.  Add a version: write its module, list it here,
and declare how its figures correspond to those of the version before it (correspondence.py)."""

from __future__ import annotations

from collections.abc import Iterable

from . import v2019, v2021
from .on_demand import OnDemand
from .spec import (
    CellKey,
    CellSpec,
    Fidelity,
    FormSpec,
    FormVersion,
    GridCell,
    Kind,
    Layout,
    Move,
    Role,
    TableSpec,
    VersionMap,
)

# Each version's declaration, built when first asked for: the editor opening a 2021 report never
# builds the 2019 one (start-up time); its name and years are known without it (``versions``).
_ABOUT: dict[str, FormVersion] = {about.version: about for about in (v2019.ABOUT, v2021.ABOUT)}
FORMS: OnDemand[str, FormSpec] = OnDemand({v2019.ABOUT.version: v2019.build, v2021.ABOUT.version: v2021.build})


def _declared_map(source: str, target: str):
    def made() -> VersionMap:
        from .correspondence import MAPS
        return next(m for m in MAPS if (m.source, m.target) == (source, target))
    return made


# How the figures of two versions correspond (correspondence.py), built when first asked for.
VERSION_MAPS: OnDemand[tuple[str, str], VersionMap] = OnDemand(
    {pair: _declared_map(*pair) for pair in (("2019", "2021"), ("2021", "2019"))})


def get_form(version: str) -> FormSpec:
    try:
        return FORMS[str(version)]
    except KeyError:
        known = "、".join(FORMS)
        raise KeyError(f"未知的格式版本“{version}”（支持：{known}）") from None


def versions() -> list[FormVersion | FormSpec]:
    """The versions there are declarations of, oldest first: each one's name, notice, years and
    sections (its declaration when built already, else what names it), without building any."""
    found = [FORMS[v] if FORMS.is_made(v) or v not in _ABOUT else _ABOUT[v] for v in FORMS]
    return sorted(found, key=lambda v: v.first_year)


def newest_form() -> FormSpec:
    """The version in force now: the one that applies from the latest year."""
    return get_form(versions()[-1].version)


def form_for_year(year: int) -> FormSpec:
    """The version that applies to a report on ``year`` (the newest one for future years)."""
    for about in reversed(versions()):
        if about.applies_to(year) or year > about.first_year:
            return get_form(about.version)
    return get_form(versions()[0].version)


def table_ids() -> tuple[str, ...]:
    """Every table id of every version, in the order of the sections (二, 三, 四)."""
    return tuple(dict.fromkeys(s.table for about in versions() for s in about.sections if s.table))


def section_keys() -> tuple[str, ...]:
    """Every section key of every version (一 … 六), in order."""
    return tuple(dict.fromkeys(s.key for about in versions() for s in about.sections))


def tables_named(ids: Iterable[str] | None = None) -> str:
    """“表二、表三、表四”: the tables ``ids`` (every table when None), as a message names them."""
    return "、".join(f"表{t}" for t in (table_ids() if ids is None else ids))


def version_hint() -> str:
    """Which version a year's report uses, from each version's years: “2019、2020 年度用 2019 版，
    2021 年度起用 2021 版” (``form_for_year`` picks by the same years)."""
    parts = []
    for form in versions():
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


__all__ = ["CellKey", "CellSpec", "Fidelity", "FormSpec", "FormVersion", "GridCell", "Kind", "Layout", "Move", "Role",
           "TableSpec", "VersionMap", "FORMS", "VERSION_MAPS", "versions", "get_form", "newest_form", "form_for_year",
           "same_cell", "version_map", "table_ids", "section_keys", "tables_named", "version_hint"]
