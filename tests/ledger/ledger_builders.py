"""Ledgers built in code, in the many styles agencies keep them, with the expected tables computed from
the generator's own records — never from the reader.

A ``App`` (one application) or ``Case`` (one 复议/诉讼 case) knows its official category; the words
that express it in a ledger are this file's own lists (what clerks write), and the expected counts
follow the year rules of the issue directly from the records.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass

APPLICANTS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
NEW, CARRIED_IN = "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量"
CARRIED_OUT = "四、结转下年度继续办理"
OTHER_2019 = "（六）其他处理"
DISCLOSED = "（一）予以公开"
PARTLY = "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"

# What clerks write for each applicant category (this file's words, in several spellings).
APPLICANT_WORDS = {
    "自然人": ("自然人", "公民", "个人", " 公 民 ", "自然人　"),
    "商业企业": ("商业企业", "企业", "公司", "有限公司", "法人或其他组织-企业", "法人（企业）"),
    "科研机构": ("科研机构", "研究所", "科研院所", "法人或其他组织（科研机构）"),
    "社会公益组织": ("社会公益组织", "协会", "基金会", "公益组织"),
    "法律服务机构": ("法律服务机构", "律师事务所", "律所", "法人或其他组织—律所"),
    "其他": ("其他", "其他组织"),
}

# Result words by leaf, one column: (2021 leaf label, [words]).  The group + 情形 wordings of two
# columns are in RESULT_PAIRS.
RESULT_WORDS = {
    DISCLOSED: ("予以公开", "同意公开", "已公开", "（一）予以公开", "公开"),
    PARTLY: ("部分公开", "部分公开（区分处理）", "（二）部分公开"),
    "1.属于国家秘密": ("不予公开（国家秘密）", "不予公开-涉密", "1.属于国家秘密", "不予公开：属于国家秘密"),
    "2.其他法律行政法规禁止公开": ("不予公开（法律行政法规禁止公开）", "2.其他法律行政法规禁止公开"),
    "3.危及“三安全一稳定”": ("不予公开（危及“三安全一稳定”）", "3、危及三安全一稳定"),
    "4.保护第三方合法权益": ("不予公开（第三方合法权益）", "不予公开-涉及个人隐私", "4.保护第三方合法权益"),
    "5.属于三类内部事务信息": ("不予公开（内部事务信息）", "5.属于三类内部事务信息"),
    "6.属于四类过程性信息": ("不予公开（过程性信息）", "不予公开 过程性信息", "6.属于四类过程性信息"),
    "7.属于行政执法案卷": ("不予公开（行政执法案卷）", "7.属于行政执法案卷"),
    "8.属于行政查询事项": ("不予公开（行政查询事项）", "8.属于行政查询事项"),
    "1.本机关不掌握相关政府信息": ("信息不存在", "本机关不掌握", "无法提供（本机关不掌握相关政府信息）"),
    "2.没有现成信息需要另行制作": ("需另行制作", "无法提供-需要另行制作", "2.没有现成信息需要另行制作"),
    "3.补正后申请内容仍不明确": ("补正后仍不明确", "无法提供（补正后申请内容仍不明确）"),
    "1.信访举报投诉类申请": ("信访举报投诉", "不予处理（信访举报投诉类申请）", "信访"),
    "2.重复申请": ("重复申请", "不予处理-重复申请"),
    "3.要求提供公开出版物": ("要求提供公开出版物", "不予处理（公开出版物）"),
    "4.无正当理由大量反复申请": ("大量反复申请", "不予处理（无正当理由大量反复申请）"),
    "5.要求行政机关确认或重新出具已获取信息": ("要求确认或重新出具", "不予处理（要求行政机关确认或重新出具已获取信息）"),
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": ("逾期不补正", "其他处理（逾期不补正）"),
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": ("逾期未缴费", "其他处理（逾期未缴纳费用）"),
    "3.其他": ("其他处理（其他）", "申请人撤回申请", "其他处理-其他"),
}
GROUPS = {"不予公开": "1.属于国家秘密 2.其他法律行政法规禁止公开 3.危及“三安全一稳定” 4.保护第三方合法权益 "
                  "5.属于三类内部事务信息 6.属于四类过程性信息 7.属于行政执法案卷 8.属于行政查询事项",
          "无法提供": "1.本机关不掌握相关政府信息 2.没有现成信息需要另行制作 3.补正后申请内容仍不明确",
          "不予处理": "1.信访举报投诉类申请 2.重复申请 3.要求提供公开出版物 4.无正当理由大量反复申请 "
                  "5.要求行政机关确认或重新出具已获取信息",
          "其他处理": "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 "
                  "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 3.其他"}
GROUP_OF = {leaf: group for group, leaves in GROUPS.items() for leaf in leaves.split()}
# The 情形 column: short words clerks write for each leaf (the group is in the result column).
REASON_WORDS = {
    "1.属于国家秘密": ("国家秘密", "涉密"), "2.其他法律行政法规禁止公开": ("法律法规禁止公开",),
    "3.危及“三安全一稳定”": ("三安全一稳定",), "4.保护第三方合法权益": ("商业秘密", "个人隐私"),
    "5.属于三类内部事务信息": ("内部事务信息",), "6.属于四类过程性信息": ("过程性信息",),
    "7.属于行政执法案卷": ("行政执法案卷",), "8.属于行政查询事项": ("行政查询事项",),
    "1.本机关不掌握相关政府信息": ("信息不存在", "本机关不掌握"), "2.没有现成信息需要另行制作": ("需另行制作",),
    "3.补正后申请内容仍不明确": ("补正后仍不明确",), "1.信访举报投诉类申请": ("信访举报投诉",),
    "2.重复申请": ("重复申请",), "3.要求提供公开出版物": ("公开出版物",), "4.无正当理由大量反复申请": ("大量反复申请",),
    "5.要求行政机关确认或重新出具已获取信息": ("确认或重新出具",),
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请": ("逾期不补正",),
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请": ("逾期未缴费",),
    "3.其他": ("其他",),
}
PENDING_WORDS = ("", "办理中", "正在办理", None)

HEADERS = {
    "applicant": ("申请人类型", "申请人性质", "申请人类别", "申请主体类型", "申请人\n类型"),
    "received": ("收到日期", "受理时间", "登记日期", "申请日期", "收到申请时间", "受理日期"),
    "done": ("办结日期", "答复日期", "答复时间", "办结时间", "告知日期"),
    "result": ("处理结果", "答复类型", "办理结果", "答复结果", "处理结果（答复类型）"),
    "reason": ("具体情形", "不予公开/无法提供/不予处理的理由", "情形"),
}
EXTRA_HEADERS = ("序号", "申请人姓名或名称", "申请内容", "联系电话", "答复期限", "备注", "答复方式")

CASE_KIND_WORDS = {
    "行政复议": ("行政复议", "复议"),
    "未经复议直接起诉": ("行政诉讼（直接起诉）", "未经复议直接起诉", "直接起诉"),
    "复议后起诉": ("复议后起诉", "行政诉讼-复议后起诉", "经复议后起诉"),
}
CASE_OUTCOME_WORDS = {
    "结果维持": ("维持", "结果维持", "驳回诉讼请求"),
    "结果纠正": ("撤销", "确认违法", "责令履行", "结果纠正", "撤销并责令重新答复"),
    "其他结果": ("撤回", "终止", "撤诉", "其他结果"),
}
CASE_HEADERS = {
    "kind": ("案件类型", "案件类别", "复议/诉讼"),
    "received": ("收到日期", "立案日期", "受理日期"),
    "done": ("审结日期", "结案日期", "决定日期"),
    "outcome": ("审理结果", "结果", "复议结果"),
}


@dataclass(frozen=True)
class App:
    applicant: str                 # official column
    received: dt.date
    done: dt.date | None
    result: str | None             # 2021 leaf label (None: not answered)


@dataclass(frozen=True)
class Case:
    kind: str                      # 四 group
    received: dt.date
    done: dt.date | None
    outcome: str | None            # 四 outcome column (None: not concluded)


def leaf_in(version: str, leaf: str) -> str:
    """A 2021 leaf label as the row of ``version`` (2019 has one （六）其他处理 row)."""
    if version == "2019" and GROUP_OF.get(leaf) == "其他处理":
        return OTHER_2019
    return leaf


# --- random records -----------------------------------------------------------------------------

def random_apps(rng: random.Random, year: int, n: int) -> list[App]:
    leaves = list(RESULT_WORDS)
    out = []
    for _ in range(n):
        received = dt.date(year - 1, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 2 + 40))
        done = None if rng.random() < 0.2 else received + dt.timedelta(days=rng.randrange(0, 50))
        out.append(App(rng.choice(APPLICANTS), received, done, rng.choice(leaves) if done else None))
    return out


def random_cases(rng: random.Random, year: int, n: int) -> list[Case]:
    out = []
    for _ in range(n):
        received = dt.date(year - 1, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 2 + 40))
        done = None if rng.random() < 0.3 else received + dt.timedelta(days=rng.randrange(0, 200))
        out.append(Case(rng.choice(list(CASE_KIND_WORDS)), received, done,
                        rng.choice(list(CASE_OUTCOME_WORDS)) if done else None))
    return out


# --- expected tables, from the records -------------------------------------------------------------

def expected_3(apps: list[App], year: int, version: str) -> Counter:
    """(row, column) → count, by the issue's year rules, from the records themselves."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    out: Counter = Counter()
    for a in apps:
        if a.received > end or (a.done is not None and a.done < start):
            continue
        out[(NEW if a.received >= start else CARRIED_IN, a.applicant)] += 1
        answered = a.done is not None and a.done <= end
        out[(leaf_in(version, a.result) if answered else CARRIED_OUT, a.applicant)] += 1
    return out


