"""Text a browser does not show is no text of the report: an element hidden by its style
(``display: none``, ``visibility: hidden``, in any case and spacing) or by the ``hidden`` attribute,
inside a sentence or as a whole paragraph."""

from __future__ import annotations

from published_corpus import assert_same_report, page_bytes, published_page

from govreport_gui.io.registry import read_report


def test_hidden_elements_are_no_words(tmp_path):
    text, expected = published_page("cms", "2021", seed=52)
    one = expected.sections["一"].split("\n")[0]
    cut = len(one) // 2
    hidden = ('<span style="visibility: hidden">（草稿，勿发布）</span><span style="DISPLAY : NONE">内部备注</span>'
              '<span hidden>另一处备注</span>')
    assert text.count(one) == 1
    page = text.replace(one, one[:cut] + hidden + one[cut:]).replace(
        expected.sections["五"].split("\n")[0], '<p style="visibility:hidden">整段隐藏的说明。</p>'
        + expected.sections["五"].split("\n")[0], 1)
    path = tmp_path / "p.html"
    path.write_bytes(page_bytes(page))
    result = read_report(path)
    everything = repr(result.report.sections) + repr(result.report.meta)
    for words in ("草稿", "内部备注", "另一处备注", "整段隐藏"):
        assert words not in everything
    assert_same_report(result, expected)
