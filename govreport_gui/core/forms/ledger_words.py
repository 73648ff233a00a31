"""The words of an agency's own ledgers, as data: the 依申请公开登记台账 (one row per application) that
table 三 counts, and the 行政复议/行政诉讼 case list that table 四 counts.

Clerks keep their ledgers in their own words — 公民 for 自然人, 律所 for 法律服务机构, 信息不存在 for
``1.本机关不掌握相关政府信息``, 不予公开（涉密） in one column or 不予公开 | 国家秘密 in two.  Each word
below names exactly one official label of the version it is declared for (``FormSpec.ledger``); the
official labels themselves are words too (``build`` adds them).  A word is compared after spacing,
brackets, punctuation, full-width forms and leading numbering are set aside (``core.ledger.words``);
nothing is matched by containment or similarity: a value that fits no word is shown to the clerk,
never counted.

Shape: a ``Choice`` is a set of ``Group``s.  A group either *is* one label (``target``: 自然人,
（一）予以公开) or stands for several and needs a ``Leaf`` to say which (（三）不予公开 needs its 情形,
法人或其他组织 its kind of organisation, 行政诉讼 whether it followed a 复议).  A leaf's ``words`` also
stand alone (信息不存在); its ``reason_only`` words count only after the group's word or in the 情形
column (其他 means （六）3.其他 only after 其他处理).
"""

from __future__ import annotations

from dataclasses import replace
from enum import Enum

from ..records import record

# An application the applicant withdrew: closed (其他处理 其他) even without a date of answering.
WITHDRAWN = ("撤回申请", "申请人撤回", "主动撤回", "撤回", "申请人撤回申请", "主动撤回申请", "已撤回", "申请人已撤回",
             "已撤回申请", "申请人自行撤回", "申请已撤回", "申请人申请撤回", "信息公开申请已撤回")


class Field(str, Enum):
    """What a column of a ledger holds."""

    APPLICANT = "applicant"    # 申请人类型
    # The kind of organisation in a column of its own beside 申请人类型 = 法人或其他组织 (as the
    # official table heads its columns): read only with an applicant-type column.
    APPLICANT_KIND = "applicant_kind"
    RECEIVED = "received"      # 收到日期 (a case: 立案/收到日期)
    DONE = "done"              # 办结/答复日期 (a case: 审结/结案日期)
    RESULT = "result"          # 处理结果 (a case: 审理结果)
    REASON = "reason"          # 具体情形 (the second column of a split result)
    CASE_KIND = "case_kind"    # 案件类型: 行政复议 / 行政诉讼 …
    # The result column of a case list, read with its own words (维持/纠正/其他/尚未审结); no
    # column is recognised as this field — it names the case outcomes' words and assignments.
    CASE_OUTCOME = "case_outcome"
    # A ledger without an applicant-type column that keeps persons and organisations apart: the
    # person's name (姓名) filled for a 自然人, the organisation's name (单位名称) for the others.
    PERSON = "person"
    ORGANISATION = "organisation"
    # A ledger without an applicant-type column whose one column holds the applicant's name, a
    # person's or an organisation's (申请人姓名或名称): organisations by how their names end, persons asked.
    NAME = "name"
    # A ledger without a result column that says 是否公开 (是 / 部分 / 否) and, for 否, the 情形.
    DISCLOSE = "disclose"
    # 备注: read only for a result that names its group without the row (不予处理 | 备注 重复申请), when
    # the remark is nothing but that row's words.
    REMARK = "remark"
    # 办理状态 / 办结状态: read only beside a result column, for a row whose result is blank — a withdrawal
    # (申请人撤回) closes it without an answer; a final state (已办结) without date or result is asked.
    STATUS = "status"


@record
class Column:
    """How a header names a column: every group of ``needs`` has one of its words in the header,
    none of ``never`` is in it.  ``alone``: a header that is exactly one of these words is this
    column too (a bare 类型).  Earlier words of the first group rank higher when two columns qualify."""

    field: Field
    name: str
    needs: tuple[tuple[str, ...], ...]
    never: tuple[str, ...] = ()
    alone: tuple[str, ...] = ()


@record
class Leaf:
    target: str                      # the official label it counts in
    words: tuple[str, ...] = ()
    reason_only: tuple[str, ...] = ()
    code: str = ""                   # its number in its group (``1`` of ``1.属于国家秘密``), when it is a row


@record
class Group:
    words: tuple[str, ...]
    target: str | None = None        # the group is one label; None: a leaf must say which
    leaves: tuple[Leaf, ...] = ()
    # A remark after the label may name another label without contradicting it: 部分公开（涉及个人隐私）
    # says which part was withheld and why, and counts as 部分公开 only (the official label says so).
    any_remark: bool = False
    code: str = ""                   # its numbering in the table (``三`` of ``（三）不予公开``)


