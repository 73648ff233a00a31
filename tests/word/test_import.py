"""Reading Word reports: layouts built in code, the official template filled in, hostile files."""

from __future__ import annotations

import json
import shutil
import zipfile
from decimal import Decimal

import docx
import pytest
from support import REPO, shared_path

from govreport_gui.core.checks import check_report
from govreport_gui.core.errors import ReadError
from govreport_gui.core.findings import Severity
from govreport_gui.core.forms import CellKey, get_form
from govreport_gui.core.recalc import recalculate
from govreport_gui.core.serialize import load_file, report_from_json
from govreport_gui.io.registry import read_report, write_report

from .docx_builders import add_table, build, official_rows, split_table

FIXTURES = REPO / "tests" / "fixtures" / "samples"


def inputs_equal(a, b) -> None:
    """Every input cell equal (blank and 0 are the same figure in a Word table)."""
    form = a.form
    assert a.form_version == b.form_version
    diffs = [(k, a.values.get(k), b.values.get(k)) for k in form.input_keys()
             if (a.values.get(k) or 0) != (b.values.get(k) or 0)]
    assert diffs == []


def fixture(name):
    return report_from_json(json.loads((FIXTURES / f"{name}.json").read_text("utf-8")))


# ---------------------------------------------------------------------------------------------
# Our own export, read back


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_round_trip_of_exported_report(tmp_path, version):
    from report_builders import fill_every_cell

    report = fill_every_cell(version)
    report.sections.update({"一": "总体情况正文。\n（一）主动公开。全年公开信息。", "五": "问题。", "六": "无。"})
    report.meta.issuing_organ, report.meta.date = "某某市生态环境局", "2025年1月10日"
    path = tmp_path / "r.docx"
    write_report(path, report)
    result = read_report(path)
    assert result.kind == "docx"
    back = result.report
    inputs_equal(report, back)
    assert back.meta.agency == report.meta.agency and back.meta.year == report.meta.year
    assert back.sections["一"] == report.sections["一"]
    assert back.sections["六"] == "无。"
    assert (back.meta.issuing_organ, back.meta.date) == ("某某市生态环境局", "2025年1月10日")
    # the printed totals are the recomputed ones: no finding about them
    assert back.printed == {k: v for k, v in recalculate(report.form, report.values).items() if v is not None}
    assert not [f for f in check_report(back) if f.rule.endswith("printed")]


def test_round_trip_of_sample(tmp_path, sample_path):
    loaded = load_file(sample_path)
    path = tmp_path / "s.docx"
    write_report(path, loaded.report)
    back = read_report(path).report
    inputs_equal(loaded.report, back)
    assert back.meta.preamble == loaded.report.meta.preamble
    for key in ("一", "五", "六"):
        assert back.sections[key] == loaded.report.sections[key]


# ---------------------------------------------------------------------------------------------
# Layouts clerks produce


def _variant(label: str) -> str:
    """Label variants seen in real reports: 新收到, 转结, 1、, half-width brackets, U+3000."""
    return (label.replace("新收", "新收到").replace("上年结转", "上年转结").replace("四、结转", "四、转结")
            .replace("1.", "1、").replace("（一）予以公开", "(一)予以公开")
            .replace("自然人", "自\u3000然\u3000人").replace("商业企业", "商业\n企业"))


