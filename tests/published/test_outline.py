"""The six section headings found by their number and order, however a clerk words them."""

from __future__ import annotations

import pytest

from govreport_gui.io.published.outline import find_headings

OFFICIAL = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def _with_text(headings: list[str]) -> list[str]:
    lines = ["某某局2023年政府信息公开工作年度报告", "本报告依照条例编写。"]
    for heading in headings:
        lines += [heading, "本部分的正文，写明有关情况。"]
    return lines


def _found(lines: list[str]) -> dict[str, str]:
    return {key: lines[at] for key, at in find_headings(lines).items()}


def test_official_headings():
    assert _found(_with_text(OFFICIAL)) == dict(zip("一二三四五六", OFFICIAL))


@pytest.mark.parametrize("key, heading", [
    ("五", "五、存在的主要问题及整改措施"),
    ("五", "五、工作中存在的问题和改进措施"),
    ("五", "五、政府信息公开工作存在的主要问题及改进情况"),
    ("六", "六、其他需求报告的事项"),                       # a typo seen in real reports
    ("六", "六、其他事项"),
    ("四", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"),
    ("一", "1、 总体情况"),                                 # Word's auto-numbering
    ("二", "2．主动公开政府信息情况"),
    ("一", "第一部分 总体情况"),
    ("一", "一、概述"),                                     # far off, but the only line numbered 一
    ("三", "三、依申请公开情况"),
    ("五", "五．存在问题及改进措施："),
])
def test_a_heading_worded_otherwise_is_found_by_its_number(key, heading):
    headings = [heading if h[0] == key else h for h in OFFICIAL]
    found = _found(_with_text(headings))
    assert found[key] == heading
    assert list(found) == list("一二三四五六")


def test_the_text_of_five_is_never_filed_under_four():
    lines = _with_text([h if h[0] != "五" else "五、存在的主要问题及整改措施" for h in OFFICIAL])
    found = find_headings(lines)
    assert found["五"] == found["四"] + 2


def test_sub_items_numbered_like_parts_do_not_take_their_place():
    """一 structured as 一、二、三… (as some clerks do): the parts' own headings further on win."""
    lines = ["某某局2023年政府信息公开工作年度报告", OFFICIAL[0],
             "一、主动公开情况", "全年主动公开信息120条。", "二、依申请公开情况", "全年收到申请5件。",
             "三、政府信息管理", "落实保密审查。", "四、平台建设", "网站运行平稳。",
             OFFICIAL[1], "见下表。", OFFICIAL[2], OFFICIAL[3], OFFICIAL[4], "问题。", OFFICIAL[5], "无。"]
    found = find_headings(lines)
    assert [lines[found[k]] for k in "一二三四五六"] == OFFICIAL


def test_a_list_of_the_parts_in_the_preface_is_not_the_parts():
    lines = ["某某局2023年政府信息公开工作年度报告", "本报告包括以下部分：", *OFFICIAL, "正文开始。"]
    lines += [x for h in OFFICIAL for x in (h, "本部分的正文。")]
    found = find_headings(lines)
    assert min(found.values()) > len(OFFICIAL) + 1
    assert [lines[found[k]] for k in "一二三四五六"] == OFFICIAL


@pytest.mark.parametrize("line", [
    "一、加强组织领导，明确工作责任。",       # a sentence
    "1、政务公开意识还不够强。个别工作人员重视不够。",
    "二是强化政策解读",                      # 二是 is no numbering
    "12、其他",
])
def test_lines_that_are_no_headings(line):
    lines = _with_text(OFFICIAL)
    lines.insert(3, line)
    assert line not in _found(lines).values()


def test_headings_without_numerals():
    headings = [h.split("、", 1)[1] for h in OFFICIAL]
    assert list(_found(_with_text(headings)).values()) == headings


def test_a_line_without_number_is_scored_against_every_declared_heading():
    """Lines that lost the part's number: the headings compared with them are chosen by the
    characters they share (a quick bound), so each reading must equal comparing with them all."""
    from difflib import SequenceMatcher

    from govreport_gui.io.published import outline

    def every_heading(line: str) -> tuple[float, str] | None:
        words = outline._declared_words()
        score, key = max((max(SequenceMatcher(None, line, w).ratio() for w in words[k]), k) for k in outline._parts())
        return (score, key) if score >= outline.GAP_SIMILAR else None

    lines = ["存在的主要问题和改进措施", "存在问题及整改措施", "政府信息公开行政复议情况", "主动公开情况", "其他事项",
             "收到和处理申请情况", "信息公开栏目", "网站首页", "概述", "问题", "工作中存在的不足和下一步打算", "情况总体"]
    for line in lines:
        found = outline.candidate(0, line)
        expected = every_heading(line)
        assert (found and (round(found.score, 9), found.key)) == (expected and (round(expected[0], 9), expected[1])), line
    assert any(every_heading(line) for line in lines) and not all(every_heading(line) for line in lines)


def test_items_of_one_numbered_in_digits_are_no_parts():
    """A report numbering its parts 一、二、… and the items of 一 1、2、3、: a page cut after 一 (or
    whose other headings are pictures) keeps the items in 一 — they never head 二, 三, 四."""
    lines = ["某某局2023年政府信息公开工作年度报告", OFFICIAL[0], "1、主动公开", "全年主动公开信息120条。",
             "2、依申请公开", "全年收到申请5件。", "3.政府信息管理", "落实保密审查。", "4、政府信息公开平台建设", "网站运行平稳。"]
    assert find_headings(lines) == {"一": 1}
    lines += [x for h in OFFICIAL[1:] for x in (h, "本部分的正文。")]
    assert [lines[at] for at in find_headings(lines).values()] == OFFICIAL


def test_a_part_numbered_otherwise_in_its_declared_words_is_still_the_part():
    headings = [OFFICIAL[0], "2、主动公开政府信息情况", *OFFICIAL[2:]]
    assert list(_found(_with_text(headings)).values()) == headings


def test_an_item_that_lost_its_opening_bracket_is_no_heading():
    """``（二）政府信息管理情况`` whose ``（二`` a page dropped: an item of 一, not the words of 二."""
    lines = ["某某局2023年政府信息公开工作年度报告", OFFICIAL[0], "（一）主动公开情况", "全年主动公开信息120条。",
             "）政府信息管理情况", "落实保密审查。"]
    assert find_headings(lines) == {"一": 1}


def test_parts_numbered_by_word_among_typed_ones_stay_parts():
    """Word numbered some parts 1、 2、 5、 and the clerk typed 三、 四、: a list of items in 四 does not
    make the 5、 after it an item."""
    headings = ["1、 总体情况", "2、 主动公开政府信息情况", OFFICIAL[2], OFFICIAL[3], "5、 工作中存在的问题和改进措施", OFFICIAL[5]]
    lines = _with_text(headings)
    at = lines.index(OFFICIAL[3]) + 1
    lines[at:at] = ["1、行政复议情况", "无。", "2、行政诉讼情况", "无。"]
    assert list(_found(lines).values()) == headings