@record
class Choice:
    """The words of one column: its groups, and the words that mean "nothing yet" (办理中).

    ``documents``: the name of the paper that carries a word, set aside after it (不予公开**告知书**,
    信息不存在**告知书**) — a word that is no word without it stays unclear (政府信息公开告知书).
    ``asides``: what a result written as a sentence says around its words, set aside at the start of
    each of its clauses (**经审查**，**所申请信息**属于国家秘密，不予公开；**已邮寄**) — the clauses
    left must all name one label, else the value is unclear."""

    groups: tuple[Group, ...]
    pending: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    asides: tuple[str, ...] = ()
    # Words that, in a remark after a label (or in the 情形 column beside it), say the label is not
    # the whole answer: 予以公开（部分） is no 予以公开.  (Not for a group whose remarks say why a
    # part was withheld: ``Group.any_remark``.)
    remark_never: tuple[str, ...] = ()
    # The marks of a mixed answer written as a sentence: each part after one (部分予以公开部分不予公开);
    # one part of the first group (disclosed) and another not is the ``any_remark`` group's label.
    mixed_marks: tuple[str, ...] = ()
    # The heading the groups' codes stand under (``三、本年度办理结果``): a code may be written after it
    # (三（三）1) — a Choice without it is read without codes (``Group.code``, ``Leaf.code``).
    code_heading: str = ""

    def targets(self) -> tuple[str, ...]:
        out: list[str] = []
        for g in self.groups:
            for t in ([g.target] if g.target else []) + [leaf.target for leaf in g.leaves]:
                if t not in out:
                    out.append(t)
        return tuple(out)


