"""Chinese for the texts of Qt's own dialogs that Qt's ``qtbase_zh_CN`` catalogue lacks.

Qt's catalogue translates most of the file dialog (文件名称, 打开, 取消 …) but not its two field
labels nor the names of the file kinds its icon provider gives (a folder, a drive); with those the
clerk saw “Look in:”, “Files of type:” and “Folder” beside Chinese.  ``MissingQtChinese`` supplies
them; it is installed after Qt's catalogue, is plain Python (nothing to ship in the frozen build)
and answers only what it knows, so every other text comes from Qt's catalogue.
"""

from __future__ import annotations

from PySide6.QtCore import QTranslator

# (context, source text) → Chinese, as Qt asks for them (the disambiguation does not matter here)
MISSING: dict[tuple[str, str], str] = {
    ("QFileDialog", "&Look in:"): "查找范围(&I)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    ("QFileDialog", "Look in:"): "查找范围：",
    ("QFileDialog", "Files of type:"): "文件类型：",
    ("QFileDialog", "File name:"): "文件名称：",
    ("QFileDialog", "Save"): "保存",
    ("QFileDialog", "Confirm Delete"): "确认删除",
    ("QFileSystemModel", "Size"): "大小",  # Qt's catalogue says 体积 (volume); Explorer says 大小
    ("QAbstractFileIconProvider", "Folder"): "文件夹",
    ("QAbstractFileIconProvider", "File Folder"): "文件夹",
    ("QAbstractFileIconProvider", "Drive"): "驱动器",
    ("QAbstractFileIconProvider", "File"): "文件",
    ("QAbstractFileIconProvider", "%1 File"): "%1 文件",
    ("QAbstractFileIconProvider", "Alias"): "替身",
    ("QAbstractFileIconProvider", "Shortcut"): "快捷方式",
    ("QAbstractFileIconProvider", "Unknown"): "未知",
    ("QMessageBox", "OK"): "确定",
    ("QMessageBox", "Help"): "帮助",
}


class MissingQtChinese(QTranslator):
    """A translator of the application's own for the texts listed in ``MISSING``.  Asked first,
    it answers None (a null string) for any other text, so Qt goes on to its own catalogue; an
    empty string would be taken as the translation and blank every button."""

    def translate(self, context, source, disambiguation=None, n=-1):
        return MISSING.get((context, source))  # None: not known here, Qt asks its own catalogue

    def isEmpty(self) -> bool:
        return False
