"""帮助 → 关于 (what this program is, where its log is) and 帮助 → 导出诊断信息 (a zip of the log
and the versions for technical support; the report's content only when the clerk ticks it).

Both open window-modal without blocking (``open()``); files are chosen and results told through
``dialogs``.  Nothing is sent anywhere: the clerk hands the zip on themselves."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QCheckBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from .. import APP_NAME, __version__
from ..core.errors import WriteError, technical_details
from ..core.report import Report
from ..logs import log_path
from . import dialogs
from .work_folders import DIAGNOSTICS

LOG = logging.getLogger(__name__)
LOCAL_ONLY = "所有数据只保存在本机，本程序不联网，不会发送任何信息。"
#: the open report and last year's, or None when no report is open
ReportSource = Callable[[], "tuple[Report, Report | None] | None"]


def _label(text: str, selectable: bool = False) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class AboutDialog(QDialog):
    """The program, the format of the open report, and the log file's path (selectable), with
    打开日志文件夹 and 导出诊断信息…."""

    def __init__(self, parent: QWidget | None, form_line: str, reports: ReportSource) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"关于{APP_NAME}")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._reports = reports
        self.log_file = log_path()
        layout = QVBoxLayout(self)
        layout.addWidget(_label(f"<b>{APP_NAME}</b> {__version__}<br>政府信息公开工作年度报告的编制与校验。"))
        if form_line:
            layout.addWidget(_label(form_line))
        layout.addWidget(_label(LOCAL_ONLY))
        layout.addWidget(_label("运行记录（日志），出现问题时可交给技术支持人员："))
        self.log_label = _label(str(self.log_file), selectable=True)
        layout.addWidget(self.log_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.open_folder_button = buttons.addButton("打开日志文件夹", QDialogButtonBox.ButtonRole.ActionRole)
        self.diagnostics_button = buttons.addButton("导出诊断信息…", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_folder_button.clicked.connect(self._open_folder)
        self.diagnostics_button.clicked.connect(self._diagnostics)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.log_file.parent)))

    def _diagnostics(self) -> None:
        DiagnosticsDialog(self, self._reports).open()


class DiagnosticsDialog(QDialog):
    """What the zip holds, a tick for the report's content and the files' full paths in the log
    (off: clerks' figures, texts and folder names stay out unless they choose), 导出… / 取消."""

    def __init__(self, parent: QWidget | None, reports: ReportSource) -> None:
        super().__init__(parent)
        self.setWindowTitle("导出诊断信息")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._reports = reports
        self.written: Path | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(_label("诊断信息是一个压缩文件，包括本程序的运行记录（日志）和本程序、Python、Qt、"
                                "各组件及操作系统的版本，供技术支持人员查找问题。日志中的文件只保留文件名，"
                                "不含所在的文件夹。文件保存在您选择的位置，不会自动发送，请自行交给技术支持人员。"))
        self.include_report = QCheckBox("附上当前报告的内容（机关名称、各项数字和正文）和日志中文件的完整位置")
        has_report = reports() is not None
        self.include_report.setEnabled(has_report)
        if not has_report:
            self.include_report.setToolTip("当前没有打开的报告。")
        layout.addWidget(self.include_report)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = buttons.addButton("导出…", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.export)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def export(self) -> bool:
        from ..diagnostics import default_name, write_diagnostics
        chosen = dialogs.save_file(self, "导出诊断信息", "压缩文件 (*.zip)", default_name(), kind=DIAGNOSTICS)
        if not chosen:
            return False
        path = Path(chosen) if chosen.lower().endswith(".zip") else Path(chosen + ".zip")
        reports = self._reports() if self.include_report.isChecked() else None
        report, previous = reports if reports is not None else (None, None)
        try:
            write_diagnostics(path, report=report, previous=previous, extra=qt_versions())
        except WriteError as exc:
            LOG.warning("未能导出诊断信息 %s", path, exc_info=True)
            dialogs.error(self, str(exc))
            return False
        except Exception as exc:
            LOG.exception("导出诊断信息 %s 时意外出错", path)
            dialogs.error(self, "导出诊断信息时出现意外错误。", technical_details(exc))
            return False
        self.written = path
        LOG.info("已导出诊断信息 %s（%s报告内容）", path, "含" if report is not None else "不含")
        dialogs.info(self, f"已导出诊断信息“{path}”。\n请将此文件交给技术支持人员；本程序不会发送它。")
        self.accept()
        return True


def qt_versions() -> dict[str, str]:
    """What only Qt knows: its runtime version, the platform plugin, the screens (high-DPI problems)."""
    import PySide6
    from PySide6.QtCore import qVersion
    from PySide6.QtGui import QGuiApplication
    screens = "；".join(f"{s.size().width()}×{s.size().height()}，缩放 {s.devicePixelRatio():g}"
                       for s in QGuiApplication.screens())
    return {"Qt": qVersion(), "PySide6": PySide6.__version__, "Qt 平台插件": QGuiApplication.platformName(),
            "屏幕": screens or "无"}
