"""Saved and exported files get the mode a plainly written file would have: a new file the user's
umask mode (0666 & ~umask), an overwritten file its own mode — while the write stays atomic."""

import os
import stat
import sys
from pathlib import Path

import pytest

from govreport_gui.core.serialize import current_umask, load_file, save_native, write_atomic

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX file modes")

SAMPLE = Path(__file__).resolve().parents[2] / "resources" / "sample-2024.govreport"


@pytest.fixture
def umask():
    """set(mask): the process umask for the test, restored afterwards."""
    before = os.umask(0o022)
    os.umask(before)
    yield lambda mask: os.umask(mask)
    os.umask(before)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def write_kind(path: Path) -> None:
    """Write the sample through the writer its suffix names (the native file through save_native)."""
    loaded = load_file(SAMPLE)
    if path.suffix == ".govreport":
        save_native(path, loaded.report, loaded.previous)
        return
    from govreport_gui.io.registry import write_report
    write_report(path, loaded.report, loaded.previous)


SUFFIXES = [".govreport", ".json", ".docx", ".xlsx"]


@pytest.mark.parametrize("suffix", SUFFIXES)
@pytest.mark.parametrize("mask, expected", [(0o022, 0o644), (0o027, 0o640), (0o002, 0o664)])
def test_a_new_file_gets_the_umask_mode(tmp_path, umask, suffix, mask, expected):
    umask(mask)
    assert current_umask() == mask
    target = tmp_path / f"年报{suffix}"
    write_kind(target)
    assert mode(target) == expected
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("suffix", SUFFIXES)
@pytest.mark.parametrize("existing", [0o644, 0o640, 0o600])
def test_an_overwritten_file_keeps_its_mode(tmp_path, umask, suffix, existing):
    umask(0o077)  # the umask would give 0600: the old file's own mode wins
    target = tmp_path / f"年报{suffix}"
    target.write_bytes(b"old")
    target.chmod(existing)
    inode = target.stat().st_ino
    write_kind(target)
    assert mode(target) == existing
    assert target.stat().st_ino != inode  # still replaced atomically, not written in place
    assert target.read_bytes() != b"old"


def test_an_overwritten_file_keeps_its_owner_when_run_as_root(tmp_path, umask):
    """An administrator's tool saving a clerk's file leaves it the clerk's."""
    if os.geteuid() != 0:
        pytest.skip("only root may give a file to another user")
    target = tmp_path / "科员的.govreport"
    target.write_bytes(b"old")
    os.chown(target, 12345, 23456)
    target.chmod(0o640)
    write_kind(target)
    info = target.stat()
    assert (info.st_uid, info.st_gid, mode(target)) == (12345, 23456, 0o640)


def test_an_overwritten_file_keeps_its_group(tmp_path, umask):
    """The group of a file on a shared folder stays (the process may set any group it is in)."""
    groups = [g for g in os.getgroups() if g != os.getegid()] or ([23456] if os.geteuid() == 0 else [])
    if not groups:
        pytest.skip("this user belongs to one group only")
    target = tmp_path / "共享.govreport"
    target.write_bytes(b"old")
    os.chown(target, -1, groups[0])
    target.chmod(0o660)
    write_atomic(target, b"new")
    assert target.stat().st_gid == groups[0] and mode(target) == 0o660


def test_the_umask_is_read_without_changing_it(umask):
    umask(0o027)
    assert current_umask() == 0o027
    assert os.umask(0o027) == 0o027
