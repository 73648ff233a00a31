"""The report JSON of REPORT-JSON.md, and the native project file built on it.

The report JSON is strict — it is an interchange format written by programs: counts must be JSON
integers, money an exact decimal (a string such as ``"2009.54"``, or a JSON number read exactly),
labels must be official.  Text such as ``"12件"`` or full-width digits is rejected with a message
naming the cell (the tolerant readers are the Excel and Word importers, and paste).

The native file (``.govreport``) is the same JSON with more beside it: last year's report (for
the cross-year checks) and the accepted warnings.  It is written atomically.
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from dataclasses import fields
from decimal import Decimal
from pathlib import Path

from .. import APP_NAME
from .errors import ReadError, WriteError, cannot_read
from .forms import FORMS, CellKey, Kind, get_form
from .recalc import recalculate
from .records import record
from .report import SECTION_KEYS, AcceptedWarning, Metadata, Report
from .values import Value, format_value

SCHEMA = "govreport/1"
SCHEMA_PREFIX = "govreport/"
NATIVE_SUFFIX = ".govreport"
APPLICATION = "govreport_gui"  # marks a project file written by this program
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_PROBLEMS_SHOWN = 8
_META_KEYS = tuple(f.name for f in fields(Metadata) if f.name not in ("agency", "year"))


# ---------------------------------------------------------------------------------------------
# Writing


def report_to_json(report: Report) -> dict:
    form = report.form
    computed = recalculate(form, report.values)
    cells = []
    for spec in form.all_cells():
        key = spec.key
        value = computed[key] if spec.computed else report.values.get(key)
        cell: dict = {"table": key.table, "row": key.row, "col": key.col, "value": _json_value(value, spec.kind)}
        if spec.computed:
            cell["computed"] = True
        cells.append(cell)
    out: dict = {
        "schema": SCHEMA,
        "format": form.version,
        "year": report.meta.year,
        "agency": report.meta.agency,
    }
    for name in _META_KEYS:
        value = getattr(report.meta, name)
        if value:
            out[name] = value
    out["sections"] = {k: report.sections[k] for k in SECTION_KEYS if report.sections.get(k)}
    out["cells"] = cells
    return out


def _json_value(value: Value, kind: Kind) -> object:
    if value is None:
        return None
    if kind is Kind.MONEY:
        return format_value(value)
    return int(value)


def native_to_json(report: Report, previous: Report | None = None) -> dict:
    out = report_to_json(report)
    out["application"] = APPLICATION
    if report.accepted:
        out["accepted_warnings"] = [accepted_to_json(a) for a in report.accepted]
    printed = _printed_to_json(report)
    if printed:
        out["printed_totals"] = printed
    if report.ledger is not None:
        from .ledger.record import to_json
        out["ledger"] = to_json(report.ledger)
    if previous is not None:
        out["previous"] = report_to_json(previous)
    return out


def accepted_to_json(a: AcceptedWarning) -> dict:
    return {"rule": a.rule, "cells": [{"table": c.table, "row": c.row, "col": c.col} for c in a.cells],
            "reason": a.reason, **({"section": a.section} if a.section else {}),
            **({"anchor": a.anchor} if a.anchor else {})}


def accepted_from_json(item: dict) -> AcceptedWarning:
    """Raises ``AttributeError``/``KeyError``/``TypeError`` on an entry that is not one."""
    keys = tuple(CellKey(c["table"], c["row"], c["col"]) for c in item.get("cells", []))
    section = item.get("section")
    return AcceptedWarning(str(item["rule"]), keys, str(item.get("reason", "")),
                           section=str(section) if section else None, anchor=str(item.get("anchor", "") or ""))


def _printed_to_json(report: Report) -> list[dict]:
    """The totals an imported file printed, still kept for the check (see ``edits.SetCells``):
    the project file's ``cells`` hold the recomputed totals, so these go beside them — in the
    table's reading order, so that an edit and its undo leave the same file."""
    form = report.form
    return [{"table": k.table, "row": k.row, "col": k.col, "value": _json_value(report.printed[k], spec.kind)}
            for k, spec in form.cell_specs().items() if spec.computed and k in report.printed]


def dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def write_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and ``os.replace``:
    the old file stays intact until the new one is complete."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if _marked_read_only(path):
        raise WriteError(f"无法保存到“{path}”：这是只读文件，没有改动它。请另存为其他文件名，"
                         "或先在文件的属性中取消“只读”后重试。")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise WriteError(f"无法保存到“{path}”：文件夹不存在。请选择其他位置。") from None
    except PermissionError:
        raise WriteError(f"无法保存到“{path}”：没有该文件夹的写入权限。请选择其他位置。") from None
    except OSError as exc:
        raise WriteError(f"无法保存到“{path}”：{exc.strerror or exc}。") from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            _take_over_mode(f.fileno(), path)
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except PermissionError:
        _remove_quietly(tmp)
        raise WriteError(f"无法保存到“{path}”：文件可能正被 Word/WPS 等程序打开，或没有写入权限。"
                         "请关闭该文件后重试，或另存为其他文件名。") from None
    except OSError as exc:
        _remove_quietly(tmp)
        raise WriteError(f"无法保存到“{path}”：{exc.strerror or exc}（磁盘已满或位置不可写？）。") from None


def _marked_read_only(path: Path) -> bool:
    """Whether ``path`` is an existing file nobody may write (Windows' 只读 attribute, ``chmod a-w``):
    replacing it through a rename would succeed on Linux and quietly undo that protection, where
    Word and WPS refuse to save over it."""
    try:
        st = os.stat(path)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and not st.st_mode & 0o222


def _take_over_mode(fd: int, path: Path) -> None:
    """The temporary file (created 0600) gets the mode a plainly written file would have: an
    overwritten file's own mode, owner and group (as far as this process may set them), else the
    user's umask mode (0666 & ~umask) — so that a colleague on a shared folder can still open it."""
    if not hasattr(os, "fchmod"):  # Windows: no POSIX modes to take over
        return
    try:
        old = os.stat(path)
    except OSError:
        os.fchmod(fd, 0o666 & ~current_umask())
        return
    os.fchmod(fd, stat.S_IMODE(old.st_mode))
    mine = os.fstat(fd)
    if (mine.st_uid, mine.st_gid) != (old.st_uid, old.st_gid):
        try:
            os.fchown(fd, old.st_uid, old.st_gid)
        except OSError:  # not root: keep the owner, try the group alone (allowed for a group we are in)
            try:
                os.fchown(fd, -1, old.st_gid)
            except OSError:
                pass
        os.fchmod(fd, stat.S_IMODE(old.st_mode))  # chown may clear setgid bits: set the mode again


def current_umask() -> int:
    """The process's umask, read without changing it where the system allows (the PDF export
    writes from a worker thread; setting the umask to read it would race with other threads)."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def save_native(path: str | os.PathLike, report: Report, previous: Report | None = None) -> None:
    write_atomic(path, dumps(native_to_json(report, previous)).encode("utf-8"))


def save_json(path: str | os.PathLike, report: Report) -> None:
    write_atomic(path, dumps(report_to_json(report)).encode("utf-8"))


# ---------------------------------------------------------------------------------------------
# Reading


@record(frozen=False)
class Loaded:
    """A report read from a file, with last year's report when the file carries it."""

    report: Report
    previous: Report | None = None


def load_json_bytes(data: bytes, name: str = "文件") -> Loaded:
    if len(data) > MAX_FILE_BYTES:
        raise ReadError(f"{name}过大（超过 {MAX_FILE_BYTES // 1024 // 1024} MB），不是年报文件。")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReadError(f"{name}不是 UTF-8 编码的数据文件（JSON），无法读取。") from None
    try:
        doc = json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        raise ReadError(f"{name}内容已损坏（第{exc.lineno}行第{exc.colno}列不是有效的 JSON），无法读取。") from None
    except RecursionError:
        raise ReadError(f"{name}嵌套层数过多，不是年报文件。") from None
    except ValueError:  # e.g. an integer of more than 4300 digits (Python's conversion limit)
        raise ReadError(f"{name}中有位数过多的数字，不是正常的年报文件，无法读取。") from None
    return loaded_from_json(doc, name)


def loaded_from_json(doc: object, name: str = "文件") -> Loaded:
    """The report (and last year's) of a parsed report JSON or project file (``ReadError`` when it is neither)."""
    # A project file's totals are this program's own recomputed output, not figures printed by a
    # source document: they are not kept as printed totals (they would go stale with every edit).
    own = isinstance(doc, dict) and doc.get("application") == APPLICATION
    report = report_from_json(doc, name, printed_totals=not own)
    assert isinstance(doc, dict)  # report_from_json refuses anything else
    if own:
        _read_printed(doc.get("printed_totals"), report, name)
        _read_ledger(doc.get("ledger"), report, name)
    previous = None
    if isinstance(doc.get("previous"), dict):
        previous = report_from_json(doc["previous"], f"{name}中的上年报告", printed_totals=not own)
    return Loaded(report, previous)


