#!/bin/sh
# 年报编制助手 — the installed command (the one-folder build lives in /opt/govreport).
exec /opt/govreport/govreport "$@"
