"""The Windows installer, installed and run under Wine in a fresh prefix.

Uses ``dist/govreport-setup-VERSION.exe`` made by ``packaging/windows/build_under_wine.sh`` (or the
file named by ``GOVREPORT_WINDOWS_SETUP``).  Skipped where Wine or the installer is missing; CI
installs Wine, builds the installer first and sets ``GOVREPORT_REQUIRE_WINE=1``, which turns those
skips into failures.

In one fresh Wine prefix (its own HOME, no menu entries on the Linux desktop) the tests install
silently for the current user, run the installed ``govreport-cli.exe`` on files with Chinese names
in a folder with a space (drive letters and backslashes), read what it wrote back with the Linux
readers figure for figure, try the Windows-only paths (replacing a file another process holds
open, PDF without WPS/Word/LibreOffice, the editor's recovery folder under %LOCALAPPDATA%), and
uninstall silently — the last test, which checks that only the user's files are left.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

import pytest
from support import REPO

from govreport_gui.core.checks import check_report
from govreport_gui.core.findings import findings_json
from govreport_gui.io.registry import read_report
from govreport_gui.io.write.pdf_export import NEED_OFFICE
from govreport_gui.selftest import compare_reports

VERSION = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
SAMPLE = REPO / "resources" / "sample-2024.govreport"
# stands in for the Chinese .ttf fonts every Chinese Windows has (黑体 simhei.ttf, 等线 Deng.ttf)
CJK_TTF = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")
USER_FOLDER = "年报 材料"          # a folder with a space, in the user's Documents
SOURCE_NAME = "临川区 2024年报.govreport"
APP_ID_KEY = r"Software\\Microsoft\\Windows\\CurrentVersion\\Uninstall\\{6D0B7F3C-2B7E-4A53-9C1E-7F1D8E2A4B61}_is1"
REGISTRY_KEYS = (r"Software\\Classes\\.govreport", r"Software\\Classes\\govreport.project",
                 r"Software\\Classes\\Applications\\govreport.exe", APP_ID_KEY)
WINE_TIMEOUT = 300
WINE10_DLLS = ("windows.ui.dll", "bcryptprimitives.dll")


def _missing(reason: str):
    if os.environ.get("GOVREPORT_REQUIRE_WINE") == "1":
        pytest.fail(f"{reason}（GOVREPORT_REQUIRE_WINE=1）")
    pytest.skip(reason)


def _needs_wine10_dll(wine: Wine, dll: str, what: str) -> None:
    """Mark the test as failing for a known reason when the Wine 10 stand-in for a Windows DLL is absent."""
    if dll in wine.compat:
        return
    if os.environ.get("GOVREPORT_REQUIRE_WINE") == "1":
        pytest.fail(f"没有 build/windows/wine-compat/{dll}：先运行 packaging/windows/wine10_dlls.sh")
    pytest.xfail(f"Wine 8 没有 {dll}，{what}；运行 packaging/windows/wine10_dlls.sh 取得 Wine 10 的这个 DLL 后可测")


def _setup_exe() -> Path:
    if not (shutil.which("wine") and shutil.which("wineserver") and shutil.which("Xvfb")):
        _missing("需要 wine、wineserver 和 Xvfb（apt-get install wine wine64 wine32:i386 xvfb）")
    path = Path(os.environ.get("GOVREPORT_WINDOWS_SETUP") or REPO / "dist" / f"govreport-setup-{VERSION}.exe")
    if not path.is_file():
        _missing(f"没有 {path}：先运行 packaging/windows/build_under_wine.sh")
    sources = [p for folder in ("govreport_gui", "resources", "packaging") for p in (REPO / folder).rglob("*")
               if p.is_file() and "__pycache__" not in p.parts]
    newest = max(sources, key=lambda p: p.stat().st_mtime)
    if newest.stat().st_mtime > path.stat().st_mtime:
        _missing(f"{path.name} 比 {newest.relative_to(REPO)} 旧：重新运行 packaging/windows/build_under_wine.sh")
    if not CJK_TTF.is_file():
        _missing(f"需要 {CJK_TTF}（apt-get install fonts-droid-fallback），代替 Windows 自带的中文 .ttf 字体")
    return path


@dataclass
class Wine:
    """A fresh Wine prefix with its own HOME, and helpers to run programs in it."""

    prefix: Path
    env: dict
    compat: frozenset = frozenset()   # Wine 10 DLLs standing in for Windows' own (wine10_dlls.sh)

    def run(self, *args: str, timeout: float = WINE_TIMEOUT) -> subprocess.CompletedProcess:
        # Windows programs need valid standard handles: stdin /dev/null, stdout/stderr pipes
        return subprocess.run(["wine", *args], env=self.env, stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=timeout)

    def wait(self) -> None:
        """Until every Windows process of this prefix has ended (the setup's children included)."""
        subprocess.run(["wineserver", "-w"], env=self.env, timeout=WINE_TIMEOUT, check=False)

    def unix(self, windows_path: str) -> Path:
        drive, rest = windows_path.split(":", 1)
        assert drive.upper() == "C", windows_path
        return self.prefix / "drive_c" / rest.replace("\\", "/").lstrip("/")

    @property
    def profile(self) -> Path:
        users = [p for p in (self.prefix / "drive_c" / "users").iterdir() if p.name != "Public"]
        assert len(users) == 1, users
        return users[0]

    def windows(self, unix_path: Path) -> str:
        return "C:\\" + str(unix_path.relative_to(self.prefix / "drive_c")).replace("/", "\\")


def _text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


@pytest.fixture(scope="module")
def display():
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write_fd), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
                              pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    yield f":{number}"
    server.terminate()
    server.wait(timeout=10)


