#!/usr/bin/env bash
# For testing under Wine only (never shipped): fetch Wine 10's windows.ui.dll so that the editor's
# window can start under Debian 12's Wine 8.
#
# Why: on Windows, Qt 6.8/6.9's platform plugin (qwindows) builds its palette from the accent
# colours of Windows.UI.ViewManagement.UISettings (C++/WinRT) and does not catch the error when
# that class is missing.  Wine 8 does not implement it, so QApplication aborts before any window
# appears.  Wine 10 implements it in windows.ui.dll.  When the class is not registered, C++/WinRT
# loads "Windows.UI.dll" by name and asks it for the class, so that one DLL in the prefix's
# system32 is enough.  The DLL comes from the Debian 13 package libwine (the package registry
# this machine already uses); apt's state for that suite is kept in a temporary folder.
#
# Usage: packaging/windows/wine_windows_ui.sh [OUT_DIR]     (default build/windows/wine-compat)
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT=${1:-build/windows/wine-compat}
[ -f "$OUT/windows.ui.dll" ] && { echo "$OUT/windows.ui.dll"; exit 0; }
SUITE=trixie
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
mkdir -p "$TMP/parts" "$TMP/lists/partial" "$TMP/archives/partial"
# the Debian mirror this machine is configured with, for the newer suite
MIRROR=$(grep -h -o -E '^URIs:\s*\S+' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -v security | head -1 || true)
[ -n "$MIRROR" ] || MIRROR=$(grep -h -E '^deb\s' /etc/apt/sources.list 2>/dev/null | awk '{print $2}' | grep -v security | head -1 || true)
[ -n "$MIRROR" ] || { echo "wine_windows_ui: no Debian mirror in the apt sources" >&2; exit 1; }
printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\nArchitectures: amd64\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
  "$MIRROR" "$SUITE" > "$TMP/parts/newer.sources"
APT=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$TMP/parts" -o "Dir::State::Lists=$TMP/lists"
     -o "Dir::Cache::Archives=$TMP/archives" -o Dir::State::status=/dev/null -o APT::Architectures::=amd64
     -o APT::Sandbox::User=root -q)
apt-get "${APT[@]}" update >/dev/null
(cd "$TMP" && apt-get "${APT[@]}" download libwine:amd64 >/dev/null)
DLL=./usr/lib/x86_64-linux-gnu/wine/x86_64-windows/windows.ui.dll
dpkg-deb --fsys-tarfile "$TMP"/libwine_*.deb | tar -x -C "$TMP" "$DLL"
mkdir -p "$OUT"
cp "$TMP/$DLL" "$OUT/windows.ui.dll"
echo "$OUT/windows.ui.dll"
