#!/usr/bin/env bash
# Build the Linux packages of 年报编制助手:
#   dist/govreport/                              PyInstaller one-folder build
#   dist/govreport-VERSION-linux-ARCH.tar.gz     that folder, for unpacking anywhere
#   dist/govreport_VERSION_ARCH.deb              for Debian-based desktops (统信UOS, 银河麒麟, Debian, Ubuntu)
# and run the smoke test (``govreport --self-test``) against the built folder.
#
# Usage: packaging/build_linux.sh            (creates build/venv from the current python3, with
#                                              its site packages, and installs PyInstaller into it)
#        PYTHON=/path/to/python3 packaging/build_linux.sh
#        USE_CURRENT_PYTHON=1 packaging/build_linux.sh   (no venv: PyInstaller into that Python)
#
# Build on the OLDEST system the package must run on: the build carries the build machine's
# glibc requirement (see the control file's Depends, computed below).
# Needs: python3 with venv (Debian: python3-venv), binutils (objdump, used by PyInstaller), dpkg-deb.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PYTHON=${PYTHON:-python3}
BUILD=$ROOT/build
DIST=$ROOT/dist
mkdir -p "$BUILD" "$DIST"

if [ "${USE_CURRENT_PYTHON:-0}" = 1 ]; then
  PY=$PYTHON
else
  if [ ! -x "$BUILD/venv/bin/python" ]; then
    "$PYTHON" -m venv --system-site-packages "$BUILD/venv"
  fi
  PY=$BUILD/venv/bin/python
fi
echo "== Python: $("$PY" -c 'import sys; print(sys.executable, sys.version.split()[0])')"
"$PY" -m pip install -q --disable-pip-version-check -c packaging/constraints.txt "pyinstaller>=6.10,<7"
# the application's own dependencies, at the pins every build and the tests use
# (pyproject.toml's dependencies, not the package itself: PyInstaller takes the source tree)
"$PY" -c 'import tomllib; print("\n".join(tomllib.load(open("pyproject.toml", "rb"))["project"]["dependencies"]))' \
  > "$BUILD/requirements.txt"
"$PY" -m pip install -q --disable-pip-version-check -c packaging/constraints.txt -r "$BUILD/requirements.txt"

VERSION=$("$PY" -c 'import tomllib; print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')
ARCH=$(dpkg --print-architecture 2>/dev/null || uname -m)

echo "== icons"
QT_QPA_PLATFORM=offscreen "$PY" packaging/make_icon.py "$BUILD/icon"

echo "== PyInstaller (one folder)"
rm -rf "$DIST/govreport"
GOVREPORT_ICON_DIR=$BUILD/icon "$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath "$BUILD/pyinstaller" packaging/govreport.spec

echo "== smoke test of the folder build"
QT_QPA_PLATFORM=offscreen GOVREPORT_DATA_DIR=$(mktemp -d) "$DIST/govreport/govreport" --self-test

echo "== network libraries must not be in the build"
if find "$DIST/govreport" \( -name 'libQt6Network*' -o -name 'QtNetwork*' -o -path '*networkinformation*' -o -path '*/tls/*' \) | grep .; then
  echo "QtNetwork found in the build: it must not be shipped" >&2; exit 1
fi
echo "== libraries the program never uses must not be in the build (packaging/govreport.spec)"
if find "$DIST/govreport" \( -name 'libssl*' -o -name 'libcrypto*' -o -name 'libsystemd*' -o -name 'libgcrypt*' \) | grep .; then
  echo "unused system libraries found in the build" >&2; exit 1
fi

echo "== .tar.gz"
TARBALL=$DIST/govreport-$VERSION-linux-$ARCH.tar.gz
tar -C "$DIST" --owner=0 --group=0 -czf "$TARBALL" govreport

if ! command -v dpkg-deb >/dev/null; then
  echo "dpkg-deb not found: .deb not built"; exit 0
fi
echo "== .deb"
PKG=$BUILD/deb/govreport_${VERSION}_$ARCH
rm -rf "$PKG"
mkdir -p "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" "$PKG/usr/share/mime/packages" \
  "$PKG/usr/share/doc/govreport"
cp -a "$DIST/govreport" "$PKG/opt/govreport"
install -m 0755 packaging/linux/govreport.sh "$PKG/usr/bin/govreport"
install -m 0644 packaging/linux/govreport.desktop "$PKG/usr/share/applications/govreport.desktop"
install -m 0644 packaging/linux/govreport-mime.xml "$PKG/usr/share/mime/packages/govreport.xml"
for size in 16 24 32 48 64 128 256; do
  mkdir -p "$PKG/usr/share/icons/hicolor/${size}x${size}/apps" "$PKG/usr/share/icons/hicolor/${size}x${size}/mimetypes"
  install -m 0644 "$BUILD/icon/govreport-$size.png" "$PKG/usr/share/icons/hicolor/${size}x${size}/apps/govreport.png"
  install -m 0644 "$BUILD/icon/govreport-file-$size.png" \
    "$PKG/usr/share/icons/hicolor/${size}x${size}/mimetypes/application-x-govreport.png"
done
printf '年报编制助手 %s\n安装位置 /opt/govreport；命令 govreport；自检 govreport --self-test\n' "$VERSION" \
  > "$PKG/usr/share/doc/govreport/README"

# the glibc the build needs: the newest GLIBC_x.y symbol version referenced by the shipped binaries
GLIBC=$(find "$PKG/opt/govreport" -type f \( -name '*.so*' -o -name govreport \) -exec objdump -T {} + 2>/dev/null \
  | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -1 || true)
SIZE_KB=$(du -sk "$PKG" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@SIZE@/$SIZE_KB/" -e "s/@GLIBC@/${GLIBC:-2.28}/" \
  packaging/linux/control.in > "$PKG/DEBIAN/control"
install -m 0755 packaging/linux/postinst "$PKG/DEBIAN/postinst"
install -m 0755 packaging/linux/postrm "$PKG/DEBIAN/postrm"
DEB=$DIST/govreport_${VERSION}_$ARCH.deb
dpkg-deb --root-owner-group -Zxz --build "$PKG" "$DEB" >/dev/null

echo "== sizes"
du -sh "$DIST/govreport" | sed 's/^/folder   /'
ls -lh "$TARBALL" "$DEB" | awk '{print $5, $9}'
echo "glibc needed: >= ${GLIBC:-?}"
