"""The editor's ledger flows: 文件→从申请台账填写表三/表四… and 文件→导出申请台账模板….

Filling: the clerk picks the ledger files (several are summed); they are read behind the 正在读取…
dialog, counted for the report's year and format, shown in the preview (``ledger_dialog``, through
``dialogs.ledger_preview``), and on 填写 applied to the open report as one undoable edit
(``core.ledger.apply``); the clerk's assignments of unclear values are remembered for the agency.
A file that cannot be read, or holds no ledger, gives its message and changes nothing.
"""

from __future__ import annotations

import logging
from pathlib import Path

from ..core.errors import ReadError, WriteError, technical_details
from . import dialogs
from .work_folders import LEDGER

LOG = logging.getLogger(__name__)
BUSY = "正在读取台账…"


def fill_from_ledgers(window, paths: list[str] | None = None) -> bool:
    """Ask for ledger files (unless ``paths``), preview the count, fill 三/四.  True when filled."""
    from ..core.ledger import memory
    from ..core.ledger.apply import fill_from_ledger
    from ..core.ledger.count import count_ledgers
    from ..io.workbook.ledger_read import FILE_TYPES, read_ledgers
    window.commit_pending()
    document = window.session.document
    report = document.report
    if not report.meta.year:
        dialogs.warning(window, "请先在“基本信息”中填写报告年度：台账按年度计数（收到、办结日期在哪一年）。")
        return False
    paths = paths or dialogs.open_files(window, "选择依申请公开登记台账（可多选，数字相加）", FILE_TYPES, kind=LEDGER)
    if not paths:
        return False
    remembered = memory.load(report.meta.agency)
    try:
        sheets = dialogs.busy(window, BUSY, lambda cancelled: read_ledgers(paths))
        count_ledgers(sheets, report.form, report.meta.year, remembered, document.previous)   # readable at all?
    except ReadError as exc:
        dialogs.error(window, f"{exc}\n\n当前报告没有改变。")
        return False
    except Exception as exc:   # never a traceback for the clerk: the log keeps it
        LOG.exception("读取台账 %s 时意外出错", "、".join(map(str, paths)))
        dialogs.error(window, "读取台账时出现意外错误，当前报告没有改变。", technical_details(exc))
        return False
    chosen = dialogs.ledger_preview(window, sheets, report.form, report.meta.year, document.previous, remembered)
    if chosen is None:
        return False
    for (f, key), (_shown, label) in chosen.items():
        remembered.setdefault(f, {})[key] = label
    count = count_ledgers(sheets, report.form, report.meta.year, remembered, document.previous)
    window.session.push(fill_from_ledger(report, count))
    _remember(window, report.meta.agency, chosen)
    tables = "、".join(f"表{t}" for t in count.tables)
    left = f"，{len(count.left_out)}行未计入（见校验清单和单元格提示）" if count.left_out else ""
    window.show_message(f"已按登记台账填写{tables}：计入{count.placed}行{left}。可撤销（Ctrl+Z）。")
    return True


def ledger_hint(path, form) -> str:
    """What to do when ``path``, opened as a report, is an agency's ledger (its header found on a
    sheet); "" otherwise, or when it cannot be read as a ledger either."""
    from ..core.ledger.tables import fill_action
    from ..io.workbook.ledger_like import looks_like_ledger
    if not looks_like_ledger(path, form.ledger):
        return ""
    return (f"“{Path(path).name}”看起来是依申请公开登记台账，不是年度报告。要按台账计数填写表格，请先打开或新建"
            f"本年的报告，再用“文件→{fill_action()}”选择这个台账。")


def _remember(window, agency: str, chosen) -> None:
    if not chosen:
        return
    from ..core.ledger import memory
    try:
        memory.remember(agency, chosen)
    except WriteError as exc:
        dialogs.warning(window, f"表格已填写，但归类没能保存，下次读取台账时需要重新归类：{exc}")


def export_template(window) -> bool:
    """Write the ledger template for the open report's format version (the current one without)."""
    from ..core.forms import newest_form
    from ..io.write.ledger_template import write_ledger_template
    report = None if window.start_page_shown() else window.session.report
    form = report.form if report is not None else newest_form()
    agency = report.meta.agency if report is not None else ""
    path = dialogs.save_file(window, "导出申请台账模板", "Excel 工作簿 (*.xlsx)", f"{agency}依申请公开登记台账.xlsx",
                             kind=LEDGER)
    if not path:
        return False
    path = str(Path(path).with_suffix(".xlsx"))
    try:
        write_ledger_template(path, form, agency)
    except WriteError as exc:
        LOG.warning("未能导出申请台账模板 %s：%s", path, exc, exc_info=True)
        dialogs.error(window, str(exc))
        return False
    from ..core.ledger.summary import fill_action
    dialogs.info(window, f"已导出申请台账模板“{Path(path).name}”（{form.version}版格式）。\n\n"
                         "申请人类型、处理结果、具体情形等请从下拉列表中选择，日期填写为日期；"
                         f"年底用“文件→{fill_action()}”即可自动计数。")
    return True
