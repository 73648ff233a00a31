"""``govreport --self-test``: the smoke test of an installed (or packaged) application.

Run by the IT office after installing, and by the packaging script against the built package.
Offscreen (unless ``QT_QPA_PLATFORM`` is set), it

1. checks that Qt's platform plugin is there and a Chinese font is installed;
2. opens the bundled sample report in the real main window and checks that the window painted;
3. runs the checks on the sample;
4. exports it as Word, Excel, project file and report JSON into a temporary folder, reads each
   file back and compares every figure (totals recomputed), the basic information and the text;
5. imports every module that any of the program's modules imports, inside functions too (the
   readers and libraries loaded only when a clerk opens such a file: ``bundle_check``);

and exits 0.  Any failure prints one clear line saying which step failed and why, writes the
technical details (traceback) to a log file in the temporary folder, prints that file's path, and
exits 1 — never a traceback on the screen.  Nothing is skipped silently: a missing reader or
writer is a failure.  The application makes no network connection during any of this.
"""

from __future__ import annotations

import faulthandler
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from pathlib import Path

from . import APP_NAME

EXIT_OK, EXIT_FAILED = 0, 1

# the formats written and read back: suffix -> name shown to the clerk
ROUND_TRIPS = {".docx": "Word", ".xlsx": "Excel", ".govreport": "项目文件", ".json": "数据文件（JSON）"}


class SelfTestFailure(Exception):
    """A check did not hold; ``str()`` says what, in Chinese."""


class _Run:
    def __init__(self, folder: Path, out) -> None:
        self.folder = folder
        self.log_path = folder / "selftest.log"
        self.log = open(self.log_path, "w", encoding="utf-8")
        self.out = out
        self.step_name = ""

    def note(self, text: str) -> None:
        self.log.write(text + "\n")
        self.log.flush()

    def step(self, name: str, fn: Callable[[], str | None]) -> None:
        self.step_name = name
        t0 = time.perf_counter()
        self.note(f"== {name}")
        detail = fn()
        ms = (time.perf_counter() - t0) * 1000
        line = f"  通过  {name}" + (f"：{detail}" if detail else "") + f"（{ms:.0f} 毫秒）"
        print(line, file=self.out, flush=True)
        self.note(line)


def main(argv: list[str] | None = None) -> int:
    argv = list(argv or [])
    keep = "--keep" in argv           # keep the temporary folder (exported files) for inspection
    out = sys.stdout
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    _windows_fonts_for_offscreen()
    folder = Path(tempfile.mkdtemp(prefix="govreport-selftest-"))
    # the editor's autosave/recovery/recent-files folder: never the clerk's own during a self-test
    os.environ.setdefault("GOVREPORT_DATA_DIR", str(folder / "data"))
    run = _Run(folder, out)
    faulthandler.enable(run.log)      # a crash inside Qt still leaves its stack in the log
    _qt_messages_to(run)
    from . import __name__ as _pkg  # noqa: F401  (the package is importable: nothing else needed)
    print(f"{APP_NAME}自检（{_describe_runtime()}）", file=out, flush=True)
    run.note(_describe_runtime())
    state: dict = {}
    try:
        run.step("图形界面组件（Qt 平台插件、中文字体）", lambda: _check_qt(state))
        run.step("读取内置示例报告", lambda: _read_sample(state))
        run.step("在主窗口中打开示例报告并显示", lambda: _open_window(state))
        run.step("校验示例报告", lambda: _run_checks(state))
        for suffix, name in ROUND_TRIPS.items():
            run.step(f"导出为{name}并重新读取，核对数字", lambda s=suffix: _round_trip(state, folder, s))
        run.step("程序各部分齐全（各功能用到的模块都能载入）", _check_modules)
        run.step("关闭窗口", lambda: _close_window(state))
    except BaseException as exc:  # noqa: BLE001 - the clerk sees one line, the log has the rest
        if isinstance(exc, KeyboardInterrupt):
            raise
        run.note(traceback.format_exc())
        run.log.close()
        reason = str(exc) if isinstance(exc, (SelfTestFailure, _clerk_errors())) else \
            f"程序出错（{type(exc).__name__}: {exc}）"
        print(f"自检失败：{run.step_name}：{reason}", file=out, flush=True)
        print(f"详细信息已写入 {run.log_path}，请将此文件发给技术支持人员。", file=out, flush=True)
        return EXIT_FAILED
    finally:
        faulthandler.disable()
    run.log.close()
    if keep:
        print(f"自检通过。导出的文件保留在 {folder}", file=out, flush=True)
    else:
        _remove_tree(folder)
        print("自检通过。", file=out, flush=True)
    _quit_qt(state)
    return EXIT_OK


