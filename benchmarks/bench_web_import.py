"""Import of a saved web page of a published report against a bare ``lxml.html`` parse of the same
file (target: ≤ 2×).  The page is the sample report published in the corpus's old-portal style
(layout tables, navigation, breadcrumb, sidebar, footer; ``tests/published_corpus.py``), in GBK,
measured twice: the article alone, and as a browser saves it from a portal — with the inline
scripts, style sheet and menus of a typical government site (about 150 KB).
Prints the best of several runs, taken in turn; never asserts.

    python3 benchmarks/bench_web_import.py [REPEATS]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import lxml.html  # noqa: E402
from published_corpus import page_html  # noqa: E402

from govreport_gui.core.serialize import load_file  # noqa: E402
from govreport_gui.io.registry import read_report  # noqa: E402

SAMPLE = ROOT / "resources" / "sample-2024.govreport"
TARGET_RATIO = 2.0
STYLE = "layout"


def saved_page(folder: Path, furniture: bool = False) -> Path:
    report = load_file(SAMPLE).report
    text = page_html(report, STYLE, seed=1, charset="gbk")
    if furniture:
        text = text.replace("</head>", f"<style>{PORTAL_CSS}</style><script>{PORTAL_JS}</script></head>", 1)
        text = text.replace("<body>", f"<body>{PORTAL_MENU}", 1).replace("</body>", f"{PORTAL_LINKS}</body>", 1)
    path = folder / ("portal.html" if furniture else "article.html")
    path.write_bytes(text.encode("gbk"))
    return path


# what a portal's page carries besides the article (sizes as seen on county and city sites)
PORTAL_CSS = "".join(f".m{i} li a{{color:#333;font-size:14px;line-height:30px;padding:0 {i % 9}px}}\n" for i in range(600))
PORTAL_JS = "".join(f"function f{i}(a){{var b=document.getElementById('m{i}');if(b){{b.style.display=a?'block':'none';}}}}\n"
                    for i in range(700))
PORTAL_MENU = "<div class='menu'><ul>" + "".join(
    f"<li><a href='/col/col{i}/index.html'>栏目{i}</a><ul>" + "".join(f"<li><a href='/col/col{i}_{j}/'>子栏目{j}</a></li>"
                                                                   for j in range(8)) + "</ul></li>" for i in range(40)) + "</ul></div>"
PORTAL_LINKS = "<div class='links'>" + "".join(f"<a href='http://www.example{i}.gov.cn/'>友情链接{i}</a>" for i in range(120)) + "</div>"


def bare(path: Path) -> None:
    lxml.html.document_fromstring(path.read_bytes())


def ours(path: Path) -> None:
    read_report(path)


def timed(path: Path, repeats: int) -> tuple[float, float]:
    """The best times of the bare parse and of ours, run in turn (the machine's load hits both)."""
    times: dict[object, list[float]] = {bare: [], ours: []}
    for _ in range(repeats):
        for fn in (bare, ours):
            start = time.perf_counter()
            fn(path)
            times[fn].append(time.perf_counter() - start)
    return min(times[bare]), min(times[ours])


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    with tempfile.TemporaryDirectory(prefix="bench-web-") as tmp:
        for furniture, what in ((False, "article"), (True, "portal")):
            path = saved_page(Path(tmp), furniture)
            ours(path)   # warm: imports, label index
            bare_t, ours_t = timed(path, repeats)
            ratio = ours_t / bare_t
            flag = "" if ratio <= TARGET_RATIO else f"  超过目标 {TARGET_RATIO}×"
            print(f"{what} page: {path.stat().st_size // 1024} KB")
            print(f"{what} bare lxml.html parse: {bare_t * 1000:.2f} ms")
            print(f"{what} web page import (read_report): {ours_t * 1000:.2f} ms")
            print(f"{what} ratio: {ratio:.2f}×{flag}")


if __name__ == "__main__":
    main()
