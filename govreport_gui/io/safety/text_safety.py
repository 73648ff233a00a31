"""Text that Word, WPS and Excel files can hold: XML 1.0 has no place for most control characters
(pasted from other programs, or read from old .xls files), and writing one raises deep inside
python-docx / openpyxl.  Every writer cleans its text with ``xml_safe``."""

from __future__ import annotations

import re

_NOT_XML = re.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """``text`` without characters XML cannot hold; Word's manual line / page break become line breaks."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return _NOT_XML.sub("", text.replace("\x0b", "\n").replace("\x0c", "\n"))


def safe_cell(value: object) -> object:
    """A spreadsheet cell value with its text cleaned (numbers pass through)."""
    return xml_safe(value) if isinstance(value, str) else value
