"""The check report (校验清单) as Word and Excel, and ``govreport check --report``."""

from docx import Document as DocxDocument
from openpyxl import load_workbook

from govreport_gui.cli import main
from govreport_gui.core import CellKey
from govreport_gui.core.checks import check_report
from govreport_gui.core.edits import accept_warning
from govreport_gui.core.serialize import load_file, save_native
from govreport_gui.io.write.check_report import rules_checked, write_check_report


def problem_report(sample_path):
    loaded = load_file(sample_path)
    r = loaded.report
    r.sections["一"] += "\n全年共收到政府信息公开申请221件。"
    r.set(CellKey("二", "行政许可", "本年处理决定数量"), 9000)
    r.set(CellKey("三", "四、结转下年度继续办理", "自然人"), 9)
    yoy = next(f for f in check_report(r, loaded.previous) if f.rule == "yoy.change")
    accept_warning(yoy, "承接市级下放的审批事项，已核实").apply(r)
    return r, loaded.previous


def docx_text(path):
    doc = DocxDocument(str(path))
    parts = [p.text for p in doc.paragraphs]
    for t in doc.tables:
        for row in t.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    return "\n".join(parts)


def test_docx_lists_rules_errors_open_and_accepted_warnings(tmp_path, sample_path):
    r, prev = problem_report(sample_path)
    out = tmp_path / "清单.docx"
    findings = check_report(r, prev)
    errors = [f for f in findings if f.severity.value == "error"]
    assert len(errors) == 2  # the balance of the 自然人 and 总计 columns
    write_check_report(out, r, findings, prev)
    text = docx_text(out)
    assert "校验清单" in text and r.meta.agency in text
    assert "结果：2个错误，1个未确认的警告，1个已确认的警告。" in text
    assert "有错误，报告在更正前不宜签发" in text
    assert "表三每一列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理 | 2个错误" in text
    for e in errors:
        assert e.message in text
    assert "221件" in text                                   # the open prose warning
    assert "承接市级下放的审批事项，已核实" in text          # the accepted one with its reason
    assert "签发人" in text


def test_xlsx_has_the_same_content(tmp_path, sample_path):
    r, prev = problem_report(sample_path)
    out = tmp_path / "清单.xlsx"
    write_check_report(out, r, check_report(r, prev), prev)
    ws = load_workbook(out)["校验清单"]
    cells = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    text = "\n".join(cells)
    assert "三.balance" in text and "yoy.change" in text and "prose.figure" in text
    assert "承接市级下放的审批事项，已核实" in text
    assert "四、已确认的警告" in text


def test_clean_report_says_so(tmp_path, sample_path):
    loaded = load_file(sample_path)
    out = tmp_path / "ok.docx"
    write_check_report(out, loaded.report, check_report(loaded.report, loaded.previous), loaded.previous)
    text = docx_text(out)
    assert "无错误，警告均已核实确认" in text
    assert "正文与上年报告相比没有整句照抄" in text  # cross-year rules listed when last year is given


def test_rules_checked_follow_the_version_and_previous(sample_path):
    loaded = load_file(sample_path)
    with_prev = rules_checked(loaded.report, loaded.previous)
    without = rules_checked(loaded.report, None)
    assert "三.carry_over" in with_prev and "三.carry_over" not in without
    assert "prose.required" in without and "yoy.change" not in without


def test_cli_check_report(tmp_path, sample_path, capsys):
    r, prev = problem_report(sample_path)
    src = tmp_path / "r.govreport"
    save_native(src, r, prev)
    out = tmp_path / "c.docx"
    assert main(["check", str(src), "--report", str(out)]) == 1
    assert "承接市级下放" in docx_text(out)
    assert main(["check", str(src), "--report", str(tmp_path / "c.pdf")]) == 2
    assert "不能导出为“.pdf”" in capsys.readouterr().err


def test_rule_not_checked_for_lack_of_prose_says_so(tmp_path):
    from report_builders import balanced
    r = balanced("2021")
    out = tmp_path / "c.docx"
    write_check_report(out, r, check_report(r))
    assert "引用的数字" in docx_text(out)
    assert "信息处理费收取情况 | 未核对，见提示" in docx_text(out)


def test_a_finding_about_a_metadata_field_is_located_by_the_field(tmp_path, sample_path):
    loaded = load_file(sample_path)
    r = loaded.report
    r.meta.phone = "0798-XXXXXXX"
    out = tmp_path / "清单.docx"
    write_check_report(out, r, check_report(r, loaded.previous), loaded.previous)
    row = next(line for line in docx_text(out).splitlines() if "XXXXXXX" in line)
    assert "基本信息“电话”" in row


def test_rule_texts_come_from_the_rule_declarations(tmp_path, monkeypatch):
    """A rule's title is declared once, with the rule: changing it there changes the check report."""
    from dataclasses import replace

    from report_builders import balanced

    from govreport_gui.core.forms import FORMS
    form = FORMS["2021"]
    renamed = replace(form, balances=tuple(replace(b, title="每列收支相抵（测试标题）") for b in form.balances))
    monkeypatch.setitem(FORMS, "2021", renamed)
    out = tmp_path / "c.docx"
    r = balanced("2021")
    write_check_report(out, r, check_report(r))
    assert "每列收支相抵（测试标题） | 通过" in docx_text(out)


def test_every_rule_listed_has_a_title_and_negative_numbers_name_the_signed_columns(tmp_path):
    from report_builders import balanced

    from govreport_gui.core.rules import titles as rule_titles
    from govreport_gui.io.write.check_report import summarise
    for version in ("2019", "2021"):
        r = balanced(version)
        prev = balanced(version)
        summary = summarise(r, check_report(r, prev), prev)
        untitled = [rule for rule, text, *_ in summary.rules if text == rule]
        assert untitled == []
    # only the 2019 format has a column that may be negative; the 2021 title does not invent one
    assert "“本年增/减”可以为负" in rule_titles(balanced("2019").form)["value.negative"]
    assert "本年增/减" not in rule_titles(balanced("2021").form)["value.negative"]