@pytest.fixture(scope="module")
def setup_exe() -> Path:
    return _setup_exe()  # once: the sources may change while the tests run


@pytest.fixture(scope="module")
def wine(setup_exe, tmp_path_factory, display) -> Wine:
    root = tmp_path_factory.mktemp("wine")
    home = root / "home"
    home.mkdir()
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "USER": "clerk", "LANG": "C.UTF-8",
           "WINEPREFIX": str(root / "prefix"), "WINEARCH": "win64", "WINEDEBUG": "-all", "DISPLAY": display,
           # no Mono/Gecko prompts; no menu entries or file types written to the Linux desktop
           "WINEDLLOVERRIDES": "mscoree,mshtml=;winemenubuilder.exe=d"}
    w = Wine(root / "prefix", env)
    subprocess.run(["wineboot", "-i"], env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=WINE_TIMEOUT)
    w.wait()
    assert (w.prefix / "system.reg").is_file(), "Wine 前缀没有建好"
    for link in [p for p in w.profile.iterdir() if p.is_symlink()]:  # Wine links Documents etc. to HOME:
        link.unlink()                                                 # real folders, as on Windows
        link.mkdir()
    shutil.copy(CJK_TTF, w.prefix / "drive_c" / "windows" / "Fonts")
    # Windows 10/11 have these DLLs, Wine 8 does not (see packaging/windows/wine10_dlls.sh)
    compat = Path(os.environ.get("GOVREPORT_WINE_WORK") or REPO / "build" / "windows") / "wine-compat"
    for dll in WINE10_DLLS:
        if (compat / dll).is_file():
            shutil.copy(compat / dll, w.prefix / "drive_c" / "windows" / "system32" / dll)
    w.compat = frozenset(dll for dll in WINE10_DLLS if (compat / dll).is_file())
    yield w
    subprocess.run(["wineserver", "-k"], env=env, check=False, timeout=60)


def _snapshot(wine: Wine) -> set[str]:
    base = wine.prefix / "drive_c"
    return {str(p.relative_to(base)) for p in base.rglob("*")}


def _user_reg(wine: Wine) -> str:
    return (wine.prefix / "user.reg").read_text(encoding="utf-8", errors="replace")