def test_wps_style_report_with_variants(tmp_path):
    """2019 format (汉滨区 2020 figures): renumbered headings, label variants, blank zeros,
    full-width digits, money in 元, extra text before 一 and after 六, signature."""
    report = fixture("2020_hanbin_district")
    fullwidth = str.maketrans("0123456789", "０１２３４５６７８９")

    def fmt(v):
        return str(v).translate(fullwidth) if isinstance(v, int) and v > 100 else str(v)

    t2 = official_rows(report, "二", fmt)
    # 采购总金额 written in 元 (16800 万元 = 168000000元)
    spec2 = get_form("2019").tables["二"]
    money = spec2.grid_cell_of(CellKey("二", "政府集中采购", "采购总金额"))
    t2[0][money.row][money.col] = "168000000元"
    t3 = official_rows(report, "三", fmt, label=_variant)
    t4 = official_rows(report, "四", fmt, label=_variant)
    path = build(
        tmp_path / "hanbin.docx",
        ["安康市汉滨区人民政府", "2020年政府信息公开工作年度报告"],
        ["本报告根据《条例》编制。", "本报告中所列数据的统计期限自2020年1月1日起至2020年12月31日止。"],
        [("1、总体情况", ["2020年，汉滨区……", "（一）主动公开。公开信息。"], None),
         ("2、主动公开政府信息情况", [], t2),
         ("3、收到和处理政府信息公开申请情况", [], t3),
         ("4、政府信息公开行政复议、行政诉讼情况", [], t4),
         ("5、存在的主要问题和改进情况", ["问题一。"], None),
         ("6、其他需要报告的事项", ["无。"], None)],
        tail=["安康市汉滨区人民政府办公室", "2021年1月25日"],
    )
    result = read_report(path)
    back = result.report
    assert back.form_version == "2019"
    assert (back.meta.agency, back.meta.year) == ("安康市汉滨区人民政府", 2020)
    inputs_equal(report, back)
    assert back.values[CellKey("二", "政府集中采购", "采购总金额")] == Decimal("16800")
    assert back.sections["一"] == "2020年，汉滨区……\n（一）主动公开。公开信息。"
    assert back.sections["六"] == "无。"
    assert back.meta.date == "2021年1月25日" and back.meta.issuing_organ == "安康市汉滨区人民政府办公室"
    assert "统计期限" in back.meta.preamble
    notes = "\n".join(result.notes)
    assert "按“一、总体情况”读取" in notes and "按“五、存在的主要问题及改进情况”读取" in notes
    assert "168000000元" in notes


def test_flat_table_three_and_group_rows(tmp_path):
    """三 with one label column, group rows of their own, and no 法人 header level."""
    report = fixture("2019_xiangcheng_office")
    form = report.form
    spec = form.tables["三"]
    values = dict(report.values)
    values.update(recalculate(form, report.values))
    rows = [["项目", "申请人情况", None, None, None, None, None, None],
            [None, *spec.cols]]
    spans = [(0, 0, 2, 1), (0, 1, 1, 7)]
    group_seen = set()
    for label in spec.rows:
        group = next((g.text for g in spec.grid if g.role.value == "label" and g.col == 1 and g.text
                      and any(gg.text == label and gg.row >= g.row and gg.row < g.row + g.rowspan and gg.col == 2
                              for gg in spec.grid)), None)
        if group and group not in group_seen:
            group_seen.add(group)
            rows.append([group] + [""] * 7)
        rows.append([label] + [str(values.get(CellKey("三", label, c)) or "") for c in spec.cols])
    document = docx.Document()
    document.add_paragraph("相城区人民政府办公室2019年政府信息公开工作年度报告")
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    add_table(document, rows, spans)
    path = tmp_path / "flat.docx"
    document.save(str(path))
    result = read_report(path)
    back = result.report
    for key in (c.key for c in spec.cells if not c.computed):
        assert (back.values.get(key) or 0) == (report.values.get(key) or 0), key
    assert any("没有找到表二" in n for n in result.notes)


def test_printed_total_that_disagrees_is_kept_and_reported(tmp_path):
    report = fixture("2019_haishu_district")
    t3, spans = official_rows(report, "三")
    spec = report.form.tables["三"]
    cell = spec.grid_cell_of(CellKey("三", "（七）总计", "自然人"))
    t3[cell.row][cell.col] = "9999"
    path = build(tmp_path / "p.docx", ["宁波市海曙区人民政府2019年政府信息公开工作年度报告"], [],
                 [("三、收到和处理政府信息公开申请情况", [], (t3, spans))])
    back = read_report(path).report
    assert back.printed[CellKey("三", "（七）总计", "自然人")] == 9999
    errors = [f for f in check_report(back) if f.severity is Severity.ERROR
              and CellKey("三", "（七）总计", "自然人") in f.cells]
    assert errors and "9999" in errors[0].message