@record
class LedgerWords:
    """Everything a version needs to read ledgers (see the module docstring)."""

    columns: tuple[Column, ...]
    applicants: Choice          # → the applicant columns of 三
    results: Choice             # → the result leaf rows of 三 (pending: 办理中 …)
    case_kinds: Choice          # → the column groups of 四
    case_outcomes: Choice       # → the outcome columns of 四 (pending: 审理中 …)
    case_pending: str           # the outcome column of a case not concluded by 31 December
    total_marks: tuple[str, ...] = ("合计", "总计", "小计", "共计", "累计")  # a row of sums, not an application
    # An organisation's kind by how its name ends (某某律师事务所 → 法律服务机构), for a ledger that
    # keeps only the organisation's name: one ``Leaf`` per applicant column (``build``).
    name_endings: tuple[Leaf, ...] = ()
    # The answers of a 是否公开 column: all of it disclosed, part of it, none (then the 情形 says why).
    disclose_all: tuple[str, ...] = ("是", "同意", "公开", "予以公开", "全部公开", "同意公开", "√", "✓", "y", "yes")
    disclose_part: tuple[str, ...] = ("部分", "部分公开", "部分是", "部分予以公开")
    # A status column's words for an application closed: withdrawn, or finished (then its date and result are needed).
    withdrawn: tuple[str, ...] = WITHDRAWN
    status_done: tuple[str, ...] = ("已办结", "办结", "已答复", "已回复", "已完成", "完成", "已处理", "办毕", "已办毕",
                                    "已结案", "结案", "已告知", "已送达", "已办理")
    disclose_none: tuple[str, ...] = ("否", "不", "不公开", "不予公开", "未公开", "×", "✗", "n", "no")
    # What follows a category in the name of a sheet kept for that category alone (自然人申请, 企业登记表).
    sheet_endings: tuple[str, ...] = ("申请登记表", "申请登记", "申请台账", "申请", "登记表", "登记台账", "登记", "台账",
                                      "类", "申请人", "类申请")
    # Sheet names that are no category even though the word is one (a sheet called 其他 holds other things).
    sheet_not_applicant: tuple[str, ...] = ("其他", "其它")
    # The signatures under a table (制表人：张三 | 审核人：李四 | 制表日期：…): a row of only these, each
    # followed by its colon, is not an application.
    footer_marks: tuple[str, ...] = ("制表人", "制表", "填表人", "填表", "填报人", "审核人", "审核", "负责人", "统计人",
                                     "复核人", "校对人", "制表日期", "填表日期", "填报日期", "审核日期", "制表时间",
                                     "填报时间", "单位负责人", "分管领导", "联系人", "联系电话", "填报单位", "制表单位")
    # A cell of only these marks a row the clerk cancelled without deleting it (``core.ledger.void``):
    # not 重复申请 (a result) and not a remark that merely contains one.
    void_marks: tuple[str, ...] = ("作废", "已作废", "此条作废", "本条作废", "该条作废", "此行作废", "本行作废", "该行作废",
                                   "作废行", "重复登记", "重复录入", "登记重复", "录入重复", "误录", "误登", "错录", "录入错误",
                                   "登记错误", "误登记", "已删除", "删除", "此条删除", "无效登记", "此条无效", "本条无效", "无效")
    # A received date written as where the row came from: carried in from the year before.
    carried_in_marks: tuple[str, ...] = ("上年结转", "上年度结转", "上年转结", "上年度转结", "去年结转", "上一年度结转",
                                         "上年遗留", "上年度遗留", "上年结转申请", "上年结转件", "往年结转")
    # A row holding only one of these (or a period: 1月, 第二季度, 上半年) heads a part of the ledger.
    section_marks: tuple[str, ...] = ("上年结转", "上年度结转", "上年结转申请", "上年结转件", "本年新收", "本年新收申请",
                                      "本年受理", "本年度受理", "本年度新收", "结转下年", "结转下年度", "新收申请")
    # The first cell of a template's example row (例：张三 | 自然人 | …): the row is no application.
    example_marks: tuple[str, ...] = ("例", "示例", "样例", "范例", "举例", "填写示例", "填表示例", "填写样例", "例如")
    # A ledger that names its applicants in one column (``Field.NAME``): the persons among them stand
    # for the clerk's one question under this name (assigned once, remembered for the agency), and a
    # name holding one of these is an organisation's, never taken for a person's.
    person_names: str = "姓名像个人的申请人"
    organisation_marks: tuple[str, ...] = ("局", "委", "办", "厅", "处", "科", "所", "院", "站", "队", "村", "社", "会",
                                           "部", "中心", "公司", "厂", "店", "行", "室", "馆", "校", "组", "团", "署",
                                           "府", "庭", "区", "县", "市", "省", "镇", "乡", "街道", "集团", "大学", "学院",
                                           "医院", "银行", "协会", "事务所", "有限", "合作", "政府", "机关", "单位", "企业",
                                           "小学", "中学", "学校", "幼儿园", "诊所", "药房", "超市", "酒店", "宾馆", "饭店",
                                           "餐厅", "农场", "林场", "场", "物业", "报社", "电视台", "工作室", "经营部", "门市",
                                           "商铺", "商店", "作坊", "车队", "矿", "园", "台", "联社")
    # The headers of a serial number column (序号, 编号): a row entered twice differs only there.
    # The header of an application's number: rows with the same number are one application (the
    # answers to its items on several rows).  Never 序号 or 编号 alone (a row's running number).
    number_marks: tuple[str, ...] = ("申请编号", "受理编号", "登记编号", "申请号", "受理号", "申请单号", "业务编号",
                                     "申请件编号", "件号")
    serial_marks: tuple[str, ...] = ("序号", "编号", "流水号", "登记号", "受理号", "顺序号", "文号", "案号")

    def column(self, field: Field) -> Column:
        return next(c for c in self.columns if c.field is field)


_DATE = ("日期", "时间", "日")

