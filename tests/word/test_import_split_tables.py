"""Tables split in two Word tables, as clerks and PDF→Word conversion leave them: the parts are
joined again, and when a part cannot be used the clerk is told (never figures lost silently)."""

from __future__ import annotations

import re

import docx
import pytest

from govreport_gui.core.forms import get_form
from govreport_gui.core.report import Report
from govreport_gui.io.registry import read_report

from .docx_builders import add_table, official_rows, split_table


def _report(version: str, table_id: str) -> Report:
    report = Report.new(version)
    for n, spec in enumerate(report.form.tables[table_id].cells, 1):
        if not spec.computed:
            report.set(spec.key, n)
    return report


def _write(path, heading, *tables):
    document = docx.Document()
    document.add_paragraph("某某局2022年政府信息公开工作年度报告")
    document.add_paragraph(heading)
    for table in tables:
        add_table(document, *table)
        document.add_paragraph("")
    document.save(str(path))
    return path


def _unnumbered(label: str) -> str:
    return re.sub(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)", "", label)


@pytest.mark.parametrize("cut", [2, 3])   # inside the header rows / between headers and figures
def test_table_four_split_between_header_rows_and_figures_is_joined(tmp_path, cut):
    report = _report("2021", "四")
    rows, spans = official_rows(report, "四")
    path = _write(tmp_path / "split4.docx", "四、政府信息公开行政复议、行政诉讼情况", *split_table(rows, spans, cut))
    back = read_report(path).report
    for spec in report.form.tables["四"].cells:
        if not spec.computed:
            assert back.values.get(spec.key) == report.values[spec.key], spec.key


def test_figures_that_cannot_be_joined_are_noted(tmp_path):
    report = _report("2021", "四")
    rows, spans = official_rows(report, "四")
    (head, head_spans), (figures, _) = split_table(rows, spans, 3)
    figures = [row[:14] for row in figures]          # one column lost: not the same width
    path = _write(tmp_path / "split4.docx", "四、政府信息公开行政复议、行政诉讼情况", (head, head_spans), (figures, []))
    notes = [str(n) for n in read_report(path).notes]
    assert any(n.startswith("第2个表格只有数字") and "合并" in n for n in notes), notes
    assert any("表四" in n and "全部是空白" in n for n in notes), notes


def test_split_table_three_with_unnumbered_total_and_other_is_joined(tmp_path):
    report = _report("2021", "三")
    rows, spans = official_rows(report, "三", label=_unnumbered)
    first, second = split_table(rows, spans, 20)
    assert "其他" in [t for row in second[0] for t in row[:3]] and "总计" in [t for row in second[0] for t in row[:3]]
    back = read_report(_write(tmp_path / "split3.docx", "三、收到和处理政府信息公开申请情况", first, second)).report
    form = get_form("2021")
    later = {g.key for g in form.tables["三"].grid if g.key and g.row >= 20}
    read = [k for k in later if not form.cell(k).computed and back.values.get(k) == report.values[k]]
    # the rows of the second part are read (not only those before the cut)
    assert any(k.row.endswith("要求提供公开出版物") for k in read)
    assert any(k.row.endswith("结转下年度继续办理") for k in read)
