"""Import time of report workbooks against a bare ``openpyxl.load_workbook`` of the same file.

Target (issue 4): a typical report workbook imports within 2× of a bare (default-mode)
``openpyxl.load_workbook``.  Also timed: our own export, a clerk's workbook whose totals are
formulas without cached values (the second, formula-reading pass), a .xls file (if LibreOffice is
there to make one), a sheet of 100 000 rows and a very wide sheet (answered from their first
rows only).  Prints the
times; never asserts.

    python3 benchmarks/bench_excel_import.py [REPEATS]
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import openpyxl  # noqa: E402
from excel.builders import as_clerk_types, filled_report, official, save, variant  # noqa: E402

from govreport_gui.core.errors import ReadError  # noqa: E402
from govreport_gui.io.registry import read_report  # noqa: E402
from govreport_gui.io.write.excel_export import write_xlsx  # noqa: E402

TARGET_RATIO = 2.0


def best_of(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def bare_load(path: Path) -> None:
    wb = openpyxl.load_workbook(path)
    wb.close()


def our_import(path: Path) -> None:
    try:
        read_report(path)
    except ReadError:
        pass


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    tmp = Path(tempfile.mkdtemp(prefix="bench-excel-"))
    files = {}
    report = filled_report("2021", seed=1)
    files["典型（官方版式，合并单元格，文本数字）"] = save(official(report, label=variant, number=as_clerk_types),
                                           tmp / "typical.xlsx")
    files["典型（2019版，合计为数字）"] = save(official(filled_report("2019", seed=2)), tmp / "typical2019.xlsx")
    files["合计为无缓存值的公式"] = save(official(report, totals="formulas"), tmp / "formulas.xlsx")
    ours = tmp / "ours.xlsx"
    write_xlsx(ours, report, None)
    files["本程序导出的工作簿"] = ours
    big = openpyxl.Workbook(write_only=True)
    ws = big.create_sheet("明细")
    for i in range(100_000):
        ws.append([i, f"记录{i}", i * 2])
    big.save(tmp / "rows100k.xlsx")
    files["10 万行的工作表（无年报）"] = tmp / "rows100k.xlsx"
    wide = openpyxl.Workbook(write_only=True)
    ws = wide.create_sheet("宽表")
    for i in range(3000):
        ws.append(list(range(400)))
    wide.save(tmp / "wide.xlsx")
    files["3000 行 × 400 列（无年报）"] = tmp / "wide.xlsx"

    print(f"{'文件':<28}{'openpyxl.load_workbook':>24}{'导入':>12}{'倍数':>8}")
    for name, path in files.items():
        bare, _ = best_of(lambda: bare_load(path), max(1, repeats if "无年报" not in name else 1))
        ours_t, median = best_of(lambda: our_import(path), repeats)
        ratio = ours_t / bare
        flag = "" if ratio <= TARGET_RATIO else f"  超过目标 {TARGET_RATIO}×"
        print(f"{name:<28}{bare * 1000:>20.1f} ms{ours_t * 1000:>9.1f} ms{ratio:>7.2f}×{flag}"
              f"   (中位数 {median * 1000:.1f} ms)")

    soffice = shutil.which("soffice")
    if soffice:
        subprocess.run([soffice, f"-env:UserInstallation=file://{tmp}/lo", "--headless", "--convert-to", "xls",
                        "--outdir", str(tmp), str(files["典型（官方版式，合并单元格，文本数字）"])],
                       check=True, capture_output=True, timeout=180)
        xls = tmp / "typical.xls"
        ours_t, median = best_of(lambda: our_import(xls), repeats)
        print(f"{'典型 .xls（xlrd）':<28}{'—':>23}{ours_t * 1000:>12.1f} ms")
    else:
        print("没有 LibreOffice，跳过 .xls")
    shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
