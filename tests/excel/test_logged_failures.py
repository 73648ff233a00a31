"""What the Excel reader gives up on quietly (merged ranges, formulas) still leaves its file and
traceback in the log, and the figures are read as far as they can be."""

from __future__ import annotations

import logging

from govreport_gui.io.registry import read_report
from govreport_gui.io.workbook import excel_import

from .builders import filled_report, official, save


def _logged(caplog, what: str) -> logging.LogRecord:
    found = [r for r in caplog.records if what in r.getMessage()]
    assert found, [r.getMessage() for r in caplog.records]
    return found[0]


def test_merged_ranges_that_cannot_be_read_are_logged_with_the_file(tmp_path, monkeypatch, caplog):
    path = save(official(filled_report("2021")), tmp_path / "年报.xlsx")
    expected = read_report(path).report.values

    def damaged(zf, member, sheet):
        raise KeyError(f"There is no item named '{member}' in the archive")
    monkeypatch.setattr(excel_import, "_read_merges", damaged)
    with caplog.at_level(logging.WARNING, logger="govreport_gui"):
        result = read_report(path)
    assert result.report.values == expected   # merges unknown: positions judged on the columns
    record = _logged(caplog, "读不出合并单元格")
    assert str(path) in record.getMessage()
    assert record.exc_info and record.exc_info[0] is KeyError


def test_formulas_that_cannot_be_read_are_logged_with_the_file_and_sheet(tmp_path, monkeypatch, caplog):
    path = save(official(filled_report("2021"), totals="formulas"), tmp_path / "有公式.xlsx")

    def damaged(zf, member):
        raise OSError("磁盘读取错误")
    monkeypatch.setattr(excel_import, "_has_formula_tag", damaged)
    with caplog.at_level(logging.WARNING, logger="govreport_gui"):
        read_report(path)
    record = _logged(caplog, "的公式")
    assert str(path) in record.getMessage() and "按没有公式处理" in record.getMessage()
    assert record.exc_info and record.exc_info[0] is OSError