def test_text_in_a_number_cell_is_a_problem_note(tmp_path):
    """Like the Excel reader: the cell is left blank and the clerk sees why in the preview."""
    from govreport_gui.io.notes import kind_of

    report = fixture("2019_haishu_district")
    t4, spans = official_rows(report, "四")
    t4[3][0] = "见附件"
    path = build(tmp_path / "bad.docx", ["某局2019年政府信息公开工作年度报告"], [],
                 [("四、政府信息公开行政复议、行政诉讼情况", [], (t4, spans))])
    result = read_report(path)
    problems = [n for n in result.notes if kind_of(n) == "problem"]
    assert len(problems) == 1 and "见附件" in problems[0] and "行政复议" in problems[0]
    assert CellKey("四", "行政复议", "结果维持") not in result.report.values
    assert result.report.values[CellKey("四", "行政复议", "结果纠正")] == report.values[CellKey("四", "行政复议", "结果纠正")]


def test_money_header_in_yuan_is_converted(tmp_path):
    from govreport_gui.io.notes import kind_of

    report = fixture("2019_haishu_district")
    t2, spans = official_rows(report, "二")
    spec = get_form("2019").tables["二"]
    head = next(g for g in spec.grid if g.text == "采购总金额")
    value = spec.grid_cell_of(CellKey("二", "政府集中采购", "采购总金额"))
    t2[head.row][head.col] = "采购总金额（元）"
    t2[value.row][value.col] = "399539300"
    path = build(tmp_path / "yuan.docx", ["宁波市海曙区人民政府2019年政府信息公开工作年度报告"], [],
                 [("二、主动公开政府信息情况", [], (t2, spans))])
    result = read_report(path)
    assert result.report.values[CellKey("二", "政府集中采购", "采购总金额")] == Decimal("39953.93")
    assert any(kind_of(n) == "conversion" and "表头单位为元" in n for n in result.notes)
    assert not [n for n in result.notes if "不是官方格式的标签" in n]


def test_official_template_filled_by_test(tmp_path):
    """The circulated 2021 template (made in WPS), its value cells filled with known numbers."""
    source = shared_path("reference", "official-2021-template.docx")
    copy = tmp_path / "filled.docx"
    shutil.copy(source, copy)
    document = docx.Document(str(copy))
    form = get_form("2021")
    expected = {}
    for word_table, table_id in zip(document.tables, ("二", "三", "四")):
        spec = form.tables[table_id]
        for n, cell in enumerate(spec.cells):
            if cell.computed:
                continue
            g = spec.grid_cell_of(cell.key)
            value = Decimal(f"{n}.25") if cell.kind.value == "money" else (n * 7) % 50
            word_table.cell(g.row, g.col).text = f"\u3000{value}" if n % 3 == 0 else str(value)
            expected[cell.key] = value
    document.save(str(copy))
    result = read_report(copy)
    back = result.report
    assert back.form_version == "2021"
    for key, value in expected.items():
        assert (back.values.get(key) or 0) == value, key
    assert back.sections["一"] == "（文字描述）"


def test_text_only_document(tmp_path):
    path = build(tmp_path / "t.docx", ["某乡人民政府2023年政府信息公开工作年度报告"], [],
                 [("总体情况", ["正文。"], None), ("六、其他需要报告的事项", ["无。"], None)])
    result = read_report(path)      # "总体情况": Word's list numbering is not part of the text
    assert result.report.form_version == "2021" and result.report.meta.year == 2023
    assert result.report.sections == {"一": "正文。", "六": "无。"}
    assert any("没有表格" in n for n in result.notes)


