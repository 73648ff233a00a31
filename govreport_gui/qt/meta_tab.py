"""The 基本信息 tab: agency, year, format version, contact details, signature and the preamble."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..core.document import Change
from ..core.edits import META, SetMeta
from ..core.forms import versions
from ..core.report import METADATA_NAMES
from .commands import Session
from .grey_text import grey
from .prose import ProseField
from .qt_ints import ALIGN_LEFT, ALIGN_VCENTER
from .screen_fit import scrolled_content
from .wrapped_label import WrappedLabel

LINE_FIELDS = ("agency", "website", "address", "postcode", "phone", "email", "issuing_organ", "date")
PREAMBLE_LEAST = 300     # the 前言 beside the fields no narrower than this, else under them
LINE_EDIT_CHROME = 12    # a line field's frame and margins around its text
FIELD_MOST = 560         # a field made no wider for its text than this (a very long website scrolls)
PLACEHOLDERS = {
    "agency": "机关全称，例如：某某市某某区人民政府办公室",
    "website": "可下载本报告电子版的网站",
    "date": "例如：2025年1月20日",
    "issuing_organ": "报告末尾落款的机关名称",
}


class MetaTab(QWidget):
    version_requested = Signal(str)    # the clerk chose another format version
    import_previous_requested = Signal()

    def __init__(self, session: Session, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        outer = QHBoxLayout(scrolled_content(self))   # (a 1366×768 screen at 150 % scrolls it)
        self._columns, self._stacked, self._fields_room = outer, False, 0
        self.fields_column = QWidget()
        left = QVBoxLayout(self.fields_column)
        left.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.fields_column, 3)

        box = QGroupBox("报告")
        form = QFormLayout(box)
        self.fields: dict[str, QLineEdit] = {}
        self.year = QSpinBox()
        self.year.setRange(0, 2100)
        self.year.setSpecialValueText("（未填写）")
        self.year.setSuffix(" 年度")
        self.year.setKeyboardTracking(False)
        self.year.editingFinished.connect(self._commit_year)
        self.version = QComboBox()
        for f in versions():
            self.version.addItem(f"{f.version}版（{f.basis}）", f.version)
        self.version.activated.connect(self._version_chosen)
        self.form_info = WrappedLabel()
        grey(self.form_info)
        self._add_line(form, "agency")
        form.addRow(METADATA_NAMES["year"] + "：", self.year)
        form.addRow("格式版本：", self.version)
        form.addRow("", self.form_info)
        left.addWidget(box)

        box = QGroupBox("联系方式与落款")
        form = QFormLayout(box)
        for name in LINE_FIELDS[1:]:
            self._add_line(form, name)
        left.addWidget(box)

        box = QGroupBox("上年度报告（用于跨年核对）")
        row = QHBoxLayout(box)
        self.previous_info = WrappedLabel()
        row.addWidget(self.previous_info, 1)
        button = QPushButton("导入上一年度…")
        button.setAutoDefault(True)   # Enter presses it when focused, as in a dialog
        button.clicked.connect(self.import_previous_requested)
        row.addWidget(button)
        left.addWidget(box)
        left.addStretch(1)

        box = QGroupBox(METADATA_NAMES["preamble"])   # (a long title would set the tab's least width)
        col = QVBoxLayout(box)
        where = WrappedLabel("标题之后、“一、总体情况”之前的段落，可不填。")
        grey(where)
        col.addWidget(where)
        self.preamble = ProseField(session, meta="preamble", label=METADATA_NAMES["preamble"],
                                   placeholder="例如：本报告依据《中华人民共和国政府信息公开条例》……编制。")
        col.addWidget(self.preamble)
        outer.addWidget(box, 4)

        session.changed.connect(self._on_change)
        self._load()

    def resizeEvent(self, event) -> None:  # noqa: N802 - a Qt override
        super().resizeEvent(event)
        self._arrange()

    def _arrange(self) -> None:
        """Side by side, the fields as wide as their texts (a website is read whole); the 前言
        under them when that leaves it less than ``PREAMBLE_LEAST`` (a 910 px window at 150 %)."""
        room = self._fields_width()
        stacked = self.width() - room < PREAMBLE_LEAST
        if stacked != self._stacked:
            self._stacked = stacked
            self._columns.setDirection(QBoxLayout.Direction.TopToBottom if stacked else QBoxLayout.Direction.LeftToRight)
        wanted = 0 if stacked else room
        if wanted != self._fields_room:
            self._fields_room = wanted
            self.fields_column.setMinimumWidth(wanted)

    def _fields_width(self) -> int:
        """The width the fields' column needs for each line field to show its whole text."""
        fields = list(self.fields.values())
        widest = max(w.minimumSizeHint().width() for w in [*fields, self.year, self.version])
        texts = max(f.fontMetrics().horizontalAdvance(f.text()) + LINE_EDIT_CHROME for f in fields)
        return self.fields_column.minimumSizeHint().width() - widest + min(max(widest, texts), FIELD_MOST)

    def _add_line(self, form: QFormLayout, name: str) -> None:
        edit = QLineEdit()
        edit.setPlaceholderText(PLACEHOLDERS.get(name, ""))
        edit.editingFinished.connect(lambda name=name: self._commit_line(name))
        edit.textEdited.connect(lambda text, name=name: self.session.draft((META, name), text))
        self.fields[name] = edit
        form.addRow(METADATA_NAMES[name] + "：", edit)

    def focus_field(self, name: str | None) -> None:
        """Put the cursor in the field ``name`` (a ``Metadata`` field), when the tab has one."""
        widget = {"year": self.year, "preamble": self.preamble.edit}.get(name) or self.fields.get(name)
        if widget is not None:
            widget.setFocus()

    def commit(self) -> None:
        """Store whatever is typed but not yet committed (before save, undo, close)."""
        for name in LINE_FIELDS:
            self._commit_line(name)
        self._commit_year()
        self.preamble.commit()

    def _commit_line(self, name: str) -> None:
        new = self.fields[name].text().strip()
        old = getattr(self.session.report.meta, name)
        if new != old:
            self.session.push(SetMeta(name, old, new, f"修改“{METADATA_NAMES[name]}”"))

    def _commit_year(self) -> None:
        self.year.interpretText()
        new, old = self.year.value(), self.session.report.meta.year
        if new != old:
            self.session.push(SetMeta("year", old, new, "修改“报告年度”"))

    def _version_chosen(self) -> None:
        version = self.version.currentData()
        if version != self.session.report.form_version:
            self.version_requested.emit(version)
        self._load()  # the window decides; show what the document says

    def _on_change(self, change: Change) -> None:
        if change.everything or change.meta:
            self._load()

    def _load(self) -> None:
        report = self.session.report
        for name, edit in self.fields.items():
            value = getattr(report.meta, name)
            if edit.text() != value:
                edit.setText(value)
                edit.setCursorPosition(0)
        if self.year.value() != report.meta.year:
            self.year.setValue(report.meta.year)
        year = report.meta.year   # the example 落款日期 in the year after the report's (it is signed then)
        self.fields["date"].setPlaceholderText(f"例如：{year + 1}年1月20日" if year else PLACEHOLDERS["date"])
        self.version.setCurrentIndex(self.version.findData(report.form_version))
        form = report.form
        last = f"{form.last_year}年度" if form.last_year else "今"
        self.form_info.setText(f"《{form.name}》，适用于{form.first_year}年度至{last}的报告。")
        previous = self.session.document.previous
        if previous is None:
            self.previous_info.setText("未载入上年度报告：无法核对“上年结转”等跨年数字。")
        else:
            who = previous.meta.agency or "（未填机关名称）"
            self.previous_info.setText(f"已载入 {who} {previous.meta.year or '？'}年度报告"
                                       f"（{previous.form_version}版格式），用于跨年核对。")
        self.previous_info.setProperty("alignment", ALIGN_VCENTER | ALIGN_LEFT)   # (ints: see qt_ints)
        self._arrange()   # (a longer text may need wider fields)