@dataclass
class Installed:
    wine: Wine
    app: Path            # the installation folder (Linux path)
    cli: str             # govreport-cli.exe (Windows path)
    folder: Path         # the user's folder with Chinese name and a space
    before: set          # drive_c's files before installing
    log: Path

    def cli_run(self, *args: str) -> subprocess.CompletedProcess:
        return self.wine.run(self.cli, *args)

    def win(self, name: str) -> str:
        return self.wine.windows(self.folder / name)


@pytest.fixture(scope="module")
def installed(wine, setup_exe) -> Installed:
    setup = setup_exe
    before = _snapshot(wine)
    log = wine.prefix / "drive_c" / "govreport-setup.log"
    started = time.perf_counter()
    result = wine.run(str(setup), "/VERYSILENT", "/SUPPRESSMSGBOXES", "/CURRENTUSER", "/LOG=C:\\govreport-setup.log")
    wine.wait()
    assert result.returncode == 0, _text(result.stdout + result.stderr)
    print(f"silent install: {time.perf_counter() - started:.1f} s")
    app = wine.profile / "AppData" / "Local" / "Programs" / "govreport"
    folder = wine.profile / "Documents" / USER_FOLDER
    folder.mkdir(parents=True)
    shutil.copy(SAMPLE, folder / SOURCE_NAME)
    return Installed(wine, app, wine.windows(app / "govreport-cli.exe"), folder, before, log)


# -- installing ----------------------------------------------------------------------------------


def test_installed_per_user_with_shortcut_and_association(installed):
    for name in ("govreport.exe", "govreport-cli.exe", "unins000.exe", "govreport-file.ico"):
        assert (installed.app / name).is_file(), name
    assert not (installed.app / "_internal" / "PySide6" / "Qt6Network.dll").exists()
    start_menu = installed.wine.profile / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs"
    assert (start_menu / "年报编制助手.lnk").is_file()
    registry = _user_reg(installed.wine)
    for key in REGISTRY_KEYS:
        assert f"[{key}]" in registry, key
    assert '"FriendlyAppName"="' in registry
    # the installer ran the self-test after copying the files, and it passed
    log = installed.log.read_text(encoding="utf-8", errors="replace")
    assert re.search(r"Parameters: --self-test\s.*?Process exit code: 0", log, re.S), log[-2000:]


def test_self_test_of_the_installed_program(installed):
    result = installed.cli_run("--self-test")
    out = _text(result.stdout)
    assert result.returncode == 0, out
    assert "打包版" in out and "win32" in out and "自检通过。" in out
    assert "中文字体" in out


def test_self_test_without_a_chinese_ttf_says_so(installed):
    """Qt's offscreen plugin on Windows reads only .ttf/.otf files of %WINDIR%\\Fonts: without one
    that covers Chinese the self-test stops at its first step with a Chinese message, not Qt's."""
    font = installed.wine.prefix / "drive_c" / "windows" / "Fonts" / CJK_TTF.name
    aside = installed.wine.prefix / "drive_c" / CJK_TTF.name
    font.rename(aside)
    try:
        result = installed.cli_run("--self-test")
    finally:
        aside.rename(font)
    out = _text(result.stdout)
    assert result.returncode == 1, out
    assert "自检失败：图形界面组件（Qt 平台插件、中文字体）：字体文件夹 C:\\windows\\Fonts 中没有可显示简体中文的" in out
    assert "Traceback" not in out
    # the log for support stays in %TEMP% (by design); this test made it, this test removes it
    log = installed.wine.unix(re.search(r"详细信息已写入 (\S+selftest\.log)", out).group(1))
    assert "Traceback" in log.read_text(encoding="utf-8")
    shutil.rmtree(log.parent)


# -- exporting and checking on win32, read back on Linux ------------------------------------------


