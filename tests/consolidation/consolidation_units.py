"""Sets of unit reports built in code for the consolidation tests."""

from decimal import Decimal

from report_builders import t3, t4

from govreport_gui.core import CellKey, Report
from govreport_gui.core.report import Metadata

NEW = "一、本年新收政府信息公开申请数量"
CARRIED = "二、上年结转政府信息公开申请数量"
OPEN = "（一）予以公开"
NOT_HELD = "1.本机关不掌握相关政府信息"
FORWARD = "四、结转下年度继续办理"
FEES = CellKey("二", "行政事业性收费", "本年收费金额（单位：万元）")
IN_FORCE = CellKey("二", "行政规范性文件", "现行有效件数")
ISSUED = CellKey("二", "行政规范性文件", "本年制发件数")
LICENCES = CellKey("二", "行政许可", "本年处理决定数量")


def unit(agency: str, new: int, year: int = 2024, version: str = "2021", fees: str = "1.5",
         in_force: int = 10, review: int = 1) -> Report:
    """A balanced unit: ``new`` applications of 自然人 (+1 商业企业), 1 carried in, 1 carried out."""
    r = Report(version, Metadata(agency=agency, year=year))
    t3(r, NEW, new, 1, 0, 0, 0, 0)
    t3(r, CARRIED, 1, 0, 0, 0, 0, 0)
    t3(r, OPEN, new - 1, 1, 0, 0, 0, 0)
    t3(r, NOT_HELD, 1, 0, 0, 0, 0, 0)
    t3(r, FORWARD, 0, 0, 0, 0, 0, 0)
    r.set(CellKey("三", FORWARD, "自然人"), 0)
    # balance: new + 1 (自然人) = (new-1) + 1 + forward(…) → put the carried one into 予以公开
    r.set(CellKey("三", OPEN, "自然人"), new)
    t4(r, "行政复议", review, 0, 0, 0)
    if version == "2021":
        r.set(FEES, Decimal(fees))
        r.set(IN_FORCE, in_force)
        r.set(ISSUED, 2)
        r.set(LICENCES, 100)
    else:
        r.set(CellKey("二", "规范性文件", "本年新制作数量"), 2)
        r.set(CellKey("二", "行政许可", "处理决定数量"), 100)
        r.set(CellKey("二", "其他对外管理服务事项", "处理决定数量"), 7)
        r.set(CellKey("二", "政府集中采购", "采购总金额"), Decimal("12.5"))
    return r
