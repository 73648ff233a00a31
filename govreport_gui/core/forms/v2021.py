"""国办公开办函〔2021〕30号 — the 2021 format, for reports on 2021 and later."""

from __future__ import annotations

from functools import partial

from . import common
from .builders import Block, ValueColumn, build_table_2
from .spec import CellKey, CrossYear, FormSpec, FormVersion, Kind, LevelHint, Required, Tag, Term

ABOUT = FormVersion("2021", "中华人民共和国政府信息公开工作年度报告格式", "国办公开办函〔2021〕30号",
                    first_year=2021, last_year=None, sections=common.SECTIONS)

_ISSUED = ValueColumn("本年制发件数")
_REPEALED = ValueColumn("本年废止件数")
_IN_FORCE = ValueColumn("现行有效件数", stock=True, tag=Tag.IN_FORCE)
_DECISIONS = ValueColumn("本年处理决定数量")

_BLOCKS = (
    Block("第二十条第（一）项", (_ISSUED, _REPEALED, _IN_FORCE), ("规章", "行政规范性文件")),
    Block("第二十条第（五）项", (_DECISIONS,), ("行政许可",)),
    Block("第二十条第（六）项", (_DECISIONS,), ("行政处罚", "行政强制")),
    Block("第二十条第（八）项",
          (ValueColumn("本年收费金额（单位：万元）", Kind.MONEY, unit_in_header=True, tag=Tag.FEES),),
          ("行政事业性收费",)),
)


def _stock_rules() -> tuple[CrossYear, ...]:
    """现行有效件数(N) = 现行有效件数(N−1) + 本年制发件数(N) − 本年废止件数(N) — a warning."""
    rules = []
    for row in _BLOCKS[0].rows:
        def k(col: ValueColumn) -> CellKey:
            return CellKey("二", row, col.label)
        rules.append(CrossYear(
            "二.in_force_stock", k(_IN_FORCE),
            (Term(1, "prev", k(_IN_FORCE)), Term(1, "this", k(_ISSUED)), Term(-1, "this", k(_REPEALED))),
            why="“现行有效件数”应等于上年现行有效件数加本年制发件数减本年废止件数",
            title="“现行有效件数”等于上年现行有效件数加本年制发件数减本年废止件数",
            reasons=("本年开展规范性文件集中清理，现行有效件数按清理结果填报。",
                     "修订的文件按本单位口径计入制发件数，与上年现行有效件数衔接方式不同。")))
    return tuple(rules)


def _required() -> tuple[Required, ...]:
    """国办公开办函〔2021〕30号: the overview's five topics (and, for a government, three results), last
    year's problems put right, and the 信息处理费."""
    overview = "、".join(t.name for t in common.OVERVIEW_TOPICS)
    government = "、".join(t.name for t in common.GOVERNMENT_TOPICS)
    return (
        Required("topics", "一", common.OVERVIEW_TOPICS, f"总体情况（{overview}）",
                 f"2021版格式要求总体情况包括{overview}"),
        Required("government", "一", common.GOVERNMENT_TOPICS, f"{government}的结果（人民政府的报告）",
                 f"人民政府的年度报告，总体情况还应包括{government}的结果", governments_only=True),
        Required("rectify", "五", (common.RECTIFICATION,), common.RECTIFICATION.name,
                 "应先逐项说明上年度报告所列问题的整改情况"),
        Required("fee", "六", (common.FEE,), "信息处理费收取情况",
                 "2021版格式要求在此报告本年是否收取信息处理费；未收取的也应写明"),
    )


def build() -> FormSpec:
    """The declaration (``forms.FORMS`` builds it when first asked for: start-up time)."""
    table2 = build_table_2(common.TABLE2_ROW_HEADER, _BLOCKS)
    table3, totals3, balances, carry3 = common.table_3(other_handling_as_group=True)
    table4, totals4 = common.table_4()
    return FormSpec(
        about=ABOUT,
        tables={"二": table2, "三": table3, "四": table4},
        totals=(*totals3, *totals4),
        balances=tuple(balances),
        cross_year=(*carry3, *_stock_rules()),
        not_greater=(),
        level_hints=(LevelHint("二.regulations_level",
                               tuple(CellKey("二", "规章", c.label) for c in _BLOCKS[0].columns),
                               "规章", title=common.REGULATIONS_LEVEL_TITLE, instead=_BLOCKS[0].rows[1]),),
        heading_variants=common.HEADING_VARIANTS,
        required=_required(),
        outline={"一": common.OVERVIEW_TOPICS, "五": (common.RECTIFICATION, *common.PROBLEMS),
                 "六": (common.FEE, *common.OTHER_MATTERS)},
        ledger_of=partial(common.ledger_words, True),
    )

