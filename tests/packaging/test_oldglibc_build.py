"""The old-glibc Linux package runs on 统信UOS 20 (glibc 2.28, gcc 8) and installs with dpkg -i on an
offline PC: no ELF file of the built folder needs a newer glibc or libstdc++, and its Depends names
exactly the libraries the folder needs but does not carry (plus the Chinese fonts).

The reader (packaging/linux/elf_needs.py) is checked against real files of this machine; the package
itself is checked when packaging/build_linux_oldglibc.sh has built one (``dist/oldglibc``, or the
folder named by ``GOVREPORT_OLDGLIBC_DIST``).  CI builds it first and sets
``GOVREPORT_REQUIRE_OLDGLIBC=1``, which turns a missing package into a failure.
"""

from __future__ import annotations

import ctypes.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from support import REPO

sys.path.insert(0, str(REPO / "packaging" / "linux"))
import elf_needs  # noqa: E402

OLD_GLIBC = "2.28"
# Debian names a library's package after its soname (policy 8.1: libfoo.so.6 → libfoo6, libfoo-2.so.0
# → libfoo-2-0); these are the exceptions among what a desktop program links
PACKAGE_OF = {"libz.so.1": "zlib1g", "libglib-2.0.so.0": "libglib2.0-0", "libgobject-2.0.so.0": "libglib2.0-0",
              "libgio-2.0.so.0": "libglib2.0-0", "libgmodule-2.0.so.0": "libglib2.0-0",
              "libgthread-2.0.so.0": "libglib2.0-0"}
# the libraries an earlier package named in Depends although it carried them (issue 22)
CARRIED_BEFORE = ("libfontconfig1", "libfreetype6", "libxkbcommon0", "libxkbcommon-x11-0", "libglib2.0-0",
                  "libx11-xcb1", "libxcb-cursor0", "libxcb-icccm4", "libxcb-image0", "libxcb-keysyms1",
                  "libxcb-randr0", "libxcb-render-util0", "libxcb-shape0", "libxcb-xkb1")
FONTS = ("fonts-noto-cjk", "fonts-wqy-microhei", "fonts-wqy-zenhei")
# data the program reads from the system, not linked: fontconfig's configuration (for the carried
# libfontconfig) and a Chinese font
DATA = {"fontconfig-config", *FONTS}


def debian_package(soname: str) -> str:
    if elf_needs.GLIBC_SONAMES.match(soname):
        return "libc6"
    if soname in PACKAGE_OF:
        return PACKAGE_OF[soname]
    name, _, version = soname.partition(".so.")
    name = name.lower().replace("_", "-")
    return f"{name}-{version}" if name[-1].isdigit() else f"{name}{version}"


def depends_groups(depends: str) -> list[set[str]]:
    """``a (>= 1), b | c`` → [{"a"}, {"b", "c"}]"""
    return [{re.sub(r"\s*\(.*?\)", "", alt).strip() for alt in entry.split("|")} for entry in depends.split(",")]


# -- the reader, on files of this machine ------------------------------------------------------------

def _system_library(name: str) -> Path:
    found = ctypes.util.find_library(name)
    candidates = [Path(d) / found for d in ("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/lib/aarch64-linux-gnu",
                                            "/usr/lib/aarch64-linux-gnu", "/lib64", "/usr/lib64")] if found else []
    path = next((p for p in candidates if p.exists()), None)
    if sys.platform != "linux" or path is None:
        pytest.skip(f"no system {name} library here (Linux only)")
    return path.resolve()


def test_the_reader_agrees_with_objdump():
    if not shutil.which("objdump"):
        pytest.skip("objdump (binutils) is not installed")
    libraries = [_system_library("z"), Path(sys.executable).resolve()]
    import _ctypes
    libraries.append(Path(_ctypes.__file__))
    for path in libraries:
        elf = elf_needs.read(path)
        dump = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True, check=True).stdout
        assert set(elf.needed) == set(re.findall(r"^\s+NEEDED\s+(\S+)", dump, re.M)), path
        assert elf.soname == (re.findall(r"^\s+SONAME\s+(\S+)", dump, re.M) or [None])[0], path
        references = dump.split("Version References:")[-1] if "Version References:" in dump else ""
        versions = {v for v in re.findall(r"0x[0-9a-f]+ 0x\d+ \d+ (\S+)", references)}
        assert {v for vs in elf.version_needs.values() for v in vs} == versions, path


