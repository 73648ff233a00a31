"""The three real reports of ../shared/samples (their prose read at test time, never copied here;
figures from tests/fixtures/samples) published again in every site structure of the corpus and
saved as Word: the real wording of each section comes back whole and in its own section, the
preface whole, agency and year right, no site text in the report.  And the plain text of each
sample, wrapped in a crawler's header and a site footer, read as it stands: its own headings
(``1、 总体情况``, ``六、其他需求报告的事项``), its own title lines."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
from site_pages import FOOTER, FOOTER_LINKS, FRAMES, NAV, QR, TOOLS, Page, assert_reads_as_published, page_docx, site_page

from govreport_gui.io.published.blocks import Block
from govreport_gui.io.published.document import read_blocks
from govreport_gui.io.registry import read_report


def _sample_prose():
    """tests/content/sample_prose.py (the one cutter of the samples' prose)."""
    if "sample_prose" not in sys.modules:
        spec = importlib.util.spec_from_file_location("sample_prose", Path(__file__).parents[1] / "content" / "sample_prose.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        sys.modules["sample_prose"] = module
    return sys.modules["sample_prose"]


SAMPLES = ("2019_haishu_district", "2019_xiangcheng_office", "2020_hanbin_district")


@pytest.mark.parametrize("frame", [*FRAMES, "word"])
@pytest.mark.parametrize("name", SAMPLES)
def test_real_words_in_every_site_structure(tmp_path, name, frame):
    words = _sample_prose().sample_report(name)
    page = Page(frame, seed=len(frame), title=("agency_above", "year_first")[len(name) % 2], headings="reworded",
                signed=frame in ("trs", "word"))
    if frame == "word":
        path = tmp_path / "年报.docx"
        expected = page_docx(page, path, words)
    else:
        text, expected = site_page(page, words)
        path = tmp_path / "年报.html"
        path.write_bytes(text.encode("utf-8"))
    assert any(len(v) > 200 for v in expected.report.sections.values())   # real prose, not a stub
    assert_reads_as_published(read_report(path), expected)


@pytest.mark.parametrize("name", SAMPLES)
def test_sample_text_as_a_crawler_saved_it(name):
    sample = _sample_prose()
    text = sample.shared_path("samples", "reports", f"{name}.txt").read_text("utf-8")
    _, sections = sample.split_sections(text)
    lines = [line for line in text.splitlines() if line.strip()]
    page = (["标题：" + lines[0].strip(), "采集时间：2024-03-02 14:20:11", *NAV, "2021-01-20", *TOOLS, *lines,
             "附件下载：", QR, *FOOTER_LINKS, *FOOTER])
    result = read_blocks([Block("p", line) for line in page], name)
    got = result.report

    def words(s: str) -> str:
        return "".join(s.split())

    for key in ("一", "五", "六"):
        assert words(got.sections.get(key, "")) == words(sections[key]), key
    assert got.meta.year == int(name[:4])
    assert not any(line in got.meta.preamble + "".join(got.sections.values()) for line in (*FOOTER, QR, *TOOLS))