def _windows_fonts_for_offscreen() -> None:
    """On Windows, Qt's offscreen plugin reads fonts only from one folder (``QT_QPA_FONTDIR``, by
    default ``PySide6/lib/fonts``, which does not exist), not from the system: point it at the
    Windows fonts folder, where 黑体 (simhei.ttf) and 等线 (Deng.ttf) are.  It skips ``.ttc``
    collections such as 宋体 and 微软雅黑, so at least one ``.ttf``/``.otf`` Chinese font is needed."""
    if sys.platform == "win32" and os.environ["QT_QPA_PLATFORM"].startswith("offscreen"):
        fonts = Path(os.environ.get("WINDIR") or os.environ.get("SystemRoot") or r"C:\Windows") / "Fonts"
        os.environ.setdefault("QT_QPA_FONTDIR", str(fonts))


def _qt_messages_to(run: _Run) -> None:
    """Qt's own (English) warnings go to the log file, not the clerk's screen."""
    try:
        from PySide6.QtCore import qInstallMessageHandler
    except ImportError:
        return  # reported by the first step

    def handler(mode, context, message) -> None:
        run.note(f"[Qt {mode.name if hasattr(mode, 'name') else mode}] {message}")
    qInstallMessageHandler(handler)
    run.qt_handler = handler  # keep a reference


def _clerk_errors() -> tuple[type, ...]:
    from .core.errors import ReadError, WriteError
    return (ReadError, WriteError)


def _describe_runtime() -> str:
    frozen = "打包版" if getattr(sys, "frozen", False) else "源码版"
    return f"{frozen}，Python {sys.version.split()[0]}，{sys.platform}，平台插件 {os.environ.get('QT_QPA_PLATFORM')}"


# -- steps --------------------------------------------------------------------------------------


def _check_qt(state: dict) -> str:
    try:
        from PySide6 import __version__ as pyside_version
        from PySide6.QtCore import QLibraryInfo
    except ImportError as exc:
        raise SelfTestFailure(f"缺少图形界面组件 PySide6（{exc}）。请重新安装{APP_NAME}。") from exc
    platform = os.environ["QT_QPA_PLATFORM"].split(":")[0]
    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath))
    found = sorted(p.name for p in (plugins / "platforms").glob("*")) if (plugins / "platforms").is_dir() else []
    if not any(platform in name for name in found):
        # Qt would abort the process with its own English message: say it first, in Chinese
        raise SelfTestFailure(f"缺少 Qt 平台插件“{platform}”（在 {plugins / 'platforms'} 中只找到："
                              f"{'、'.join(found) or '无'}）。请重新安装{APP_NAME}。")
    from .qt.app import ensure_app
    app = ensure_app()
    state["app"] = app
    from PySide6.QtGui import QFontDatabase, QGuiApplication
    actual = QGuiApplication.platformName()
    if actual != platform:
        raise SelfTestFailure(f"Qt 使用了平台插件“{actual}”，而不是要求的“{platform}”。")
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    if not chinese:
        raise SelfTestFailure(_no_chinese_font_message())
    return f"PySide6 {pyside_version}，平台插件 {actual}，中文字体 {len(chinese)} 种"


