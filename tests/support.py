"""Helpers shared by the tests (import as ``from support import …``; tests/ is on sys.path)."""

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A file of ../shared/, or skip the test with the reason when this checkout has none."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"需要 ../shared/{'/'.join(parts)}（本检出旁没有 shared/ 目录）")
    return path


def require_libreoffice() -> str:
    """The LibreOffice executable the PDF export would use, or skip the test — fail instead when
    ``GOVREPORT_REQUIRE_LIBREOFFICE=1`` (CI, where it must be installed)."""
    import os

    from govreport_gui.io.write.pdf_export import find_soffice
    found = find_soffice()
    if found:
        return found
    if os.environ.get("GOVREPORT_REQUIRE_LIBREOFFICE") == "1":
        pytest.fail("需要 LibreOffice（soffice），但没有找到（GOVREPORT_REQUIRE_LIBREOFFICE=1）")
    pytest.skip("没有安装 LibreOffice（soffice），跳过用它生成 PDF 的测试")