@pytest.mark.parametrize("suffix", [".docx", ".xlsx"])
def test_export_reads_back_figure_for_figure(installed, suffix):
    target = f"年度报告 导出{suffix}"
    result = installed.cli_run("export", installed.win(SOURCE_NAME), "-o", installed.win(target))
    assert result.returncode == 0, _text(result.stderr)
    assert f"已导出 {installed.win(target)}" in _text(result.stderr)
    written = installed.folder / target
    assert written.is_file()
    sample = read_report(SAMPLE).report
    back = read_report(written).report
    assert compare_reports(sample, back) == []
    assert back.meta.agency == sample.meta.agency and back.meta.year == sample.meta.year


@pytest.mark.parametrize("suffix", [".xlsx", ".docx"])
def test_check_on_win32_finds_what_linux_finds(installed, suffix):
    target = f"待校验 报告{suffix}"
    exported = installed.cli_run("export", installed.win(SOURCE_NAME), "-o", installed.win(target))
    assert exported.returncode == 0, _text(exported.stderr)
    result = installed.cli_run("check", installed.win(target), "--json")
    assert result.returncode == 0, _text(result.stdout + result.stderr)
    on_windows = json.loads(_text(result.stdout))
    here = read_report(installed.folder / target)
    on_linux = json.loads(json.dumps(findings_json(check_report(here.report, here.previous)), ensure_ascii=False))
    assert on_windows == on_linux
    assert on_windows["errors"] == 0


