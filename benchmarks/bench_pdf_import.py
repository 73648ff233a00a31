"""Import of a 6-page published PDF against a bare ``pdfplumber.open`` + ``extract_tables`` of every
page of the same file (target: ≤ 1.5×).  The PDF is the sample report with longer prose, exported
to Word and converted by LibreOffice (skipped with a message when LibreOffice is absent).
Prints the best of several runs, taken in turn; never asserts.

    python3 benchmarks/bench_pdf_import.py [REPEATS]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import pdfplumber  # noqa: E402

from govreport_gui.core.serialize import load_file  # noqa: E402
from govreport_gui.io.registry import read_report, write_report  # noqa: E402
from govreport_gui.io.write.pdf_export import find_soffice  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[1] / "resources" / "sample-2024.govreport"
TARGET_RATIO = 1.5
PAGES = 6
PARAGRAPH = ("本机关坚持以公开为常态、不公开为例外，围绕中心工作，不断加大主动公开力度，规范依申请公开办理，"
             "完善政府信息公开平台建设，加强政策解读和回应关切，政府信息公开工作取得新进展。")


def published_pdf(folder: Path) -> Path:
    """The sample report as a PDF of ``PAGES`` pages (prose added until it has them)."""
    report = load_file(SAMPLE).report
    for paragraphs in range(4, 200, 4):
        for key in ("一", "五", "六"):
            report.sections[key] = "\n".join([PARAGRAPH] * paragraphs)
        path = folder / "published.pdf"
        write_report(path, report)
        with pdfplumber.open(path) as pdf:
            if len(pdf.pages) >= PAGES:
                return path
    raise SystemExit("could not make a PDF of 6 pages")


def bare(path: Path) -> None:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_tables()


def ours(path: Path) -> None:
    read_report(path)


def timed(path: Path, repeats: int) -> tuple[float, float]:
    """The best times of the bare reading and of ours, run in turn (the machine's load hits both)."""
    times: dict[object, list[float]] = {bare: [], ours: []}
    for _ in range(repeats):
        for fn in (bare, ours):
            start = time.perf_counter()
            fn(path)
            times[fn].append(time.perf_counter() - start)
    return min(times[bare]), min(times[ours])


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    if not find_soffice():
        print("没有 LibreOffice，跳过 PDF 导入基准")
        return
    with tempfile.TemporaryDirectory(prefix="bench-pdf-") as tmp:
        path = published_pdf(Path(tmp))
        with pdfplumber.open(path) as pdf:
            pages = len(pdf.pages)
        ours(path)   # warm: imports, label index
        bare_t, ours_t = timed(path, repeats)
    ratio = ours_t / bare_t
    flag = "" if ratio <= TARGET_RATIO else f"  超过目标 {TARGET_RATIO}×"
    print(f"pages: {pages}")
    print(f"bare pdfplumber open + extract_tables: {bare_t * 1000:.1f} ms")
    print(f"PDF import (read_report): {ours_t * 1000:.1f} ms")
    print(f"ratio: {ratio:.2f}×{flag}")


if __name__ == "__main__":
    main()
