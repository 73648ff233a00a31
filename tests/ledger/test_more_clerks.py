"""Ledgers as further clerks keep them: a system's CSV separated by semicolons, a 回复情况 column, answers
written as the letter's sentences (a law cited, addressed to the applicant, a word split by a comma),
a result's row named only in the 备注 beside its group."""

from __future__ import annotations

import pytest

from govreport_gui.core.forms import get_form
from govreport_gui.core.ledger.count import count_ledgers
from govreport_gui.core.ledger.words import Kind, Matcher
from govreport_gui.io.workbook.ledger_read import read_ledgers

from .ledger_builders import DISCLOSED, NEW
from .ledger_files import write_text
from .test_count import YEAR, sheet, table_3

ABSENT, PROCESS, THIRD = "1.本机关不掌握相关政府信息", "6.属于四类过程性信息", "4.保护第三方合法权益"
REPEATED, PETITION, CONFIRM = "2.重复申请", "1.信访举报投诉类申请", "5.要求行政机关确认或重新出具已获取信息"
LATE = "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"
OTHER = "3.其他"
ROWS = [("序号", "申请人类型", "收到日期", "答复日期", "处理结果"),
        (1, "公民", "2025-03-01", "2025-03-08", "同意公开"),
        (2, "企业", "2025-03-02", "2025-03-09", "信息不存在；已告知"),
        (3, "公民", "2025-04-01", "2025-04-09", "予以公开")]
COUNTED = {(NEW, "自然人"): 2, (NEW, "商业企业"): 1, (DISCLOSED, "自然人"): 2, (ABSENT, "商业企业"): 1}


@pytest.mark.parametrize("delimiter", [";", "|", ",", "\t"])
@pytest.mark.parametrize("title", [False, True])
def test_a_text_file_separated_by_semicolons_or_bars(tmp_path, delimiter, title):
    rows = ([("2025年依申请公开登记",)] if title else []) + ROWS
    path = write_text(tmp_path / "export.csv", rows, "utf-8-sig", delimiter)
    (read,) = read_ledgers([path])
    assert read.rows[int(title)] == tuple(str(v) for v in ROWS[0])
    assert table_3(count_ledgers([read], get_form("2021"), YEAR)) == COUNTED


@pytest.mark.parametrize("title", ["回复情况", "回复结果", "回复意见", "办复结果"])
def test_a_column_of_replies_is_the_result(title):
    rows = [ROWS[0][:4] + (title,)] + ROWS[1:]
    assert table_3(count_ledgers([sheet(rows)], get_form("2021"), YEAR)) == COUNTED


@pytest.mark.parametrize("version", ["2019", "2021"])
@pytest.mark.parametrize("value,kind,label", [
    ("经审查，您申请公开的信息属于公开范围，现予以公开，详见附件。", Kind.FOUND, DISCLOSED),
    ("经审查，您申请的信息属于过程性信息，根据《中华人民共和国政府信息公开条例》第十六条第二款规定，不予公开。",
     Kind.FOUND, PROCESS),
    ("根据《条例》第三十六条第（四）项规定，告知申请人该信息不存在", Kind.FOUND, ABSENT),
    ("依据《条例》第十四条，不予公开", Kind.GROUP, None),          # the article cited names no row
    ("经审查，您申请的信息涉及商业秘密，公开后可能损害第三方合法权益，决定不予公开。", Kind.FOUND, THIRD),
    ("您的申请与此前申请内容相同，属于重复申请，不予处理。", Kind.FOUND, REPEATED),
    ("您的申请实为信访举报投诉事项，不属于政府信息公开申请，不予处理。", Kind.FOUND, PETITION),
    ("要求确认或重新出具已获取信息", Kind.FOUND, CONFIRM),
    ("根据《条例》第十四条规定，予以公开", Kind.FOUND, DISCLOSED),
    ("经审查，您申请的信息属于公开范围，不予公开。", Kind.UNCLEAR, None),   # two groups
])
def test_answers_written_as_the_letters_sentences(version, value, kind, label):
    found = Matcher(get_form(version).ledger.results).match(value)
    assert (found.kind, found.target) == (kind, label)