def test_pdf_import_on_win32_reads_what_linux_reads(installed):
    """Last year's published PDF (made here with LibreOffice) read by the installed program:
    pdfplumber, pdfminer.six and cryptography's Rust part frozen for Windows."""
    from support import require_libreoffice

    from govreport_gui.io.registry import write_report
    require_libreoffice()
    _needs_wine10_dll(installed.wine, "bcryptprimitives.dll", "cryptography（pdfminer.six 读取 PDF 时必须导入）无法加载")
    pdf = installed.folder / "上年度 报告.pdf"
    sample = read_report(SAMPLE)
    write_report(pdf, sample.report, sample.previous)
    dumped = installed.cli_run("dump", installed.win(pdf.name))
    assert dumped.returncode == 0, _text(dumped.stderr)
    on_linux = subprocess.run([sys.executable, "-m", "govreport_gui.cli", "dump", str(pdf)], capture_output=True,
                              timeout=WINE_TIMEOUT, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert on_linux.returncode == 0, _text(on_linux.stderr)
    assert json.loads(_text(dumped.stdout)) == json.loads(_text(on_linux.stdout))
    result = installed.cli_run("check", installed.win(pdf.name), "--json")
    here = read_report(pdf)
    assert json.loads(_text(result.stdout)) == json.loads(json.dumps(findings_json(check_report(here.report, here.previous)),
                                                                      ensure_ascii=False))


# -- Windows-only paths ----------------------------------------------------------------------------


def _windows_python() -> Path | None:
    work = Path(os.environ.get("GOVREPORT_WINE_WORK") or REPO / "build" / "windows")
    python = work / "python" / "cp313" / "python.exe"
    return python if python.is_file() else None


def test_replacing_a_file_another_program_holds_open(installed):
    """Word/WPS keep an open document locked (no FILE_SHARE_DELETE): the atomic replace fails with
    the Chinese message, the held file is unchanged and no temporary file is left behind."""
    python = _windows_python()
    if python is None:
        pytest.skip("需要构建用的 Windows Python（build/windows/python，由 build_under_wine.sh 生成）来占用文件")
    target = installed.folder / "占用中 报告.docx"
    first = installed.cli_run("export", installed.win(SOURCE_NAME), "-o", installed.win(target.name))
    assert first.returncode == 0, _text(first.stderr)
    before = target.read_bytes()
    ready = installed.folder / "holder-ready"
    holder = subprocess.Popen(
        ["wine", str(python), "-c", "import sys, time; f = open(sys.argv[1], 'rb'); open(sys.argv[2], 'w').close(); "
         "time.sleep(120)", installed.win(target.name), installed.win(ready.name)],
        env=installed.wine.env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while not ready.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert ready.exists(), "占用文件的进程没有启动"
        result = installed.cli_run("export", installed.win(SOURCE_NAME), "-o", installed.win(target.name))
    finally:
        holder.kill()
        holder.communicate(timeout=30)
        installed.wine.run("cmd", "/c", "taskkill /f /im python.exe")
    message = _text(result.stderr)
    assert result.returncode == 2, message
    assert f"无法保存到“{installed.win(target.name)}”：文件可能正被 Word/WPS 等程序打开" in message
    assert "Traceback" not in message
    assert target.read_bytes() == before
    assert not [p.name for p in installed.folder.iterdir() if p.name.endswith(".tmp")]
    ready.unlink()


def test_pdf_without_wps_word_or_libreoffice_says_what_to_do(installed):
    """No WPS/Word (COM) and no Windows LibreOffice in the prefix: one clear message, no file.
    (Under Wine neither route can be exercised for real: WPS/Word and the Windows LibreOffice are
    not in the package registries, and the Linux soffice cannot open Windows paths.)"""
    target = installed.folder / "年度报告.pdf"
    result = installed.cli_run("export", installed.win(SOURCE_NAME), "-o", installed.win(target.name))
    assert result.returncode == 2
    assert _text(result.stderr).strip() == f"govreport：{NEED_OFFICE}"
    assert not target.exists()


def test_editor_keeps_recovery_and_recent_files_in_localappdata(installed):
    """The editor (offscreen: the windows platform plugin cannot start under Wine 8, see
    test_editor_window_on_windows_platform) opened on a file: its recovery lock and the recent
    list are in %LOCALAPPDATA%\\govreport\\govreport, nothing in the roaming %APPDATA%."""
    data = installed.wine.profile / "AppData" / "Local" / "govreport" / "govreport"
    env = dict(installed.wine.env, WINEQT_QPA_PLATFORM="offscreen")  # Wine passes QT_* only as WINEQT_*
    editor = subprocess.Popen(["wine", installed.wine.windows(installed.app / "govreport.exe"), installed.win(SOURCE_NAME)],
                              env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not (list(data.glob("recovery/*.lock")) and (data / "recent.json").exists()):
            time.sleep(0.5)
        locks = list(data.glob("recovery/session-*.lock"))
        recent = json.loads((data / "recent.json").read_text(encoding="utf-8")) if (data / "recent.json").exists() else []
    finally:
        editor.kill()
        editor.communicate(timeout=30)
        installed.wine.run("cmd", "/c", "taskkill /f /im govreport.exe")
        installed.wine.wait()
    assert locks, f"编辑器没有在 {data} 中建立恢复文件锁"
    assert [entry["path"] for entry in recent] == [installed.win(SOURCE_NAME)]
    assert not (installed.wine.profile / "AppData" / "Roaming" / "govreport").exists()


def _screenshot(display: str, path: Path) -> bool:
    """The whole X screen as PNG; False when it is one colour (nothing drawn)."""
    subprocess.run(["import", "-display", display, "-window", "root", str(path)], check=True, timeout=60,
                   capture_output=True)
    stats = subprocess.run(["convert", str(path), "-format", "%[fx:standard_deviation]", "info:"], check=True,
                           capture_output=True, text=True, timeout=60).stdout
    return float(stats) > 0.01


@pytest.mark.parametrize("opened", [SOURCE_NAME, None], ids=["report", "start-page"])
def test_editor_window_on_windows_platform(installed, display, tmp_path, opened):
    """The installed editor with Qt's real Windows platform plugin (not offscreen) on an X display,
    with the sample report open or (started from the Start menu) on its start page; the screenshot is
    kept in GOVREPORT_SCREENSHOT_DIR when that is set.
    Wine 8 lacks the WinRT UISettings class Qt's plugin needs (see packaging/windows/wine10_dlls.sh):
    without Wine 10's windows.ui.dll in the prefix the window cannot start, which is reported as such."""
    if not (shutil.which("import") and shutil.which("convert")):
        _missing("需要 ImageMagick（import、convert）截屏")
    _needs_wine10_dll(installed.wine, "windows.ui.dll", "Qt 6.8/6.9 的 windows 平台插件启动即中止（取不到 UISettings 的强调色）")
    shot = tmp_path / f"editor-under-wine-{'report' if opened else 'start-page'}.png"
    arguments = [installed.win(opened)] if opened else []
    # the console twin starts the same editor and keeps its error output (govreport.exe would put a
    # crash into a message box, which a screenshot cannot tell from a window)
    editor = subprocess.Popen(["wine", installed.cli, *arguments],
                              env=installed.wine.env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        drawn = False
        deadline = time.monotonic() + 120
        while not drawn and editor.poll() is None and time.monotonic() < deadline:
            time.sleep(3)
            drawn = _screenshot(installed.wine.env["DISPLAY"], shot)
        if drawn:
            time.sleep(5)  # the section pages are built after the first paint
            _screenshot(installed.wine.env["DISPLAY"], shot)
        running = editor.poll() is None
    finally:
        editor.kill()
        errors = _text(editor.communicate(timeout=30)[1])
        installed.wine.run("cmd", "/c", "taskkill /f /im govreport-cli.exe")
        installed.wine.wait()
    if os.environ.get("GOVREPORT_SCREENSHOT_DIR") and shot.exists():
        shutil.copy(shot, Path(os.environ["GOVREPORT_SCREENSHOT_DIR"]) / shot.name)
    assert running, f"编辑器在 windows 平台插件下退出了（退出码 {editor.returncode}）：{errors[-2000:]}"
    assert drawn, "编辑器窗口在 120 秒内没有画出来（截屏是一片纯色）"
    assert "Traceback" not in errors, errors[-2000:]


# -- uninstalling (keep last) -------------------------------------------------------------------------


def test_uninstall_leaves_only_the_users_files(installed):
    result = installed.wine.run(installed.wine.windows(installed.app / "unins000.exe"), "/VERYSILENT", "/SUPPRESSMSGBOXES")
    installed.wine.wait()
    assert result.returncode == 0, _text(result.stdout + result.stderr)
    assert not installed.app.exists()
    registry = _user_reg(installed.wine)
    for key in REGISTRY_KEYS:
        assert f"[{key}]" not in registry and f"[{key}\\\\" not in registry, key
    user_files = {SOURCE_NAME, "年度报告 导出.docx", "年度报告 导出.xlsx", "待校验 报告.xlsx", "待校验 报告.docx"}
    assert user_files <= {p.name for p in installed.folder.iterdir()}
    left = sorted(_snapshot(installed.wine) - installed.before)
    base = installed.wine.prefix / "drive_c"
    profile = str(installed.wine.profile.relative_to(base))
    allowed = (
        f"{profile}/Documents",                       # the user's own files
        f"{profile}/AppData/Local/govreport",         # the user's recent list and recovery files
        "govreport-setup.log",                        # the log this test asked the setup for
    )
    left = [p for p in left if not p.startswith(allowed)]
    # Under Wine the uninstaller cannot delete its running temporary copy (Temp\\iu-*.tmp\\_unins.tmp)
    # and leaves it to the next restart (PendingFileRenameOperations): restart Wine's "Windows"
    registry = (installed.wine.prefix / "system.reg").read_text(encoding="utf-8", errors="replace")
    if "PendingFileRenameOperations" in registry:
        subprocess.run(["wineboot", "-r"], env=installed.wine.env, stdin=subprocess.DEVNULL, capture_output=True,
                       timeout=WINE_TIMEOUT)
        installed.wine.wait()
    left = [p for p in left if (base / p).exists()]
    assert left == [], f"卸载后留下了：{left}"
