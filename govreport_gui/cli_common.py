"""What the command-line programs (``govreport``, ``govreport merge``, ``govreport ledger``) share:
a parser whose errors are one Chinese line and exit 2, the run that turns a file that cannot be read
or written into one line (the log has its traceback, written where it was raised), and whether two
paths name one file."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from .core.errors import ReadError, WriteError

EXIT_UNREADABLE = 2
EXIT_INTERRUPTED = 130


class Parser(argparse.ArgumentParser):
    """argparse's own messages, but ``程序：参数错误：…`` on one line after the usage, and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        print(f"{self.prog}：参数错误：{message}", file=sys.stderr)
        raise SystemExit(EXIT_UNREADABLE)


def run_reporting(prog: str, run: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """``run(args)``; a file that cannot be read or written is one line ``prog：…`` and exit 2,
    Ctrl+C exit 130."""
    try:
        return run(args)
    except (ReadError, WriteError) as exc:   # logged with its traceback where it was raised
        print(f"{prog}：{exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED


def same_file(a: str | Path, b: Path) -> bool:
    """Whether ``a`` and ``b`` name one file (False when either cannot be resolved)."""
    try:
        return Path(a).resolve() == b.resolve()
    except OSError:
        return False
