"""Text pasted with control characters (or read from old .xls files) must not break the writers
of the check report and the unit list: the characters are dropped, the file is written."""

import openpyxl
from docx import Document as DocxDocument

from govreport_gui.core.checks import check_report
from govreport_gui.core.serialize import load_file
from govreport_gui.io.safety.text_safety import xml_safe
from govreport_gui.io.write.check_report import write_check_report


def test_xml_safe():
    assert xml_safe("某\x01局\x0b第二行\x0c") == "某局\n第二行\n"


def test_check_report_with_control_characters(tmp_path, sample_path):
    loaded = load_file(sample_path)
    report = loaded.report
    report.meta.agency = "青禾市\x01临川区人民政府办公室"
    report.sections["一"] += "\x02附加"
    findings = check_report(report, loaded.previous)
    write_check_report(tmp_path / "a.docx", report, findings, loaded.previous)
    write_check_report(tmp_path / "a.xlsx", report, findings, loaded.previous)
    text = "\n".join(p.text for p in DocxDocument(str(tmp_path / "a.docx")).paragraphs)
    assert "青禾市临川区人民政府办公室" in text
    assert openpyxl.load_workbook(tmp_path / "a.xlsx").sheetnames
