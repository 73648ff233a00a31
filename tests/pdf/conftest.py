"""The PDF corpus, converted once per test session by LibreOffice (one run for all files)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from govreport_gui.io.registry import write_report

from .corpus import STYLES, convert, html_page, published_report

FILLERS = (0, 6, 9, 12)
ENCRYPT = ('pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},'
           '"DocumentOpenPassword":{"type":"string","value":"x"}}')


@dataclass
class Corpus:
    word: dict[str, Path]          # version -> our Word export converted by LibreOffice
    pages: dict[str, list[Path]]   # version -> HTML pages in portal styles converted by LibreOffice
    encrypted: Path


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Corpus:
    src = tmp_path_factory.mktemp("pdf-src")
    out = tmp_path_factory.mktemp("pdf-out")
    sources, pages = [], {}
    for version in ("2019", "2021"):
        report = published_report(version)
        docx = src / f"word-{version}.docx"
        write_report(docx, report)
        sources.append(docx)
        pages[version] = []
        for style in STYLES:
            for filler in FILLERS:
                for thead in (False, True):
                    page = src / f"{style}-{version}-{filler}-{'thead' if thead else 'plain'}.html"
                    page.write_text(html_page(report, style, filler, thead, narrow_labels=style == "narrow"), encoding="utf-8")
                    sources.append(page)
                    pages[version].append(out / (page.stem + ".pdf"))
    convert(sources, out)
    secret = tmp_path_factory.mktemp("pdf-encrypted")
    encrypted = convert([src / "word-2021.docx"], secret, ENCRYPT)
    return Corpus({v: out / f"word-{v}.pdf" for v in ("2019", "2021")}, pages, encrypted[0])