def expected_4(cases: list[Case], year: int) -> Counter:
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    out: Counter = Counter()
    for c in cases:
        if c.received > end or (c.done is not None and c.done < start):
            continue
        out[(c.kind, c.outcome if c.done is not None and c.done <= end else "尚未审结")] += 1
    return out


def rows_of(year: int, apps: list[App], version: str) -> set[tuple[int, str, str]]:
    """Helper for drill-down tests: (index in apps, row, column) of every count."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    out = set()
    for i, a in enumerate(apps):
        if a.received > end or (a.done is not None and a.done < start):
            continue
        out.add((i, NEW if a.received >= start else CARRIED_IN, a.applicant))
        answered = a.done is not None and a.done <= end
        out.add((i, leaf_in(version, a.result) if answered else CARRIED_OUT, a.applicant))
    return out


# --- writing the records as a ledger, in a style ------------------------------------------------------

DATE_STYLES = ("datetime", "date", "serial", "slash", "dash", "dot", "cn", "compact", "compact_int", "dash_time",
               "fullwidth")


def date_cell(d: dt.date | None, style: str) -> object:
    if d is None:
        return None
    y, m, day = d.year, d.month, d.day
    return {
        "datetime": lambda: dt.datetime(y, m, day, 9, 30),
        "date": lambda: d,
        "serial": lambda: (d - dt.date(1899, 12, 30)).days,
        "slash": lambda: f"{y}/{m}/{day}",
        "dash": lambda: f"{y}-{m:02}-{day:02}",
        "dot": lambda: f"{y}.{m:02}.{day:02}",
        "cn": lambda: f"{y}年{m}月{day}日",
        "compact": lambda: f"{y}{m:02}{day:02}",
        "compact_int": lambda: y * 10000 + m * 100 + day,
        "dash_time": lambda: f"{y}-{m:02}-{day:02} 14:05:00",
        "fullwidth": lambda: f"{y}年{m}月{day}日".translate(str.maketrans("0123456789", "０１２３４５６７８９")),
    }[style]()


@dataclass
class Style:
    """How one ledger is kept: header words, column order, extra columns, title rows, dates, words."""

    headers: dict[str, str]
    order: list[str]
    two_columns: bool
    date_style: str
    title_rows: int
    blank_every: int          # a blank row after every n rows (0: none)
    total_row: bool
    version: str
    seed: int

    @classmethod
    def random(cls, rng: random.Random, version: str, text_dates: bool = False) -> Style:
        fields = ["applicant", "received", "done", "result"]
        two = rng.random() < 0.4
        if two:
            fields.append("reason")
        order = fields + list(rng.sample(EXTRA_HEADERS, rng.randrange(0, 4)))
        rng.shuffle(order)
        styles = [s for s in DATE_STYLES if not text_dates or s not in ("datetime", "date", "serial", "compact_int")]
        return cls({f: rng.choice(HEADERS[f]) for f in fields}, order, two, rng.choice(styles),
                   rng.randrange(0, 3), rng.choice((0, 0, 7)), rng.random() < 0.5, version, rng.randrange(10 ** 6))


def ledger_rows(apps: list[App], style: Style) -> tuple[list[tuple], dict[int, int]]:
    """The sheet's rows, and app index → the spreadsheet row (from 1) it is written in."""
    rng = random.Random(style.seed)
    rows: list[tuple] = []
    for i in range(style.title_rows):
        rows.append(("某某县交通运输局依申请公开登记台账" if i == 0 else "填报单位：办公室",))
    rows.append(tuple(style.headers.get(f, f) for f in style.order))
    where = {}
    for i, a in enumerate(apps):
        if style.blank_every and i and i % style.blank_every == 0:
            rows.append(())
        values = _app_values(a, style, rng, i)
        rows.append(tuple(values.get(f, "") for f in style.order))
        where[i] = len(rows)
    if style.total_row:
        rows.append(tuple("合计" if f == style.order[0] else "" for f in style.order))
    return rows, where


