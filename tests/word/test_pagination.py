"""Pagination of the exported Word document: table 二 stays on one page with its heading (every
row kept with the next, no row split); table 三 may break between rows, its header rows repeated
on the new page, never inside a row nor inside a group of rows (（三）…（六） with their leaves).
Checked in the document's structure and, through LibreOffice, on the rendered pages."""

from __future__ import annotations

import re
import subprocess

import docx
import pytest

from govreport_gui.core.forms import Role
from govreport_gui.core.serialize import load_file
from govreport_gui.io.registry import write_report
from govreport_gui.io.write.word_export import kept_whole

from .docx_structure import W
from .test_export import report_2019
from .test_render import _pages, tools  # noqa: F401  (the fixture that skips without LibreOffice)


def _reports(sample_path):
    return {"2021": load_file(sample_path).report, "2019": report_2019()}


def _table(document, heading: str):
    """The ``w:tbl`` following the heading paragraph ``heading``, and the paragraphs between."""
    body = document.element.body
    found, between = False, []
    for child in body.iterchildren():
        if child.tag == f"{W}p":
            text = "".join(t.text or "" for t in child.iter(f"{W}t"))
            if text == heading:
                found = True
            elif found:
                between.append(child)
        elif found and child.tag == f"{W}tbl":
            return child, between
    raise AssertionError(f"no table after “{heading}”")


def _keeps_with_next(paragraph, document) -> bool:
    ppr = paragraph.find(f"{W}pPr")
    if ppr is not None and ppr.find(f"{W}keepNext") is not None:
        return True
    style_id = ppr.find(f"{W}pStyle").get(f"{W}val") if ppr is not None and ppr.find(f"{W}pStyle") is not None else None
    style = next((s for s in document.styles if s.style_id == style_id), None)
    while style is not None:
        if style.paragraph_format.keep_with_next:
            return True
        style = style.base_style
    return False


def _rows(tbl):
    return list(tbl.iterchildren(f"{W}tr"))


def _row_has(tr, tag: str) -> bool:
    trpr = tr.find(f"{W}trPr")
    return trpr is not None and trpr.find(f"{W}{tag}") is not None


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_table_two_is_kept_on_one_page_with_its_heading(tmp_path, sample_path, version):
    report = _reports(sample_path)[version]
    report.sections["二"] = "本年主动公开情况见下表。"
    path = tmp_path / "out.docx"
    write_report(path, report)
    document = docx.Document(str(path))
    section = report.form.section("二")
    assert kept_whole(report.form.tables["二"])
    tbl, between = _table(document, section.heading)
    heading = next(p for p in document.element.body.iter(f"{W}p")
                   if "".join(t.text or "" for t in p.iter(f"{W}t")) == section.heading)
    assert _keeps_with_next(heading, document)
    assert between and all(_keeps_with_next(p, document) for p in between)  # its text too
    rows = _rows(tbl)
    assert len(rows) == report.form.tables["二"].n_rows
    for i, tr in enumerate(rows):
        assert _row_has(tr, "cantSplit"), f"row {i}"
        paragraphs = list(tr.iter(f"{W}p"))
        kept = [_keeps_with_next(p, document) for p in paragraphs]
        assert all(kept) if i < len(rows) - 1 else not any(kept), f"row {i}"


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_table_three_may_break_between_rows_with_its_header_repeated(tmp_path, sample_path, version):
    report = _reports(sample_path)[version]
    path = tmp_path / "out.docx"
    write_report(path, report)
    document = docx.Document(str(path))
    spec = report.form.tables["三"]
    assert not kept_whole(spec) and spec.header_rows > 0
    tbl, _ = _table(document, report.form.section("三").heading)
    rows = _rows(tbl)
    assert all(_row_has(tr, "cantSplit") for tr in rows)
    assert [_row_has(tr, "tblHeader") for tr in rows] == [i < spec.header_rows for i in range(len(rows))]
    body_rows = rows[spec.header_rows:-1]
    assert not all(all(_keeps_with_next(p, document) for p in tr.iter(f"{W}p")) for tr in body_rows)
    header = rows[spec.header_rows - 1]
    assert all(_keeps_with_next(p, document) for p in header.iter(f"{W}p"))  # never alone at a page foot


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("version", ["2019", "2021"])
@pytest.mark.parametrize("lines", [4, 12, 20])
def test_rendered_table_two_is_whole_on_one_page(tmp_path, sample_path, tools, version, lines):  # noqa: F811
    """Whatever the length of the text before it, every label of 二 is printed on one page."""
    report = _reports(sample_path)[version]
    report.sections["一"] = "\n".join(f"（{i + 1}）本年第{i + 1}项工作。" + "按照要求扎实推进各项公开工作，" * 6
                                      for i in range(lines))
    docx_path = tmp_path / "out.docx"
    write_report(docx_path, report)
    profile = f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}"   # not the default one another run may hold
    subprocess.run([tools, profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx_path)],
                   check=True, capture_output=True, timeout=180)
    pages = [_squash(p) for p in _pages(tmp_path / "out.pdf")]
    labels = [_squash(g.text) for g in report.form.tables["二"].grid if g.key is None and g.text]
    heading = _squash(report.form.section("二").heading)
    holding = {i for i, page in enumerate(pages) if heading in page}
    assert len(holding) == 1
    [page] = holding
    missing = [label for label in labels if label not in pages[page]]
    assert not missing, f"on another page than the heading: {missing}"