def load_file(path: str | os.PathLike) -> Loaded:
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReadError(f"“{path.name}”过大（超过 {MAX_FILE_BYTES // 1024 // 1024} MB），不是年报文件。")
        data = path.read_bytes()
    except OSError as exc:
        raise cannot_read(path, exc) from None
    return load_json_bytes(data, f"“{path.name}”")


def _read_printed(items: object, report: Report, name: str) -> None:
    if items is None:
        return
    form = report.form
    problems = []
    for item in items if isinstance(items, list) else [items]:
        try:
            # not a dict, or not strings: TypeError / AttributeError / KeyError, caught below
            key = CellKey(item["table"], item["row"], item["col"])  # type: ignore[index]
            if not (form.has(key) and form.cell(key).computed):
                raise KeyError(key)
            report.printed[key] = _exact_from_json(item.get("value"), form.cell(key).kind)  # type: ignore[union-attr]
        except (AttributeError, KeyError, TypeError, ValueError):
            problems.append(item)
    if problems:
        raise ReadError(f"{name}中保存的文件所列合计（printed_totals）有 {len(problems)} 个无法识别的条目"
                        "（文件可能已损坏或被其他程序改动），文件未打开。请使用该文件的备份；或用文本编辑器删除"
                        "“printed_totals”一节后重新打开（删除后只是不再核对原文件所列的合计，数字不受影响）。")


def _read_ledger(item: object, report: Report, name: str) -> None:
    if item is None:
        return
    from .ledger.record import from_json
    try:
        report.ledger = from_json(item, report.form)
    except (AttributeError, KeyError, TypeError, ValueError):
        raise ReadError(f"{name}中保存的登记台账计数记录（ledger）无法识别（文件可能已损坏或被其他程序改动），文件未打开。"
                        "请使用该文件的备份；或用文本编辑器删除“ledger”一节后重新打开（删除后数字不变，只是不再显示"
                        "各单元格由台账哪些行计数）。") from None


def report_from_json(doc: object, name: str = "文件", printed_totals: bool = True) -> Report:
    """A report from report JSON.  Computed cells are the totals the source printed: kept in
    ``report.printed`` for the checks to compare (unless ``printed_totals`` is false)."""
    form = _form_of(doc, name)
    assert isinstance(doc, dict)
    problems: list[str] = []
    report = Report(form.version, _read_meta(doc, problems))
    _read_sections(doc, report, problems)
    cells = doc.get("cells", [])
    if not isinstance(cells, list):
        problems.append("“cells”应为数组")
        cells = []
    seen: set[CellKey] = set()
    specs = form.cell_specs()   # (a report holds hundreds of cells: looked up once each)
    for i, cell in enumerate(cells, 1):
        _read_cell(form, specs, report, cell, i, seen, problems)
    if not printed_totals:
        report.printed.clear()
    _read_accepted(doc, report, problems)
    if problems:
        shown = "；".join(problems[:MAX_PROBLEMS_SHOWN])
        more = f"；另有 {len(problems) - MAX_PROBLEMS_SHOWN} 处问题" if len(problems) > MAX_PROBLEMS_SHOWN else ""
        raise ReadError(f"{name}有 {len(problems)} 处内容无法读取：{shown}{more}。文件未打开。")
    return report


def _form_of(doc: object, name: str):
    """The format version a report JSON declares; ``ReadError`` when it is not our report JSON."""
    if not isinstance(doc, dict):
        raise ReadError(f"{name}不是数据文件（JSON）（顶层应为对象）。")
    schema = doc.get("schema")
    if not isinstance(schema, str) or not schema.startswith(SCHEMA_PREFIX):
        raise ReadError(f"{name}不是{APP_NAME}的报告文件（缺少 schema: \"{SCHEMA}\"）。")
    if schema != SCHEMA:
        newer = schema[len(SCHEMA_PREFIX):]
        if newer.isdigit() and int(newer) > 1:
            raise ReadError(f"{name}由较新版本的{APP_NAME}创建（{schema}），本程序只能读取 {SCHEMA}。"
                            f"请升级{APP_NAME}后再打开。")
        raise ReadError(f"{name}的文件版本“{schema}”无法识别。")
    version = doc.get("format")
    if isinstance(version, int) and not isinstance(version, bool):
        version = str(version)
    if version not in FORMS:
        raise ReadError(f"{name}的格式版本“{doc.get('format')}”无法识别（应为 " + " 或 ".join(
            f"\"{v}\"" for v in FORMS) + "）。")
    return get_form(str(version))


