"""Word export of the full sample report against python-docx writing the same three tables bare.

Target: the whole export (template, prose, three tables, save, self-check re-read, atomic write)
within 2× of python-docx building the three tables with ``add_table`` + ``merge`` + cell text and
saving.  Also prints the size of the written file.  Reports, never asserts.

    python3 benchmarks/bench_word_export.py
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from govreport_gui.core.recalc import recalculate  # noqa: E402
from govreport_gui.core.serialize import load_file  # noqa: E402
from govreport_gui.io.write.word_export import cell_value_text, render_docx, self_check, write_docx  # noqa: E402

SAMPLE = Path(__file__).resolve().parents[1] / "resources" / "sample-2024.govreport"


def median_ms(fn, repeat: int = 15) -> float:
    fn()  # warm-up (imports, template cache of the OS)
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples) * 1000


def bare_tables(report) -> bytes:
    """python-docx alone: the three tables with their merges and texts, nothing else."""
    import docx

    form = report.form
    values = dict(report.values)
    values.update(recalculate(form, report.values))
    document = docx.Document()
    for spec in form.tables.values():
        table = document.add_table(rows=spec.n_rows, cols=spec.n_cols)
        for g in spec.grid:
            cell = table.cell(g.row, g.col)
            if g.rowspan > 1 or g.colspan > 1:
                cell = cell.merge(table.cell(g.row + g.rowspan - 1, g.col + g.colspan - 1))
            cell.text = cell_value_text(form, g.key, values.get(g.key)) if g.key else g.text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def main() -> None:
    report = load_file(SAMPLE).report
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.docx"
        full = median_ms(lambda: write_docx(out, report))
        render = median_ms(lambda: render_docx(report))
        data, _ = render_docx(report)
        check = median_ms(lambda: self_check(data, report))
        bare = median_ms(lambda: bare_tables(report))
        size = out.stat().st_size
    bare_size = len(bare_tables(report))
    print(f"full export (render + self-check + atomic write): {full:7.1f} ms")
    print(f"  render only:                                    {render:7.1f} ms")
    print(f"  self-check only (re-open + read every figure):   {check:7.1f} ms")
    print(f"python-docx, the three tables bare:               {bare:7.1f} ms")
    print(f"ratio full / bare: {full / bare:.2f}×  (target ≤ 2×)")
    print(f"file size: {size / 1024:.1f} KiB (bare tables: {bare_size / 1024:.1f} KiB)")


if __name__ == "__main__":
    main()
