#!/usr/bin/env bash
# Build the Linux packages of 年报编制助手 for the oldest supported systems — 统信UOS 20 (glibc 2.28,
# gcc 8), 银河麒麟 V10 (glibc 2.31) — inside a Debian 11 "bullseye" root, check that no ELF file of the
# build needs more than GLIBC_2.28 / GLIBCXX_3.4.25, then install the .deb with dpkg -i in a second,
# bare Debian 11 root that has only what the .deb's Depends names, and run the self-test and a window
# there.  Results (the host build's names, in their own folder):
#   dist/oldglibc/govreport_VERSION_ARCH.deb   dist/oldglibc/govreport-VERSION-linux-ARCH.tar.gz
#   dist/oldglibc/govreport/ (the folder, for tests/packaging/test_oldglibc_build.py)
#   dist/oldglibc/window-ARCH.png (the editor's window on the bare root, when Xvfb is on this machine)
#
# Usage (as root; needs debootstrap, python3, and the Debian package registry and PyPI reachable):
#   packaging/build_linux_oldglibc.sh
#   GOVREPORT_OLD_ARCH=arm64 packaging/build_linux_oldglibc.sh     (飞腾/鲲鹏: an arm64 root run through
#                                          qemu-user-static and binfmt_misc; stops at once today: PyPI has
#                                          no PySide6 aarch64 wheel for glibc 2.28)
#   GOVREPORT_OLD_ROOT=/var/tmp/r packaging/build_linux_oldglibc.sh  (where the build root lives: made on
#                                          the first run, reused later; outside the repository)
#
# Why a Debian 11 root builds for glibc 2.28 (Debian 10 is no longer served by Debian's mirrors):
#   * CPython 3.11 is built there from the source of Debian 12's python3.11 package, configured not to
#     use sem_clockwait (glibc 2.30) and compiled with a header (made by packaging/linux/elf_needs.py
#     from the root's libm) that binds exp/exp2/log/log2/pow to their pre-2.29 versions;
#   * the Debian 11 libraries the build carries that use those functions (libpng16, through freetype)
#     are rebuilt from Debian 11's source with the same header;
#   * libstdc++ and libgcc_s are not carried (packaging/govreport.spec): the system's are used, and
#     every file must need at most GLIBCXX_3.4.25 / CXXABI_1.3.11 (gcc 8);
#   * the PySide6 wheels are manylinux_2_28; every other wheel's .so is checked the same way.
# The .deb's Depends is computed from the built folder by packaging/build_linux.sh (dpkg-shlibdeps).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$(pwd)
ARCH=${GOVREPORT_OLD_ARCH:-$(dpkg --print-architecture)}
OLD_ROOT=${GOVREPORT_OLD_ROOT:-/var/tmp/govreport-bullseye-$ARCH}
BARE_ROOT=${GOVREPORT_BARE_ROOT:-/var/tmp/govreport-bullseye-$ARCH-bare}
DEBOOTSTRAP_CACHE=${GOVREPORT_DEBOOTSTRAP_CACHE:-/var/tmp/govreport-debootstrap-$ARCH}
SUITE=bullseye
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
PYTHON_SOURCE_SUITE=bookworm      # the Debian release whose python3.11 source package is built
GLIBC_TARGET=2.28
COMPAT_HEADER=/opt/glibc-compat/glibc-$GLIBC_TARGET.h
# Debian 11 source packages rebuilt with the header: source package → the library it makes
REBUILT_LIBRARIES="libpng1.6:libpng16.so.16"
OUT=$REPO/dist/oldglibc
# build tools, CPython's build dependencies, and what Qt's xcb/offscreen plugins and the self-test need
PACKAGES=ca-certificates,build-essential,binutils,dpkg-dev,file,xz-utils,zlib1g-dev,libffi-dev,libssl-dev,\
libbz2-dev,liblzma-dev,libsqlite3-dev,uuid-dev,libgdbm-dev,libncurses-dev,libreadline-dev,libexpat1-dev,\
libgl1,libegl1,libxkbcommon0,libxkbcommon-x11-0,libfontconfig1,libdbus-1-3,libglib2.0-0,fonts-wqy-microhei,\
libwayland-client0,libwayland-cursor0,libwayland-egl1,libx11-xcb1,libxcb-cursor0,libxcb-icccm4,libxcb-image0,\
libxcb-keysyms1,libxcb-randr0,libxcb-render-util0,libxcb-shape0,libxcb-xkb1
# (the xcb libraries are carried by the build: a desktop that lacks libxcb-cursor0 still starts; the
# wayland ones are there for dpkg-shlibdeps to find: PyInstaller never carries them)