COLUMNS = (
    Column(Field.APPLICANT, "申请人类型",
           (("申请人", "申请主体", "主体", "申请者", "申请方"), ("类型", "性质", "类别", "身份", "分类", "种类", "主体", "属性")),
           never=("姓名", "名称", "电话", "地址", "证件", "联系", "代理"),
           alone=("类型", "类别", "性质", "身份", "申请主体", "申请人情况", "申请人", "申请人/单位")),
    Column(Field.APPLICANT_KIND, "法人或其他组织类型",
           (("法人或其他组织类型", "法人或其他组织类别", "法人或者其他组织类型", "法人类型", "法人类别", "组织类型",
             "组织类别", "单位类型", "单位类别", "单位性质", "法人性质", "机构类型", "机构类别"),),
           never=("姓名", "名称", "电话", "地址", "代码")),
    Column(Field.RECEIVED, "收到日期",
           (("收到", "收件", "接收", "受理", "登记", "立案", "收案", "收文", "来文", "接件", "申请", "提交", "起诉",
             "来件", "来信", "来函"), _DATE),
           never=("办结", "答复", "回复", "告知", "审结", "结案", "期限", "截止", "届满", "延期", "补正", "出生")),
    Column(Field.DONE, "办结日期",
           (("办结", "答复", "回复", "告知", "审结", "结案", "办毕", "完成", "完结", "决定", "判决", "裁判", "作出",
             "处理", "办理", "送达", "复函"), _DATE),
           never=("期限", "截止", "届满", "应当", "法定", "延期", "时限", "预计")),
    Column(Field.RESULT, "处理结果",
           (("处理结果", "办理结果", "答复结果", "答复类型", "答复情况", "处理情况", "办理情况", "答复意见",
             "处理决定", "答复结论", "处理意见", "办理意见", "审理结果", "复议结果", "诉讼结果", "判决结果", "裁判结果",
             "审结结果", "结案方式", "回复情况", "回复结果", "回复意见", "回复类型", "办复结果", "办复情况",
             "结果", "告知书类型", "告知书种类", "告知类型", "答复文书", "文书类型", "告知书", "办理结论", "处理结论"),),
           never=("日期", "时间", "送达", "方式", "文号", "编号", "是否"),
           # mostly how the answer was delivered (邮寄, 当面): the result only when the values are results
           alone=("处理方式", "答复方式", "答复形式", "办理方式", "处理类型", "结果类型", "答复",
                  # the answer's text: the result only when its values are results (or sentences of one)
                  "答复内容", "处理内容", "办理内容", "回复内容", "答复结论", "复函内容", "复函")),
    Column(Field.REASON, "具体情形",
           (("具体情形", "情形", "理由", "原因", "依据", "具体情况", "细分", "子类"),),
           never=("日期", "时间", "申请理由", "用途", "申请原因", "延期")),
    # Only read when the sheet has no applicant-type column (``core.ledger.columns``).  (Before 单位名称:
    # 申请人单位名称 is a name of either kind.)
    Column(Field.NAME, "申请人名称",
           (("姓名或名称", "姓名名称", "名称或姓名", "名称姓名", "申请人名称", "申请人单位名称", "申请单位或个人",
             "单位或个人", "个人或单位", "申请人或单位", "申请人单位", "申请人姓名单位"),),
           never=("类型", "性质", "类别", "身份", "电话", "地址", "证件", "联系", "代理")),
    Column(Field.PERSON, "申请人姓名", (("姓名",),), never=("名称", "单位", "联系人", "经办", "承办", "代理", "受理人")),
    Column(Field.ORGANISATION, "单位名称",
           (("单位名称", "组织名称", "机构名称", "企业名称", "法人名称", "法人或其他组织名称", "申请单位"),),
           never=("姓名", "地址", "电话", "联系", "类型", "性质", "类别", "代码")),
    # Only read when the sheet has no result column (``core.ledger.columns``).
    Column(Field.DISCLOSE, "是否公开", (("是否公开", "是否予以公开", "是否同意公开", "公开与否", "是否全部公开"),),
           never=("日期", "时间", "方式", "方法", "途径")),
    Column(Field.STATUS, "办理状态", (("办理状态", "办结状态", "处理状态", "答复状态", "申请状态", "状态"),),
           never=("日期", "时间", "受理", "申请人", "审核", "缴费", "收费", "送达", "补正")),
    Column(Field.REMARK, "备注", (("备注", "附注", "备考"),), never=("日期", "时间")),
    Column(Field.CASE_KIND, "案件类型",
           (("案件类型", "案件类别", "案件性质", "案件种类", "复议或诉讼", "复议诉讼", "复议/诉讼", "救济途径",
             "救济方式", "复议", "诉讼"),),
           never=("结果", "日期", "时间", "机关", "案号", "法院", "是否")),
)


# --- applicants --------------------------------------------------------------------------------

def _applicants(natural: str, legal: str, kinds: tuple[str, ...]) -> Choice:
    """``kinds``: 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他 (in the official order)."""
    words = {
        "商业企业": ("企业", "公司", "有限公司", "有限责任公司", "股份有限公司", "企业法人", "商业机构", "商户", "企业单位",
                 "私营企业", "民营企业", "国有企业"),
        "科研机构": ("科研院所", "研究所", "研究院", "科研单位", "科研院", "研究机构", "研究中心"),
        "社会公益组织": ("公益组织", "协会", "基金会", "公益机构", "社会公益机构", "社会团体", "公益团体",
                    "慈善组织", "民办非企业单位", "社会服务机构", "学会", "商会", "社会组织"),
        "法律服务机构": ("律师事务所", "律所", "法律服务所", "基层法律服务所", "公证处", "公证机构",
                    "司法鉴定机构", "律师事务所律师"),
        # none of the four kinds above: state organs, village and residents' committees
        "其他": ("其他组织", "其它", "其它组织", "其他单位", "其他机构", "其他法人", "其他类型", "行政机关", "国家机关",
               "政府机关", "政府部门", "党政机关", "村民委员会", "居民委员会", "村委会", "居委会"),
    }
    leaves = tuple(Leaf(kind, (kind, *words.get(kind, ()))) for kind in kinds)
    return Choice((
        Group((natural, "公民", "个人", "自然人申请", "群众", "居民", "市民", "村民", "个人申请", "公民个人", "个人申请人"),
              target=natural),
        Group((legal, "法人", "法人及其他组织", "法人和其他组织", "法人或者其他组织", "非自然人", "单位", "组织",
               "法人组织"), leaves=leaves),
    ))


