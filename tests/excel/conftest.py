import os
import shutil

import pytest


@pytest.fixture
def soffice():
    """LibreOffice, or skip (fail instead when GOVREPORT_REQUIRE_LIBREOFFICE=1)."""
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if exe is None:
        if os.environ.get("GOVREPORT_REQUIRE_LIBREOFFICE") == "1":
            pytest.fail("需要 LibreOffice（soffice），但没有找到（GOVREPORT_REQUIRE_LIBREOFFICE=1）")
        pytest.skip("没有安装 LibreOffice（soffice），跳过需要它转换文件的测试")
    return exe
