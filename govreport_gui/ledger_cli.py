"""``govreport ledger``: tables 三 and 四 counted from the agency's own ledgers, without Qt.

    govreport ledger LEDGER... --year Y [--format 2019|2021] [--agency NAME] [--previous LAST_YEAR] -o OUT

Reads the 依申请公开登记台账 (and the 行政复议/行政诉讼 case list) — .xlsx, .xls, WPS .et, .ods, .csv/.txt, .docx —,
counts them for year Y, prints what was counted and every row left out (with its row number and
value), and writes OUT in the format its suffix names (project file, report JSON, Word, Excel, PDF).
With ``--previous`` the new report starts from last year's (carry-over) and the ledger's 上年结转 is
compared with last year's 结转下年度继续办理.  The clerk's assignments of unclear values made in the
editor for ``--agency`` are used and named.

Exit codes: 0 every row of the year was placed; 1 written, but some rows were left out (listed);
2 nothing could be read, or nothing written.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .cli_common import EXIT_UNREADABLE, Parser, run_reporting, same_file
from .core.forms import FORMS, form_for_year, get_form

EXIT_OK, EXIT_LEFT_OUT = 0, 1


def build_parser() -> argparse.ArgumentParser:
    from .core.forms import tables_named
    from .core.ledger.summary import ledger_tables
    p = Parser(prog="govreport ledger",
                description=f"按本机关的依申请公开登记台账（及行政复议、行政诉讼案件登记）计数，填写{tables_named(ledger_tables())}；"
                            "列出计入的数字和未计入的行。")
    p.add_argument("ledgers", nargs="+", metavar="LEDGER",
                   help="台账文件（.xlsx、.xls、.et、.ods、.csv、.txt、Word 表格 .docx，或系统导出的网页表格），可给出多个，数字相加")
    p.add_argument("--year", type=int, required=True, help="报告年度")
    p.add_argument("--format", choices=sorted(FORMS), help="格式版本（默认按年度）")
    p.add_argument("--agency", help="机关名称（默认沿用上年报告）")
    p.add_argument("--previous", metavar="LAST_YEAR", help="上年度报告：从它新建本年报告，并与台账的上年结转核对")
    p.add_argument("-o", "--output", required=True, help="输出文件（.govreport、.json、.docx、.xlsx 或 .pdf）")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(list(sys.argv[1:] if argv is None else argv))
    return run_reporting("govreport ledger", _run, args)


def _run(args) -> int:
    from .core.ledger import memory
    from .core.ledger.count import count_ledgers
    from .core.ledger.summary import summary_lines
    from .io.workbook.ledger_read import read_ledgers
    output = Path(args.output)
    if any(same_file(path, output) for path in [*args.ledgers, *([args.previous] if args.previous else [])]):
        print("govreport ledger：输出文件不能是台账或上年报告本身，请另选文件名。未写出文件。", file=sys.stderr)
        return EXIT_UNREADABLE
    form = get_form(args.format) if args.format else form_for_year(args.year)
    previous = _read_previous(args.previous)
    agency = args.agency or (previous.meta.agency if previous is not None else "")
    sheets = read_ledgers(args.ledgers)
    count = count_ledgers(sheets, form, args.year, memory.load(agency), previous)
    for line in summary_lines(count):
        print(line)
    report = _report(form.version, args.year, agency, previous)
    from .core.ledger.apply import fill_from_ledger
    fill_from_ledger(report, count).apply(report)
    from .io.registry import write_report
    for note in write_report(output, report, previous):
        print(note, file=sys.stderr)
    print(f"已写出 {output}（{args.year}年度，{form.version}版格式）。", file=sys.stderr)
    return EXIT_OK if count.complete else EXIT_LEFT_OUT


def _read_previous(path: str | None):
    if not path:
        return None
    from .io.registry import read_report
    return read_report(path).report


def _report(version: str, year: int, agency: str, previous):
    if previous is not None:
        from .core.carryover import carry_over
        report = carry_over(previous, year=year, form_version=version).report
    else:
        from .core.drafting import new_report
        report = new_report(version, year, agency)
    report.meta.agency = agency or report.meta.agency
    return report