# How organisations' names end, by the kind of organisation (none of a 自然人's name: a person is
# known by the 姓名 column).  Longest ending first when read; a name ending otherwise is unclear.
_NAME_ENDINGS = {
    "商业企业": ("有限公司", "有限责任公司", "股份有限公司", "股份公司", "公司", "集团", "厂", "商行", "经营部"),
    "科研机构": ("研究所", "研究院", "科学院", "研究中心", "科研所"),
    "社会公益组织": ("协会", "基金会", "学会", "促进会", "慈善会", "商会", "联合会"),
    "法律服务机构": ("律师事务所", "法律服务所", "公证处", "司法鉴定所", "司法鉴定中心"),
    "其他": ("村民委员会", "居民委员会", "村委会", "居委会", "人民政府", "业主委员会", "业委会"),
}


def _name_endings(kinds: tuple[str, ...]) -> tuple[Leaf, ...]:
    return tuple(Leaf(kind, _NAME_ENDINGS[kind]) for kind in kinds if kind in _NAME_ENDINGS)


# --- results of table 三 ---------------------------------------------------------------------

# What each outcome group is called (the official label's words are added by ``build``).
_GROUP_WORDS = {
    "disclosed": ("公开", "同意公开", "已公开", "全部公开", "予以公开", "准予公开", "告知获取途径", "告知获取方式",
                  "已主动公开", "主动公开告知获取途径", "已公开信息", "告知申请人获取途径", "告知申请人获取方式",
                  "已告知获取途径", "已告知获取方式",
                  # the information provided, or its place on the government's site told
                  "予以提供", "同意提供", "已提供", "主动公开范围", "属于主动公开范围", "告知查询途径", "告知查询方式",
                  "提供复印件", "当面提供", "已当面提供", "当场提供", "邮寄提供",
                  "通过政府网站获取", "通过政府网站查询", "告知通过政府网站获取", "告知通过政府网站查询",
                  "属于公开范围", "属于可以公开的范围", "属于依申请公开范围",
                  "已予公开", "已予以公开", "予公开", "已全部公开"),
    "partly": ("部分公开", "部分予以公开", "区分处理", "部分同意公开", "部分公开部分不予公开", "部分公开部分不公开",
               "同意部分公开", "部分提供"),
    "withheld": ("不予公开", "不公开", "不予以公开", "不同意公开"),
    "unable": ("无法提供", "不能提供"),
    "not_processed": ("不予处理", "不作处理", "不作为政府信息公开申请处理", "不属于政府信息公开申请",
                      "不属于政府信息公开申请范围"),
    "other_handling": ("其他处理",),
}

