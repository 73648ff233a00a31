"""``govreport merge``: consolidate the units' reports into one (汇总), without Qt.

    govreport merge FILES_OR_FOLDERS... -o OUT [--format 2021] [--year Y] [--agency NAME]
                    [--report-xlsx LIST.xlsx] [--exclude FILE...] [--include FILE...]

Prints the unit list with every unit's problems (a unit in the other format version: the conversion,
naming every figure moved to another cell, placed by judgment or without a counterpart), the
warnings about the sum and, when the sum does not balance, the units that cause it; writes OUT in
the format its suffix names.  Exit codes: 0 written and every unit counted; 1 written, but some
units were left out or the consolidated report has errors (see the list); 2 nothing written.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path

from .cli_common import EXIT_UNREADABLE, Parser, run_reporting, same_file
from .core.consolidate import assess_units, consolidate, default_year
from .core.forms import FORMS, form_for_year, get_form, newest_form, tables_named

EXIT_OK, EXIT_FINDINGS = 0, 1
LOG = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    p = Parser(prog="govreport merge",
                description=f"汇总：把各单位（镇乡街道、部门）的年度报告中{tables_named()}的数字相加，生成汇总报告；"
                            "列出每个单位及其问题（无法读取、年度不符、格式版本不同、重复报送）。")
    p.add_argument("inputs", nargs="+", metavar="FILES_OR_FOLDERS", help="各单位的报告文件或所在文件夹（含子文件夹）")
    p.add_argument("-o", "--output", required=True, help="汇总报告的输出文件（.govreport、.json、.docx 或 .xlsx）")
    p.add_argument("--format", choices=sorted(FORMS), help="汇总报告的格式版本（默认按年度）")
    p.add_argument("--year", type=int, help="汇总年度（默认为多数单位报告的年度）")
    p.add_argument("--agency", default="", help="汇总报告的机关名称（如“某县人民政府”）")
    p.add_argument("--report-xlsx", metavar="LIST.xlsx", help="把单位清单及问题导出为 Excel，便于退回各单位更正")
    p.add_argument("--exclude", nargs="+", default=[], metavar="FILE", help="不计入的单位文件")
    p.add_argument("--include", nargs="+", default=[], metavar="FILE",
                   help="即使有问题（如年度不符、疑似重复）也要计入的单位文件")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    return run_reporting("govreport merge", _run, args)


def _run(args) -> int:
    from .io.registry import write_report
    output = Path(args.output)
    problem = _bad_outputs(args, output)
    if problem:
        print(f"govreport merge：{problem}", file=sys.stderr)
        return EXIT_UNREADABLE
    units = _read_units(args, output)
    if units is None:
        return EXIT_UNREADABLE
    year = args.year or default_year(units)
    if not year and any(u.readable for u in units):
        print("govreport merge：没有一个单位的报告能读出年度，请用 --year 给出汇总年度。未写出文件。", file=sys.stderr)
        return EXIT_UNREADABLE
    form = get_form(args.format) if args.format else (form_for_year(year) if year else newest_form())
    assess_units(units, year, form.version)
    result = consolidate(units, form.version, year, args.agency)
    _print_units(result, year, form.version, len(units))
    if args.report_xlsx:
        from .io.consolidation_io import export_unit_list
        export_unit_list(args.report_xlsx, result, f"{args.agency}{year}年度政府信息公开工作年度报告汇总——单位清单")
        print(f"已导出单位清单 {args.report_xlsx}", file=sys.stderr)
    if not result.included:
        print("govreport merge：没有可计入的单位，未生成汇总报告。", file=sys.stderr)
        return EXIT_UNREADABLE
    errors = _print_errors(result)
    for note in write_report(output, result.report, None):
        print(note, file=sys.stderr)
    print(f"已生成汇总报告 {output}", file=sys.stderr)
    # As documented (README, module docstring): 1 only when a unit was left out or the sum has
    # errors.  A counted unit's problems (converted from the other version, no agency, …) are in
    # the list above but do not fail a run whose every unit was counted into a sound sum.
    problems = bool(result.excluded) or bool(errors)
    return EXIT_FINDINGS if problems else EXIT_OK


def _bad_outputs(args, output: Path) -> str:
    """Why the requested output files cannot be written (before anything is read), or ""."""
    from .io.registry import writable_suffixes
    if output.suffix.lower() not in writable_suffixes():
        return f"不能输出为“{output.suffix or output.name}”格式（可用：" + "、".join(writable_suffixes()) + "）。"
    if args.report_xlsx and Path(args.report_xlsx).suffix.lower() not in (".xlsx", ".xlsm"):
        return f"单位清单只能导出为 Excel 工作簿（.xlsx），不能导出为“{Path(args.report_xlsx).suffix}”。"
    # told now, not after every unit's file has been read
    targets = [(output, "汇总报告"), *([(Path(args.report_xlsx), "单位清单")] if args.report_xlsx else [])]
    return next((problem for path, what in targets if (problem := _missing_folder(path, what))), "")


def _missing_folder(path: Path, what: str) -> str:
    """Why ``path`` cannot be written because its folder is not there (logged with the path), or ""."""
    from .core.errors import WriteError
    folder = path.absolute().parent
    if folder.is_dir():
        return ""
    try:
        raise WriteError(f"无法保存到“{path}”：文件夹不存在（{folder}）。请先建立该文件夹，或选择其他位置。")
    except WriteError as exc:   # the log keeps the path, as for any file the command line cannot write
        LOG.warning("未能导出%s %s：%s", what, os.path.abspath(path), exc, exc_info=True)
        return str(exc)


def _read_units(args, output: Path) -> list | None:
    """The units of the files and folders given, with the clerk's --include/--exclude choices;
    None (and why, on stderr) when there is no report file among them."""
    from .io.consolidation_io import collect_files, read_units
    found = collect_files(args.inputs, exclude=[output])
    for line in found.skipped[:20]:
        print(f"【跳过】{line}", file=sys.stderr)
    if len(found.skipped) > 20:
        print(f"【跳过】另有{len(found.skipped) - 20}个文件不是年报文件，已跳过。", file=sys.stderr)
    if not found.files:
        print("govreport merge：没有找到任何单位的报告文件。", file=sys.stderr)
        return None

    def progress(done: int, total: int, name: str) -> None:
        if name and sys.stderr.isatty():
            print(f"\r正在读取 {done + 1}/{total}：{name}\033[K", end="", file=sys.stderr, flush=True)

    units = read_units(found.files, progress).units
    if sys.stderr.isatty():
        print("\r\033[K", end="", file=sys.stderr)
    for unit in units:
        p = Path(unit.path)
        if any(same_file(x, p) for x in args.exclude):
            unit.choice = False
        elif any(same_file(x, p) for x in args.include):
            unit.choice = True
    return units


def _print_units(result, year: int | None, version: str, n_files: int) -> None:
    print(f"汇总 {year or '（年度未定）'}年度，{version}版格式：共{n_files}个文件，"
          f"计入{len(result.included)}个，未计入{len(result.excluded)}个。")
    for line in result.unit_lines():
        print(line)
    for w in result.warnings:
        print(f"【注意】{w}")


def _print_errors(result) -> int:
    """The consolidated report's errors and the units that cause them; returns how many."""
    found = result.errors()
    errors = len(found)
    if not errors:
        return 0
    causes = result.imbalance_causes()
    if causes:
        print(f"【注意】汇总结果有{errors}个校验错误，原因在以下单位（按计入汇总的数字逐一核对）：")
        for line in causes:
            print(f"  {line}")
    else:
        culprits = "、".join(u.agency or u.name for u in result.with_errors) or "（各单位本身均无错误）"
        print(f"【注意】汇总结果有{errors}个校验错误；本身有校验错误的单位：{culprits}。")
    for f in found:
        print(f"  {f.message}")
    return errors
