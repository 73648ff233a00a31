"""Word export: every label, figure and merge, page setup, fonts, self-check, unwritable paths."""

from __future__ import annotations

import json
import os
from decimal import Decimal

import docx
import pytest
from docx.shared import Mm
from support import REPO, shared_path

from govreport_gui.core.errors import WriteError
from govreport_gui.core.forms import CellKey, Role, get_form
from govreport_gui.core.recalc import recalculate
from govreport_gui.core.serialize import load_file, report_from_json
from govreport_gui.io.published.word_import import table_grid
from govreport_gui.io.registry import write_report
from govreport_gui.io.write import word_export, word_template

from .docx_structure import W, merge_structure

FIXTURES = REPO / "tests" / "fixtures" / "samples"


@pytest.fixture
def sample(sample_path):
    return load_file(sample_path)


def report_2019():
    """A real 2019-format report (海曙区 2019, transcribed figures) with prose added."""
    report = report_from_json(json.loads((FIXTURES / "2019_haishu_district.json").read_text("utf-8")))
    report.sections["一"] = ("2019年，海曙区扎实推进政务公开。\n（一）加强制度和载体建设。先后下发一系列文件。\n"
                             "（二）深入推进信息发布\n1.政策解读。全年解读文件21件。")
    report.sections["六"] = "无。"
    report.meta.issuing_organ = "宁波市海曙区人民政府办公室"
    report.meta.date = "2020年1月20日"
    return report


def export(tmp_path, report, name="out.docx", previous=None):
    path = tmp_path / name
    notes = write_report(path, report, previous)
    return path, notes, docx.Document(str(path))


def expected_values(report):
    values = dict(report.values)
    values.update(recalculate(report.form, report.values))
    return values


def assert_tables_match(document, report):
    """Every grid cell of every declared table at its place: labels verbatim, figures as text."""
    form = report.form
    values = expected_values(report)
    tables = document.tables
    assert len(tables) == len(form.tables)
    for word_table, section in zip(tables, [s for s in form.sections if s.table]):
        spec = form.tables[section.table]
        grid = table_grid(word_table._tbl)
        assert grid.n_rows == spec.n_rows
        for g in spec.grid:
            cell = grid.at(g.row, g.col)
            assert cell is not None, (spec.id, g)
            assert (cell.row, cell.col, cell.rowspan, cell.colspan) == (g.row, g.col, g.rowspan, g.colspan), g
            text = cell.text.replace("\n", "")
            if g.key is None:
                assert text == g.text
            else:
                assert text == word_export.cell_value_text(form, g.key, values.get(g.key))


def test_sample_2021_every_label_figure_and_merge(tmp_path, sample):
    path, notes, document = export(tmp_path, sample.report, previous=sample.previous)
    assert any("复核" in n and "一致" in n for n in notes)
    assert_tables_match(document, sample.report)
    # a few figures spelled out, independent of the exporter's own formatting function
    t3 = table_grid(document.tables[1]._tbl)
    texts = [c.text for c in t3.cells]
    assert "220" in texts and "（七）总计" in texts
    t2 = [c.text for c in table_grid(document.tables[0]._tbl).cells]
    assert "215.36" in t2                     # 2021 money: the header names 万元, no unit
    paragraphs = [p.text for p in document.paragraphs]
    for section in sample.report.form.sections:
        assert section.heading in paragraphs
    assert paragraphs[0] == "青禾市临川区人民政府办公室2024年"
    assert paragraphs[1] == "政府信息公开工作年度报告"
    assert paragraphs[-2:] == ["青禾市临川区人民政府办公室", "2025年1月20日"]
    assert sample.report.meta.preamble in paragraphs


def test_blank_cells_written_as_zero_and_totals_recomputed(tmp_path, sample):
    report = sample.report
    report.printed[CellKey("三", "（七）总计", "总计")] = 999999  # a wrong printed total is not exported
    _, _, document = export(tmp_path, report)
    t3 = table_grid(document.tables[1]._tbl)
    spec = report.form.tables["三"]
    for g in spec.grid:
        if g.key is not None:
            assert t3.at(g.row, g.col).text != ""
    row = spec.grid_cell_of(CellKey("三", "（七）总计", "总计"))
    assert t3.at(row.row, row.col).text == str(recalculate(report.form, report.values)[row.key])
    assert "999999" not in [c.text for c in t3.cells]