START=$(date +%s)
stamp() { echo "== $1 ($(( $(date +%s) - START )) s)"; }
fail() { echo "build_linux_oldglibc: $*" >&2; exit 1; }
in_root() { chroot "$OLD_ROOT" /usr/bin/env -u PYTHONPATH HOME=/root LANG=C.UTF-8 "$@"; }
in_bare() { chroot "$BARE_ROOT" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

[ "$(id -u)" = 0 ] || fail "run as root (debootstrap, chroot)"
command -v debootstrap >/dev/null || fail "install debootstrap first (apt-get install debootstrap)"
if [ "$ARCH" != "$(dpkg --print-architecture)" ] && ! [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ]; then
  fail "an $ARCH root needs qemu-user-static and binfmt_misc (apt-get install qemu-user-static binfmt-support)"
fi

# the Qt the package carries comes from PySide6's wheels: one for this machine type and glibc must exist
# (PySide6 6.9's aarch64 wheels are manylinux_2_39, 6.6-6.8's manylinux_2_31: no arm64 package for 2.28)
MACHINE=$(case $ARCH in amd64) echo x86_64;; arm64) echo aarch64;; *) echo "$ARCH";; esac)
PYSIDE=$(grep -i '^PySide6-Essentials==' packaging/constraints.txt)
stamp "a $PYSIDE wheel for manylinux_${GLIBC_TARGET/./_}_$MACHINE (pip, on PyPI)"
if ! found=$(python3 -m pip install -q --dry-run --no-deps --only-binary=:all: --python-version 3.11 \
     --platform "manylinux_${GLIBC_TARGET/./_}_$MACHINE" --target "$(mktemp -d)" "$PYSIDE" 2>&1); then
  echo "$found" | grep -v '^WARNING: Location' >&2
  fail "PyPI has no $PYSIDE wheel for glibc $GLIBC_TARGET on $MACHINE: Qt would need a newer system"
fi

MOUNTS=()
cleanup() { for m in "${MOUNTS[@]}"; do umount "$m" 2>/dev/null || true; done; }
trap cleanup EXIT
mount_into() {   # mount_into ROOT: /proc, and the host's X socket folder for the window check
  mountpoint -q "$1/proc" || { mount -t proc proc "$1/proc"; MOUNTS=("$1/proc" "${MOUNTS[@]}"); }
}

debian_root() {  # debian_root DIR [PACKAGES]: a minimal Debian 11 root, made once
  if [ ! -x "$1/usr/bin/apt-get" ]; then
    stamp "Debian 11 $ARCH root in $1 (debootstrap)"
    # (both roots share one download cache: the bare root's packages are all in the build root)
    mkdir -p "$DEBOOTSTRAP_CACHE"
    debootstrap --arch="$ARCH" --variant=minbase --cache-dir="$DEBOOTSTRAP_CACHE" ${2:+--include="$2"} \
      "$SUITE" "$1" "$MIRROR" >/dev/null
  fi
  cp /etc/resolv.conf "$1/etc/resolv.conf"
  if [ -f /etc/ssl/certs/ca-certificates.crt ] && [ -d "$1/etc/ssl/certs" ]; then
    cp /etc/ssl/certs/ca-certificates.crt "$1/etc/ssl/certs/ca-certificates.crt"
  fi
  mount_into "$1"
}