# The leaves of each group, by a part of their official label: that leaf's own words.
_LEAF_WORDS: dict[str, dict[str, tuple[tuple[str, ...], tuple[str, ...]]]] = {
    "withheld": {
        "国家秘密": (("国家秘密", "涉密", "涉及国家秘密", "涉密信息", "属于国家秘密"), ()),
        "法律行政法规禁止": (("法律行政法规禁止公开", "法律法规禁止公开", "其他法律行政法规禁止公开", "法律禁止公开",
                       "法律法规禁止", "法律行政法规禁止"), ()),
        "三安全一稳定": (("三安全一稳定", "危及三安全一稳定", "危及国家安全公共安全经济安全社会稳定",
                    "危及国家安全、公共安全、经济安全、社会稳定", "危及国家安全", "危及公共安全", "危及经济安全",
                    "危及社会稳定"), ()),
        "第三方合法权益": (("第三方合法权益", "保护第三方合法权益", "涉及第三方合法权益", "损害第三方合法权益",
                     "商业秘密", "个人隐私", "涉及商业秘密", "涉及个人隐私", "第三方不同意公开", "第三方不同意",
                     "公开后可能损害第三方合法权益", "公开后会损害第三方合法权益", "公开会损害第三方合法权益",
                     # whose secret or privacy it is (条例第十五条: 商业秘密、个人隐私 of a third party)
                     "第三方个人隐私", "第三方商业秘密", "第三方个人信息", "他人隐私", "他人个人隐私", "他人商业秘密",
                     "他人个人信息"), ()),
        "内部事务": (("内部事务信息", "三类内部事务信息", "内部事务", "内部管理信息", "人事管理信息",
                  "后勤管理信息", "内部工作流程", "人事信息", "人事管理", "后勤管理"), ()),
        "过程性信息": (("过程性信息", "四类过程性信息", "过程信息"), ()),
        "行政执法案卷": (("行政执法案卷", "执法案卷", "行政执法案卷信息"), ()),
        "行政查询事项": (("行政查询事项", "查询事项", "行政查询", "属于查询事项", "查询类"), ()),
    },
    "unable": {
        "不掌握": (("本机关不掌握", "不掌握", "不掌握相关信息", "本机关不掌握相关信息", "信息不存在", "政府信息不存在",
                 "该信息不存在", "相关信息不存在", "非本机关政府信息", "非本机关掌握", "未制作或获取", "未制作或者获取",
                 "没有制作或获取", "不存在", "本机关未制作", "本机关未获取", "未制作", "未获取",
                 # not this organ's to disclose: the applicant is told where to ask (条例第三十六条第五项)
                 "非本机关信息", "非本机关负责公开", "不属于本机关负责公开", "不属于本机关公开职责",
                 "告知向其他机关申请", "告知向有关机关申请", "告知向其他部门申请", "告知向有关部门申请",
                 "告知其向有关机关申请", "告知申请人向有关机关申请", "告知申请人向其他机关申请",
                 "告知申请人向有关部门申请", "告知申请人向其他部门申请", "向其他机关申请", "向有关机关申请",
                 "向有关部门申请", "向其他部门申请", "不属于本机关职责范围", "不属于本机关职责", "非本机关职责",
                 "非本机关职责范围", "不属于本机关公开范围",
                 # searched for and not found (条例第三十六条第四项: 经检索没有所申请公开信息)
                 "未找到相关信息", "未找到相关政府信息", "未找到该信息", "未检索到相关信息", "未检索到相关政府信息",
                 "未检索到该信息", "未检索到", "查无相关信息", "查无此信息", "查无该信息"), ()),
        "另行制作": (("另行制作", "需另行制作", "需要另行制作", "没有现成信息", "无现成信息", "需加工分析",
                  "需要加工分析"), ()),
        "补正后": (("补正后仍不明确", "补正后内容仍不明确", "申请内容仍不明确", "补正后申请内容不明确"), ()),
    },
    "not_processed": {
        "信访": (("信访举报投诉", "信访举报投诉类", "信访", "举报投诉", "投诉举报", "信访类", "举报", "投诉",
                "信访事项", "信访件", "信访诉求", "信访举报投诉事项", "信访举报投诉类事项",
                # handled as the 信访 it is (not as an application for information)
                "转为信访处理", "转信访处理", "转为信访件处理", "转为信访件办理", "转信访部门处理", "转交信访部门处理",
                "按信访处理", "按信访件处理", "按信访件办理", "按信访事项处理", "按信访程序处理"), ()),
        "重复申请": (("重复申请", "重复", "重复提出申请", "与此前申请内容相同", "与已答复的申请内容相同",
                  "与此前申请的内容相同",
                  # what the applicant is told (条例第三十六条第六项: 告知申请人不予重复处理)
                  "不予重复处理", "不再重复处理"), ()),
        "公开出版物": (("公开出版物", "要求提供公开出版物", "出版物", "要求提供出版物", "提供公开出版物"), ()),
        "大量反复": (("大量反复申请", "无正当理由大量反复申请", "反复申请", "大量申请"), ()),
        "确认或重新出具": (("确认或重新出具", "要求确认或重新出具", "重新出具", "确认已获取信息", "要求确认已获取信息",
                     "要求确认已获取的信息", "确认已获取的信息",
                     "要求行政机关确认或重新出具", "重新出具已获取信息", "确认或重新出具已获取信息",
                     "要求确认或重新出具已获取信息", "要求重新出具已获取信息", "要求重新出具已获取的信息",
                     "重新出具已获取的信息"), ()),
    },
    "other_handling": {
        "逾期不补正": (("逾期不补正", "逾期未补正", "无正当理由逾期不补正", "申请人逾期不补正", "不补正",
                   "未补正", "视为放弃申请", "视为放弃",
                   # with what the official label says follows (行政机关不再处理其政府信息公开申请)
                   "逾期未补正不再处理", "逾期不补正不再处理", "逾期未补正不再处理其申请", "逾期不补正不再处理其申请"), ()),
        "缴纳费用": (("逾期未缴费", "逾期不缴费", "逾期未缴纳费用", "未按收费通知缴费", "逾期未缴纳信息处理费",
                  "未缴纳信息处理费", "未缴费", "未按要求缴费", "未缴纳费用", "未按要求缴纳费用",
                  "逾期未缴费不再处理", "逾期未缴纳费用不再处理", "逾期未缴纳信息处理费不再处理"), ()),
        "其他": (WITHDRAWN,
               ("其他", "其它", "其他情形", "其他原因", "其他处理情形")),
    },
}

