#!/usr/bin/env bash
# The installed editor's window on a real X server: Xvfb on this machine, the program in ROOT (a root
# where the .deb was installed with dpkg -i) through Qt's xcb plugin, with the sample report open.
# Saves a screenshot to PNG and fails when the program exits or draws nothing.
#
# Usage (as root; needs Xvfb and ImageMagick's import/convert): window_check.sh ROOT PNG [SECONDS]
set -euo pipefail
ROOT=$1 PNG=$2 WAIT=${3:-${GOVREPORT_WINDOW_WAIT:-90}}
SAMPLE=/opt/govreport/_internal/resources/sample-2024.govreport
fail() { echo "window_check: $*" >&2; exit 1; }
[ -e "$ROOT$SAMPLE" ] || fail "$ROOT has no $SAMPLE: install the .deb first"

FD_FILE=$(mktemp)
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>"$FD_FILE" >/dev/null 2>&1 &
XVFB=$!
EDITOR=""
finish() {
  [ -n "$EDITOR" ] && kill "$EDITOR" 2>/dev/null
  kill "$XVFB" 2>/dev/null
  umount "$ROOT/tmp/.X11-unix" 2>/dev/null || true
  rm -f "$FD_FILE"
}
trap finish EXIT
for _ in $(seq 50); do [ -s "$FD_FILE" ] && break; sleep 0.2; done
DISPLAY=:$(head -1 "$FD_FILE")
[ "$DISPLAY" != ":" ] || fail "Xvfb did not start"
mkdir -p "$ROOT/tmp/.X11-unix"
mount --bind /tmp/.X11-unix "$ROOT/tmp/.X11-unix"

LOG=$(mktemp)
chroot "$ROOT" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/root LANG=C.UTF-8 DISPLAY="$DISPLAY" \
  QT_QPA_PLATFORM=xcb GOVREPORT_DATA_DIR=/tmp/govreport-window govreport "$SAMPLE" >"$LOG" 2>&1 &
EDITOR=$!
drawn() {
  import -display "$DISPLAY" -window root "$PNG" 2>/dev/null || return 1
  [ "$(convert "$PNG" -format '%[fx:standard_deviation>0.01]' info:)" = 1 ]
}
deadline=$(( $(date +%s) + WAIT ))
until drawn; do
  kill -0 "$EDITOR" 2>/dev/null || { cat "$LOG" >&2; fail "the editor exited before showing a window"; }
  [ "$(date +%s)" -lt "$deadline" ] || { cat "$LOG" >&2; fail "no window drawn in $WAIT s"; }
  sleep 2
done
sleep 5   # the section pages are built after the first paint
drawn
kill -0 "$EDITOR" 2>/dev/null || { cat "$LOG" >&2; fail "the editor exited after showing its window"; }
if grep -q Traceback "$LOG"; then cat "$LOG" >&2; fail "the editor printed a traceback"; fi
echo "   window drawn on $DISPLAY: $PNG"