def test_2019_report_money_unit_and_structure(tmp_path):
    report = report_2019()
    _, notes, document = export(tmp_path, report)
    assert_tables_match(document, report)
    t2 = [c.text for c in table_grid(document.tables[0]._tbl).cells]
    assert "39953.93万元" in t2          # 采购总金额 has no unit in its header
    assert "处理决定数量" in t2 and "本年增/减" in t2
    t3 = table_grid(document.tables[1]._tbl)
    assert t3.n_rows == 3 + 23
    paragraphs = [p.text for p in document.paragraphs]
    assert paragraphs[0] == "宁波市海曙区人民政府2019年"


def test_2021_merges_match_the_official_template(tmp_path, sample):
    reference = docx.Document(str(shared_path("reference", "official-2021-template.docx")))
    _, _, document = export(tmp_path, sample.report)
    assert len(reference.tables) == len(document.tables) == 3
    for ref_table, our_table in zip(reference.tables, document.tables):
        assert merge_structure(our_table._tbl) == merge_structure(ref_table._tbl)


def test_table_properties(tmp_path, sample):
    _, _, document = export(tmp_path, sample.report)
    form = sample.report.form
    for word_table, section in zip(document.tables, [s for s in form.sections if s.table]):
        spec = form.tables[section.table]
        tbl = word_table._tbl
        assert tbl.find(f"{W}tblPr/{W}jc").get(f"{W}val") == "center"
        widths = [int(c.get(f"{W}w")) for c in tbl.find(f"{W}tblGrid")]
        assert sum(widths) == word_template.TEXT_WIDTH          # full text width
        rows = list(tbl.iterchildren(f"{W}tr"))
        for i, tr in enumerate(rows):
            assert tr.find(f"{W}trPr/{W}cantSplit") is not None
            assert (tr.find(f"{W}trPr/{W}tblHeader") is not None) == (i < spec.header_rows)
        # value cells centred
        for tc in tbl.iter(f"{W}tc"):
            text = "".join(t.text for t in tc.iter(f"{W}t"))
            if text.replace(".", "").isdigit():
                assert tc.find(f"{W}p/{W}pPr/{W}jc").get(f"{W}val") == "center"
    sizes = {s.name: s.font.size.pt for s in document.styles
             if s.name in (word_template.STYLE_NAMES["table_text_二"], word_template.STYLE_NAMES["table_text_三"],
                           word_template.STYLE_NAMES["table_text_四"])}
    assert sizes == {"年报表二文字": 10.5, "年报表三文字": 9.0, "年报表四文字": 8.0}


def test_page_setup_and_page_numbers(tmp_path, sample):
    _, _, document = export(tmp_path, sample.report)
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(x.mm) for x in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [37, 35, 28, 26]
    assert document.settings.odd_and_even_pages_header_footer
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    assert odd.alignment == 2 and even.alignment == 0       # RIGHT / LEFT
    for p in (odd, even):
        xml = p._p.xml
        assert "PAGE" in xml and "— " in p.text and " —" in p.text
        assert 'w:eastAsia="宋体"' in xml and 'w:val="28"' in xml   # 4号 宋体
    assert section.top_margin == Mm(37) or abs(section.top_margin - Mm(37)) < Mm(0.1)


def _east_asia(style) -> str | None:
    while style is not None:
        rpr = style.element.rPr
        if rpr is not None and rpr.rFonts is not None and rpr.rFonts.get(f"{W}eastAsia"):
            return rpr.rFonts.get(f"{W}eastAsia")
        style = style.base_style
    return None


def test_east_asian_fonts_and_typography(tmp_path, sample):
    _, _, document = export(tmp_path, sample.report)
    by_text = {p.text: p for p in document.paragraphs}
    title = by_text["政府信息公开工作年度报告"]
    assert _east_asia(title.style) == "方正小标宋简体" and title.style.font.size.pt == 22
    heading = by_text["一、总体情况"]
    assert _east_asia(heading.style) == "黑体" and heading.style.font.size.pt == 16
    body = next(p for p in document.paragraphs if p.text.startswith("2024年，临川区"))
    assert _east_asia(body.style) == "仿宋_GB2312"
    fmt = body.style.paragraph_format
    assert fmt.line_spacing_rule == 4 and 28 <= fmt.line_spacing.pt <= 29     # EXACTLY
    assert body.style.element.pPr.ind.get(f"{W}firstLineChars") == "200"
    # run-in level-2 heading: the （一）…。 part in 楷体, the rest in the body font
    run_in = next(p for p in document.paragraphs if p.text.startswith("（一）主动公开。"))
    assert run_in.style.name == "年报正文"
    assert run_in.runs[0].text == "（一）主动公开。"
    assert _east_asia(run_in.runs[0].style) == "楷体_GB2312"
    assert run_in.runs[1].style.name == "Default Paragraph Font"
    # no theme font may override the explicit East-Asian fonts
    assert "eastAsiaTheme" not in document.styles.element.xml
    sig = by_text["2025年1月20日"]
    assert sig.style.name == "年报落款" and sig.style.paragraph_format.alignment == 2


