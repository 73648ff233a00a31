"""Readable builders of reports for tests: figures by label, balanced unless told otherwise."""

from decimal import Decimal

from govreport_gui.core import CellKey, Report
from govreport_gui.core.forms import get_form
from govreport_gui.core.report import Metadata

APPLICANTS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")


def t3(report: Report, row: str, *values) -> None:
    for col, v in zip(APPLICANTS, values):
        report.set(CellKey("三", row, col), v)


def t4(report: Report, group: str, *values) -> None:
    for col, v in zip(("结果维持", "结果纠正", "其他结果", "尚未审结"), values):
        report.set(CellKey("四", group, col), v)


def balanced(version: str = "2021", year: int | None = None, agency: str = "某某县交通运输局") -> Report:
    """A small balanced report: 一 (5,1,…) + 二 (1,…) = 结果 + 四."""
    year = year or (2024 if version == "2021" else 2020)
    r = Report(version, Metadata(agency=agency, year=year))
    t3(r, "一、本年新收政府信息公开申请数量", 5, 1, 0, 0, 0, 0)
    t3(r, "二、上年结转政府信息公开申请数量", 1, 0, 0, 0, 0, 0)
    t3(r, "（一）予以公开", 3, 1, 0, 0, 0, 0)
    t3(r, "1.本机关不掌握相关政府信息", 2, 0, 0, 0, 0, 0)
    t3(r, "四、结转下年度继续办理", 1, 0, 0, 0, 0, 0)
    t4(r, "行政复议", 1, 0, 0, 1)
    if version == "2021":
        r.set(CellKey("二", "行政规范性文件", "本年制发件数"), 2)
        r.set(CellKey("二", "行政规范性文件", "本年废止件数"), 1)
        r.set(CellKey("二", "行政规范性文件", "现行有效件数"), 11)
        r.set(CellKey("二", "行政事业性收费", "本年收费金额（单位：万元）"), Decimal("96171.6"))
    else:
        r.set(CellKey("二", "规范性文件", "本年新公开数量"), 2)
        r.set(CellKey("二", "规范性文件", "对外公开总数量"), 11)
        r.set(CellKey("二", "行政许可", "上一年项目数量"), 20)
        r.set(CellKey("二", "行政许可", "本年增/减"), -3)
        r.set(CellKey("二", "行政许可", "处理决定数量"), 40)
        r.set(CellKey("二", "政府集中采购", "采购总金额"), Decimal("2009.54"))
    return r


def fill_every_cell(version: str) -> Report:
    """Every input cell filled with a distinct value (balanced 三)."""
    form = get_form(version)
    r = Report(version, Metadata(agency="某某市生态环境局", year=form.first_year + 1))
    for i, key in enumerate(form.input_keys(), 1):
        if key.table == "三" and key.row in ("四、结转下年度继续办理", "一、本年新收政府信息公开申请数量"):
            continue
        r.set(key, Decimal(i) / 4 if form.cell(key).kind.value == "money" else i)
    from govreport_gui.core import recalculate
    computed = recalculate(form, r.values)
    for col in APPLICANTS:
        results = computed[CellKey("三", "（七）总计", col)]
        carried = r.get(CellKey("三", "二、上年结转政府信息公开申请数量", col))
        r.set(CellKey("三", "一、本年新收政府信息公开申请数量", col), results - carried + 7)
        r.set(CellKey("三", "四、结转下年度继续办理", col), 7)
    return r
