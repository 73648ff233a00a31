"""The main window: menus, the tabs (基本信息 + one per section), the findings panel, status bar.

It only wires things together: the section pages (``section_page``, with grids and models from
``grid_view`` and ``table_model``, prose editors from ``prose``), the 基本信息 tab (``meta_tab``),
file flows (``file_flows``) and dialogs (``dialogs``).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QApplication,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from .. import APP_NAME
from ..core.document import Change, Document
from ..core.findings import Finding, Severity, tally
from ..core.forms import form_for_year, tables_named
from ..core.ledger.tables import fill_action, ledger_tables
from ..core.periods import reporting_year
from . import dialogs, start_collection
from .commands import Session
from .dock_state import right_dock_layout
from .file_flows import FileFlows
from .findings_panel import SEVERITY_DOT, TODO_DOT, TODO_LABEL, FindingsPanel, dot_icon
from .interpretation_bar import PASTED, TYPED, InterpretationBar
from .meta_tab import MetaTab
from .prose import ProseField
from .screen_fit import fitted, resize_to_fit
from .section_page import SectionPage, prose_hint
from .section_tabs import SectionBar, SectionTabs

if TYPE_CHECKING:  # the grids are imported when the first table page is built (start-up time)
    from .grid_view import GridView
    from .start_page import StartPage

FIRST_CHECK_LATEST_MS = 1000  # the first check runs after the first paint, or at the latest this long after show


PREFERRED_SIZE = (1440, 920)
FINDINGS_WIDTH, FINDINGS_LEAST_WIDTH, FINDINGS_SHARE = 330, 220, 0.25   # the findings panel (pixels)
FINDINGS_DOCK = "findings"   # its dock's object name (its place in the window's layout)
LEDGER_FILL, LEDGER_TEMPLATE = fill_action(), "导出申请台账模板…"


def ledger_flow():
    """The ledger flows, imported when first used (start-up time)."""
    from . import ledger_flow as flows
    return flows


def window_size(available) -> tuple[int, int]:
    """The window's first size: the preferred one, shrunk to fit the screen's free area (a
    1366×768 office monitor, the taskbar left out) with a margin."""
    return fitted(PREFERRED_SIZE, available)


class MainWindow(QMainWindow):
    def __init__(self, document: Document | None = None, *, check_after_first_paint: bool = False,
                 start_page: bool = False) -> None:
        """``check_after_first_paint`` (the application's start): the window paints the report
        first and runs the checks just after, so that the clerk sees it sooner.  ``start_page``:
        no report is open yet — the start page shows until one is (新建 / 打开 / 最近使用)."""
        super().__init__()
        if document is None:
            from ..core.drafting import new_report  # the outline's texts (start-up time)
            year = reporting_year()
            document = Document(new_report(form_for_year(year).version, year))
        self.session = Session(document, self)
        self.flows = FileFlows(self, self.session, start_recovery=not check_after_first_paint)
        self.setAcceptDrops(True)
        resize_to_fit(self, *PREFERRED_SIZE)
        # the findings panel's place on the right, kept until it is made (``_build_findings_dock``)
        self.restoreState(right_dock_layout(FINDINGS_DOCK, self._findings_width(self.width())))

        self.tabs = SectionTabs()
        sections_bar = SectionBar("章节")   # (flat: see SectionBar)
        sections_bar.setObjectName("sections")
        sections_bar.setMovable(False)
        sections_bar.setFloatable(False)
        sections_bar.toggleViewAction().setVisible(False)
        sections_bar.addWidget(self.tabs.tabBar())
        self.tabs.tabBar().follow(sections_bar)
        self.addToolBar(sections_bar)   # (at the top)
        self.sections_bar = sections_bar
        self.meta_tab = MetaTab(self.session)
        self.meta_tab.version_requested.connect(self.flows.change_version)
        self.meta_tab.import_previous_requested.connect(lambda: self.flows.import_previous())
        self.tabs.addTab(self.meta_tab, "基本信息")
        self.pages: list[SectionPage] = []
        for section in self.session.report.form.sections:
            page = SectionPage(self.session, section.key, section.heading, section.table, self._page_built)
            self.pages.append(page)
            index = self.tabs.addTab(page, section.heading)
            self.tabs.setTabToolTip(index, section.heading)
        self._page_shown: QWidget = self.meta_tab
        self.tabs.currentChanged.connect(self._tab_changed)
        self._start_page: StartPage | None = None  # built when first shown
        self.central = QStackedWidget()
        self.central.addWidget(self._editor_area())
        self.setCentralWidget(self.central)

        self._checked_once = not check_after_first_paint
        self._badge_shown: dict[int, tuple[str, str] | None] = {}   # tab → the badge it shows (colour, number)
        self._build_findings_dock(check_after_first_paint)

        self._build_status_bar()
        self._build_menus()

        self.session.changed.connect(self._on_change)
        self.flows.modified_changed.connect(lambda _m: self._update_title())
        self.flows.path_changed.connect(self._update_title)
        self.flows.message.connect(self.show_message)
        self.flows.recent_changed.connect(self._fill_recent)
        self._connect_start_page()
        self._on_change(Change(everything=True))
        if start_page:
            self.show_start_page()

    def _build_findings_dock(self, check_later: bool) -> None:
        self.findings = FindingsPanel(self.session, check_later=check_later)
        self.findings.finding_activated.connect(self.go_to_finding)
        self.findings.accept_requested.connect(self.accept_warning)
        self.findings.unaccept_requested.connect(self.unaccept_warning)
        self.findings.dismiss_requested.connect(self.use_recomputed_total)
        self.findings_dock = QDockWidget("检查结果", self)
        self.findings_dock.setObjectName(FINDINGS_DOCK)
        self.findings_dock.setWidget(self.findings)
        self.findings_dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                                       | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        if not self.restoreDockWidget(self.findings_dock):   # on the right (``dock_state``: no Qt enum named before the
            # first paint); a Qt that read the layout otherwise: placed the usual way
            self.addDockWidget(QtCore.Qt.DockWidgetArea.RightDockWidgetArea, self.findings_dock)
            self.resizeDocks([self.findings_dock], [self._findings_width(self.width())], QtCore.Qt.Orientation.Horizontal)

    def resizeEvent(self, event) -> None:  # noqa: N802 - a Qt override
        """On a small screen (1366×768 at 125 %/150 %) the findings panel gives the tables room:
        at most a quarter of the window (as wide as the clerk made it, when narrower)."""
        super().resizeEvent(event)
        self._keep_findings_narrow(event.size().width())

    @staticmethod
    def _findings_width(window_width: int) -> int:
        """The findings panel's first width: ``FINDINGS_WIDTH``, at most a quarter of the window."""
        return min(FINDINGS_WIDTH, max(FINDINGS_LEAST_WIDTH, int(window_width * FINDINGS_SHARE)))

    def _keep_findings_narrow(self, window_width: int) -> None:
        most = max(FINDINGS_LEAST_WIDTH, int(window_width * FINDINGS_SHARE))
        if not self.findings_dock.isHidden() and self.findings_dock.width() > most and not self.findings_dock.isFloating():
            self.resizeDocks([self.findings_dock], [most], QtCore.Qt.Orientation.Horizontal)

    def _editor_area(self) -> QWidget:
        """The pages under the bar that says what a paste or an import interpreted."""
        self.interpretations = InterpretationBar()
        self.editor_area = QWidget()
        layout = QVBoxLayout(self.editor_area)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.interpretations)
        layout.addWidget(self.tabs, 1)
        self.flows.interpreted.connect(self.interpretations.show_notes)
        self.session.document_replaced.connect(self.interpretations.dismiss)
        return self.editor_area

    def _build_status_bar(self) -> None:
        self.status_counts = QLabel()
        self.status_version = QLabel()
        self.statusBar().addPermanentWidget(self.status_version)
        self.statusBar().addPermanentWidget(self.status_counts)

    def _page_built(self, page: SectionPage) -> None:
        if page._grid is not None:
            page._grid.message.connect(self.show_message)
            page._grid.paste_problems.connect(self._paste_problems)
            page._model.problem.connect(self._cell_problem)
            page._grid.interpreted.connect(lambda title, notes: self.interpretations.show_notes(title, notes, PASTED))
            page._model.note.connect(
                lambda text: self.interpretations.show_notes("填写的数字作了解读", [text], TYPED))
            self.year_view().attach(page)
            if page.table_id in ledger_tables(self.session.report.form):   # the rows each cell counts
                from .ledger_rows_panel import LedgerRowsPanel
                panel = LedgerRowsPanel(self.session, page._grid, page._model)
                page.add_below_table(panel)
                panel.follow(page._grid.currentIndex())   # (the grid's first cell was made current before)

    def year_view(self):
        """视图→显示上年数 and the 同比图 of the table pages (imported when the first table is built)."""
        if self._year_view is None:
            from .year_view import YearView
            self._year_view = YearView(self.session, self.previous_action, self.show_message)
        return self._year_view

    def _tab_changed(self, _index: int) -> None:
        """Another tab: the table of the page left behind is judged (see ``SectionPage.leave_table``)."""
        left, self._page_shown = self._page_shown, self.tabs.currentWidget()
        if isinstance(left, SectionPage) and left.built:
            left.leave_table()

    def _build_next_page(self) -> None:
        """Build the pages not shown yet, one per event-loop turn, after the first paint."""
        page = next((p for p in self.pages if not p.built), None)
        if page is not None:
            page.ensure_built()
            QTimer.singleShot(0, self, self._build_next_page)

    # -- menus ----------------------------------------------------------------------------------

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = menu.addAction(text)  # (not QAction(text, self): its overloads make PySide6 build QIcon's 150 enums)
        if isinstance(shortcut, QKeySequence.StandardKey):   # every key of the platform: 关闭 is Ctrl+W and Ctrl+F4
            shortcut = QKeySequence.keyBindings(shortcut)  # (QKeySequence(key) keeps only the first)
        if shortcut is not None:
            if not isinstance(shortcut, list):   # (a QKeySequence is not copied: QKeySequence(sequence)
                # tries overloads taking Qt's key enums, and that builds ``Qt``: see qt_ints)
                shortcut = [shortcut if isinstance(shortcut, QKeySequence) else QKeySequence(shortcut)]
            action.setShortcuts(shortcut)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        self._build_file_menu(bar.addMenu("文件(&F)"))
        edit_menu = self._build_edit_menu(bar.addMenu("编辑(&E)"))
        view_menu = bar.addMenu("视图(&V)")
        view_menu.addAction(self.findings_dock.toggleViewAction())
        self._add_previous_figures_action(view_menu)
        self.document_actions += [*edit_menu.actions(), self.findings_dock.toggleViewAction(), self.previous_action]
        self._build_help_menu(bar.addMenu("帮助(&H)"))

    def _build_file_menu(self, file_menu) -> None:
        """文件: new/open/save, import, 汇总, the exports; ``document_actions`` are those needing a report."""
        self.file_menu = file_menu
        self._action(file_menu, "新建…", self.flows.new_report, QKeySequence.StandardKey.New)
        self._action(file_menu, "从上年报告新建…", lambda: self.flows.new_from_previous())
        self._action(file_menu, "打开…", lambda: self.flows.open_file(), QKeySequence.StandardKey.Open)
        self.recent_menu = file_menu.addMenu("最近打开的文件")
        self._fill_recent()
        file_menu.addSeparator()
        self._action(file_menu, "保存", self.flows.save, QKeySequence.StandardKey.Save)
        self._action(file_menu, "另存为…", self.flows.save_as, QKeySequence("Ctrl+Shift+S"))
        self._action(file_menu, "关闭", self.flows.close_report, QKeySequence.StandardKey.Close)
        file_menu.addSeparator()
        self._action(file_menu, "导入报告内容…", lambda: self.flows.import_into())
        self._action(file_menu, "导入上一年度…", lambda: self.flows.import_previous())
        self._action(file_menu, "汇总各单位报告…", self.flows.consolidate)
        self._action(file_menu, LEDGER_FILL, lambda: ledger_flow().fill_from_ledgers(self))
        file_menu.addSeparator()
        # one entry per writer of the registry (Word, Excel, PDF, JSON…), in the registry's order
        from ..io.registry import writer_kinds
        for entry in writer_kinds():
            if entry.kind != "native":
                what = entry.export_name
                gap = " " if what[:1].isascii() else ""  # 导出为 Word 文档… / 导出为报告…
                self._action(file_menu, f"导出为{gap}{what}…", lambda s=entry.suffixes[0]: self.flows.export(s))
        self._action(file_menu, "导出校验清单…", self.flows.export_check_list)
        self._action(file_menu, LEDGER_TEMPLATE, lambda: ledger_flow().export_template(self))
        file_menu.addSeparator()
        self._action(file_menu, "退出", self.close, QKeySequence("Ctrl+Q"))
        # what needs an open report (everything but 新建/打开/最近/汇总/退出) is off on the start page
        keep = {"新建…", "从上年报告新建…", "打开…", "汇总各单位报告…", LEDGER_TEMPLATE, "退出"}
        # (not QAction.menu(): under PySide6 6.9 that call leaves self.recent_menu a dead wrapper)
        submenu = self.recent_menu.menuAction()
        self.document_actions = [a for a in file_menu.actions() if not a.isSeparator() and a is not submenu
                                 and a.text() not in keep]

    def _build_edit_menu(self, edit_menu):
        stack = self.session.undo_stack
        self.undo_action = stack.createUndoAction(self, "撤销")
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo_action = stack.createRedoAction(self, "恢复")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        self._action(edit_menu, "复制", lambda: self._on_focus("copy"), QKeySequence.StandardKey.Copy)
        self._action(edit_menu, "粘贴", lambda: self._on_focus("paste"), QKeySequence.StandardKey.Paste)
        self._action(edit_menu, "清除所选单元格", lambda: self._on_focus("clear"), QKeySequence("Del"))
        edit_menu.addSeparator()
        self._action(edit_menu, "插入数据摘要", self.insert_data_summary)
        self._action(edit_menu, "插入同比情况（与上年比较）", self.insert_year_on_year)
        return edit_menu

    def _build_help_menu(self, help_menu) -> None:
        from .help_keys import add_guide_action
        add_guide_action(self, help_menu)   # 使用指南 (F1: the page about the tab or dialog in use)
        help_menu.addSeparator()
        self._action(help_menu, "关于年报编制助手", self._about)
        self._action(help_menu, "导出诊断信息…", self._diagnostics)

    def _add_previous_figures_action(self, menu) -> None:
        """视图→显示上年数 (what it does: ``year_view``, imported when first needed)."""
        self._year_view = None
        self.previous_action = menu.addAction("显示上年数")   # (made by the menu: see ``_action``)
        self.previous_action.setCheckable(True)
        self.previous_action.setToolTip(f"在{tables_named()}的每个数字下方显示上年报告的数字和增减（只在屏幕上显示，不打印、不导出）")
        self.previous_action.toggled.connect(lambda shown: self.year_view().set_shown(shown))

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        entries = self.flows.recent.entries()
        for entry in entries:
            action = self.recent_menu.addAction(entry.path)
            action.setEnabled(entry.modified is not None)  # a file moved or deleted since
            action.triggered.connect(lambda _c=False, p=entry.path: self.flows.open_file(p))
        self.recent_menu.setEnabled(bool(entries))
        if self._start_page is not None:
            self._start_page.set_recent(entries)

    # -- start page -----------------------------------------------------------------------------

    @property
    def start_page(self) -> StartPage:
        """The start page, built when first asked for (a window opened on a file may never show it)."""
        if self._start_page is None:
            from .start_page import StartPage
            first_paint = not self._checked_once and not self.isVisible()   # (finished after it: see finish)
            self._start_page = StartPage(finish_later=first_paint)
            self.central.addWidget(self._start_page)
            self._connect_start_page_buttons(self._start_page)
            self._start_page.set_recent(self.flows.recent.entries())
        return self._start_page

    def _connect_start_page(self) -> None:
        self.flows.document_opened.connect(self.show_editor)
        self.flows.closed.connect(self.show_start_page)
        self._dock_shown = True

    def _connect_start_page_buttons(self, start: StartPage) -> None:
        start.new_requested.connect(self.flows.new_report)
        start.from_previous_requested.connect(lambda: self.flows.new_from_previous())
        start.open_requested.connect(lambda: self.flows.open_file())
        start.recent_requested.connect(self._open_recent)

    def _open_recent(self, path: str) -> None:
        if not Path(path).exists():
            self.show_message(f"“{path}”已被移动或删除，无法打开。")
            self._fill_recent()
            return
        self.flows.open_file(path)

    def report_folder(self) -> Path | None:
        """The open report's folder, where the file dialogs start (``work_folders``)."""
        return None if self.start_page_shown() else self.flows.work_folder()

    def start_page_shown(self) -> bool:
        return self._start_page is not None and self.central.currentWidget() is self._start_page

    def show_start_page(self) -> None:
        """No report open: the start page instead of the tabs, the findings panel and the section
        bar; the actions that need a report are off."""
        if not self.start_page_shown():
            self._dock_shown = self.findings_dock.isVisible() or not self.isVisible()
        self.central.setCurrentWidget(self.start_page)
        self.sections_bar.setVisible(False)
        self.findings_dock.setVisible(False)
        self.status_counts.setVisible(False)
        self.status_version.setVisible(False)
        for action in self.document_actions:
            action.setEnabled(False)
        self._fill_recent()
        self._update_title()
        self.start_page.give_focus()

    def show_editor(self) -> None:
        if not self.start_page_shown():
            return
        self.central.setCurrentWidget(self.editor_area)
        self.sections_bar.setVisible(True)
        self.findings_dock.setVisible(self._dock_shown)
        self._keep_findings_narrow(self.width())
        self.status_counts.setVisible(True)
        self.status_version.setVisible(True)
        for action in self.document_actions:
            action.setEnabled(True)
        self.undo_action.setEnabled(self.session.undo_stack.canUndo())
        self.redo_action.setEnabled(self.session.undo_stack.canRedo())
        self._update_title()

    def _on_focus(self, what: str) -> None:
        widget = QApplication.focusWidget()
        grid = self.current_grid()
        if isinstance(widget, (QLineEdit, QPlainTextEdit)):
            if what == "clear":  # delete the selected text, never the whole field
                if isinstance(widget, QLineEdit):
                    widget.del_()
                else:
                    widget.textCursor().removeSelectedText()
            else:
                getattr(widget, what)()
        elif grid is not None:
            {"copy": grid.copy_selection, "paste": grid.paste, "clear": grid.clear_selection}[what]()

    def insert_data_summary(self) -> bool:
        """Write the standard sentences from the tables at the cursor of the prose editor (one undo step)."""
        from ..core.drafting import data_summary
        return self._insert_in_prose("数据摘要", lambda document: data_summary(document.report, document.previous))

    def insert_year_on_year(self) -> bool:
        """Write the comparisons with last year's figures (同比) at the cursor of the prose editor."""
        from ..core.drafting import year_on_year
        if self.session.document.previous is None:
            dialogs.info(self, "同比情况要和上年报告的数字比较，但还没有上年报告。请先用“文件→导入上一年度…”导入"
                               "上年的报告（或用“从上年报告新建…”开始本年报告），再插入同比情况。")
            return False
        return self._insert_in_prose("同比情况", lambda document: year_on_year(document.report, document.previous))

    def _insert_in_prose(self, what: str, text_of) -> bool:
        """Insert ``text_of(document)`` at the cursor of the prose editor that has the focus, as one
        undo step; without a prose cursor, say where to put it."""
        widget = QApplication.focusWidget()
        field = widget.parent() if isinstance(widget, QPlainTextEdit) else None
        if not isinstance(field, ProseField) or field.section is None:
            dialogs.info(self, f"请先把光标放在某一部分的正文中（例如“一、总体情况”），再插入{what}。")
            return False
        field.commit()
        widget.insertPlainText(text_of(self.session.document))
        field.commit()
        return True

    def _about(self) -> None:
        from .about_dialog import AboutDialog
        form = self.session.report.form
        line = "" if self.start_page_shown() else f"当前报告使用《{form.name}》（{form.basis}）。"
        AboutDialog(self, line, self._open_reports).open()

    def _diagnostics(self) -> None:
        from .about_dialog import DiagnosticsDialog
        DiagnosticsDialog(self, self._open_reports).open()

    def _open_reports(self):
        """The open report and last year's (the edit being typed committed), or None."""
        if self.start_page_shown():
            return None
        self.commit_pending()
        return self.session.report, self.session.document.previous

    # -- state ----------------------------------------------------------------------------------

    def current_grid(self) -> GridView | None:
        page = self.tabs.currentWidget()
        return page.grid if isinstance(page, SectionPage) else None

    def page_for_table(self, table_id: str) -> SectionPage | None:
        return next((p for p in self.pages if p.table_id == table_id), None)

    def page_for_section(self, key: str) -> SectionPage | None:
        return next((p for p in self.pages if p.key == key), None)

    def commit_pending(self) -> None:
        """Store anything typed but not yet committed (an open cell editor, a prose editor)."""
        for page in self.pages:
            if not page.built:
                continue
            if page.grid is not None:
                editor = page.grid.indexWidget(page.grid.currentIndex())
                if editor is not None:
                    page.grid.commitData(editor)
                    page.grid.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            page.prose.commit()
        self.meta_tab.commit()

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 8000)

    def _cell_problem(self, text: str) -> None:
        """A value the grid refused: said in a message box; then the keyboard is the window's
        again, in the cell's editor still open (typing goes on there)."""
        self.show_message(text)
        dialogs.warning(self, text)
        self.activateWindow()

    def _paste_problems(self, lines: list) -> None:
        dialogs.warning(self, lines[0], "\n".join(lines[1:]))

    def _on_change(self, change: Change) -> None:
        form = self.session.report.form
        for i, section in enumerate(form.sections, start=1):
            if i < self.tabs.count():
                self.tabs.setTabText(i, section.heading)
                page = self.pages[i - 1]
                page.set_heading(section.heading)
                if page.built and page.table_id is None:
                    page.prose.edit.setPlaceholderText(prose_hint(form, section.key))
        self._update_badges()
        self._update_title()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._checked_once and not all(p.built for p in self.pages):
            QTimer.singleShot(0, self, self._build_next_page)
        elif not self._checked_once:  # should no paint come (a window started minimised)
            QTimer.singleShot(FIRST_CHECK_LATEST_MS, self, self._first_check_if_pending)

    def _first_check_if_pending(self) -> None:
        if not self._checked_once:
            self._first_check()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._checked_once:
            self._checked_once = True
            QTimer.singleShot(0, self, self._first_check)

    def _first_check(self) -> None:
        """After the first paint: the journal of edits, the findings, then the pages not shown yet,
        one per event-loop turn, so that the window answers input while they are built."""
        self._checked_once = True
        if self._start_page is not None:
            self._start_page.finish()
        start_collection.resume()   # paused while the application started (``start_collection``)
        self.flows.release()
        self.findings.refresh()
        self._update_badges()
        QTimer.singleShot(0, self, self._build_next_page)

    def _update_badges(self) -> None:
        self._badges: dict[int, int] = {}
        self._todo_badges: dict[int, int] = {}
        form = self.session.report.form
        self.status_version.setText(f"{form.version}版格式")
        if not self._checked_once and not self.session.document.checked:
            self.status_counts.setText("正在检查…")
            return
        findings = [f for f in self.session.document.findings if f.is_open]
        counts = tally(findings)   # as the 汇总 unit list counts each unit
        self.status_counts.setText(f"错误 {counts.errors} · 警告 {counts.warnings}"
                                   + (f" · {TODO_LABEL} {counts.todo}" if counts.todo else ""))
        for i in range(self.tabs.count()):
            self._badge_tab(i, [f for f in findings if self._on_page(f, self.tabs.widget(i))])

    @staticmethod
    def _on_page(finding: Finding, page) -> bool:
        if isinstance(page, SectionPage):
            return finding.belongs_to(page.key, page.table_id)
        return finding.belongs_to(None)   # the 基本信息 page

    def _badge_tab(self, i: int, mine: list[Finding]) -> None:
        """The tab's badge: red with the errors, else orange with the warnings, else grey with
        what is left to write (待填写); the tooltip says all three."""
        counts = tally(mine)
        n_err, n_warn, n_todo = counts.errors, counts.warnings, counts.todo
        from PySide6.QtGui import QIcon  # after the first paint (naming it creates its enums)
        self._badges[i], self._todo_badges[i] = n_err, n_todo
        page = self.tabs.widget(i)
        name = page.heading_text if isinstance(page, SectionPage) else "基本信息"
        parts = [f"{n} 个{what}" for n, what in ((n_err, "错误"), (n_warn, "警告")) if n]
        if n_todo:
            parts.append(f"{n_todo} 项{TODO_LABEL}")
        shown = next(((colour, n) for colour, n in ((SEVERITY_DOT[Severity.ERROR], n_err),
                                                     (SEVERITY_DOT[Severity.WARNING], n_warn), (TODO_DOT, n_todo)) if n), None)
        badge = (shown[0], str(min(shown[1], 99))) if shown else None
        if self._badge_shown.get(i, ()) != badge:   # (a new icon lays every tab out again)
            self._badge_shown[i] = badge
            self.tabs.setTabIcon(i, dot_icon(*badge) if badge else QIcon())
        self.tabs.setTabToolTip(i, f"{name}\n本页有 " + "、".join(parts) if parts else name)

    def tab_error_count(self, index: int) -> int:
        """The number on the error badge of tab ``index`` (0: no badge)."""
        return self._badges.get(index, 0)

    def tab_todo_count(self, index: int) -> int:
        """How many to-dos (待填写) tab ``index`` holds (its badge shows them when it has no errors or warnings)."""
        return self._todo_badges.get(index, 0)

    def _update_title(self) -> None:
        if self.start_page_shown():
            self.setWindowTitle(APP_NAME)
            self.setWindowModified(False)
            return
        meta = self.session.report.meta
        who = meta.agency or "（未填机关名称）"
        year = f"{meta.year}年度" if meta.year else "（未填年度）"
        self.setWindowTitle(f"{self.flows.display_name()}[*] — {who} {year} — {APP_NAME}")
        self.setWindowModified(self.flows.is_modified())

    # -- findings -------------------------------------------------------------------------------

    def go_to_finding(self, finding: Finding) -> None:
        if finding.cells:
            page = self.page_for_table(finding.cells[0].table)
            if page is not None and page.grid is not None:
                self.tabs.setCurrentWidget(page)
                page.grid.select_keys(finding.cells)
                return
        if finding.section:
            page = self.page_for_section(finding.section)
            if page is not None:
                self.tabs.setCurrentWidget(page)
                page.prose.show_quote(finding.quote)  # the sentence selected and scrolled to
                return
        self.tabs.setCurrentWidget(self.meta_tab)
        self.meta_tab.focus_field(finding.meta)
        if finding.meta == "preamble":
            self.meta_tab.preamble.show_quote(finding.quote)

    def go_to_problem(self, problem) -> None:
        """返回修改 from the pre-export check: the problem's cells or text, or its 基本信息 field."""
        if problem.finding is not None:
            self.go_to_finding(problem.finding)
        else:
            self.tabs.setCurrentWidget(self.meta_tab)
            self.meta_tab.focus_field(problem.meta)

    def accept_warning(self, finding: Finding) -> bool:
        """确认警告: the clerk accepts a warning with a reason (one undo step)."""
        from ..core.edits import accept_warning
        if finding.severity is not Severity.WARNING or not finding.is_open or finding.todo:
            return False
        reason = dialogs.accept_reason(self, finding)
        if not reason:
            return False
        return self._push_finding_edit(lambda: accept_warning(finding, reason), "已确认该警告（可撤销）。")

    def unaccept_warning(self, finding: Finding) -> bool:
        """取消确认: a confirmed warning counts again (one undo step)."""
        from ..core.edits import unaccept_warning
        return self._push_finding_edit(lambda: unaccept_warning(self.session.report, finding),
                                       "已取消确认，该警告重新计入（可撤销）。")

    def use_recomputed_total(self, finding: Finding) -> bool:
        """采用重新计算的合计: the file's printed total ``finding`` is about was the mistake (one
        undo step)."""
        from ..core.edits import dismiss_printed
        return self._push_finding_edit(lambda: dismiss_printed(self.session.report, finding),
                                       "已采用重新计算的合计（可撤销）。")

    def _push_finding_edit(self, make_edit, done: str) -> bool:
        """Push the edit ``make_edit()`` builds for a finding; its refusal (``ValueError``) is shown."""
        try:
            edit = make_edit()
        except ValueError as exc:
            dialogs.warning(self, str(exc))
            return False
        self.session.push(edit)
        self.show_message(done)
        return True

    # -- window events --------------------------------------------------------------------------

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.flows.open_file(Path(paths[0]))

    def closeEvent(self, event) -> None:
        if self.flows.maybe_discard():
            self.flows.shutdown()
            event.accept()
        else:
            event.ignore()