def test_heading_on_own_line_gets_level_2_style(tmp_path):
    report = report_2019()
    _, _, document = export(tmp_path, report)
    by_text = {p.text: p for p in document.paragraphs}
    assert by_text["（二）深入推进信息发布"].style.name == "年报二级标题"
    three = by_text["1.政策解读。全年解读文件21件。"]
    assert three.runs[0].text == "1.政策解读。" and three.runs[0].style.name == "年报三级标题字符"


def test_split_run_in():
    assert word_export.split_run_in("（一）主动公开。全年公开。") == ("2", "（一）主动公开。", "全年公开。")
    assert word_export.split_run_in("（三）平台建设") == ("2", "（三）平台建设", "")
    assert word_export.split_run_in("普通段落。") == ("", "", "普通段落。")
    assert word_export.split_run_in("1.5万元用于……") == ("", "", "1.5万元用于……")
    long = "（一）" + "很长" * 40
    assert word_export.split_run_in(long) == ("", "", long)


def test_short_title_on_one_line(tmp_path, sample):
    report = sample.report
    report.meta.agency = "某县局"
    _, _, document = export(tmp_path, report)
    assert document.paragraphs[0].text == "某县局2024年政府信息公开工作年度报告"  # 17 characters fit one line


def test_self_check_detects_a_difference(tmp_path, sample, monkeypatch):
    """A document whose figures differ from the report is refused and nothing is written."""
    original = word_export.cell_value_text

    def wrong(form, key, value):
        text = original(form, key, value)
        return "7" if key == CellKey("三", "（一）予以公开", "自然人") else text

    monkeypatch.setattr(word_export, "cell_value_text", wrong)
    path = tmp_path / "out.docx"
    with pytest.raises(WriteError, match="复核.*（一）予以公开.*自然人"):
        write_report(path, sample.report)
    assert not path.exists()
    assert list(tmp_path.iterdir()) == []


def test_failed_export_leaves_existing_file_untouched(tmp_path, sample, monkeypatch):
    path = tmp_path / "out.docx"
    path.write_bytes(b"old contents")
    monkeypatch.setattr(word_export, "self_check", lambda data, report: (_ for _ in ()).throw(WriteError("复核失败")))
    with pytest.raises(WriteError):
        write_report(path, sample.report)
    assert path.read_bytes() == b"old contents"


def test_unwritable_targets_give_clear_messages(tmp_path, sample):
    folder = tmp_path / "a_folder.docx"
    folder.mkdir()
    with pytest.raises(WriteError, match="文件夹"):
        write_report(folder, sample.report)
    with pytest.raises(WriteError, match="不存在"):
        write_report(tmp_path / "missing" / "out.docx", sample.report)
    # a file open in LibreOffice / Word / WPS (their lock files beside it)
    target = tmp_path / "report.docx"
    target.write_bytes(b"old")
    for lock in (f".~lock.{target.name}#", f"~${target.name}"):
        (tmp_path / lock).write_text("x")
        with pytest.raises(WriteError, match="正被.*打开"):
            write_report(target, sample.report)
        (tmp_path / lock).unlink()
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a_folder.docx", "report.docx"]


@pytest.mark.skipif(os.geteuid() == 0 if hasattr(os, "geteuid") else True,
                    reason="root ignores directory permissions")
def test_read_only_folder(tmp_path, sample):  # pragma: no cover - not run as root
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(WriteError, match="权限"):
            write_report(folder / "out.docx", sample.report)
    finally:
        folder.chmod(0o700)


def test_custom_template_missing_styles_is_completed(tmp_path, sample):
    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))
    document, notes = word_export.build_document(sample.report, plain)
    assert any("模板缺少样式" in n for n in notes)
    names = {s.name for s in document.styles}
    assert set(word_template.STYLE_NAMES.values()) <= names


def test_broken_template_is_a_write_error(tmp_path, sample):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"not a zip")
    with pytest.raises(WriteError, match="模板"):
        word_export.build_document(sample.report, broken)