_PENDING_RESULTS = ("办理中", "正在办理", "未办结", "在办", "待答复", "尚未答复", "未答复", "待办", "办理当中",
                    "尚在办理", "仍在办理", "尚在处理", "仍在处理",
                    "尚未办结", "正在处理", "处理中", "延期答复中", "延期答复", "延期", "补正", "告知补正", "要求补正",
                    "需补正", "补正中", "已告知补正", "已要求补正", "征求第三方意见", "征求意见中", "征求第三方意见中",
                    # still open at the year's end, said so in the result column
                    "结转下年", "结转下年度", "结转下年办理", "结转下年度办理", "转下年办理", "转下年度办理",
                    "结转下一年度", "结转至下年", "结转至下年度", "转入下年度办理")

_RESULT_REMARK_NEVER = ("部分", "不予", "不公开", "不同意", "无法", "不存在", "不掌握", "不属于", "驳回", "撤回", "不予处理")

# The papers an answer is sent as (不予公开告知书): set aside after a result's words.
_RESULT_DOCUMENTS = ("告知书", "答复书", "决定书", "通知书", "告知函", "答复函", "复函", "告知", "通知")

# Said around the result when it is written as a sentence, at the start of a clause: the review
# done, the information concerned, the decision, the delivery.
_RESULT_ASIDES = ("经审查", "经审核", "经查", "经核查", "经核实", "经研究", "经检索", "经查询", "经认真查找", "经调查",
                  "经", "所申请公开的信息", "所申请的信息", "所申请信息", "您申请的信息", "您所申请的信息",
                  "申请公开的信息", "申请的信息", "您申请公开的", "该信息", "该", "本机关决定", "本机关", "决定",
                  "依法", "予以答复", "已答复", "已告知", "现予告知", "特此告知", "已邮寄", "邮寄送达", "已送达",
                  "已当面送达", "当面送达", "当面领取", "已当面领取", "已电子邮件发送", "电子邮件送达", "已通过电子邮件发送",
                  # (said after the answer, in a sentence run together: 该信息不存在已告知申请人)
                  "已告知申请人", "告知申请人", "已书面告知申请人", "书面告知申请人", "已书面告知", "书面告知",
                  "已答复申请人", "答复申请人", "已电话告知", "已函告", "已邮寄送达", "已送达申请人", "申请人", "并",
                  # addressed to the applicant, and where the answer's text is
                  "您申请公开的信息", "您所申请公开的信息", "您申请的信息", "您的申请", "您申请的", "现",
                  "您申请的信息中", "所申请信息中", "申请的信息中", "其中",
                  "详见附件", "见附件", "详见答复书", "详见告知书",
                  # why, before the reason (不予公开，理由：涉及他人隐私); how the applicant said it (来电撤回)
                  "理由", "理由是", "理由为", "原因", "原因是", "原因为", "来电", "电话", "书面", "口头",
                  # what disclosure would do, before the harm that is the reason (公开后可能危及社会稳定)
                  "公开后可能", "公开后将", "公开后会", "公开可能",
                  # what the reason is said of (属于法律法规禁止公开的信息, 非本机关掌握的信息)
                  "的信息", "的政府信息",
                  # the steps on the way to the answer (已告知补正，申请人逾期未补正; 延期答复，予以公开): alone
                  # they say the application is still open (pending), beside an answer they say nothing of it
                  "告知补正", "已告知补正", "补正", "延期答复", "已延期答复", "延期", "征求第三方意见",
                  "已征求第三方意见")

# The marks of each part of a mixed answer (部分予以公开部分不予公开).
_RESULT_MIXED_MARKS = ("部分", "一部分", "其余部分", "其余", "其他部分", "另一部分", "另有部分")


