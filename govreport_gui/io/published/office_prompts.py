"""The prompt an office suite shows in a field nobody filled in: no text of the report.

A template's content control left empty shows Word's prompt (``单击或点击此处输入文字。``, older
Word ``单击此处输入文字。``, a date picker ``单击或点击以输入日期。``).  In a ``.docx`` it is marked as
such (``w:showingPlcHdr``, read by ``word_import.showing_placeholder``), but it is printed — a PDF
made from the file holds it as text — and a ``.doc`` has no content controls: Word and WPS keep the
prompt as plain text, and LibreOffice writes it as a form field's text.  Wherever it comes from,
the prompt is the program's words, not the clerk's, and is taken out of the line it stands in.
"""

from __future__ import annotations

import re

#: Word's and WPS's prompts for text and dates (Chinese and English Word), with or without the
#: closing full stop.
_PROMPT = re.compile(
    r"(?:单击|点击|轻击)(?:或(?:点击|轻击|点按))?(?:此处|这里|以)(?:以)?(?:输入|键入)(?:文字|文本|日期|内容)[。.]?"
    r"|(?:Click|Tap)(?: or tap)? here to enter (?:text|a date)\.?", re.IGNORECASE)


def without_prompts(text: str) -> tuple[str, int]:
    """``text`` without the office suite's prompts in it, and how many there were."""
    if "此" not in text and "以" not in text and "here" not in text.lower():
        return text, 0
    kept, found = _PROMPT.subn("", text)
    return (kept.strip(" \t\u3000"), found) if found else (text, 0)


def prompts_note(found: int) -> str:
    """The import note for ``found`` prompts left out (empty when none)."""
    if not found:
        return ""
    return ("文档中未填写的输入提示（如“单击或点击此处输入文字。”，Word/WPS 内容控件的占位文字）"
            f"不是报告内容，未读取（共{found}处）")