def _groups(spec):
    """三's groups of several rows (（三）不予公开 and its 8 leaves, （四）, （五）, （六） of 2021)."""
    return [g for g in spec.groups if len(g.rows) > 1]


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_table_three_keeps_each_group_together(tmp_path, sample_path, version):
    report = _reports(sample_path)[version]
    path = tmp_path / "out.docx"
    write_report(path, report)
    document = docx.Document(str(path))
    spec = report.form.tables["三"]
    tbl, _ = _table(document, report.form.section("三").heading)
    rows = _rows(tbl)
    row_of = {g.key.row: g.row for g in spec.grid if g.key is not None}
    assert len(_groups(spec)) == (4 if version == "2021" else 3)
    for group in _groups(spec):
        grid_rows = [row_of[r] for r in group.rows]
        for r in grid_rows:   # every row of the group but its last is kept with the next
            kept = all(_keeps_with_next(p, document) for p in rows[r].iter(f"{W}p"))
            assert kept == (r != grid_rows[-1]), (group.label, r)


# Prose lengths before the tables that put a page break inside a group of 三 when the groups
# were not kept together (LibreOffice's layout of the sample, both versions).
BREAKING = {"2019": (2, 8, 14), "2021": (0, 2, 8)}


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_rendered_table_three_never_splits_a_group(tmp_path, sample_path, tools, version):  # noqa: F811
    """Rendered by LibreOffice: each group's label and leaves on one page, the header repeated
    on the page the table goes on to."""
    sources = []
    for lines in BREAKING[version]:
        report = _reports(sample_path)[version]
        report.sections["一"] = "\n".join(f"（{i + 1}）本年第{i + 1}项工作。" + "按照要求扎实推进各项公开工作，" * 6
                                          for i in range(lines))
        sources.append(tmp_path / f"lines-{lines}.docx")
        write_report(sources[-1], report)
    profile = f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}"
    subprocess.run([tools, profile, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, sources)],
                   check=True, capture_output=True, timeout=600)
    spec = report.form.tables["三"]
    header = _squash(next(g.text for g in spec.grid if g.role is Role.HEADER))   # 申请人情况
    spread = 0
    for source in sources:
        pages = [_squash(p) for p in _pages(source.with_suffix(".pdf"))]
        holding = [i for i, page in enumerate(pages) if header in page]
        spread += len(holding) > 1          # the table goes on to a second page, its header repeated
        for group in _groups(spec):
            where = {i for leaf in group.rows for i, page in enumerate(pages) if _squash(leaf) in page}
            assert len(where) == 1, f"{source.name}: {group.label} on pages {sorted(where)}"
            assert _squash(group.label) in pages[where.pop()], f"{source.name}: {group.label} apart from its leaves"
    assert spread, "no layout broke the table: the test shows nothing"