def _results(leaves) -> Choice:
    """The outcome groups of 三 from its declared leaves (``common.table_3_leaves``): a group with
    one leaf row is that row; the words of a group's leaves that the version has no row for (the
    2019 （六）其他处理 is one row) count in the group's row.  Each group and leaf row keeps its number
    in the table (``Group.code``, ``Leaf.code``): a clerk may write the row's code for its words."""
    from .spec import Tag
    tags = {Tag.DISCLOSED: "disclosed", Tag.PARTLY: "partly", Tag.WITHHELD: "withheld", Tag.UNABLE: "unable",
            Tag.NOT_PROCESSED: "not_processed", Tag.OTHER_HANDLING: "other_handling"}
    groups = []
    for tag, name in tags.items():
        mine = [leaf for leaf in leaves if leaf.tag is tag]
        label = mine[0].group or mine[0].label
        words = (_bare(label), *_GROUP_WORDS[name])
        by_part = _LEAF_WORDS.get(name, {})
        if len(mine) == 1 and mine[0].group is None:
            groups.append(Group(words, target=label, leaves=tuple(Leaf(label, w, r) for w, r in by_part.values()),
                                any_remark=tag is Tag.PARTLY, code=_code(label)))
            continue
        group_leaves = []
        for part, (w, r) in by_part.items():
            (leaf,) = [x for x in mine if part in x.label]   # exactly one leaf carries the part
            own = _bare(leaf.label)   # the label's own words — but ``3.其他`` alone says nothing
            group_leaves.append(Leaf(leaf.label, ((own,) if own not in r else ()) + w, r, code=_code(leaf.label)))
        groups.append(Group(words, leaves=tuple(group_leaves), code=_code(label)))
    return Choice(tuple(groups), _PENDING_RESULTS, _RESULT_DOCUMENTS, _RESULT_ASIDES, _RESULT_REMARK_NEVER,
                  _RESULT_MIXED_MARKS, code_heading=next(leaf.outer for leaf in leaves if leaf.outer))


def _code(label: str) -> str:
    """A label's numbering: ``（三）不予公开`` → 三, ``1.属于国家秘密`` → 1."""
    import re
    m = re.match(r"^(?:（([一二三四五六七八九十]+)）|(\d+)\.)", label)
    return (m.group(1) or m.group(2)) if m else ""


def _bare(label: str) -> str:
    """An official label without its numbering: ``（三）不予公开`` → 不予公开, ``1.属于国家秘密`` → 属于国家秘密."""
    import re
    return re.sub(r"^(（[一二三四五六七八九十]+）|\d+\.)", "", label)


# --- 行政复议 / 行政诉讼 (table 四) -----------------------------------------------------------------

def _case_kinds(review: str, litigation: str, direct: str, after_review: str) -> Choice:
    return Choice((
        Group((review, "复议", "行政复议案件", "复议案件", "申请行政复议"), target=review),
        Group((litigation, "诉讼", "行政诉讼案件", "诉讼案件", "行政起诉", "起诉"), leaves=(
            Leaf(direct, (direct, "直接起诉", "未经复议", "未经复议起诉", "直接诉讼", "直接提起诉讼",
                          "未经复议直接提起诉讼")),
            Leaf(after_review, (after_review, "经复议后起诉", "经复议", "复议后诉讼", "经复议后诉讼",
                                "复议后提起诉讼", "经复议起诉")),
        )),
    ))


def _case_outcomes(kept: str, corrected: str, other: str, pending: str) -> Choice:
    return Choice((
        Group((kept, "维持", "维持原决定", "维持原答复", "维持答复", "驳回诉讼请求", "驳回复议请求", "驳回行政复议请求",
               "判决驳回诉讼请求", "复议维持", "判决维持"), target=kept),
        Group((corrected, "纠正", "撤销", "变更", "确认违法", "责令履行", "确认无效", "撤销并责令重作",
               "责令重新答复", "责令重新作出", "责令重作", "撤销原答复", "撤销答复", "撤销告知书", "责令限期履行", "部分撤销"),
              target=corrected),
        Group((other, "其他", "其它", "撤回", "撤诉", "终止", "终止审理", "终止复议", "驳回起诉", "驳回复议申请",
               "驳回行政复议申请", "调解", "和解", "准予撤诉", "申请人撤回", "撤回复议申请"), target=other),
    ), pending=(pending, "未审结", "审理中", "在审", "正在审理", "未结案", "尚未结案", "审查中", "待审理",
                "尚在审理", "未判决"))


def build(leaves, review_groups, review_outcomes: tuple[str, ...], applicant_header) -> LedgerWords:
    """The ledger words of a version, made from its declared labels (``common``)."""
    review, direct, after = (g.label for g in review_groups)
    litigation = review_groups[1].parent
    kept, corrected, other, pending = review_outcomes
    return LedgerWords(
        columns=COLUMNS,
        applicants=_applicants(applicant_header.natural, applicant_header.legal, applicant_header.legal_kinds),
        results=_results(leaves),
        case_kinds=_case_kinds(review, litigation, direct, after),
        case_outcomes=_case_outcomes(kept, corrected, other, pending),
        case_pending=pending,
        name_endings=_name_endings(applicant_header.legal_kinds),
    )


def with_groups(choice: Choice, *groups: Group) -> Choice:
    """``choice`` with more groups (a clerk's assignments read as words)."""
    return replace(choice, groups=(*choice.groups, *groups))
