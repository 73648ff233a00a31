"""Command line: ``govreport [FILE]`` opens the editor; subcommands work without Qt.

    govreport check FILE [--previous LAST_YEAR_FILE] [--json] [--report OUT.docx|OUT.xlsx]
    govreport dump FILE
    govreport new --format 2021 --year 2025 --agency NAME [--previous FILE] -o OUT
    govreport export FILE -o OUT.(govreport|json|docx|xlsx)
    govreport ledger LEDGER... --year Y -o OUT   (ledger_cli.py: 三/四 counted from the agency's ledgers)

Exit codes: 0 fine, 1 the report has errors, 2 the input could not be read / output not written.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys

from . import APP_NAME
from .cli_common import EXIT_UNREADABLE, Parser, run_reporting

# The checks, the drafting and the carry-over are imported by the commands that use them: the editor
# starts through main() too, and its window needs none of them before its first paint.

SUBCOMMANDS = ("check", "dump", "new", "export", "merge", "ledger")
LOG = logging.getLogger(__name__)
EXIT_OK, EXIT_FINDINGS = 0, 1


def build_parser() -> argparse.ArgumentParser:
    from .core.forms import FORMS, version_hint
    parser = Parser(prog="govreport", description=f"{APP_NAME}：政府信息公开工作年度报告的编制与校验。"
                     "不带子命令时打开编辑器（可给出要打开的文件）。")
    sub = parser.add_subparsers(dest="command", parser_class=Parser)

    p = sub.add_parser("check", help="校验报告，列出错误、警告和提示")
    p.add_argument("file", help="报告文件（项目文件、JSON、Excel 或 Word）")
    p.add_argument("--previous", metavar="LAST_YEAR_FILE", help="上年度报告，用于跨年核对")
    p.add_argument("--json", action="store_true", help="以 JSON 输出校验结果")
    p.add_argument("--report", metavar="OUT", help="另存校验清单（.docx 或 .xlsx），供审核签发")

    p = sub.add_parser("dump", help="以数据文件（JSON）输出（合计为重新计算的数字）")
    p.add_argument("file")

    p = sub.add_parser("new", help="新建报告（可从上年报告结转）")
    p.add_argument("--format", choices=sorted(FORMS), help=f"格式版本（默认按年度：{version_hint()}）")
    p.add_argument("--year", type=int, help="报告年度（默认为上年报告年度加一）")
    p.add_argument("--agency", help="机关名称（默认沿用上年报告）")
    p.add_argument("--previous", metavar="FILE", help="上年度报告")
    p.add_argument("-o", "--output", required=True, help="输出文件（.govreport 或 .json）")

    p = sub.add_parser("export", help="导出为其他格式")
    p.add_argument("file")
    p.add_argument("-o", "--output", required=True, help="输出文件，格式由扩展名决定")
    p.add_argument("--previous", metavar="FILE", help="上年度报告（写入项目文件，用于跨年核对）")
    return parser


def main(argv: list[str] | None = None) -> int:
    if getattr(sys, "frozen", False) and "multiprocessing" in sys.modules:
        # the packaged program: a 汇总 worker process (io/parallel_read) starts here. The build's run-time
        # hook (packaging/rthooks/deferred_rthooks.py) imports multiprocessing at start only in the
        # processes multiprocessing starts, patched by PyInstaller's hook to make this work on Linux too
        import multiprocessing
        multiprocessing.freeze_support()
    argv = list(sys.argv[1:] if argv is None else argv)
    _utf8_stdio()
    if argv and argv[0] == "--self-test":
        from .selftest import main as self_test  # the packaged application's smoke test
        return self_test(argv[1:])
    gui = not argv or (argv[0] not in SUBCOMMANDS and not argv[0].startswith("-"))
    if gui or argv[0] in SUBCOMMANDS:
        from . import logs
        logs.setup("编辑器" if gui else f"命令行 {argv[0]}")
    if gui:
        return _start_gui(argv)
    if argv[0] in ("-h", "--help"):
        build_parser().print_help()
        return EXIT_OK
    try:
        return _run_command(argv)
    except Exception:
        LOG.exception("命令行 %s 意外出错", " ".join(argv))
        raise


def _run_command(argv: list[str]) -> int:
    if argv[0] == "merge":
        from . import merge_cli  # added by the consolidation work
        return merge_cli.main(argv[1:])
    if argv[0] == "ledger":
        from . import ledger_cli  # tables 三/四 counted from the agency's ledgers
        return ledger_cli.main(argv[1:])
    args = build_parser().parse_args(argv)
    return run_reporting("govreport", COMMANDS[args.command], args)


def _utf8_stdio() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8")
        except (AttributeError, ValueError):
            pass


def _read(path: str):
    from .io.registry import read_report
    return read_report(path)


def cmd_check(args) -> int:
    result = _read(args.file)
    previous = _read(args.previous).report if args.previous else result.previous
    from .core.checks import check_report
    from .core.findings import Severity, count, findings_json, format_text
    findings = check_report(result.report, previous)
    if getattr(args, "report", None):
        from .io.write.check_report import write_check_report
        write_check_report(args.report, result.report, findings, previous)
        print(f"已导出校验清单 {args.report}", file=sys.stderr)
    if args.json:
        print(json.dumps(findings_json(findings), ensure_ascii=False, indent=2))
    else:
        for note in result.notes:
            print(f"【读取】{note}")
        print(format_text(findings))
    return EXIT_FINDINGS if count(findings, Severity.ERROR) else EXIT_OK


def cmd_dump(args) -> int:
    result = _read(args.file)
    from .core.serialize import dumps, report_to_json
    sys.stdout.write(dumps(report_to_json(result.report)))
    return EXIT_OK


def cmd_new(args) -> int:
    from .core.carryover import carry_over
    from .core.drafting import new_report
    from .core.forms import form_for_year, get_form
    from .io.registry import write_report
    previous = None
    if args.previous:
        previous = _read(args.previous).report
        if not args.year and not previous.meta.year:
            print("govreport：上年报告没有填写报告年度，请用 --year 给出本年度。", file=sys.stderr)
            return EXIT_UNREADABLE
        carried = carry_over(previous, year=args.year, form_version=args.format)
        report = carried.report
        if args.agency:
            report.meta.agency = args.agency
        for line in carried.lines():
            print(line, file=sys.stderr)
    else:
        if not args.year:
            print("govreport：请用 --year 给出报告年度（或用 --previous 给出上年报告）。", file=sys.stderr)
            return EXIT_UNREADABLE
        form = get_form(args.format) if args.format else form_for_year(args.year)
        report = new_report(form.version, args.year, args.agency or "")
    notes = write_report(args.output, report, previous)
    for note in notes:
        print(note, file=sys.stderr)
    print(f"已创建 {args.output}（{report.meta.year}年度，{report.form_version}版格式）", file=sys.stderr)
    return EXIT_OK


def cmd_export(args) -> int:
    from .io.registry import write_report
    result = _read(args.file)
    previous = _read(args.previous).report if args.previous else result.previous
    notes = write_report(args.output, result.report, previous)
    for note in notes:
        print(note, file=sys.stderr)
    print(f"已导出 {args.output}", file=sys.stderr)
    return EXIT_OK


COMMANDS = {"check": cmd_check, "dump": cmd_dump, "new": cmd_new, "export": cmd_export}


def _start_gui(argv: list[str]) -> int:
    from .qt_preflight import check as qt_preflight
    problem = qt_preflight()
    if problem:  # never Qt's own English abort
        print(problem, file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        from .qt.app import run
    except ImportError as exc:
        print(f"govreport：无法启动图形界面（{exc}）。命令行功能仍可使用，见 govreport --help。", file=sys.stderr)
        return EXIT_UNREADABLE
    return run(argv)


if __name__ == "__main__":
    raise SystemExit(main())