def _app_values(a: App, style: Style, rng: random.Random, i: int) -> dict:
    values = {"applicant": rng.choice(APPLICANT_WORDS[a.applicant]), "received": date_cell(a.received, style.date_style),
              "done": date_cell(a.done, style.date_style), "序号": i + 1, "申请人姓名或名称": f"申请人{i}",
              "申请内容": "关于某路段改造的批复文件", "联系电话": "0571-8888", "答复期限": "20个工作日",
              "备注": "", "答复方式": "邮寄"}
    if a.result is None:
        values["result"] = rng.choice(PENDING_WORDS)
    elif style.two_columns:
        group = GROUP_OF.get(a.result)
        if group is None:
            values["result"] = rng.choice(RESULT_WORDS[a.result])
        else:
            values["result"], values["reason"] = group, rng.choice(REASON_WORDS[a.result])
    else:
        values["result"] = rng.choice(RESULT_WORDS[a.result])
    return values


def case_rows(cases: list[Case], rng: random.Random) -> list[tuple]:
    headers = {f: rng.choice(h) for f, h in CASE_HEADERS.items()}
    order = ["序号", "kind", "received", "done", "outcome", "案号"]
    rows = [("行政复议、行政诉讼案件登记",), tuple(headers.get(f, f) for f in order)]
    style = rng.choice(DATE_STYLES)
    for i, c in enumerate(cases):
        outcome = rng.choice(CASE_OUTCOME_WORDS[c.outcome]) if c.outcome else rng.choice(("", "审理中", "尚未审结"))
        values = {"序号": i + 1, "kind": rng.choice(CASE_KIND_WORDS[c.kind]), "received": date_cell(c.received, style),
                  "done": date_cell(c.done, style), "outcome": outcome, "案号": f"复字〔{c.received.year}〕{i}号"}
        rows.append(tuple(values[f] for f in order))
    return rows