def test_not_a_report(tmp_path):
    document = docx.Document()
    document.add_paragraph("会议通知")
    path = tmp_path / "n.docx"
    document.save(str(path))
    with pytest.raises(ReadError, match="没有找到年报的六个部分"):
        read_report(path)


# ---------------------------------------------------------------------------------------------
# Hostile files


def _rewrite(path, out, replace):
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, replace(info.filename, data))


def _simple_docx(tmp_path):
    return build(tmp_path / "simple.docx", ["某局2024年政府信息公开工作年度报告"], [],
                 [("一、总体情况", ["正文。"], None)])


def test_xml_entities_are_refused(tmp_path):
    src = _simple_docx(tmp_path)
    evil = tmp_path / "evil.docx"

    def inject(name, data):
        if name == "word/document.xml":
            head, rest = data.split(b"?>", 1)
            return head + b'?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>' + rest
        return data

    _rewrite(src, evil, inject)
    with pytest.raises(ReadError, match="DOCTYPE"):
        read_report(evil)


def test_zip_bomb_is_refused(tmp_path):
    src = _simple_docx(tmp_path)
    bomb = tmp_path / "bomb.docx"

    def inflate(name, data):
        if name == "word/document.xml":
            return data.replace(b"</w:body>", b"<!--" + b"0" * (80 * 1024 * 1024) + b"--></w:body>")
        return data

    _rewrite(src, bomb, inflate)
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(ReadError, match="压缩炸弹"):
        read_report(bomb)


