"""An agency named without its place — a department's report on its city's portal titled
``应急管理局2024年…``, a preface saying ``市统计局`` — takes the name the report itself gives it
whole (the 落款, a sentence of the text), and the clerk is told; one opening with the level word
and named whole nowhere is kept, with a note asking for the place."""

from __future__ import annotations

import pytest

from govreport_gui.io.published.agency_place import opens_with_level, whole_name
from govreport_gui.io.published.blocks import Block
from govreport_gui.io.published.document import read_blocks

REST = ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况", "无。", "六、其他需要报告的事项", "无。"]


@pytest.mark.parametrize("agency, bare", [
    ("市应急管理局", True), ("区人民政府办公室", True), ("市场监督管理局", False), ("县市场监督管理局", True),
    ("镇江市统计局", False), ("红枫市统计局", False), ("应急管理局", False), ("縣統計局", True),
])
def test_an_agency_opening_with_its_level_word(agency, bare):
    assert opens_with_level(agency) is bare


@pytest.mark.parametrize("agency, texts, whole", [
    ("市统计局", ["2023年，红枫市统计局全年发布信息九十条。"], "红枫市统计局"),
    ("应急管理局", ["请联系红枫市应急管理局办公室。", "2023年，红枫市应急管理局发布信息。"], "红枫市应急管理局"),
    ("区统计局", ["在红枫市青溪区统计局网站发布。"], "红枫市青溪区统计局"),
    ("應急管理局", ["2023年，紅楓區應急管理局發布信息。"], "紅楓區應急管理局"),
    ("统计局", ["在市统计局的指导下，我局发布信息。"], ""),            # the level word alone is no place
    ("市统计局", ["我局在市统计局指导下工作。"], ""),
    ("区统计局", ["现公布区统计局2023年政府信息公开工作年度报告。"], ""),     # a verb leads into it, no place
    ("应急管理局", ["请联系红枫市应急管理局。"], "红枫市应急管理局"),
    ("东城街道办事处", ["2023年，红枫市东城街道办事处发布信息。"], ""),     # a 街道 is named for its place
    ("红枫市统计局", ["2023年，青溪县红枫市统计局。"], ""),             # it has its place
    ("应急管理局", ["应急管理局全年发布信息。"], ""),
    ("市场监督管理局", ["2023年，红枫县市场监督管理局发布信息。"], "红枫县市场监督管理局"),   # 市场 is no level word
])
def test_the_whole_name_the_text_gives(agency, texts, whole):
    assert whole_name(agency, texts) == whole


def _read(lines: list[str]):
    return read_blocks([Block("p", line) for line in lines], "年报.txt")


def test_a_title_without_the_place_takes_the_name_the_text_gives():
    result = _read(["应急管理局2024年政府信息公开工作年度报告", "根据条例要求编制本报告。", "一、总体情况",
                    "2024年，红枫市应急管理局在门户网站发布信息九十条。", *REST])
    assert (result.report.meta.agency, result.report.meta.year) == ("红枫市应急管理局", 2024)
    assert any("机关名称“应急管理局”没有写地名，按报告中的“红枫市应急管理局”读取，请核对" in note for note in result.notes)


def test_a_preface_naming_the_level_word_alone_takes_the_signature():
    result = _read(["现将2023年度市统计局政府信息公开工作报告予以公布。", "一、总体情况", "全年发布信息九十条。",
                    *REST, "红枫市统计局", "2024年1月20日"])
    meta = result.report.meta
    assert (meta.agency, meta.year, meta.issuing_organ) == ("红枫市统计局", 2023, "红枫市统计局")


def test_an_agency_named_whole_nowhere_is_asked_for():
    result = _read(["现将2023年度市统计局政府信息公开工作报告予以公布。", "一、总体情况", "全年发布信息九十条。", *REST])
    assert result.report.meta.agency == "市统计局"
    assert any("机关名称“市统计局”没有写明所在地区，请在报告信息中补全（如“某某市统计局”）" in note for note in result.notes)