def test_files_newer_than_the_limit_are_named(tmp_path):
    libc = elf_needs.read(_system_library("c"))
    assert libc is not None and elf_needs.read(tmp_path) is None
    script = tmp_path / "run.sh"
    script.write_text("#!/bin/sh\n")
    assert elf_needs.read(script) is None
    fake = elf_needs.Elf(path=tmp_path / "lib" / "libpng16.so.16", machine=62, soname="libpng16.so.16",
                         needed=("libm.so.6", "libz.so.1"), runpath=(),
                         version_needs={"libm.so.6": frozenset({"GLIBC_2.29", "GLIBC_2.2.5"}),
                                        "libstdc++.so.6": frozenset({"GLIBCXX_3.4.26", "CXXABI_1.3.9"}),
                                        "libc.so.6": frozenset({"GLIBC_PRIVATE", "GLIBC_2.28"})})
    fine = elf_needs.Elf(path=tmp_path / "lib" / "libok.so", machine=62, soname=None, needed=(), runpath=(),
                         version_needs={"libc.so.6": frozenset({"GLIBC_2.28", "GLIBC_2.17"}),
                                        "libstdc++.so.6": frozenset({"GLIBCXX_3.4.25", "CXXABI_1.3.11"})})
    assert elf_needs.over_limit([fake, fine], tmp_path) == [
        "lib/libpng16.so.16: GLIBC_PRIVATE (libc.so.6), GLIBC_2.29 (libm.so.6), GLIBCXX_3.4.26 (libstdc++.so.6)"]
    assert elf_needs.newest_needed([fake, fine], "GLIBC") == "2.29"
    assert elf_needs.newest_needed([fine], "GLIBCXX") == "3.4.25"


def test_a_folder_answers_the_libraries_it_carries(tmp_path):
    import sysconfig
    zlib = _system_library("z")
    candidates = [*Path(sysconfig.get_path("platstdlib"), "lib-dynload").glob("zlib*.so"),
                  *(d / "libpng16.so.16" for d in zlib.parents[:1])]
    user = next((elf for p in candidates if (elf := elf_needs.read(p.resolve())) and "libz.so.1" in elf.needed), None)
    if user is None:
        pytest.skip("no library linking libz here (zlib module built in, no libpng16)")
    shutil.copy(user.path, tmp_path / user.path.name)
    needs = elf_needs.not_carried(elf_needs.elf_files(tmp_path))
    assert "libz.so.1" in needs
    shutil.copy(zlib, tmp_path / zlib.name)
    (tmp_path / "libz.so.1").symlink_to(zlib.name)
    needs = elf_needs.not_carried(elf_needs.elf_files(tmp_path))
    assert "libz.so.1" not in needs
    assert any(elf_needs.GLIBC_SONAMES.match(name) for name in needs)


def test_the_header_binds_libm_to_its_versions_before_2_29(tmp_path):
    libm = _system_library("m")
    header = elf_needs.symver_header([libm])
    if "GLIBC_2.29" not in subprocess.run(["objdump", "-T", str(libm)], capture_output=True, text=True).stdout:
        pytest.skip("this glibc is older than 2.29")
    bound = dict(elf_needs.compat_symbols([libm]))
    assert set(bound) == {"exp", "exp2", "log", "log2", "pow"}
    assert all(elf_needs.version_key(v)[1] <= (2, 28) for v in bound.values())
    compiler = shutil.which("cc") or shutil.which("gcc")
    if not compiler:
        pytest.skip("no C compiler here to build with the header")
    (tmp_path / "compat.h").write_text(header)
    (tmp_path / "main.c").write_text('#include <math.h>\n#include <stdio.h>\n#include <stdlib.h>\n'
                                     'int main(int c, char **v) { double x = atof(v[1]);\n'
                                     '  printf("%.6f %.6f %.6f\\n", pow(x, 10), exp(x), log(x)); return 0; }\n')
    for flags in ([], ["-include", str(tmp_path / "compat.h")]):
        subprocess.run([compiler, *flags, "-O2", "-o", str(tmp_path / "main"), str(tmp_path / "main.c"), "-lm"],
                       check=True, capture_output=True)
        needs = elf_needs.read(tmp_path / "main").version_needs["libm.so.6"]
        assert ("GLIBC_2.29" in needs) == (not flags)
    run = subprocess.run([str(tmp_path / "main"), "2"], capture_output=True, text=True, check=True)
    assert run.stdout.split() == ["1024.000000", "7.389056", "0.693147"]


def test_debian_names_packages_after_sonames():
    assert [debian_package(s) for s in ("libc.so.6", "libm.so.6", "ld-linux-aarch64.so.1", "libGL.so.1",
                                        "libEGL.so.1", "libxcb.so.1", "libdbus-1.so.3", "libstdc++.so.6",
                                        "libgcc_s.so.1", "libX11-xcb.so.1", "libxcb-render-util.so.0",
                                        "libz.so.1", "libbz2.so.1.0")] == [
        "libc6", "libc6", "libc6", "libgl1", "libegl1", "libxcb1", "libdbus-1-3", "libstdc++6", "libgcc-s1",
        "libx11-xcb1", "libxcb-render-util0", "zlib1g", "libbz2-1.0"]
    assert depends_groups("libc6 (>= 2.28), libgl1, fonts-a | fonts-b") == [{"libc6"}, {"libgl1"}, {"fonts-a", "fonts-b"}]


