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
# Needs: python3 with venv (Debian: python3-venv), binutils (objdump, used by PyInstaller), dpkg-dev
# (dpkg-deb, dpkg-shlibdeps).
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
# The compiled modules stored, not zlib-compressed one by one: every start inflated the ~130 modules
# it imports (3 MB, 7-15 ms of CPU on a 2-core machine). The folder grows by 7 MB; the .deb (xz) and
# .tar.gz shrink, as they compress the modules better together. (The Linux build now carries the
# modules as loose files, packaging/govreport.spec's noarchive; this still applies where the archive is used.)
export PYINSTALLER_ZLIB_COMPRESSION_LEVEL=0
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

if ! command -v dpkg-deb >/dev/null || ! command -v dpkg-shlibdeps >/dev/null; then
  echo "dpkg-deb or dpkg-shlibdeps not found (apt-get install dpkg-dev): .deb not built"; exit 0
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

# Depends: what the shipped ELF files need from the system and the folder does not carry (libc6 with
# the newest glibc symbol they use, libstdc++6, the GL/EGL and libxcb libraries of the desktop, …),
# computed by dpkg-shlibdeps from the installed packages' symbols files; libraries found in the folder
# itself count as part of the package.  What only Qt's Wayland plugins need (libwayland-*) is
# recommended instead: an X11 desktop without it installs and runs through the xcb plugin.  Then, in
# packaging/linux/control.in, the data the program reads from the system: fontconfig's configuration
# (read by the carried libfontconfig) and a Chinese font.
echo "== Depends (dpkg-shlibdeps over the shipped ELF files)"
"$PY" packaging/linux/elf_needs.py files "$PKG/opt/govreport" > "$BUILD/elf-files.txt"
"$PY" packaging/linux/elf_needs.py files "$PKG/opt/govreport" --not-wayland-only > "$BUILD/elf-required.txt"
"$PY" packaging/linux/elf_needs.py files "$PKG/opt/govreport" --wayland-only > "$BUILD/elf-wayland.txt"
mapfile -t REQUIRED < "$BUILD/elf-required.txt"
mapfile -t WAYLAND < "$BUILD/elf-wayland.txt"
# the folders as installed (dpkg-shlibdeps looks them up under $PKG: found there, a library is part of
# the package and no dependency)
LIB_DIRS=$(xargs -n1 dirname < "$BUILD/elf-files.txt" | sort -u | sed "s|^$PKG|-l|")
SHLIBDEPS=$BUILD/shlibdeps
rm -rf "$SHLIBDEPS" && mkdir -p "$SHLIBDEPS/debian"
printf 'Source: govreport\n\nPackage: govreport\nArchitecture: any\n' > "$SHLIBDEPS/debian/control"
# shellcheck disable=SC2086
(cd "$SHLIBDEPS" && dpkg-shlibdeps -O --warnings=0 $LIB_DIRS -dDepends "${REQUIRED[@]}" \
  ${WAYLAND[0]:+-dRecommends} "${WAYLAND[@]}") > "$BUILD/shlibdeps.txt"
SYSTEM_DEPENDS=$(sed -n 's/^shlibs:Depends=//p' "$BUILD/shlibdeps.txt")
SYSTEM_RECOMMENDS=$(sed -n 's/^shlibs:Recommends=//p' "$BUILD/shlibdeps.txt")
[ -n "$SYSTEM_DEPENDS" ] || { echo "dpkg-shlibdeps found no dependency" >&2; exit 1; }
# a package renamed since Debian 10 (统信UOS 20's base): libgcc_s was in libgcc1 (epoch 1:) until
# Debian 11's libgcc-s1, so the old name is an alternative
SYSTEM_DEPENDS=$(echo "$SYSTEM_DEPENDS" | sed -E -e 's/libgcc-s1 \(>= ([^)]*)\)/libgcc-s1 (>= \1) | libgcc1 (>= 1:\1)/' \
  -e 's/libgcc-s1(,|$)/libgcc-s1 | libgcc1\1/')
SIZE_KB=$(du -sk "$PKG" | cut -f1)
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" -e "s/@SIZE@/$SIZE_KB/" -e "s/@DEPENDS@/$SYSTEM_DEPENDS/" \
  -e "s/@RECOMMENDS@/${SYSTEM_RECOMMENDS:+$SYSTEM_RECOMMENDS, }/" packaging/linux/control.in > "$PKG/DEBIAN/control"
install -m 0755 packaging/linux/postinst "$PKG/DEBIAN/postinst"
install -m 0755 packaging/linux/postrm "$PKG/DEBIAN/postrm"
DEB=$DIST/govreport_${VERSION}_$ARCH.deb
dpkg-deb --root-owner-group -Zxz --build "$PKG" "$DEB" >/dev/null

echo "== sizes"
du -sh "$DIST/govreport" | sed 's/^/folder   /'
ls -lh "$TARBALL" "$DEB" | awk '{print $5, $9}'
echo "Depends: $(dpkg-deb -f "$DEB" Depends)"
echo "Recommends: $(dpkg-deb -f "$DEB" Recommends)"
