"""The file chooser in Chinese form: sizes as “30.5 KB”, dates as “2026/12/04 10:32”, file kinds by
the names the clerk knows (Word 文档, Excel 工作簿 …), columns wide enough for them.

Qt's own file dialog (used where the desktop offers no native one) shows what its file model
formats with the system's locale — “30.50 KiB”, “4 12 2026” on a machine whose locale is not
Chinese; a proxy over that model gives the Chinese form whatever the locale.  A native dialog
(Windows, a desktop's own) is left as it is: it speaks the desktop's language.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QIdentityProxyModel, QSize, Qt
from PySide6.QtWidgets import QFileDialog, QHeaderView, QStyledItemDelegate, QTreeView, QWidget

SIZE_COLUMN, TYPE_COLUMN, DATE_COLUMN = 1, 2, 3
DATE_FORMAT = "yyyy/MM/dd HH:mm"
COLUMN_PADDING = 14  # pixels
_UNITS = ("KB", "MB", "GB", "TB")


def format_size(size: int) -> str:
    """1023 → “1023 字节”, 31232 → “30.5 KB”, 3 MB → “3 MB” (one decimal below 100, as Explorer)."""
    if size < 1024:
        return f"{size} 字节"
    value = float(size)
    for unit in _UNITS:
        value /= 1024
        if value < 1024 or unit == _UNITS[-1]:
            text = f"{value:.1f}" if value < 100 else f"{value:.0f}"
            return f"{text.removesuffix('.0')} {unit}"
    raise AssertionError("unreachable")


def kind_name(path: str) -> str | None:
    """The clerk's name of the file kind the application reads or writes (Word 文档 …), else None."""
    from ..io.registry import kind_for_suffix
    kind = kind_for_suffix(Path(path).suffix) if Path(path).suffix else None
    return kind.name if kind is not None else None


class ChineseFileColumns(QIdentityProxyModel):
    """The file dialog's model with size, kind and date columns in Chinese form (sorting stays the
    file model's own: by number and by time, not by these texts)."""

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole or index.column() not in (SIZE_COLUMN, TYPE_COLUMN, DATE_COLUMN):
            return super().data(index, role)
        files = self.sourceModel()
        source = self.mapToSource(index)
        if index.column() == DATE_COLUMN:
            return files.lastModified(source).toString(DATE_FORMAT)
        if files.isDir(source):
            return "" if index.column() == SIZE_COLUMN else "文件夹"
        if index.column() == SIZE_COLUMN:
            return format_size(files.size(source))
        return kind_name(files.filePath(source)) or super().data(index, role)


class _RoomyColumns(QStyledItemDelegate):
    """Sizes, kinds and dates a little wider than their text: the column fits to its contents and
    Qt's own measure leaves the last character clipped."""

    def sizeHint(self, option, index):
        hint = super().sizeHint(option, index)
        return QSize(hint.width() + COLUMN_PADDING, hint.height())


def make_file_dialog(parent: QWidget | None, title: str, folder: str, filters: str) -> QFileDialog:
    dialog = QFileDialog(parent, title, folder, filters)
    dialog.setProxyModel(ChineseFileColumns(dialog))
    view = dialog.findChild(QTreeView, "treeView")
    if view is not None:  # Qt's own dialog: columns as wide as their texts, the name taking the rest
        header = view.header()
        roomy = _RoomyColumns(view)
        for column in (SIZE_COLUMN, TYPE_COLUMN, DATE_COLUMN):
            view.setItemDelegateForColumn(column, roomy)
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
    return dialog


def choose(dialog: QFileDialog) -> list[str]:
    """Run ``dialog``; the chosen paths (none when cancelled)."""
    return list(dialog.selectedFiles()) if dialog.exec() == QFileDialog.DialogCode.Accepted else []
