"""国办公开办函〔2019〕60号 — the 2019 (试行) format, for reports on 2019 and 2020."""

from __future__ import annotations

from functools import partial

from . import common
from .builders import Block, ValueColumn, build_table_2
from .spec import CellKey, CrossYear, FormSpec, FormVersion, Kind, LevelHint, LooksLike, NotGreater, Term

ABOUT = FormVersion("2019", "中华人民共和国政府信息公开工作年度报告格式（试行）", "国办公开办函〔2019〕60号",
                    first_year=2019, last_year=2020, sections=common.SECTIONS)

_PREV_ITEMS = ValueColumn("上一年项目数量", stock=True)
_CHANGE = ValueColumn("本年增/减", Kind.SIGNED)
_DECISIONS = ValueColumn("处理决定数量")

_BLOCKS = (
    Block("第二十条第（一）项",
          (ValueColumn("本年新制作数量"), ValueColumn("本年新公开数量"), ValueColumn("对外公开总数量", stock=True)),
          ("规章", "规范性文件")),
    Block("第二十条第（五）项", (_PREV_ITEMS, _CHANGE, _DECISIONS), ("行政许可", "其他对外管理服务事项")),
    Block("第二十条第（六）项", (_PREV_ITEMS, _CHANGE, _DECISIONS), ("行政处罚", "行政强制")),
    Block("第二十条第（八）项", (_PREV_ITEMS, _CHANGE), ("行政事业性收费",)),
    Block("第二十条第（九）项", (ValueColumn("采购项目数量"), ValueColumn("采购总金额", Kind.MONEY)),
          ("政府集中采购",)),
)


def _item_carry() -> tuple[CrossYear, ...]:
    """上一年项目数量(N) = 上一年项目数量(N−1) + 本年增/减(N−1) (carried over from the previous year's table)."""
    rules = []
    for block in _BLOCKS:
        if _PREV_ITEMS not in block.columns:
            continue
        for row in block.rows:
            target = CellKey("二", row, _PREV_ITEMS.label)
            rules.append(CrossYear(
                "二.item_carry", target,
                (Term(1, "prev", target), Term(1, "prev", CellKey("二", row, _CHANGE.label))),
                why="本年“上一年项目数量”应等于上年的“上一年项目数量”加“本年增/减”",
                title=f"“{_PREV_ITEMS.label}”与上年报告衔接"))
    return tuple(rules)


def _decisions_like_items() -> tuple[LooksLike, ...]:
    """处理决定数量 is a flow (decisions made this year), not 上一年项目数量 + 本年增/减 (国办公开办函〔2019〕60号)."""
    rules = []
    for block in _BLOCKS:
        if _DECISIONS not in block.columns:
            continue
        for row in block.rows:
            rules.append(LooksLike(
                "二.decisions_like_items", CellKey("二", row, _DECISIONS.label),
                (Term(1, "this", CellKey("二", row, _PREV_ITEMS.label)),
                 Term(1, "this", CellKey("二", row, _CHANGE.label))),
                why="“处理决定数量”是本年作出的处理决定数，不是项目数量",
                title=f"“{_DECISIONS.label}”没有误填为项目数量"))
    return tuple(rules)


def build() -> FormSpec:
    """The declaration (``forms.FORMS`` builds it when first asked for: start-up time)."""
    table2 = build_table_2(common.TABLE2_ROW_HEADER, _BLOCKS)
    table3, totals3, balances, carry3 = common.table_3(other_handling_as_group=False)
    table4, totals4 = common.table_4()
    return FormSpec(
        about=ABOUT,
        tables={"二": table2, "三": table3, "四": table4},
        totals=(*totals3, *totals4),
        balances=tuple(balances),
        cross_year=(*carry3, *_item_carry()),
        not_greater=tuple(NotGreater("二.published_le_total", CellKey("二", row, "本年新公开数量"),
                                     CellKey("二", row, "对外公开总数量"),
                                     title="“本年新公开数量”不大于“对外公开总数量”")
                          for row in _BLOCKS[0].rows),
        level_hints=(LevelHint("二.regulations_level",
                               tuple(CellKey("二", "规章", c.label) for c in _BLOCKS[0].columns),
                               "规章", title=common.REGULATIONS_LEVEL_TITLE, instead=_BLOCKS[0].rows[1]),),
        heading_variants=common.HEADING_VARIANTS,
        looks_like=_decisions_like_items(),
        # The 2019 format requires no particular content of the prose; the outline
        # offers the usual sub-headings, without 2021's 整改 and 信息处理费.
        required=(),
        outline={"一": common.OVERVIEW_TOPICS, "五": common.PROBLEMS, "六": common.OTHER_MATTERS},
        ledger_of=partial(common.ledger_words, False),
    )

