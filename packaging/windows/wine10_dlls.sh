#!/usr/bin/env bash
# Under Wine only (never shipped): fetch two DLLs of Wine 10 that Debian 12's Wine 8 lacks, for the
# Wine prefixes that build and test the Windows installer.
#
# * windows.ui.dll — on Windows, Qt 6.8/6.9's platform plugin (qwindows) builds its palette from
#   the accent colours of Windows.UI.ViewManagement.UISettings (C++/WinRT) and does not catch the
#   error when that class is missing; Wine 8 does not implement it, so QApplication aborts before
#   any window appears.  When the class is not registered, C++/WinRT loads "Windows.UI.dll" by name
#   and asks it for the class, so that DLL in the prefix's system32 is enough.
# * bcryptprimitives.dll — the Rust part of cryptography (pdfminer.six reads encrypted PDFs with
#   it, and imports it always) calls ProcessPrng from it; without it, reading any PDF fails under
#   Wine 8, and PyInstaller's hook for cryptography cannot inspect the package while building.
#
# Both come from the Debian 13 package libwine (the package registry this machine already uses);
# apt's state for that suite is kept in a temporary folder.  Windows 10/11 have both DLLs.
#
# Usage: packaging/windows/wine10_dlls.sh [OUT_DIR]     (default build/windows/wine-compat)
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-build/windows/wine-compat}
DLLS=(windows.ui.dll bcryptprimitives.dll)
if [ -f "$OUT/windows.ui.dll" ] && [ -f "$OUT/bcryptprimitives.dll" ]; then echo "$OUT"; exit 0; fi
SUITE=trixie
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/parts" "$TMP/lists/partial" "$TMP/archives/partial"
# the Debian mirror this machine is configured with, for the newer suite
MIRROR=$(grep -h -o -E '^URIs:\s*\S+' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -1 || true)
[ -n "$MIRROR" ] || MIRROR=$(grep -h -E '^deb\s' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | grep -v security | head -1 || true)
[ -n "$MIRROR" ] || { echo "wine10_dlls: no Debian mirror in the apt sources" >&2; exit 1; }
printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\nArchitectures: amd64\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
  "$MIRROR" "$SUITE" > "$TMP/parts/newer.sources"
APT=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$TMP/parts" -o "Dir::State::Lists=$TMP/lists"
     -o "Dir::Cache::Archives=$TMP/archives" -o Dir::State::status=/dev/null -o APT::Architectures::=amd64
     -o APT::Sandbox::User=root -q)
apt-get "${APT[@]}" update >/dev/null
(cd "$TMP" && apt-get "${APT[@]}" download libwine:amd64 >/dev/null)
FROM=./usr/lib/x86_64-linux-gnu/wine/x86_64-windows
dpkg-deb --fsys-tarfile "$TMP"/libwine_*.deb | tar -x -C "$TMP" "${DLLS[@]/#/$FROM/}"
mkdir -p "$OUT"
for dll in "${DLLS[@]}"; do cp "$TMP/$FROM/$dll" "$OUT/$dll"; done
echo "$OUT"
