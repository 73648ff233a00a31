import pytest
from support import require_libreoffice


@pytest.fixture
def soffice():
    """LibreOffice, or skip (fail instead when GOVREPORT_REQUIRE_LIBREOFFICE=1)."""
    return require_libreoffice()
