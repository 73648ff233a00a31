"""openpyxl is given a sheet's XML only as far as its cells: the stream ends after ``</sheetData>``
with the root closed, wherever the end falls between two reads, with or without a prefix."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest

from govreport_gui.io.workbook.sheet_source import _CHUNK, CellsOnly

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def sheet(prefix: str, padding: int) -> bytes:
    p = f"{prefix}:" if prefix else ""
    xmlns = f'xmlns:{prefix}="{NS}"' if prefix else f'xmlns="{NS}"'
    rows = "".join(f'<{p}row r="{r}"><{p}c r="A{r}" t="inlineStr"><{p}is><{p}t>申请{r}</{p}t></{p}is></{p}c></{p}row>'
                   for r in range(1, 4))
    return (f'<?xml version="1.0" encoding="UTF-8"?><{p}worksheet {xmlns}><{p}sheetPr/>'
            f'<{p}sheetData>{" " * padding}{rows}</{p}sheetData>'
            f'<{p}dataValidations count="1"><{p}dataValidation sqref="A1:Z99"/></{p}dataValidations>'
            f'<{p}pageSetup/></{p}worksheet>').encode()


@pytest.mark.parametrize("prefix", ["", "x"])
def test_the_stream_ends_with_the_cells_wherever_they_end(prefix):
    lengths = {len(sheet(prefix, 0))}
    base = len(sheet(prefix, 0)) - len(sheet(prefix, 0).split(b"sheetData>", 2)[2]) - 20
    for padding in range(_CHUNK - base - 40, _CHUNK - base + 40, 3):   # the end tag across a read's edge
        data = sheet(prefix, padding)
        out = CellsOnly(io.BytesIO(data)).read()
        root = ET.fromstring(out)
        names = [el.tag.split("}")[1] for el in root]
        assert names == ["sheetPr", "sheetData"], names
        assert [t.text for t in root.iter(f"{{{NS}}}t")] == ["申请1", "申请2", "申请3"]
        lengths.add(len(data))
    assert max(lengths) > _CHUNK


def test_a_sheet_without_cells_is_passed_whole():
    data = f'<worksheet xmlns="{NS}"><sheetPr/></worksheet>'.encode()
    assert CellsOnly(io.BytesIO(data)).read() == data


def test_no_data_validation_is_parsed_when_an_own_workbook_is_read(tmp_path, monkeypatch):
    from openpyxl.worksheet.datavalidation import DataValidationList

    from govreport_gui.core.serialize import load_file
    from govreport_gui.io.registry import read_report, write_report
    sample = load_file(__import__("pathlib").Path(__file__).resolve().parents[2] / "resources" / "sample-2024.govreport")
    path = tmp_path / "r.xlsx"
    write_report(path, sample.report)
    parsed = []
    real = DataValidationList.from_tree.__func__
    monkeypatch.setattr(DataValidationList, "from_tree", classmethod(lambda cls, el: parsed.append(el) or real(cls, el)))
    back = read_report(path)
    assert back.report.values == sample.report.values
    assert parsed == []
