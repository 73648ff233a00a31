"""Autosave and recovery: never lose a clerk's work to a crash, a power cut or a killed process.

A few seconds after each change the open document is written to this editor's recovery file in
the user's data folder (``data_folder.data_dir``), next to a lock file that marks it as belonging
to a running editor; saving (or closing without changes) removes it.  At start-up a recovery file
whose editor is gone (its lock is free) is offered for restoring; a declined one is kept aside in
``declined/`` (the newest few), not deleted at once.
"""

from __future__ import annotations

import datetime as _dt
import json
import logging
import os
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer

from ..core.document import Document
from ..core.errors import ReadError, WriteError
from ..core.serialize import NATIVE_SUFFIX, load_file, save_native
from ..data_folder import data_dir
from . import dialogs

LOG = logging.getLogger(__name__)
AUTOSAVE_DELAY_MS = 3000
RECOVERY_DIR = "recovery"
KEEP_DECLINED = 5


def recovery_dir() -> Path:
    return data_dir() / RECOVERY_DIR


def orphaned_recovery_files(own: Path | None = None) -> list[Path]:
    """Recovery files whose editor is no longer running (its lock is free), newest first."""
    folder = recovery_dir()
    if not folder.is_dir():
        return []
    for lock_path in folder.glob("*.lock"):  # locks of editors that ended without unsaved work
        if not lock_path.with_suffix(NATIVE_SUFFIX).exists() and lock_path.with_suffix(NATIVE_SUFFIX) != own:
            lock = QLockFile(str(lock_path))
            if lock.tryLock(0):
                lock.unlock()  # removes the file
    found = []
    for path in folder.glob(f"*{NATIVE_SUFFIX}"):
        if path == own:
            continue
        lock = QLockFile(str(path.with_suffix(".lock")))
        if not lock.tryLock(0):
            continue  # another editor is running with it
        lock.unlock()
        found.append(path)
    return sorted(found, key=lambda p: p.stat().st_mtime, reverse=True)


def _unlink(*paths: Path) -> None:
    for path in paths:
        try:
            path.unlink()
        except OSError:
            pass


def _read_info(path: Path) -> dict:
    """What the recovery file's editor wrote beside it: the report's file, its name, when."""
    try:
        info = json.loads(path.with_suffix(".json").read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return info if isinstance(info, dict) else {}


class Recovery(QObject):
    """This editor's recovery file, written by ``autosave`` (a few seconds after each change)
    for the open document of ``flows`` (``file_flows.FileFlows``)."""

    def __init__(self, flows) -> None:
        super().__init__(flows)
        self.flows = flows
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.autosave)
        self._folder = recovery_dir()
        self._folder.mkdir(parents=True, exist_ok=True)
        stem = f"session-{os.urandom(6).hex()}"
        self.path = self._folder / f"{stem}{NATIVE_SUFFIX}"
        self._lock = QLockFile(str(self._folder / f"{stem}.lock"))
        self._lock.tryLock(0)

    def schedule(self) -> None:
        """The document changed: autosave in a few seconds (again from now on a further change)."""
        self._timer.start()

    def cancel(self) -> None:
        self._timer.stop()

    def autosave(self) -> bool:
        """Write the open document to this session's recovery file (or remove it when saved)."""
        self._timer.stop()
        flows = self.flows
        if not flows.is_modified():
            self.remove()
            return False
        # nothing is committed here: closing a cell editor the clerk is typing in would disrupt
        # them (prose is committed by its own editor a moment after typing stops)
        try:
            save_native(self.path, flows.session.report, flows.session.document.previous)
            info = {"path": str(flows.path) if flows.path else None, "name": flows.display_name(),
                    "saved": _dt.datetime.now().isoformat(timespec="seconds"), "pid": os.getpid()}
            self.path.with_suffix(".json").write_text(json.dumps(info, ensure_ascii=False), "utf-8")
        except (WriteError, OSError) as exc:
            LOG.warning("自动保存到 %s 失败：%s", self.path, exc, exc_info=True)
            flows.message.emit(f"自动保存失败：{exc}")
            return False
        flows.message.emit(f"已自动保存（{_dt.datetime.now():%H:%M:%S}）。")
        return True

    def remove(self) -> None:
        _unlink(self.path, self.path.with_suffix(".json"))

    def candidates(self) -> list[Path]:
        """Recovery files left by editors that are no longer running, newest first."""
        return orphaned_recovery_files(self.path)

    def offer(self) -> bool:
        """At start-up: offer each orphaned recovery file; True when one was restored."""
        restored = False
        for path in self.candidates():
            info = _read_info(path)
            name = info.get("name") or "未命名报告"
            when = str(info.get("saved", "")).replace("T", " ")
            if not restored and dialogs.ask_yes_no(
                    self.flows.window, f"年报编制助手上次没有正常关闭。\n发现“{name}”未保存的修改"
                    f"（自动保存于 {when or '未知时间'}）。\n\n是否恢复这些修改？", "恢复", "不恢复"):
                restored = self._restore(path, info, str(name))
            else:
                self._discard(path)
        return restored

    def _restore(self, path: Path, info: dict, name: str) -> bool:
        try:
            loaded = load_file(path)
        except ReadError as exc:
            LOG.warning("无法恢复 %s：%s", path, exc, exc_info=True)
            dialogs.error(self.flows.window, f"无法恢复：{exc}")
            self._discard(path)
            return False
        from ..core.prompts import prompts_made_placeholders
        prompts_made_placeholders(loaded.report, loaded.previous)  # saved by an earlier version
        original = Path(info["path"]) if info.get("path") else None
        self.flows._set_document(Document(loaded.report, loaded.previous), original, dirty=True,
                                 suggested="" if original else name)
        self.autosave()
        self._delete(path)
        self.flows.message.emit("已恢复上次未保存的修改，请检查后保存。")
        return True

    def _delete(self, path: Path) -> None:
        _unlink(path, path.with_suffix(".json"), path.with_suffix(".lock"))

    def _discard(self, path: Path) -> None:
        """A declined recovery file is kept aside (the newest few), not deleted at once."""
        keep = self._folder / "declined"
        keep.mkdir(exist_ok=True)
        for p in (path, path.with_suffix(".json")):
            try:
                os.replace(p, keep / p.name)
            except OSError:
                pass
        _unlink(path.with_suffix(".lock"))
        old = sorted(keep.glob(f"*{NATIVE_SUFFIX}"), key=lambda p: p.stat().st_mtime, reverse=True)[KEEP_DECLINED:]
        for p in old:
            self._delete(p)

    def shutdown(self) -> None:
        """The editor closes after the clerk saved or chose to discard: no recovery needed."""
        self._timer.stop()
        self.remove()
        self._lock.unlock()
