"""The outline's prompts as placeholders (``core.prompts``): which parts of a section are still empty,
whatever the clerk did to the outline (renumbered, a part deleted, text under the heading or run in
after it), what counts as written, and the old prompts written as text turned back into
placeholders when a file is read."""

from __future__ import annotations

import pytest

from govreport_gui.core.checks import check_report
from govreport_gui.core.drafting import new_report, outline
from govreport_gui.core.prompts import (
    empty_parts,
    prompts,
    prompts_made_placeholders,
    strip_old_prompts,
    written_chars,
    written_text,
)
from govreport_gui.core.serialize import load_file


def names(version: str, key: str, text: str) -> list[str]:
    return [p.name for p in prompts(version, key, text)]


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_every_part_of_a_new_outline_is_empty_and_has_its_declared_hint(version):
    report = new_report(version, 2025)
    for key, topics in report.form.outline.items():
        shown = prompts(version, key, report.sections[key])
        assert [p.topic for p in shown if p.heading] == list(topics)
        assert all(p.hint and p.hint not in report.sections[key] for p in shown)
        assert written_chars(version, key, report.sections[key]) == 0
    first = report.form.sections[0].key
    assert prompts(version, first, report.sections[first])[0].name == "开头的总体概述"


@pytest.mark.parametrize("text, empty", [
    # written run in after the heading
    ("\n（一）主动公开。本年主动公开信息3862条。\n（二）依申请公开。", ["开头的总体概述", "（二）依申请公开"]),
    # written on the lines under the heading, with its own 1. 2. items
    ("（一）主动公开。\n1.政策文件。公开158件。\n2.政策解读。\n（二）依申请公开。\n\n", ["（二）依申请公开"]),
    # renumbered after the clerk deleted a part; headings without the full stop, half-width brackets
    ("开头写了一段。\n(一)主动公开\n（二）政府信息管理：\n（三）平台建设。网站改版。",
     ["(一)主动公开", "（二）政府信息管理"]),
    # a heading not in the outline is the clerk's own: no prompt (no hint to give)
    ("（一）主动公开。已写。\n（六）其他工作。", []),
    # a line that holds more than the heading (a sentence that begins like one) is not a part
    ("（一）主动公开工作扎实推进，全年发布信息100条。", []),
    # the overview line written: its prompt goes; an empty first line before text is not an overview
    ("本年我局认真贯彻落实《条例》。\n（一）主动公开。", ["（一）主动公开"]),
    ("\n本年我局认真贯彻落实《条例》。", []),
    ("", []),
])
def test_which_parts_are_still_empty(text, empty):
    assert names("2021", "一", text) == empty


def test_only_the_first_section_opens_with_an_overview():
    assert names("2021", "五", "\n（一）上年度问题整改情况。") == ["（一）上年度问题整改情况"]
    assert names("2021", "二", "\n（一）主动公开。") == []   # a section without an outline


def test_what_counts_as_written_leaves_out_the_empty_parts_headings_only():
    text = "\n（一）主动公开。本年公开信息。\n（二）依申请公开。"
    assert written_text("2021", "一", text) == "\n（一）主动公开。本年公开信息。"
    assert written_chars("2021", "一", text) == len("（一）主动公开。本年公开信息。")


def test_a_finished_report_has_no_empty_parts(sample_path):
    loaded = load_file(sample_path)
    assert empty_parts(loaded.report) == []
    assert not [f for f in check_report(loaded.report, loaded.previous) if f.rule == "prose.template"]


def old_outline(version: str) -> dict[str, str]:
    """The outline as earlier versions wrote it: each prompt as text after its heading."""
    out = {}
    for key, text in outline(version).items():
        lines = text.split("\n")
        shown = {p.line: p.hint for p in prompts(version, key, text)}
        out[key] = "\n".join(line + f"（请在此{shown[i]}）" if i in shown else line for i, line in enumerate(lines))
    return out


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_old_prompts_written_as_text_become_placeholders_again(version):
    report = new_report(version, 2025)
    report.sections = old_outline(version)
    report.sections[report.form.sections[-1].key] += "\n另有说明(请在此补充)后文。"
    expected = sum(len(prompts(version, k, t)) for k, t in outline(version).items()) + 1
    assert strip_old_prompts(report) == expected
    assert report.sections[report.form.sections[0].key] == outline(version)[report.form.sections[0].key]
    assert report.sections[report.form.sections[-1].key].endswith("\n另有说明后文。")
    assert strip_old_prompts(report) == 0   # nothing left the second time


def test_an_old_prompt_with_the_clerks_text_after_it_keeps_the_text():
    report = new_report("2021", 2025)
    report.sections["五"] = "（一）上年度问题整改情况。（请在此逐项说明上年报告所列问题的整改措施和效果）已全部整改。"
    assert prompts_made_placeholders(report, None).startswith("正文中有 1 处旧版提纲的提示文字")
    assert report.sections["五"] == "（一）上年度问题整改情况。已全部整改。"
    assert prompts_made_placeholders(report) is None


def test_a_word_file_exported_with_old_prompts_is_read_with_placeholders(tmp_path):
    from govreport_gui.io.registry import read_report
    from govreport_gui.io.write.word_export import write_docx
    report = new_report("2021", 2025, "某某局")
    report.sections = old_outline("2021")
    write_docx(tmp_path / "旧.docx", report)
    result = read_report(tmp_path / "旧.docx")
    assert "请在此" not in "".join(result.report.sections.values())
    assert any("旧版提纲的提示文字" in n for n in result.notes)
    key = report.form.sections[-1].key
    assert [p.name for p in prompts("2021", key, result.report.sections[key])] == \
        [p.name for p in prompts("2021", key, outline("2021")[key])]