# -- the built package --------------------------------------------------------------------------------

def _missing(reason: str):
    if os.environ.get("GOVREPORT_REQUIRE_OLDGLIBC") == "1":
        pytest.fail(f"{reason}（GOVREPORT_REQUIRE_OLDGLIBC=1）")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def package(tmp_path_factory) -> tuple[Path, dict[str, str], list[elf_needs.Elf]]:
    """The newest .deb of dist/oldglibc unpacked: (its /opt/govreport, its control fields, its ELF files)."""
    dist = Path(os.environ.get("GOVREPORT_OLDGLIBC_DIST") or REPO / "dist" / "oldglibc")
    debs = sorted(dist.glob("govreport_*.deb"), key=lambda p: p.stat().st_mtime) if dist.is_dir() else []
    if not debs:
        _missing(f"没有 {dist}/govreport_*.deb：先以 root 运行 packaging/build_linux_oldglibc.sh")
    if not shutil.which("dpkg-deb"):
        _missing("需要 dpkg-deb（dpkg）解开 .deb")
    deb = debs[-1]
    spec = REPO / "packaging" / "govreport.spec"
    if os.environ.get("GOVREPORT_REQUIRE_OLDGLIBC") != "1" and deb.stat().st_mtime < spec.stat().st_mtime:
        pytest.skip(f"{deb.name} 比 packaging/govreport.spec 旧：重新运行 packaging/build_linux_oldglibc.sh")
    root = tmp_path_factory.mktemp("deb")
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    fields = {name: subprocess.run(["dpkg-deb", "-f", str(deb), name], capture_output=True, text=True,
                                   check=True).stdout.strip() for name in ("Depends", "Recommends")}
    folder = root / "opt" / "govreport"
    return folder, fields, elf_needs.elf_files(folder)


def test_no_file_needs_more_than_glibc_2_28_and_gcc_8(package):
    folder, _depends, elves = package
    assert len(elves) > 50 and any(e.path.name.startswith("libQt6Core") for e in elves)
    assert elf_needs.over_limit(elves, folder) == []
    assert elf_needs.newest_needed(elves, "GLIBC") == OLD_GLIBC


def test_depends_says_glibc_2_28(package):
    _folder, fields, _elves = package
    assert re.search(rf"(^|, )libc6 \(>= {re.escape(OLD_GLIBC)}\)(,|$)", fields["Depends"]), fields["Depends"]


def test_depends_names_what_the_folder_needs_and_does_not_carry(package):
    _folder, fields, elves = package
    groups = depends_groups(fields["Depends"])
    named = set().union(*groups)
    have = elf_needs.carried(elves)
    required = elf_needs.not_carried([e for e in elves if not elf_needs.wayland_only(e)], have)
    # every library the folder needs and does not carry comes from a package Depends names
    assert {s: debian_package(s) for s in required if debian_package(s) not in named} == {}
    # no package in Depends whose library the folder carries itself; nothing named for no reason
    carried = {debian_package(name) for name in have if ".so." in name}
    linked = {debian_package(s) for s in required}
    assert [g for g in groups if g & carried and not g & linked] == []
    assert [g for g in groups if not g & linked and not g & DATA] == []
    assert {"fontconfig-config"} in groups
    assert named.isdisjoint(CARRIED_BEFORE), fields["Depends"]
    assert any(set(FONTS) <= g for g in groups), fields["Depends"]     # Chinese fonts, as alternatives


def test_what_only_wayland_needs_is_recommended(package):
    """Qt's Wayland plugins need libwayland-client0/-cursor0/-egl1 (PyInstaller never carries them): an X11
    desktop without them must still install the package, so they are recommended, not required."""
    _folder, fields, elves = package
    wayland = [e for e in elves if elf_needs.wayland_only(e)]
    assert any(e.path.name == "libqwayland-generic.so" for e in wayland)
    extra = set(elf_needs.not_carried(wayland, elf_needs.carried(elves))) - set(
        elf_needs.not_carried([e for e in elves if not elf_needs.wayland_only(e)], elf_needs.carried(elves)))
    assert "libwayland-cursor.so.0" in extra
    recommended = set().union(*depends_groups(fields["Recommends"]))
    named = set().union(*depends_groups(fields["Depends"]))
    for soname in extra:
        assert debian_package(soname) in recommended - named, soname


def test_the_cxx_runtime_comes_from_the_system(package):
    """libstdc++ and libgcc_s come from the system; libgcc_s's package is libgcc1 on Debian 10 and
    统信UOS 20, libgcc-s1 from Debian 11 on: either satisfies the .deb."""
    _folder, fields, elves = package
    names = {e.path.name for e in elves}
    assert not [n for n in names if n.startswith(("libstdc++.so", "libgcc_s.so"))]
    groups = depends_groups(fields["Depends"])
    assert {"libstdc++6"} in groups
    assert {"libgcc-s1", "libgcc1"} in groups, fields["Depends"]
