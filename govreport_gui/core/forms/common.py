"""Labels and shapes the 2019 and 2021 versions share (国办公开办函〔2019〕60号, 〔2021〕30号).

Every official label is spelled here or in a version module, and nowhere else in the code.
"""

from __future__ import annotations

from .builders import ApplicantHeader, Leaf, ReviewGroup, build_table_3, build_table_4
from .spec import Balance, CellKey, CrossYear, Section, TableSpec, Tag, Term, Topic, Total

SECTIONS = (
    Section("一", "一、总体情况"),
    Section("二", "二、主动公开政府信息情况", table="二"),
    Section("三", "三、收到和处理政府信息公开申请情况", table="三"),
    Section("四", "四、政府信息公开行政复议、行政诉讼情况", table="四"),
    Section("五", "五、存在的主要问题及改进情况"),
    Section("六", "六、其他需要报告的事项"),
)

# Seen in real reports; accepted when reading, never written.
HEADING_VARIANTS = {
    "五": ("五、存在的主要问题和改进情况", "五、政府信息公开工作存在的主要问题及改进情况"),
    "六": ("六、其他需求报告的事项",),
}

TABLE2_ROW_HEADER = "信息内容"

# The prose (国办公开办函〔2021〕30号, 正文部分).  一、总体情况: the five topics the 2021 format names — the usual
# sub-headings of the 2019 reports too.
OVERVIEW_TOPICS = (
    Topic("主动公开", ("主动公开",), "写明本年主动公开政府信息的数量、重点领域信息公开和政策解读情况"),
    Topic("依申请公开", ("依申请", "政府信息公开申请", "公开申请"), "写明收到、办结政府信息公开申请的情况和答复的规范性"),
    Topic("政府信息管理", ("信息管理", "管理制度", "公开属性", "发布审查", "保密审查"),
          "写明公开属性认定、发布审查、文件清理等管理制度的落实情况"),
    Topic("平台建设", ("平台", "网站", "新媒体"), "写明政府网站、政务新媒体、公开专区等平台的建设和维护情况"),
    Topic("监督保障", ("监督", "保障", "考核", "培训", "问责", "责任追究"), "写明组织领导、考核评议、培训和责任追究等情况"),
)
# For a government's own report the 2021 format also names these results.
GOVERNMENT_TOPICS = (
    Topic("工作考核", ("考核",)),
    Topic("社会评议", ("评议",)),
    Topic("责任追究", ("责任追究", "问责", "追责")),
)
RECTIFICATION = Topic("上年度问题整改情况", ("整改",), "逐项说明上年报告所列问题的整改措施和效果")
PROBLEMS = (
    Topic("存在的主要问题", hint="实事求是写明本年工作中存在的不足"),
    Topic("改进措施", hint="针对上述问题写明下一步的具体措施"),
)
FEE = Topic("收取信息处理费情况", ("信息处理费", "处理费"), "写明本年是否收取信息处理费；收取的，写明收费件数和金额")
OTHER_MATTERS = (
    Topic("落实上级年度政务公开工作要点情况", hint="简述完成情况"),
    Topic("人大代表建议和政协提案办理结果公开情况", hint="写明承办件数和结果公开情况"),
    Topic("政务公开工作创新情况", hint="如有，简述本年的创新做法"),
)

REGULATIONS_LEVEL_TITLE = "规章只由有规章制定权的机关填报"

APPLICANT_HEADER = ApplicantHeader(
    note="（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
    applicant="申请人情况",
    natural="自然人",
    legal="法人或其他组织",
    legal_kinds=("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"),
    total="总计",
)

NEW = "一、本年新收政府信息公开申请数量"
CARRIED_IN = "二、上年结转政府信息公开申请数量"
RESULTS = "三、本年度办理结果"
RESULTS_TOTAL = "（七）总计"
CARRIED_OUT = "四、结转下年度继续办理"

