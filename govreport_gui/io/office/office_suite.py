"""Running an office suite installed on the machine to convert a file: LibreOffice, headless.

Used by the PDF export (Word → PDF) and by the readers of old and other office formats
(.doc/.wps/.rtf/.odt → .docx, .ods → .xlsx).  LibreOffice is found as ``soffice`` (or
``GOVREPORT_SOFFICE``), runs with a private profile (a LibreOffice window the clerk has open does
not block it) in a process group of its own, is polled so the caller can cancel it, and is killed
with every process it started when cancelled or past its time limit.  Nothing leaves the machine.
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

LOG = logging.getLogger(__name__)
GROUP_EXIT_WAIT = 5.0   # seconds for a killed LibreOffice's processes to go
POLL_INTERVAL = 0.05    # seconds between looks at ``cancelled`` while LibreOffice runs
_WINDOWS_SOFFICE = (r"C:\Program Files\LibreOffice\program\soffice.exe",
                    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe")
_MAC_SOFFICE = ("/Applications/LibreOffice.app/Contents/MacOS/soffice",)


class SofficeCancelled(Exception):
    """The caller's ``cancelled()`` said stop; LibreOffice was ended."""


class SofficeFailed(Exception):
    """LibreOffice could not start (``reason`` "start"), ran past the limit ("timeout") or made
    no output ("failed").  Callers turn it into their own message for the clerk."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(reason, detail)
        self.reason, self.detail = reason, detail


def find_soffice() -> str | None:
    """The LibreOffice executable (env ``GOVREPORT_SOFFICE`` first), or None."""
    override = os.environ.get("GOVREPORT_SOFFICE")
    if override:
        return override if Path(override).exists() or shutil.which(override) else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in (*_WINDOWS_SOFFICE, *_MAC_SOFFICE):
        if Path(candidate).exists():
            return candidate
    return None


def run_soffice(soffice: str, source: Path, convert_to: str, outdir: Path, timeout: float,
                cancelled: Callable[[], bool] | None = None) -> Path:
    """Convert ``source`` with ``--convert-to convert_to`` into ``outdir`` (which also holds the
    private profile); the converted file's path.  Raises ``SofficeCancelled`` / ``SofficeFailed``."""
    profile = (outdir / "profile").resolve().as_uri()
    command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--nolockcheck",
               "--convert-to", convert_to, "--outdir", str(outdir), str(source)]
    # its own process group (session), so that ending it also ends the soffice.bin it starts
    group = ({"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP} if sys.platform == "win32"  # type: ignore[attr-defined]
             else {"start_new_session": True})
    try:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, **group)
    except OSError as exc:
        raise SofficeFailed("start", str(exc.strerror or exc)) from None
    deadline = time.monotonic() + timeout
    try:
        while True:
            try:
                returncode = process.wait(POLL_INTERVAL)
                break
            except subprocess.TimeoutExpired:
                pass
            if cancelled is not None and cancelled():
                raise SofficeCancelled()
            if time.monotonic() > deadline:
                raise SofficeFailed("timeout")
    finally:
        if process.returncode is None:  # cancelled, timed out or interrupted: still running
            kill_group(process)
    extension = convert_to.split(":")[0]
    out = outdir / f"{source.stem}.{extension}"
    if returncode != 0 or not out.exists() or out.stat().st_size == 0:
        raise SofficeFailed("failed")
    return out


def kill_group(process: subprocess.Popen) -> None:
    """End a LibreOffice that is still running, with every process it started (soffice.bin).
    Called before the launcher is reaped, so its process group id cannot belong to another."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    else:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
    if process.poll() is None:
        process.kill()
    process.wait()
    if sys.platform != "win32":  # the group's other processes (soffice.bin) may take a moment to go
        deadline = time.monotonic() + GROUP_EXIT_WAIT
        while time.monotonic() < deadline and _group_running(process.pid):
            time.sleep(0.02)


def _group_running(pgid: int) -> bool:
    """Whether a process of group ``pgid`` still runs (an ended one not yet reaped does not)."""
    proc = Path("/proc")
    if not proc.is_dir():
        try:
            os.killpg(pgid, 0)
        except (ProcessLookupError, PermissionError):
            return False
        return True
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if len(fields) > 2 and fields[2] == str(pgid) and fields[0] != "Z":
            return True
    return False


WORD_PROGRAMS = (("KWps.Application", "WPS"), ("Word.Application", "Microsoft Word"))
SHEET_PROGRAMS = (("KET.Application", "WPS 表格"), ("Excel.Application", "Microsoft Excel"))


def run_com(programs: tuple[tuple[str, str], ...], act: Callable[[object], None], out: Path,
            check: Callable[[], None] | None = None) -> tuple[str | None, list[str]]:  # pragma: no cover
    """Windows: the first of ``programs`` (COM ProgID, name) that is installed does ``act(app)``,
    which must write ``out``.  Returns (the program's name, or None, and what went wrong with each
    that failed).  Runs in any thread (sets up COM for itself); ``check`` may raise to stop."""
    try:
        import pythoncom
        import win32com.client
    except ImportError:
        return None, []
    problems: list[str] = []
    pythoncom.CoInitialize()
    try:
        for prog_id, name in programs:
            if check is not None:
                check()
            try:
                app = win32com.client.DispatchEx(prog_id)
            except Exception:  # noqa: BLE001 - not installed
                continue
            try:
                app.Visible = False
                act(app)
            except Exception as exc:  # COM errors of every kind: the next program is tried
                LOG.warning("用 %s（%s）转换失败", name, prog_id, exc_info=True)
                problems.append(f"{name}：{exc}")
                continue
            finally:
                try:
                    app.Quit()
                except Exception:  # noqa: BLE001
                    pass
            if out.exists() and out.stat().st_size:
                return name, problems
        return None, problems
    finally:
        pythoncom.CoUninitialize()