def _read_meta(doc: dict, problems: list[str]) -> Metadata:
    year = doc.get("year", 0)
    if isinstance(year, bool) or not isinstance(year, int) or not (0 <= year <= 9999):
        problems.append(f"“year”应为年份整数，实为 {json.dumps(year, ensure_ascii=False, default=str)}")
        year = 0
    meta = Metadata(year=year)
    for field_name in ("agency", *_META_KEYS):
        value = doc.get(field_name, "")
        if value is None:
            value = ""
        if not isinstance(value, str):
            problems.append(f"“{field_name}”应为文字")
            continue
        setattr(meta, field_name, value)
    return meta


def _read_sections(doc: dict, report: Report, problems: list[str]) -> None:
    sections = doc.get("sections", {}) or {}
    if not isinstance(sections, dict):
        problems.append("“sections”应为对象")
        return
    for key, text in sections.items():
        if key not in SECTION_KEYS:
            problems.append(f"未知的部分“{key}”（应为 {SECTION_KEYS[0]} 至 {SECTION_KEYS[-1]}）")
        elif not isinstance(text, str):
            problems.append(f"第{key}部分的正文应为文字")
        else:
            report.sections[key] = text


def _read_accepted(doc: dict, report: Report, problems: list[str]) -> None:
    accepted = doc.get("accepted_warnings", [])
    if not isinstance(accepted, list):
        return
    for item in accepted:
        try:
            report.accepted.append(accepted_from_json(item))
        except (AttributeError, KeyError, TypeError):
            problems.append("“accepted_warnings”中有无法识别的条目")


def _read_cell(form, specs: dict, report: Report, cell: object, index: int, seen: set[CellKey],
               problems: list[str]) -> None:
    if not isinstance(cell, dict):
        problems.append(f"第{index}个单元格不是对象")
        return
    table, row, col = cell.get("table"), cell.get("row"), cell.get("col")
    if not (isinstance(table, str) and isinstance(row, str) and isinstance(col, str)):
        problems.append(f"第{index}个单元格缺少 table/row/col")
        return
    spec = specs.get((table, row, col))   # (a CellKey is a tuple: found by the plain one)
    if spec is None and table not in form.tables:
        problems.append(f"未知的表“{table}”（应为 " + "、".join(form.tables) + "）")
        return
    if spec is None:
        problems.append(f"{CellKey(table, row, col).name()}不是{form.version}版格式中的单元格（标签须与官方格式逐字一致）")
        return
    key = spec.key   # the declared key: 10 000 units of a 汇总 share it
    if key in seen:
        problems.append(f"{key.name()}出现了两次")
        return
    seen.add(key)
    raw = cell.get("value")
    try:
        value = _exact_from_json(raw, spec.kind)
    except ValueError as exc:
        problems.append(f"{key.name()}：{exc}")
        return
    if spec.computed:
        report.printed[key] = value
    elif value is not None:
        report.values[key] = value


def _shown(raw: object) -> str:
    """``raw`` as the message quotes it; an enormous value is named, not echoed whole."""
    try:
        shown = json.dumps(raw, ensure_ascii=False, default=str)
    except ValueError:  # an integer of thousands of digits cannot even be written out
        return "一个位数极多的数"
    return f"{shown[:30]}…（共 {len(shown)} 个字符）" if len(shown) > 40 else shown


def _exact_from_json(raw: object, kind: Kind) -> Value:
    if raw is None:
        return None
    if isinstance(raw, bool):
        raise ValueError(f"应为数字，实为 {_shown(raw)}")
    if kind is Kind.MONEY:
        if isinstance(raw, (int, Decimal)):
            number = Decimal(raw)
        elif isinstance(raw, str):
            try:
                number = Decimal(raw.strip())
            except ArithmeticError:
                raise ValueError(f"金额应写作万元数字（如 \"2009.54\"），实为 {_shown(raw)}") from None
            if not raw.strip() or not raw.strip().replace(".", "", 1).lstrip("+-").isascii():
                raise ValueError(f"金额应写作万元数字（如 \"2009.54\"），实为 {_shown(raw)}")
        else:
            raise ValueError(f"金额应写作万元数字，实为 {_shown(raw)}")
        if not number.is_finite():
            raise ValueError(f"金额无效：{_shown(raw)}")
        if abs(number) >= Decimal(10) ** 15:
            raise ValueError(f"金额过大：{_shown(raw)}")
        return format_value_decimal(number)
    if isinstance(raw, int):
        if abs(raw) >= 10 ** 15:
            raise ValueError(f"数值过大：{_shown(raw)}")
        return raw
    raise ValueError(f"应为整数（JSON 数字，不带单位），实为 {_shown(raw)}")


def format_value_decimal(number: Decimal) -> Decimal:
    return Decimal(format_value(number))