debian_root "$OLD_ROOT" "$PACKAGES"
stamp "pip configuration into the root; the root's packages (the same list on every run)"
[ -f /etc/pip.conf ] && cp /etc/pip.conf "$OLD_ROOT/etc/pip.conf"
HOME=${HOME:-/root}
for dir in /etc/xdg/pip "$HOME/.config/pip" "$HOME/.pip"; do
  if [ -d "$dir" ]; then
    target=$OLD_ROOT${dir/#$HOME//root}
    mkdir -p "$target" && cp -a "$dir/." "$target/"
  fi
done
echo "deb-src $MIRROR $SUITE main" > "$OLD_ROOT/etc/apt/sources.list.d/source-$SUITE.list"
echo "deb-src $MIRROR $PYTHON_SOURCE_SUITE main" > "$OLD_ROOT/etc/apt/sources.list.d/python-source.list"
in_root apt-get update -qq
in_root apt-get install -y -qq --no-install-recommends ${PACKAGES//,/ } >/dev/null 2>&1
MULTIARCH=$(in_root dpkg-architecture -qDEB_HOST_MULTIARCH)

stamp "the glibc $GLIBC_TARGET header: libm's functions bound to their versions before 2.29"
mkdir -p "$OLD_ROOT$(dirname "$COMPAT_HEADER")"
python3 packaging/linux/elf_needs.py symver-header "$OLD_ROOT/usr/lib/$MULTIARCH/libm.so.6" > "$OLD_ROOT$COMPAT_HEADER.new"
cat "$OLD_ROOT$COMPAT_HEADER.new" | grep symver | sed 's/^/   /'
if ! cmp -s "$OLD_ROOT$COMPAT_HEADER.new" "$OLD_ROOT$COMPAT_HEADER"; then
  mv "$OLD_ROOT$COMPAT_HEADER.new" "$OLD_ROOT$COMPAT_HEADER"
  rm -f "$OLD_ROOT/opt/python3.11/.glibc-$GLIBC_TARGET"          # rebuild what was built without it
fi
COMPAT_CFLAGS="-O2 -include $COMPAT_HEADER"

over_limit() {   # over_limit LIBRARY: the check's line for the root's LIBRARY, when it needs too new a glibc
  python3 packaging/linux/elf_needs.py check "$(readlink -f "$OLD_ROOT/usr/lib/$MULTIARCH/$1")" || true
}
for entry in $REBUILT_LIBRARIES; do
  source=${entry%%:*} library=${entry##*:}
  if over_limit "$library" | grep -q ": "; then
    # Debian 11's own version, built in a private prefix; only the shared library file replaces
    # Debian's (the soname link, the headers and the package database stay as they are)
    stamp "$library from Debian 11's $source source, with the header"
    in_root bash -euc "
      rm -rf /src/$source && mkdir -p /src/$source && cd /src/$source
      apt-get source -qq --download-only $source/$SUITE >/dev/null 2>&1
      tar xf ${source}_*.orig.tar.* && cd */
      ./configure -q --prefix=/src/$source/prefix --disable-static CFLAGS='$COMPAT_CFLAGS' >/dev/null
      make -s -j\"\$(nproc)\" >/dev/null 2>make.log || { tail -30 make.log; exit 1; }
      make -s install >/dev/null 2>>make.log
      target=\$(readlink -f /usr/lib/$MULTIARCH/$library)
      [ -f /src/$source/prefix/lib/\$(basename \$target) ] || { echo 'not the version Debian 11 has:' /src/$source/prefix/lib/*; exit 1; }
      cp /src/$source/prefix/lib/\$(basename \$target) \$target"
  fi
  still=$(over_limit "$library" | grep ": " || true)
  [ -z "$still" ] || fail "$still: still needs more than glibc $GLIBC_TARGET"
done

if [ ! -e "$OLD_ROOT/opt/python3.11/.glibc-$GLIBC_TARGET" ]; then
  stamp "CPython 3.11 from Debian's $PYTHON_SOURCE_SUITE source package, built in the root for glibc $GLIBC_TARGET"
  # sem_clockwait (glibc 2.30): configure is told the function is missing, CPython then uses sem_timedwait
  in_root bash -euc "
    mkdir -p /src && cd /src && apt-get source -qq --download-only python3.11 >/dev/null 2>&1
    rm -rf Python-3.11.* /opt/python3.11 && tar xzf python3.11_3.11.*.orig.tar.gz && cd Python-3.11.*/
    ./configure -q --prefix=/opt/python3.11 --enable-shared LDFLAGS=-Wl,-rpath,/opt/python3.11/lib \
      CFLAGS='-include $COMPAT_HEADER' ac_cv_func_sem_clockwait=no >/dev/null
    make -s -j\"\$(nproc)\" >/dev/null 2>make.log || { tail -30 make.log; exit 1; }
    make -s altinstall >/dev/null 2>>make.log
    touch /opt/python3.11/.glibc-$GLIBC_TARGET"
fi
in_root /opt/python3.11/bin/python3.11 -c "import ctypes, sqlite3, lzma, bz2, venv, math; import sys; print('   Python', sys.version.split()[0], math.pow(2, 10), math.exp(0))"

stamp "the repository's tracked files into the root"
rm -rf "$OLD_ROOT/build/govreport"
mkdir -p "$OLD_ROOT/build/govreport"
git ls-files -z | xargs -0 tar -cf - | tar -xf - -C "$OLD_ROOT/build/govreport"

stamp "packaging/build_linux.sh inside the root"
in_root bash -c "cd /build/govreport && PYTHON=/opt/python3.11/bin/python3.11 packaging/build_linux.sh"
BUILT=$OLD_ROOT/build/govreport/dist
DEB=$(ls "$BUILT"/govreport_*_"$ARCH".deb)

stamp "symbol versions every ELF file of the build needs (at most GLIBC_$GLIBC_TARGET, GLIBCXX_3.4.25)"
python3 packaging/linux/elf_needs.py check "$BUILT/govreport" || fail "the build needs a newer system than 统信UOS 20"
echo "   Depends: $(dpkg-deb -f "$DEB" Depends)"

stamp "dpkg -i in a bare Debian 11 root that has only what Depends names"
# made afresh on every run from the tarball of a minimal debootstrap (packages installed for an
# earlier Depends must not stay)
if [ ! -f "$BARE_ROOT.tar" ]; then
  rm -rf "$BARE_ROOT"
  debian_root "$BARE_ROOT"
  umount "$BARE_ROOT/proc"
  tar -C "$BARE_ROOT" -cf "$BARE_ROOT.tar" .
fi
umount "$BARE_ROOT/proc" 2>/dev/null || true
rm -rf "$BARE_ROOT" && mkdir -p "$BARE_ROOT" && tar -C "$BARE_ROOT" -xf "$BARE_ROOT.tar"
debian_root "$BARE_ROOT"
# the first alternative of each Depends entry, without its version (libc6 is there already)
WANTED=$(dpkg-deb -f "$DEB" Depends | tr ',' '\n' | sed 's/|.*//; s/(.*)//; s/ //g' | grep -v '^$' | tr '\n' ' ')
in_bare apt-get update -qq
in_bare apt-get install -y -qq --no-install-recommends $WANTED >/dev/null 2>&1 || fail "apt-get install $WANTED failed in $BARE_ROOT"
in_bare dpkg -r govreport >/dev/null 2>&1 || true
cp "$DEB" "$BARE_ROOT/tmp/govreport.deb"
in_bare dpkg -i /tmp/govreport.deb
in_bare ldd --version | sed -n "1s/^/   /p"
stamp "self-test in the bare root"
in_bare sh -c 'QT_QPA_PLATFORM=offscreen GOVREPORT_DATA_DIR=$(mktemp -d) govreport --self-test'

rm -rf "$OUT/govreport"
mkdir -p "$OUT"
cp "$DEB" "$BUILT"/govreport-*-linux-"$ARCH".tar.gz "$OUT/"
cp -a "$BUILT/govreport" "$OUT/govreport"

if command -v Xvfb >/dev/null && command -v import >/dev/null; then
  stamp "the editor's window on the bare root (xcb, under Xvfb)"
  packaging/linux/window_check.sh "$BARE_ROOT" "$OUT/window-$ARCH.png"
else
  echo "   (no Xvfb/ImageMagick here: window not checked)"
fi
stamp "built for glibc $GLIBC_TARGET and later ($ARCH)"
ls -lh "$OUT"
