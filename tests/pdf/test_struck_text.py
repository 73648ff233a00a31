"""A PDF printed with its changes shown (Word, WPS and LibreOffice print a deletion struck through
and an insertion underlined): the struck words are no text of the report, nor are struck figures."""

from __future__ import annotations

from govreport_gui.io.registry import read_report

from .drawn import LEFT, Page, pdf_bytes, text_width

HEADINGS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
SIZE = 16.0


def _page(lines: list[tuple[str, str]]) -> Page:
    """Lines of (kept, struck-and-inserted) text: ``"前文|删去的话|新写的话"`` strikes the middle part
    and underlines the last, as a deletion and an insertion are printed; ``"=文字"`` draws a rule under
    the whole line from margin to margin (a separator, no strike)."""
    page = Page()
    top = 90.0
    for text, how in lines:
        x = LEFT
        parts = text.split("|") if how == "changes" else [text]
        for n, part in enumerate(parts):
            page.text(x, top, part, SIZE)
            width = text_width(part, SIZE)
            if how == "changes" and n == 1:    # deleted: a rule through the middle of its characters
                page.line(x, top + 0.65 * SIZE, x + width, top + 0.65 * SIZE)
            if how == "changes" and n == 2:    # inserted: underlined
                page.line(x, top + SIZE + 1.5, x + width, top + SIZE + 1.5)
            x += width
        if how == "rule":                      # a rule across the page through the line's middle
            page.line(40, top + 0.6 * SIZE, 555, top + 0.6 * SIZE)
        top += 28
    return page


def test_struck_words_are_left_out_and_inserted_ones_kept(tmp_path):
    lines = [("某某县农业农村局2024年政府信息公开工作年度报告", ""),
             ("本报告统计期限自2024年1月1日起至2024年12月31日止。", ""),
             (HEADINGS[0], ""),
             ("全年按季度|试行办法已经废止的|更新公开目录，专人负责。", "changes"),
             *((h, "") for h in HEADINGS[1:5]),
             ("一是栏目更新不够及时。", ""),
             (HEADINGS[5], ""),
             ("本年度未收取信息处理费。", "rule"),
             ("某某县农业农村局", ""), ("2025年1月20日", "")]
    path = tmp_path / "changes.pdf"
    path.write_bytes(pdf_bytes([_page(lines)]))
    result = read_report(path)
    report = result.report
    assert report.sections["一"] == "全年按季度更新公开目录，专人负责。"
    assert report.sections["六"] == "本年度未收取信息处理费。"      # a rule across the line strikes nothing
    assert (report.meta.issuing_organ, report.meta.date) == ("某某县农业农村局", "2025年1月20日")
    assert any("划掉的文字" in n and "试行办法已经废止的" in n for n in result.notes)


def test_a_figure_corrected_with_changes_shown_reads_as_corrected(tmp_path, monkeypatch):
    """``1881881`` struck on the cell's first line and ``181`` underlined on its second (the narrow
    column wrapped them), as LibreOffice prints a corrected figure: the cell holds 181 — the
    strike's rule does not cut the cell in two."""
    from report_builders import balanced

    from govreport_gui.core.forms import CellKey

    from . import drawn

    report = balanced("2021")
    key = CellKey("三", "（一）予以公开", "自然人")
    report.set(key, 1881881181)
    plain_text, plain_wrap = drawn.Page.text, drawn.wrap

    def wrap(words, width, size):
        return ["1881881", "181"] if words == "1881881181" else plain_wrap(words, width, size)

    def text(page, x, top, words, size, *rest):
        plain_text(page, x, top, words, size, *rest)
        if words == "1881881":
            page.line(x, top + 0.65 * size, x + text_width(words, size), top + 0.65 * size)
        if words == "181":
            page.line(x, top + size + 1, x + text_width(words, size), top + size + 1)

    monkeypatch.setattr(drawn.Page, "text", text)
    monkeypatch.setattr(drawn, "wrap", wrap)
    path = tmp_path / "figure.pdf"
    path.write_bytes(drawn.draw_report(report))
    result = read_report(path)
    assert result.report.get(key) == 181
    assert result.report.get(CellKey("三", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "自然人")) == \
        report.get(CellKey("三", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "自然人"))
    assert any("划掉的文字" in n and "1881881" in n for n in result.notes)


def test_a_row_whose_label_the_page_cut_goes_on_whatever_its_figures():
    """``2.其他法律行政法规禁`` | ``止公开`` across a page break, the row's first figure only on the
    next page (above it an empty cell: its first value was struck out): one row."""
    from govreport_gui.io.published.pdf_import import _Cell, _split_row

    last = [_Cell(150, 680, 270, 720, "2.其他法律行政法规禁"), _Cell(270, 680, 310, 720, ""),
            _Cell(310, 680, 350, 720, "385")]
    first = [_Cell(150, 100, 270, 130, "止公开"), _Cell(270, 100, 310, 130, "181"), _Cell(310, 100, 350, 130, "")]
    assert _split_row(last, first)
    other = [_Cell(150, 100, 270, 130, "3.危及“三安全一稳定”"), _Cell(270, 100, 310, 130, "7"),
             _Cell(310, 100, 350, 130, "2")]
    assert not _split_row([_Cell(150, 680, 270, 720, "2.其他法律行政法规禁止公开"), *last[1:]], other)