_WITHHELD = "（三）不予公开"
_UNABLE = "（四）无法提供"
_NOT_PROCESSED = "（五）不予处理"
OTHER_HANDLING = "（六）其他处理"

OTHER_HANDLING_LEAVES = (
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
    "3.其他",
)


def table_3_leaves(other_handling_as_group: bool) -> tuple[Leaf, ...]:
    """The 23 (2019) or 25 (2021) data rows of table 三, in official order."""
    def grouped(group: str, tag: Tag, labels: tuple[str, ...]) -> list[Leaf]:
        return [Leaf(label, outer=RESULTS, group=group, tag=tag) for label in labels]

    leaves = [
        Leaf(NEW, tag=Tag.NEW),
        Leaf(CARRIED_IN, tag=Tag.CARRIED_IN),
        Leaf("（一）予以公开", outer=RESULTS, tag=Tag.DISCLOSED),
        Leaf("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", outer=RESULTS, tag=Tag.PARTLY),
        *grouped(_WITHHELD, Tag.WITHHELD,
                 ("1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”",
                  "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息",
                  "7.属于行政执法案卷", "8.属于行政查询事项")),
        *grouped(_UNABLE, Tag.UNABLE, ("1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作",
                                       "3.补正后申请内容仍不明确")),
        *grouped(_NOT_PROCESSED, Tag.NOT_PROCESSED,
                 ("1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物",
                  "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息")),
    ]
    if other_handling_as_group:
        leaves += grouped(OTHER_HANDLING, Tag.OTHER_HANDLING, OTHER_HANDLING_LEAVES)
    else:
        leaves.append(Leaf(OTHER_HANDLING, outer=RESULTS, tag=Tag.OTHER_HANDLING))
    leaves += [Leaf(RESULTS_TOTAL, outer=RESULTS, total=True, tag=Tag.RESULTS_TOTAL),
               Leaf(CARRIED_OUT, tag=Tag.CARRIED_OUT)]
    return tuple(leaves)


def table_3(other_handling_as_group: bool) -> tuple[TableSpec, list[Total], list[Balance], list[CrossYear]]:
    table, totals = build_table_3(APPLICANT_HEADER, table_3_leaves(other_handling_as_group))
    balances = []
    carry = []
    for col in table.cols:
        def k(row: str) -> CellKey:
            return CellKey("三", row, col)
        balances.append(Balance(
            "三.balance", "三", f"“{col}”列",
            lhs=(("一", k(NEW)), ("二", k(CARRIED_IN))),
            rhs=(("（七）总计", k(RESULTS_TOTAL)), ("四", k(CARRIED_OUT))),
            title="表三每一列：本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理",
        ))
        if col != APPLICANT_HEADER.total:
            carry.append(CrossYear("三.carry_over", k(CARRIED_IN), (Term(1, "prev", k(CARRIED_OUT)),),
                                   why="本年“上年结转”应等于上年“结转下年度继续办理”",
                                   title="本年“上年结转”等于上年“结转下年度继续办理”（每一列）"))
    return table, totals, balances, carry


REVIEW = "行政复议"
LITIGATION = "行政诉讼"
REVIEW_GROUPS = (
    ReviewGroup(REVIEW, None, Tag.REVIEW),
    ReviewGroup("未经复议直接起诉", LITIGATION, Tag.LITIGATION),
    ReviewGroup("复议后起诉", LITIGATION, Tag.LITIGATION),
)
REVIEW_OUTCOMES = ("结果维持", "结果纠正", "其他结果", "尚未审结")


def table_4() -> tuple[TableSpec, list[Total]]:
    return build_table_4(REVIEW_GROUPS, REVIEW_OUTCOMES, APPLICANT_HEADER.total)


def ledger_words(other_handling_as_group: bool):
    """The words of an agency's ledgers for the version (``ledger_words``), from the labels above."""
    from . import ledger_words as words
    return words.build(table_3_leaves(other_handling_as_group), REVIEW_GROUPS, REVIEW_OUTCOMES, APPLICANT_HEADER)
