"""Helpers shared by the tests (import as ``from support import …``; tests/ is on sys.path).

What a test needs from outside the code — ``../shared/`` (the official template, the sample
reports), LibreOffice — is found here or the test is skipped with the reason; CI sets
``GOVREPORT_REQUIRE_SHARED=1`` and ``GOVREPORT_REQUIRE_LIBREOFFICE=1`` (``.ci/run``), which turn
those skips into failures: there they must run."""

import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def skip_unless_required(reason: str, variable: str) -> None:
    """Skip with ``reason`` — or fail when ``variable=1`` says this machine must have it."""
    if os.environ.get(variable) == "1":
        pytest.fail(f"{reason}（{variable}=1：此处必须具备）")
    pytest.skip(reason)


def shared_path(*parts: str) -> Path:
    """A file of ../shared/, or skip the test with the reason when this checkout has none — fail
    instead when ``GOVREPORT_REQUIRE_SHARED=1`` (CI, where shared/ lies beside the clone)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        where = "shared/ 中没有该文件" if SHARED.is_dir() else "本检出旁没有 shared/ 目录"
        skip_unless_required(f"需要 ../shared/{'/'.join(parts)}（{where}）", "GOVREPORT_REQUIRE_SHARED")
    return path


def require_libreoffice() -> str:
    """The LibreOffice executable the PDF export would use, or skip the test — fail instead when
    ``GOVREPORT_REQUIRE_LIBREOFFICE=1`` (CI, where it must be installed)."""
    from govreport_gui.io.write.pdf_export import find_soffice
    found = find_soffice()
    if not found:
        skip_unless_required("没有安装 LibreOffice（soffice），跳过需要它的测试", "GOVREPORT_REQUIRE_LIBREOFFICE")
    return found


def convert_with_libreoffice(soffice: str, source: Path, to: str, folder: Path) -> Path:
    """``source`` converted by LibreOffice (``to``: a format, with its filter after a colon, e.g.
    ``"doc:MS Word 97"``) into ``folder``, with a profile of its own there; the new file."""
    profile = (folder / "lo-profile").resolve().as_uri()
    subprocess.run([soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", to,
                    "--outdir", str(folder), str(source)], capture_output=True, timeout=180, check=False)
    out = folder / f"{source.stem}.{to.split(':')[0]}"
    assert out.is_file(), f"LibreOffice did not make {out.name}"
    return out