def _check_modules() -> str:
    """Every import in the program's code, functions included: a reader a clerk uses later must be there."""
    from .bundle_check import missing_imports, program_modules, wanted_imports
    wanted = wanted_imports()
    missing = missing_imports(wanted)
    if missing:
        raise SelfTestFailure(f"安装不完整，以下模块无法载入（{len(missing)} 处）：{'；'.join(missing[:5])}"
                              f"{' 等' if len(missing) > 5 else ''}。请重新安装{APP_NAME}。")
    return f"{len(program_modules())} 个程序模块，它们导入的 {len(wanted)} 个模块均可载入"


def _no_chinese_font_message() -> str:
    if sys.platform == "win32" and os.environ.get("QT_QPA_FONTDIR"):
        return (f"字体文件夹 {os.environ['QT_QPA_FONTDIR']} 中没有可显示简体中文的 .ttf/.otf 字体（如黑体 simhei.ttf、"
                "等线 Deng.ttf），自检无法显示汉字。请在 Windows 设置 → 字体 中安装或修复中文字体。")
    return ("系统中没有可显示简体中文的字体，界面上的汉字将无法显示。"
            "请安装中文字体（如 fonts-noto-cjk 或 fonts-wqy-microhei）。")


def _read_sample(state: dict) -> str:
    from .io.registry import read_report
    from .resources import SAMPLE_REPORT, resource
    path = resource(SAMPLE_REPORT)
    if not path.is_file():
        raise SelfTestFailure(f"找不到内置示例报告 {path}。安装不完整，请重新安装{APP_NAME}。")
    result = read_report(path)
    state["sample_path"] = path
    state["sample"] = result
    report = result.report
    return f"{report.meta.agency} {report.meta.year}年度，{report.form_version}版格式，{len(report.values)} 个数字"


def _open_window(state: dict) -> str:
    from PySide6.QtCore import QElapsedTimer

    from .qt.app import create_window
    app = state["app"]
    window = create_window([str(state["sample_path"])], offer_recovery=False)
    state["window"] = window
    window.show()
    clock = QElapsedTimer()
    clock.start()
    # the section pages are built one per event-loop turn after the first paint
    while not all(page.built for page in window.pages) and clock.elapsed() < 20000:
        app.processEvents()
    if not all(page.built for page in window.pages):
        raise SelfTestFailure("主窗口的各部分在 20 秒内没有全部建好。")
    document = window.session.document
    sample = state["sample"].report
    if document.report.values != sample.values or document.report.meta.agency != sample.meta.agency:
        raise SelfTestFailure("主窗口中打开的报告与示例报告的数字不一致。")
    shown = []
    for page in window.pages:  # every page, the table grids included, must paint
        window.tabs.setCurrentWidget(page)
        app.processEvents()
        image = window.grab().toImage()
        if image.isNull() or image.width() < 200 or image.height() < 200:
            raise SelfTestFailure(f"主窗口的“{page.key}”页没有画出来（截图为空）。")
        if _uniform(image):
            raise SelfTestFailure(f"主窗口的“{page.key}”页画出来是一片空白。")
        shown.append(page.key)
    table_page = window.page_for_table(window.session.report.form.balanced_tables[0])
    if table_page is not None:
        window.tabs.setCurrentWidget(table_page)
        app.processEvents()
    window.grab().save(str(Path(os.environ["GOVREPORT_DATA_DIR"]).parent / "window.png"))  # kept with --keep
    return f"{window.tabs.count()} 个标签页均已显示"