@pytest.mark.parametrize("value", ["申请人逾期未补正，不再处理", "逾期未补正，不再处理其申请", "逾期未补正不再处理"])
def test_a_word_split_by_a_comma_is_read_as_one(value):
    found = Matcher(get_form("2021").ledger.results).match(value)
    assert (found.kind, found.target) == (Kind.FOUND, LATE)


def test_a_remark_naming_the_row_of_a_group_written_without_it():
    rows = [("申请人类型", "收到日期", "答复日期", "处理结果", "备注"),
            ("公民", "2025-05-06", "2025-05-10", "不予处理", "重复申请"),        # 2: （五）2
            ("公民", "2025-05-07", "2025-05-11", "其他处理", "申请人撤回"),      # 3: （六）3
            ("公民", "2025-05-08", "2025-05-12", "予以公开", "已合并至第2号一并答复"),   # 4: 予以公开
            ("企业", "2025-05-09", "2025-05-13", "不予处理", "邮寄"),            # 5: the remark names no row
            ("企业", "2025-05-10", "2025-05-14", "不予公开", "重复申请")]        # 6: a row of another group
    count = count_ledgers([sheet(rows)], get_form("2021"), YEAR)
    assert table_3(count) == {(NEW, "自然人"): 3, (REPEATED, "自然人"): 1, (OTHER, "自然人"): 1, (DISCLOSED, "自然人"): 1}
    assert [(lo.ref.row, lo.value) for lo in count.left_out] == [(5, "不予处理"), (6, "不予公开")]
    assert all("没有写明具体情形" in lo.why for lo in count.left_out)


def test_a_hidden_remark_column_is_not_read():
    from govreport_gui.core.ledger.sheet import LedgerSheet
    rows = [("申请人类型", "收到日期", "答复日期", "处理结果", "备注"),
            ("公民", "2025-05-06", "2025-05-10", "不予处理", "重复申请")]
    count = count_ledgers([LedgerSheet("台账.xlsx", "S", rows, hidden_columns=frozenset({4}))], get_form("2021"), YEAR)
    assert [lo.ref.row for lo in count.left_out] == [2] and not count.hidden_columns


def _two_line_rows():
    rows = [("序号", "申请人类型", "收到日期", "申请内容", "答复日期", "处理结果"),
            (1, "公民", "2025-03-01", "某路段的", "2025-03-08", "同意公开"),     # 2, continued on 3
            (None, None, None, "改造批复"),                                      # 3
            (2, "企业", "2025-03-02", "某项目", "2025-03-09", "信息不存在"),     # 4
            (None, "公民", None, "某规划", None, "予以公开"),                   # 5: its own, on 4's dates
            (None, None, None, "和附图")]                                      # 6: 5 continued
    merges = [(1, c, 2, c) for c in (0, 1, 2, 4, 5)] + [(3, c, 4, c) for c in (0, 2, 4)] + [(4, c, 5, c) for c in (1, 5)]
    return rows, merges


def test_an_application_written_on_over_merged_rows_counts_once():
    from govreport_gui.core.ledger.sheet import LedgerSheet
    rows, merges = _two_line_rows()
    count = count_ledgers([LedgerSheet("台账.xlsx", "S", rows, merges)], get_form("2021"), YEAR)
    assert table_3(count) == {(NEW, "自然人"): 2, (NEW, "商业企业"): 1, (DISCLOSED, "自然人"): 2, (ABSENT, "商业企业"): 1}
    assert count.complete and count.rows_read == 3
    assert any("第3、6行与上一行合并单元格、接续上一行的内容，是同一件申请，未另计" in n for n in count.notes)


def test_a_row_of_its_own_number_under_merged_cells_is_another_application():
    from govreport_gui.core.ledger.sheet import LedgerSheet
    rows, merges = _two_line_rows()
    rows[2] = (3, None, None, "改造批复")   # its own serial number: a second application with the same answer
    merges = [m for m in merges if m != (1, 0, 2, 0)]
    count = count_ledgers([LedgerSheet("台账.xlsx", "S", rows, merges)], get_form("2021"), YEAR)
    assert table_3(count)[(NEW, "自然人")] == 3 and count.rows_read == 4