def test_template_in_resources_is_what_the_builder_makes():
    """The committed template carries every style the exporter uses, with East-Asian fonts."""
    template = docx.Document(str(word_export.template_path()))
    names = {s.name: s for s in template.styles}
    for key, name in word_template.STYLE_NAMES.items():
        assert name in names, key
    assert _east_asia(names["年报正文"]) == "仿宋_GB2312"
    assert _east_asia(names["年报二级标题"]) == "楷体_GB2312"
    assert len(template.element.body) == 1          # only the section properties


def test_every_input_cell_round_trips_through_the_self_check(tmp_path):
    """A report with every cell filled (distinct values) passes the self-check in both versions."""
    from report_builders import fill_every_cell

    for version in ("2019", "2021"):
        report = fill_every_cell(version)
        _, notes, _ = export(tmp_path, report, f"{version}.docx")
        n = len(get_form(version).all_cells())
        assert f"共 {n} 个数字" in notes[-1]


def test_money_decimals_exact(tmp_path, sample):
    report = sample.report
    report.set(CellKey("二", "行政事业性收费", "本年收费金额（单位：万元）"), Decimal("96171.60"))
    _, _, document = export(tmp_path, report)
    assert "96171.6" in [c.text for c in table_grid(document.tables[0]._tbl).cells]


def test_grid_roles_all_written(sample):
    """Every declared caption/header/note/label text is somewhere in the exported tables."""
    document, _ = word_export.build_document(sample.report)
    texts = {c.text.replace("\n", "") for t in document.tables for c in table_grid(t._tbl).cells}
    for spec in sample.report.form.tables.values():
        for g in spec.grid:
            if g.role in (Role.CAPTION, Role.HEADER, Role.NOTE, Role.LABEL):
                assert g.text in texts


def test_empty_report_and_control_characters(tmp_path):
    """A new, empty report exports (every cell 0); control characters pasted into the text are
    dropped instead of making the export fail; a vertical tab is a line break."""
    from govreport_gui.core.report import Report

    empty = Report.new("2021")
    _, notes, document = export(tmp_path, empty, "empty.docx")
    assert any("机关名称" in n for n in notes) and any("报告年度" in n for n in notes)
    assert document.paragraphs[0].text == "政府信息公开工作年度报告"
    zeros = [c.text for t in document.tables for c in table_grid(t._tbl).cells if c.text == "0"]
    assert len(zeros) == len(get_form("2021").all_cells())
    report = Report.new("2021", 2024, "某局\x01")
    report.sections["一"] = "第一段\x0b第二段\x07。\r\n第三段"
    report.meta.date = "2025年1月2日"
    _, _, document = export(tmp_path, report, "ctl.docx")
    texts = [p.text for p in document.paragraphs]
    assert "第一段" in texts and "第二段。" in texts and "第三段" in texts and "2025年1月2日" in texts
    assert texts[0].startswith("某局2024年")


def test_office_template_from_environment(tmp_path, sample, monkeypatch):
    """An office template: its page setup and its own definition of a style are used."""
    own = word_template.build_template()
    own.styles["年报正文"].font.size = docx.shared.Pt(15)
    own.sections[0].left_margin = Mm(30)
    own.add_paragraph("模板中的示例文字")
    path = tmp_path / "office.docx"
    own.save(str(path))
    monkeypatch.setenv("GOVREPORT_WORD_TEMPLATE", str(path))
    _, _, document = export(tmp_path, sample.report)
    assert round(document.sections[0].left_margin.mm) == 30
    text_width = word_template.TEXT_WIDTH - (Mm(30).twips - word_template.MARGIN_LEFT)
    for table in document.tables:
        assert sum(int(c.get(f"{W}w")) for c in table._tbl.find(f"{W}tblGrid")) == text_width
    assert document.styles["年报正文"].font.size.pt == 15
    assert "模板中的示例文字" not in [p.text for p in document.paragraphs]


def test_export_reminds_of_open_errors(tmp_path, sample):
    report = sample.report
    _, notes, _ = export(tmp_path, report, "ok.docx")
    assert not any("错误没有改正" in n for n in notes)
    key = CellKey("三", "一、本年新收政府信息公开申请数量", "自然人")
    report.set(key, report.values[key] + 5)        # 一 + 二 no longer equals （七）总计 + 四
    _, notes, _ = export(tmp_path, report, "unbalanced.docx")
    assert any("错误没有改正" in n and "自然人" in n for n in notes)