def _uniform(image) -> bool:
    """True when a sampled grid of pixels is all one colour (nothing was drawn)."""
    first = image.pixel(0, 0)
    w, h = image.width(), image.height()
    return all(image.pixel(x * (w - 1) // 23, y * (h - 1) // 23) == first for x in range(24) for y in range(24))


def _run_checks(state: dict) -> str:
    from .core.checks import check_report
    from .core.findings import Severity, count
    sample = state["sample"]
    findings = check_report(sample.report, sample.previous)
    errors = count(findings, Severity.ERROR)
    window = state["window"]
    shown = len(window.session.document.findings)
    if shown != len(findings):
        raise SelfTestFailure(f"主窗口显示 {shown} 条检查结果，而校验得到 {len(findings)} 条。")
    if errors:
        first = next(f for f in findings if f.severity is Severity.ERROR)
        raise SelfTestFailure(f"示例报告应当没有错误，却校验出 {errors} 个错误（如：{first.message}）。")
    return f"{len(findings)} 条检查结果，0 个错误"


def _round_trip(state: dict, folder: Path, suffix: str) -> str:
    from .core.errors import WriteError
    from .io.registry import read_report, write_report, writer_for
    sample = state["sample"]
    if writer_for(suffix) is None:
        raise SelfTestFailure(f"本程序缺少{ROUND_TRIPS[suffix]}导出功能（{suffix}）。安装不完整。")
    path = folder / f"自检{suffix}"
    try:
        write_report(path, sample.report, sample.previous)
    except WriteError:
        raise
    if not path.is_file() or path.stat().st_size == 0:
        raise SelfTestFailure(f"导出的{ROUND_TRIPS[suffix]}文件是空的。")
    back = read_report(path)
    differences = compare_reports(sample.report, back.report)
    if differences:
        shown = "；".join(differences[:5])
        more = f"；另有 {len(differences) - 5} 处" if len(differences) > 5 else ""
        raise SelfTestFailure(f"重新读取导出的{ROUND_TRIPS[suffix]}文件，有 {len(differences)} 处与原报告不一致：{shown}{more}。")
    size = path.stat().st_size
    return f"{path.name}，{size // 1024 or 1} KB，{len(sample.report.form.all_cells())} 个单元格一致"


def compare_reports(expected, actual) -> list[str]:
    """Differences between two reports that a clerk would care about, in Chinese."""
    from .core.recalc import all_values
    from .core.values import format_value, normalise_text
    out: list[str] = []
    if expected.form_version != actual.form_version:
        return [f"格式版本应为 {expected.form_version}，读回为 {actual.form_version}"]
    if expected.meta.year != actual.meta.year:
        out.append(f"年度应为 {expected.meta.year}，读回为 {actual.meta.year}")
    if normalise_text(expected.meta.agency) != normalise_text(actual.meta.agency):
        out.append(f"机关名称应为“{expected.meta.agency}”，读回为“{actual.meta.agency}”")
    form = expected.form
    want_all, got_all = all_values(form, expected.values), all_values(form, actual.values)
    for spec in form.all_cells():
        key = spec.key
        want, got = want_all.get(key), got_all.get(key)
        if _norm(want) != _norm(got):
            out.append(f"{key.name()}应为 {_shown(want, format_value)}，"
                       f"读回为 {_shown(got, format_value)}")
    for key in sorted(set(expected.sections) | set(actual.sections)):
        if normalise_text(expected.sections.get(key, "")) != normalise_text(actual.sections.get(key, "")):
            out.append(f"第{key}部分的正文不一致")
    return out


def _norm(value):
    # a blank cell counts as 0 (the checks say so too; Word tables print blanks as 0);
    # int and Decimal compare by value (3 == Decimal("3"))
    return 0 if value is None else value


def _shown(value, format_value) -> str:
    return "空白" if value is None else format_value(value)


def _close_window(state: dict) -> str:
    window = state.pop("window", None)
    if window is None:
        return "没有窗口"
    window.flows.shutdown()
    window.hide()
    window.deleteLater()
    state["app"].processEvents()
    return ""


def _quit_qt(state: dict) -> None:
    app = state.get("app")
    if app is not None:
        app.processEvents()


def _remove_tree(folder: Path) -> None:
    import shutil
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