def test_corrupt_docx(tmp_path):
    src = _simple_docx(tmp_path)
    broken = tmp_path / "broken.docx"
    _rewrite(src, broken, lambda name, data: data[: len(data) // 2] if name == "word/document.xml" else data)
    with pytest.raises(ReadError):
        read_report(broken)


def test_guard_runs_before_any_xml_is_parsed(monkeypatch, tmp_path):
    """No XML parser sees a package the guard refuses (an entity in a part the reader never
    reads, styles, is refused too)."""
    from lxml import etree

    import govreport_gui.io.published.word_import as wi

    src = _simple_docx(tmp_path)
    evil = tmp_path / "evil.docx"
    _rewrite(src, evil, lambda n, d: d.replace(b"?>", b'?><!DOCTYPE x SYSTEM "file:///etc/passwd">', 1)
             if n == "word/styles.xml" else d)
    called = []
    monkeypatch.setattr(etree, "fromstring", lambda *a, **k: called.append(a))
    monkeypatch.setattr(docx, "Document", lambda *a, **k: called.append(a))
    with pytest.raises(ReadError, match="DOCTYPE"):
        wi.read_docx(evil)
    assert called == []


def test_table_split_at_a_page_break_is_joined(tmp_path):
    """三 broken into two Word tables (the second without the header) reads as one."""
    report = fixture("2019_haishu_district")
    rows, spans = official_rows(report, "三")
    first, (second_rows, second_spans) = split_table(rows, spans, 12)
    document = docx.Document()
    document.add_paragraph("宁波市海曙区人民政府2019年政府信息公开工作年度报告")
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    add_table(document, *first)
    document.add_paragraph("")
    add_table(document, second_rows, second_spans)
    path = tmp_path / "split.docx"
    document.save(str(path))
    back = read_report(path).report
    for spec in report.form.tables["三"].cells:
        if not spec.computed:
            assert (back.values.get(spec.key) or 0) == (report.values.get(spec.key) or 0), spec.key
    assert any(report.values.get(c.key) for c in report.form.tables["三"].cells[-30:])


def test_text_before_the_title(tmp_path):
    path = build(tmp_path / "a.docx", ["附件1", "某某县民政局", "2024年政府信息公开工作年度报告"], ["前言。"],
                 [("一、总体情况", ["正文。"], None)])
    result = read_report(path)
    assert (result.report.meta.agency, result.report.meta.year) == ("某某县民政局", 2024)
    assert result.report.meta.preamble == "前言。"
    assert any("附件1" in n for n in result.notes)


def test_entity_in_a_part_with_another_name_is_refused(tmp_path):
    src = _simple_docx(tmp_path)
    evil = tmp_path / "evil2.docx"
    with zipfile.ZipFile(src) as z, zipfile.ZipFile(evil, "w") as out:
        for info in z.infolist():
            out.writestr(info, z.read(info))
        out.writestr("word/custom.dat", b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x "y">]><r>&x;</r>')
    with pytest.raises(ReadError, match="DOCTYPE"):
        read_report(evil)


def test_macro_enabled_document_is_read_without_its_macros(tmp_path):
    src = _simple_docx(tmp_path)
    docm = tmp_path / "report.docm"
    _rewrite(src, docm, lambda n, d: d.replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml") if n == "[Content_Types].xml" else d)
    result = read_report(docm)
    assert result.report.meta.agency == "某局" and result.report.sections["一"] == "正文。"


def test_template_is_read(tmp_path):
    """A .dotx (a template's main part content type) reads as a document."""
    src = _simple_docx(tmp_path)
    dotx = tmp_path / "report.dotx"
    _rewrite(src, dotx, lambda n, d: d.replace(
        b"wordprocessingml.document.main+xml", b"wordprocessingml.template.main+xml") if n == "[Content_Types].xml" else d)
    result = read_report(dotx)
    assert result.report.meta.agency == "某局" and result.report.sections["一"] == "正文。"


def test_package_without_a_document_part_is_refused_in_chinese(tmp_path):
    src = _simple_docx(tmp_path)
    odd = tmp_path / "odd.docx"
    _rewrite(src, odd, lambda n, d: d.replace(b"/officeDocument\"", b"/somethingElse\"") if n == "_rels/.rels" else d)
    with pytest.raises(ReadError, match="不是完整的 Word 文档"):
        read_report(odd)


def test_own_2019_export_reads_without_conversion_notes(tmp_path):
    """`39953.93万元` is the stored unit: reading our own file interprets nothing."""
    from govreport_gui.io.notes import kind_of

    report = fixture("2019_haishu_district")
    path = tmp_path / "r.docx"
    write_report(path, report)
    result = read_report(path)
    assert [n for n in result.notes if kind_of(n) in ("conversion", "problem", "unplaced")] == []
    assert result.report.values[CellKey("二", "政府集中采购", "采购总金额")] == Decimal("39953.93")


@pytest.mark.parametrize("name", ["2019_haishu_district", "2019_xiangcheng_office"])
def test_table_two_built_from_the_shared_sample_text(tmp_path, name):
    """Transcription-free: table 二 built cell by cell from the text of a real report (one cell
    per line, rows separated by blank lines; a short row's last cell spans the rest, as in the
    Word original) reads as the figures transcribed in the fixture."""
    text = shared_path("samples", "reports", f"{name}.txt").read_text("utf-8")
    part = text[text.index("二、主动公开政府信息情况"):text.index("三、收到和处理政府信息公开申请情况")]
    rows = [[line.strip() for line in block.splitlines() if line.startswith("\t")]
            for block in part.split("\n\n")]
    rows = [r for r in rows if r]
    width = max(len(r) for r in rows)
    grid, spans = [], []
    for i, cells in enumerate(rows):
        grid.append(cells + [None] * (width - len(cells)))
        if len(cells) < width:
            spans.append((i, len(cells) - 1, 1, width - len(cells) + 1))
    first_line = text.strip().splitlines()[0].strip()
    path = build(tmp_path / f"{name}.docx", [first_line], [],
                 [("二、主动公开政府信息情况", [], (grid, spans))])
    back = read_report(path).report
    expected = fixture(name)
    assert back.form_version == "2019"
    keys = [c.key for c in get_form("2019").tables["二"].cells]
    assert [(back.values.get(k) or 0) for k in keys] == [(expected.values.get(k) or 0) for k in keys]
    assert any(expected.values.get(k) for k in keys)
