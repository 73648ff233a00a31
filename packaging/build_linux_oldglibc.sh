#!/usr/bin/env bash
# Build the Linux packages of 年报编制助手 for the oldest supported systems (统信UOS 20, 银河麒麟 V10:
# glibc 2.28–2.31) inside a Debian 11 "bullseye" root (glibc 2.31), then install the .deb in that
# root and run its self-test there.  Results (the host build's names, in their own folder):
#   dist/oldglibc/govreport_VERSION_ARCH.deb   dist/oldglibc/govreport-VERSION-linux-ARCH.tar.gz
#
# Usage (as root; needs debootstrap, and the Debian package registry and PyPI reachable):
#   packaging/build_linux_oldglibc.sh
#   GOVREPORT_OLD_ROOT=/work/bullseye-root packaging/build_linux_oldglibc.sh   (where the root lives;
#                                          made on the first run, reused later; outside the repository)
#
# The steps: debootstrap the root with the build tools and the libraries Qt needs; Debian 11 has
# Python 3.9 and the project needs 3.11, so CPython 3.11 is built in the root from the source of
# Debian 12's python3.11 package (deb-src, fetched with apt-get source) into /opt/python3.11; the
# repository's tracked files are copied into the root and packaging/build_linux.sh runs there with
# that Python and the pins of packaging/constraints.txt; the .deb's Depends then names the glibc
# the build needs (libc6 >= 2.31 or lower).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
OLD_ROOT=${GOVREPORT_OLD_ROOT:-/var/tmp/govreport-bullseye-root}
SUITE=${GOVREPORT_OLD_SUITE:-bullseye}   # buster (glibc 2.28) needs a mirror that still serves it
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
PYTHON_SOURCE_SUITE=bookworm      # the Debian release whose python3.11 source package is built
OUT=$REPO/dist/oldglibc
# build tools, CPython's build dependencies, and what Qt's xcb/offscreen plugins and the self-test need
PACKAGES=ca-certificates,build-essential,binutils,dpkg-dev,file,xz-utils,zlib1g-dev,libffi-dev,libssl-dev,\
libbz2-dev,liblzma-dev,libsqlite3-dev,uuid-dev,libgdbm-dev,libncurses-dev,libreadline-dev,libexpat1-dev,\
libgl1,libegl1,libxkbcommon0,libxkbcommon-x11-0,libfontconfig1,libdbus-1-3,libglib2.0-0,fonts-wqy-microhei,\
libx11-xcb1,libxcb-cursor0,libxcb-icccm4,libxcb-image0,libxcb-keysyms1,libxcb-randr0,libxcb-render-util0,libxcb-shape0,\
libxcb-xinerama0,libxcb-xkb1
# (the xcb libraries are bundled into the build: a desktop that lacks libxcb-cursor0 still starts)

stamp() { echo "== $1"; }
in_root() { chroot "$OLD_ROOT" /usr/bin/env -u PYTHONPATH HOME=/root LANG=C.UTF-8 "$@"; }

[ "$(id -u)" = 0 ] || { echo "build_linux_oldglibc: run as root (debootstrap, chroot)" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "build_linux_oldglibc: install debootstrap first" >&2; exit 1; }

if [ ! -x "$OLD_ROOT/usr/bin/apt-get" ]; then
  stamp "Debian 11 root in $OLD_ROOT (debootstrap)"
  debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$OLD_ROOT" "$MIRROR" >/dev/null
fi

stamp "network settings, CA bundle and pip configuration into the root"
cp /etc/resolv.conf "$OLD_ROOT/etc/resolv.conf"
if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
  cp /etc/ssl/certs/ca-certificates.crt "$OLD_ROOT/etc/ssl/certs/ca-certificates.crt"
fi
[ -f /etc/pip.conf ] && cp /etc/pip.conf "$OLD_ROOT/etc/pip.conf"
for dir in /etc/xdg/pip "$HOME/.config/pip" "$HOME/.pip"; do
  if [ -d "$dir" ]; then
    target=$OLD_ROOT${dir/#$HOME//root}
    mkdir -p "$target" && cp -a "$dir/." "$target/"
  fi
done
mountpoint -q "$OLD_ROOT/proc" || mount -t proc proc "$OLD_ROOT/proc"
trap 'umount "$OLD_ROOT/proc" 2>/dev/null || true' EXIT

stamp "the root's packages (the same list on every run)"
in_root apt-get update -qq
in_root apt-get install -y -qq --no-install-recommends ${PACKAGES//,/ } >/dev/null 2>&1

if [ ! -x "$OLD_ROOT/opt/python3.11/bin/python3.11" ]; then
  stamp "CPython 3.11 from Debian's $PYTHON_SOURCE_SUITE source package, built in the root"
  echo "deb-src $MIRROR $PYTHON_SOURCE_SUITE main" > "$OLD_ROOT/etc/apt/sources.list.d/python-source.list"
  in_root bash -euc '
    apt-get update -qq
    mkdir -p /src && cd /src && apt-get source -qq --download-only python3.11 2>/dev/null
    rm -rf Python-3.11.* && tar xzf python3.11_3.11.*.orig.tar.gz && cd Python-3.11.*/
    ./configure -q --prefix=/opt/python3.11 --enable-shared LDFLAGS=-Wl,-rpath,/opt/python3.11/lib >/dev/null
    make -s -j"$(nproc)" >/dev/null 2>make.log || { tail -30 make.log; exit 1; }
    make -s altinstall >/dev/null 2>>make.log'
fi
in_root /opt/python3.11/bin/python3.11 -c "import ssl, ctypes, sqlite3, lzma, bz2, venv; import sys; print('   Python', sys.version.split()[0])"

stamp "the repository's tracked files into the root"
rm -rf "$OLD_ROOT/build/govreport"
mkdir -p "$OLD_ROOT/build/govreport"
git ls-files -z | xargs -0 tar -cf - | tar -xf - -C "$OLD_ROOT/build/govreport"

stamp "packaging/build_linux.sh inside the root"
in_root bash -c "cd /build/govreport && PYTHON=/opt/python3.11/bin/python3.11 packaging/build_linux.sh"

DEB=$(ls "$OLD_ROOT"/build/govreport/dist/govreport_*.deb)
stamp "install $(basename "$DEB") in the root and run its self-test there"
# no Recommends (LibreOffice): the self-test must pass on a bare desktop
in_root apt-get install -y -qq --reinstall --no-install-recommends "/build/govreport/dist/$(basename "$DEB")" >/dev/null 2>&1
in_root dpkg-query -W -f='   ${Package} ${Version}  Depends: ${Depends}\n' govreport | cut -c1-120
in_root bash -c 'QT_QPA_PLATFORM=offscreen GOVREPORT_DATA_DIR=$(mktemp -d) govreport --self-test'

mkdir -p "$OUT"
cp "$DEB" "$OLD_ROOT"/build/govreport/dist/govreport-*-linux-*.tar.gz "$OUT/"
stamp "built for glibc $(in_root ldd --version | head -1 | grep -o '[0-9.]*$') and later"
ls -lh "$OUT"
