"""File flows: new / open / save / save as / import / export / change of format version.

Kept out of the main window.  Every file is read through ``io.registry.read_report`` and written
through ``core.serialize.save_native`` (atomic) or ``io.registry.write_report``; their
``ReadError``/``WriteError`` messages are shown as they are, and a failure leaves the open
document untouched (and still marked modified).  最近使用 is kept by ``recent_files``, the
autosave and the recovery after a crash by ``recovery``.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..core.document import Document
from ..core.edits import SetMeta, replace_report, set_cells
from ..core.errors import ReadError, WriteError, technical_details
from ..core.forms import get_form
from ..core.periods import reporting_year
from ..core.serialize import NATIVE_SUFFIX, save_native
from . import dialogs
from .recent_files import RecentFiles
from .recovery import Recovery
from .work_folders import EXPORT, PREVIOUS, REPORT

LOG = logging.getLogger(__name__)
PDF_BUSY = "正在生成 PDF…"
CHECKED_BEFORE_EXPORT = (".docx", ".pdf")  # the documents that are signed and published


UNNAMED = "未命名"   # a report never saved nor read from a file (its save is offered as 机关+年度报告)
NEW_REPORT = "新建的报告"   # what a question calls a report never saved that names no agency yet


def report_name(report) -> str:
    """机关+年度报告: the name a report never saved is saved under (without its suffix)."""
    return f"{report.meta.agency}{report.meta.year or ''}年度报告"


def unsaved_report_name(report) -> str:
    """What a question calls a report never saved: the 机关+年度报告 its save will offer (“未命名”
    told the clerk nothing), “新建的报告” while it names no agency."""
    return report_name(report) if report.meta.agency.strip() else NEW_REPORT


def _open_filter() -> str:
    from ..io.registry import open_filter
    return open_filter()


def _is_cancel(exc: WriteError) -> bool:
    from ..io.write.pdf_export import ExportCancelled
    return isinstance(exc, ExportCancelled)


class FileFlows(QObject):
    modified_changed = Signal(bool)
    path_changed = Signal()
    message = Signal(str)
    recent_changed = Signal()
    document_opened = Signal()   # a report was made the open document (new, opened, restored…)
    closed = Signal()            # 关闭: no report open any more (the window shows its start page)
    interpreted = Signal(str, list)  # what a file read was interpreted as: a title, one line each (kept in view)

    def __init__(self, window, session, start_recovery: bool = True) -> None:
        """``start_recovery`` False: the session's lock and journal, and the file opened put first in
        最近使用, wait for ``release`` (the application's start: after the window's first paint)."""
        super().__init__(window)
        self.window = window            # parent of dialogs; has commit_pending()
        self.session = session
        self.path: Path | None = None
        self.source: Path | None = None  # the file the open report was read or started from
        self.suggested_name = ""
        self._dirty_without_undo = False
        self._last_modified = False
        self.recent = RecentFiles()      # 最近使用
        self.recovery = Recovery(self)   # autosave, and the recovery after a crash
        self._held = not start_recovery
        if start_recovery:
            self.recovery.release()
        else:
            self.recovery.hold()
        session.undo_stack.cleanChanged.connect(self._clean_changed)
        session.undo_stack.indexChanged.connect(self._index_changed)

    # -- state ----------------------------------------------------------------------------------

    def is_modified(self) -> bool:
        try:
            return self._dirty_without_undo or not self.session.undo_stack.isClean()
        except RuntimeError:  # the window is being destroyed (the stack emits while it goes)
            return self._last_modified

    def _set_dirty(self, dirty: bool) -> None:
        self._dirty_without_undo = dirty
        self._emit_modified()

    def _emit_modified(self) -> None:
        modified = self.is_modified()
        if modified != self._last_modified:
            self._last_modified = modified
            self.modified_changed.emit(modified)

    def _clean_changed(self, clean: bool) -> None:
        self._emit_modified()
        if clean and not self.is_modified():  # undone back to the saved state: the journal starts on the file
            self.recovery.autosave()

    def _index_changed(self, _index: int) -> None:
        try:
            self._changed()
        except RuntimeError:  # the window is being destroyed
            pass

    def _changed(self) -> None:
        self._emit_modified()
        self.recovery.schedule()

    def work_folder(self) -> Path | None:
        """The open report's folder: where it is saved, else the file it was read or started from."""
        place = self.path or self.source
        return place.parent if place is not None else None

    def display_name(self) -> str:
        if self.path is not None:
            return self.path.name
        return self.suggested_name or UNNAMED

    def unsaved_name(self) -> str:
        """What the save question calls the report: its file, else the 机关+年度报告 its save will
        offer (a report never saved has no name of its own; “未命名” told the clerk nothing)."""
        if self.path is not None or self.suggested_name:
            return self.display_name()
        return unsaved_report_name(self.session.report)

    def _report_name(self) -> str:
        return report_name(self.session.report)

    def _set_document(self, document: Document, path: Path | None, dirty: bool, suggested: str = "",
                      opened: bool = True, source: Path | None = None) -> None:
        self.recovery.cancel()
        self.session.replace_document(document)
        self.path = path
        self.source = source or path
        self.suggested_name = suggested
        self._set_dirty(dirty)
        self.path_changed.emit()
        self.recovery.restart(document)   # unsaved work (an import, a restored session) is written at once
        if opened:
            self.document_opened.emit()

    # -- new / open -----------------------------------------------------------------------------

    def maybe_discard(self) -> bool:
        """True when the open document may be replaced (saved, or the clerk chose not to)."""
        self.window.commit_pending()
        if not self.is_modified():
            return True
        answer = dialogs.ask_save_changes(self.window, f"“{self.unsaved_name()}”有未保存的修改。\n是否先保存？")
        if answer == "save":
            return self.save()
        return answer == "discard"

    def close_report(self) -> bool:
        """关闭: after saving or discarding the changes, no report is open (a blank one stands behind
        the start page, unmodified, so nothing is autosaved)."""
        if not self.maybe_discard():
            return False
        year = reporting_year()
        from ..core.drafting import new_report
        from ..core.forms import form_for_year
        self._set_document(Document(new_report(form_for_year(year).version, year)), None, False, opened=False)
        self.closed.emit()
        self.message.emit("报告已关闭。")
        return True

    def new_report(self) -> bool:
        if not self.maybe_discard():
            return False
        answer = dialogs.new_report(self.window, reporting_year(), self.session.report.meta.agency)
        if answer is None:
            return False
        from ..core.drafting import new_report  # the outline's texts: when a report is started (start-up time)
        report = new_report(answer.version, answer.year, answer.agency)
        self._set_document(Document(report), None, False)
        self.message.emit(f"已新建{answer.year}年度报告（{answer.version}版格式）。")
        return True

    def new_from_previous(self, path: str | os.PathLike | None = None) -> bool:
        """Start this year's report from last year's file (figures that carry over are filled in)."""
        if not self.maybe_discard():
            return False
        chosen = self._choose_and_read(path, "选择上一年度的报告", PREVIOUS)
        if chosen is None:
            return False
        path, result = chosen
        try:
            from ..core.carryover import carry_over
            carried = carry_over(result.report)
        except ValueError as exc:
            LOG.warning("无法从 %s 新建：%s", path, exc, exc_info=True)
            dialogs.error(self.window, f"无法从“{Path(path).name}”新建：{exc}")
            return False
        report = carried.report
        self._set_document(Document(report, result.report), None, True, source=path)
        changed = "其中改动了年份的句子逐句列出（改前→改后），请核对；" if carried.changed or carried.kept else ""
        dialogs.notes(self.window, "从上年报告新建",
                      f"已按上年报告新建{report.meta.year}年度报告（{report.form_version}版格式），上年报告已载入用于跨年核对。"
                      f"下面是从上年报告结转的数字和文字（前言、联系方式、落款机关）；{changed}落款日期请在导出前填写。",
                      carried.lines() + result.notes)
        self.interpreted.emit(f"从“{Path(path).name}”结转和读取时作了以下处理", carried.lines() + result.notes)
        return True

    def open_file(self, path: str | os.PathLike | None = None) -> bool:
        if not self.maybe_discard():
            return False
        if path is None:
            path = dialogs.open_file(self.window, "打开年度报告", _open_filter(), kind=REPORT)
            if not path:
                return False
        return self._open(Path(path))

    def _open(self, path: Path) -> bool:
        result = self._read(path)
        if result is None:
            return False
        self.adopt(path, result)
        return True

    def adopt(self, path: Path, result, document: Document | None = None) -> None:
        """Make a file just read (``read_report`` result) the open document."""
        path = Path(path)
        native = result.kind == "native"  # our own project file: saved back to the same path
        suggested = "" if native else path.with_suffix(NATIVE_SUFFIX).name
        if document is None:
            document = Document(result.report, result.previous)
        self._set_document(document, path if native else None, dirty=not native, suggested=suggested, source=path)
        self.add_recent(path)
        if result.notes:
            dialogs.notes(self.window, "读取说明", f"已打开“{path.name}”。读取时作了以下处理，请核对：", result.notes)
            self.interpreted.emit(f"读取“{path.name}”时作了 {len(result.notes)} 处处理", result.notes)
        if not native:
            self.message.emit(f"已从“{path.name}”读入报告；保存时将另存为项目文件（{NATIVE_SUFFIX}）。")
        else:
            self.message.emit(f"已打开“{path.name}”。")

    def _choose_and_read(self, path: str | os.PathLike | None, title: str, kind: str):
        """``path`` (or the file of ``kind`` the clerk chooses under ``title``) and what was read from
        it; None when nothing was chosen or the file could not be read (the clerk has been told)."""
        if not path:
            path = dialogs.open_file(self.window, title, _open_filter(), kind=kind)
            if not path:
                return None
        result = self._read(path)
        return None if result is None else (Path(path), result)

    def _read(self, path: str | os.PathLike):
        from ..io.registry import kind_named, read_report, sniff
        try:
            entry = kind_named(sniff(Path(path)))
        except ReadError:
            entry = None   # read_report says why again, and logs it
        try:
            if entry is not None and entry.slow_to_read:   # an office suite converts: seconds
                return dialogs.busy(self.window, f"正在读取“{Path(path).name}”…", lambda cancelled: read_report(path))
            return read_report(path)
        except ReadError as exc:   # logged with its traceback by read_report
            from ..io.workbook.ledger_like import LEDGER_KINDS
            from .ledger_flow import ledger_hint  # (a clerk's 台账 opened as a report: say where it goes)
            hint = ledger_hint(path, self.session.report.form) if entry is None or entry.kind in LEDGER_KINDS else ""
            dialogs.error(self.window, f"{exc}\n\n{hint}" if hint else str(exc))
            return None
        except Exception as exc:  # a reader that failed unexpectedly: a message, never a traceback
            LOG.exception("读取 %s 时意外出错", path)
            dialogs.error(self.window, f"读取“{Path(path).name}”时出现意外错误，文件未打开，当前报告没有改变。",
                          technical_details(exc))
            return None

    # -- import ---------------------------------------------------------------------------------

    def import_into(self, path: str | os.PathLike | None = None) -> bool:
        """Replace the report's content with a file's (one undo step), after showing the notes."""
        self.window.commit_pending()
        chosen = self._choose_and_read(path, "导入报告内容", REPORT)
        if chosen is None:
            return False
        path, result = chosen
        name = Path(path).name
        report = self.session.report
        # the preview shows what the file brings (and what disagrees); 导入 confirms, 取消 changes nothing
        if not dialogs.confirm_import(self.window, result, path):
            return False
        stack = self.session.undo_stack
        from ..io.import_preview import import_edit
        edit = import_edit(report, result, path)
        stack.beginMacro(edit.text)
        try:
            self.session.push(edit)
            if result.previous is not None and self.session.document.previous is None:
                self.session.set_previous(result.previous, "载入上年报告")
        finally:
            stack.endMacro()
        if result.notes:   # shown in the preview; kept in view while the clerk checks the figures
            self.interpreted.emit(f"导入“{name}”时作了 {len(result.notes)} 处处理", result.notes)
        self.message.emit(f"已导入“{name}”。")
        return True

    def import_previous(self, path: str | os.PathLike | None = None) -> bool:
        """Load last year's report for the cross-year checks; offer to fill in carried figures."""
        self.window.commit_pending()
        chosen = self._choose_and_read(path, "导入上一年度报告", PREVIOUS)
        if chosen is None:
            return False
        path, result = chosen
        previous = result.report
        report = self.session.report
        # Work out and ask first; the undo macro then only wraps the two pushes, and is always closed.
        try:
            from ..core.carryover import carry_over
            carried = carry_over(previous, year=report.meta.year or None, form_version=report.form_version)
        except ValueError as exc:
            LOG.info("%s 没有可结转到本年的数字：%s", path, exc)
            carried = None
        from ..core.carryover import carry_question, words_for
        fill = {k: v for k, v in carried.report.values.items() if report.get(k) is None} if carried else {}
        words = words_for(report, carried) if carried else {}
        fill_in = bool(fill or words) and dialogs.ask_yes_no(
            self.window, carry_question(len(fill), words, carried), "填入", "不填")
        stack = self.session.undo_stack
        stack.beginMacro("导入上一年度报告")
        try:
            self.session.set_previous(previous, "导入上一年度报告")
            if fill_in and fill:
                self.session.push(set_cells(report, fill, "结转上年数字"))
            for name, value in words.items() if fill_in else ():
                self.session.push(SetMeta(name, getattr(report.meta, name), value, "结转上年文字"))
        finally:
            stack.endMacro()
        notes = result.notes + (carried.lines_about_years() if fill_in and "preamble" in words else [])
        if notes:
            dialogs.notes(self.window, "读取说明", f"“{Path(path).name}”读取时作了以下处理：", notes)
            self.interpreted.emit(f"读取上年度报告“{Path(path).name}”时作了 {len(notes)} 处处理", notes)
        self.message.emit(f"已载入上年度报告“{Path(path).name}”，跨年核对已更新。")
        return True

    def consolidate(self) -> bool:
        """汇总: build this report from the units' reports (a new, unsaved document)."""
        if not self.maybe_discard():
            return False
        report = dialogs.consolidate(self.window, self.session.report.meta.agency)
        if report is None:
            return False
        self._set_document(Document(report), None, True)
        self.message.emit("已生成汇总报告，请核对后保存。")
        return True

    def change_version(self, version: str) -> bool:
        """Switch the report to another format version (one undo step), after confirmation.  The
        figures move by the declared correspondence; what moved by judgment or has no counterpart
        is listed for the clerk to check."""
        self.window.commit_pending()
        report = self.session.report
        if version == report.form_version:
            return False
        form = get_form(version)
        new, conversion = report.convert(version)
        lost = conversion.lost
        question = f"改用{version}版格式（{form.basis}）？"
        if conversion.judged:
            question += (f"\n{len(conversion.judged)} 个数字将移到新格式中最接近的栏目，改用后请核对"
                         "（改用后会列出）。")
        if lost:
            question += f"\n新格式中没有对应栏目的 {len(lost)} 个数字将被移除（可用“撤销”恢复）。"
        if not dialogs.ask_yes_no(self.window, question, "改用", "取消"):
            return False
        self.session.push(replace_report(report, new, f"改用{version}版格式"))
        notes = conversion.notes()
        if notes:
            dialogs.notes(self.window, "改用格式", f"已改用{version}版格式（可用“撤销”恢复）。"
                          "以下数字作了转换或未能保留，请核对：", notes)
        return True

    # -- save -----------------------------------------------------------------------------------

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self._write(self.path)

    def save_as(self) -> bool:
        self.window.commit_pending()
        if self.path is not None:
            suggested = self.path.name
        else:
            suggested = self.suggested_name or f"{self._report_name()}{NATIVE_SUFFIX}"
        from ..io.registry import save_filter
        path = dialogs.save_file(self.window, "保存年度报告", save_filter(NATIVE_SUFFIX), suggested, kind=REPORT)
        if not path:
            return False
        path = Path(path)
        if path.suffix.lower() != NATIVE_SUFFIX:
            path = path.with_name(path.name + NATIVE_SUFFIX)
        return self._write(path)

    def _write(self, path: Path) -> bool:
        self.window.commit_pending()
        try:
            save_native(path, self.session.report, self.session.document.previous)
        except WriteError as exc:
            LOG.warning("未能保存 %s：%s", path, exc, exc_info=True)
            dialogs.error(self.window, f"{exc}\n\n报告仍在编辑器中，没有丢失；请换一个位置或文件名保存。")
            return False
        self.path = path
        self.suggested_name = ""
        self.session.undo_stack.setClean()
        self._set_dirty(False)
        self.recovery.autosave()   # no unsaved work: the journal starts on the saved file
        self.add_recent(path)
        self.path_changed.emit()
        self.message.emit(f"已保存到“{path}”。")
        return True

    # -- export ---------------------------------------------------------------------------------

    def export(self, suffix: str) -> bool:
        """Write the report in another format.  PDF (an office suite converts, for seconds) is
        written in the background behind a modal dialog with 取消; the report is not touched."""
        from ..io.registry import kind_for_suffix, save_filter, writable_suffixes, write_report
        self.window.commit_pending()
        entry = kind_for_suffix(suffix)
        what = entry.export_name if entry else suffix
        if suffix not in writable_suffixes():
            dialogs.warning(self.window, f"本版本暂不能导出{what}（{suffix}）。")
            return False
        if suffix in CHECKED_BEFORE_EXPORT and not self.check_before_export(what):
            return False
        report = self.session.report
        base = self.path.stem if self.path else f"{report.meta.agency}{report.meta.year or ''}年政府信息公开工作年度报告"
        gap = " " if what[:1].isascii() else ""  # 导出 Word 文档 / 导出数据文件（JSON）
        path = dialogs.save_file(self.window, f"导出{gap}{what}", save_filter(suffix), f"{base}{suffix}", kind=EXPORT)
        if not path:
            return False
        path = Path(path)
        if path.suffix.lower() != suffix:
            path = path.with_name(path.name + suffix)
        previous = self.session.document.previous
        try:
            if entry.cancellable:  # the worker gets copies: the document stays the UI thread's
                report, previous = report.copy(), previous.copy() if previous is not None else None
                notes = dialogs.busy(self.window, PDF_BUSY if suffix == ".pdf" else f"正在导出{gap}{what}…",
                                     lambda cancelled: write_report(path, report, previous, cancelled))
            else:
                notes = write_report(path, report, previous)
        except WriteError as exc:
            if _is_cancel(exc):
                self.message.emit(str(exc))
                return False
            dialogs.error(self.window, str(exc))
            return False
        except Exception as exc:  # a writer that failed unexpectedly: a message, never a traceback
            LOG.exception("导出 %s 时意外出错", path)
            dialogs.error(self.window, f"导出{what}时出现意外错误，文件可能没有写好，请勿使用“{path.name}”。"
                          "报告本身没有改变。", technical_details(exc))
            return False
        self._exported(path, notes)
        return True

    def _exported(self, path: Path, notes: list[str]) -> None:
        """Say plainly what the export did: the figures read back from the document (the Word
        self-check), and only then anything the clerk should look at."""
        from ..io.write.word_export import read_back_count
        checked = sum(read_back_count(n) or 0 for n in notes)
        others = [n for n in notes if read_back_count(n) is None]
        done = f"已导出“{path.name}”" + (f"，{checked} 个数字已逐一读回核对无误" if checked else "") + "。"
        if others:
            dialogs.notes(self.window, "导出说明", done + "以下几点请留意：", others)
        elif checked:
            dialogs.info(self.window, done)
        self.message.emit(done[:-1] + f"（{path}）。")

    def check_before_export(self, what: str) -> bool:
        """导出前检查: open errors, text and figures not written yet, warnings not confirmed, an
        empty 落款日期 — listed with 返回修改 / 仍然导出.  True: go on with the export."""
        from ..core.export_check import export_problems
        self.session.leave_table()   # the report leaves the office: every identity is judged
        problems = export_problems(self.session.report, self.session.document.findings)
        if not problems:
            return True
        from .export_check_dialog import EXPORT, ExportCheckDialog
        dialog = ExportCheckDialog(self.window, what, problems)
        dialog.fill_requested.connect(self._fill_meta)
        dialog.exec()
        choice, target = dialog.choice, dialog.target
        dialog.deleteLater()
        if choice == EXPORT:
            return True
        if target is not None:
            self.window.activateWindow()  # the keyboard focus returns from the dialog to the window
            self.window.go_to_problem(target)
        return False

    def _fill_meta(self, name: str, text: str) -> None:
        from ..core.report import METADATA_NAMES
        field = METADATA_NAMES[name]
        self.session.push(SetMeta(name, getattr(self.session.report.meta, name), text, f"填入{field}"))
        self.message.emit(f"{field}已填为“{text}”（可撤销）。")

    def export_check_list(self) -> bool:
        """导出校验清单: rules checked, errors, open and accepted warnings, for the leader who signs."""
        from ..io.write.check_report import write_check_report
        self.window.commit_pending()
        report = self.session.report
        base = self.path.stem if self.path else f"{report.meta.agency}{report.meta.year or ''}年年报"
        from ..io.registry import save_filter
        path = dialogs.save_file(self.window, "导出校验清单", save_filter(".docx", ".xlsx"), f"{base}校验清单.docx",
                                 kind=EXPORT)
        if not path:
            return False
        path = Path(path)
        if path.suffix.lower() not in (".docx", ".xlsx"):
            path = path.with_name(path.name + ".docx")
        document = self.session.document
        self.session.leave_table()   # the list is signed: every identity judged
        try:
            write_check_report(path, report, document.findings, document.previous)
        except WriteError as exc:   # logged by write_check_report
            dialogs.error(self.window, str(exc))
            return False
        except Exception as exc:  # never a traceback
            LOG.exception("导出校验清单 %s 时意外出错", path)
            dialogs.error(self.window, f"导出校验清单时出现意外错误，请勿使用“{path.name}”。", technical_details(exc))
            return False
        self.message.emit(f"已导出校验清单“{path}”。")
        return True

    # -- recent files ---------------------------------------------------------------------------

    def add_recent(self, path: Path) -> None:
        """Put ``path`` (the open report's file) first in 最近使用, with the report's agency and year."""
        meta = self.session.report.meta
        if self._held:   # written after the first paint (``release``), or when the list is read first
            self.recent.add_later(path, meta.agency, meta.year)
        elif self.recent.add(path, meta.agency, meta.year):
            self.recent_changed.emit()

    def release(self) -> None:
        """The window has been painted: the session's journal starts, the file opened goes first in 最近使用."""
        self._held = False
        self.recovery.release()
        if self.recent.flush():
            self.recent_changed.emit()

    def shutdown(self) -> None:
        """The window closes after the clerk saved or chose to discard: no recovery needed.
        Safe to call twice (a close event after an explicit shutdown)."""
        if getattr(self, "_shut_down", False):
            return
        self._shut_down = True
        self.recovery.shutdown()
        self.session.undo_stack.cleanChanged.disconnect(self._clean_changed)
        self.session.undo_stack.indexChanged.disconnect(self._index_changed)
