"""What the ELF files of a built folder need from the system they run on (standard library only).

Reads, from each ELF file's dynamic section, the libraries it needs (DT_NEEDED), its own name
(DT_SONAME), and the symbol versions it needs from each library (.gnu.version_r: ``GLIBC_2.28``
from ``libc.so.6``, ``GLIBCXX_3.4.25`` from ``libstdc++.so.6``).  Used by the Linux builds and by
tests/packaging/test_oldglibc_build.py:

    python3 packaging/linux/elf_needs.py check FOLDER|FILE   the files needing more than glibc 2.28 / gcc 8
    python3 packaging/linux/elf_needs.py needs FOLDER        the libraries FOLDER does not carry
    python3 packaging/linux/elf_needs.py files FOLDER [--wayland-only | --not-wayland-only]
                                                             the ELF files in FOLDER (those Qt loads only
                                                             in a Wayland session, or the others)
    python3 packaging/linux/elf_needs.py symver-header LIB…  a C header binding the functions of LIB…
                                                             that got a new version after glibc 2.28
                                                             to their older version

The limits are those of 统信UOS 20 (Debian 10 based: glibc 2.28, gcc 8's libstdc++ and libgcc_s).
"""

from __future__ import annotations

import re
import struct
import sys
from dataclasses import dataclass
from pathlib import Path

# the newest version of each system family a program may need to run on glibc 2.28 with gcc 8
LIMITS = {"GLIBC": (2, 28), "GLIBCXX": (3, 4, 25), "CXXABI": (1, 3, 11), "GCC": (7, 0, 0)}
# the libraries of glibc itself: one package (libc6), always on the system
GLIBC_SONAMES = re.compile(r"^(libc|libm|libdl|libpthread|librt|libutil|libresolv|libanl|libnsl|libcrypt"
                           r"|libmvec|libBrokenLocale|libthread_db)\.so\.\d+$|^ld-linux[-\w.]*\.so\.\d+$")

# files Qt loads only in a Wayland session: what they need is recommended, not required (an X11 desktop —
# 统信UOS 20, 银河麒麟 V10 — need not have libwayland-cursor0; where it is missing Qt uses its xcb plugin)
WAYLAND_ONLY = re.compile(r"(^|/)(libQt6Wayland|libQt6Wl|libqwayland)[^/]*$|/plugins/wayland-[^/]+/[^/]+$")

SHT_DYNSYM, SHT_DYNAMIC = 11, 6
SHT_GNU_VERDEF, SHT_GNU_VERNEED, SHT_GNU_VERSYM = 0x6FFFFFFD, 0x6FFFFFFE, 0x6FFFFFFF
DT_NEEDED, DT_SONAME, DT_RPATH, DT_RUNPATH = 1, 14, 15, 29
# libm's functions whose newer version (glibc 2.29) only dropped the old SVID error handling: the same
# arguments and results, so code built against 2.29+ may call the older version.  (Not a general rule:
# totalorder's new version changed its arguments, __libc_start_main's its start-up protocol.)
SAME_ABI_MATH = frozenset({"exp", "exp2", "log", "log2", "pow"})
_VERSION = re.compile(r"^([A-Z]+)_(\d+(?:\.\d+)*)$")


@dataclass(frozen=True)
class Elf:
    path: Path
    machine: int
    soname: str | None
    needed: tuple[str, ...]
    runpath: tuple[str, ...]
    version_needs: dict[str, frozenset[str]]  # needed library → symbol versions needed from it


class _Image:
    """An ELF file's bytes with its section headers (64-bit or 32-bit, either byte order)."""

    def __init__(self, data: bytes):
        self.data = data
        self.wide = data[4] == 2
        self.order = "<" if data[5] == 1 else ">"
        if self.wide:
            self.machine, = self._at("H", 0x12)
            shoff, = self._at("Q", 0x28)
            shentsize, shnum = self._at("HH", 0x3A)
            layout = "IIQQQQIIQQ"
        else:
            self.machine, = self._at("H", 0x12)
            shoff, = self._at("I", 0x20)
            shentsize, shnum = self._at("HH", 0x2E)
            layout = "IIIIIIIIII"
        # (type, offset, size, link, info, entsize) of each section
        self.sections = []
        for i in range(shnum):
            raw = self._at(layout, shoff + i * shentsize)
            self.sections.append((raw[1], raw[4], raw[5], raw[6], raw[7], raw[9]))

    def _at(self, fmt: str, offset: int) -> tuple:
        return struct.unpack_from(self.order + fmt, self.data, offset)

    def section(self, kind: int):
        return next((s for s in self.sections if s[0] == kind), None)

    def string(self, table_index: int, offset: int) -> str:
        start = self.sections[table_index][1] + offset
        return self.data[start:self.data.index(b"\0", start)].decode("utf-8", "replace")

    def dynamic(self) -> list[tuple[int, str]]:
        dyn = self.section(SHT_DYNAMIC)
        if dyn is None:
            return []
        fmt, step = ("qQ", 16) if self.wide else ("iI", 8)
        entries = []
        for offset in range(dyn[1], dyn[1] + dyn[2], step):
            tag, value = self._at(fmt, offset)
            if tag == 0:
                break
            if tag in (DT_NEEDED, DT_SONAME, DT_RPATH, DT_RUNPATH):
                entries.append((tag, self.string(dyn[3], value)))
        return entries

    def version_needs(self) -> dict[str, frozenset[str]]:
        need = self.section(SHT_GNU_VERNEED)
        needs: dict[str, frozenset[str]] = {}
        if need is None:
            return needs
        offset = need[1]
        for _ in range(need[4]):                       # sh_info: the number of entries
            _version, count, file_name, aux, following = self._at("HHIII", offset)
            names, aux_offset = set(), offset + aux
            for _ in range(count):
                _hash, _flags, _other, name, aux_next = self._at("IHHII", aux_offset)
                names.add(self.string(need[3], name))
                aux_offset += aux_next
            library = self.string(need[3], file_name)
            needs[library] = needs.get(library, frozenset()) | frozenset(names)
            if not following:
                break
            offset += following
        return needs

    def version_definitions(self) -> dict[int, tuple[str, bool]]:
        """Version index → (name, is the library's own name entry)."""
        verdef = self.section(SHT_GNU_VERDEF)
        names: dict[int, tuple[str, bool]] = {}
        if verdef is None:
            return names
        offset = verdef[1]
        for _ in range(verdef[4]):
            _version, flags, index, _count, _hash, aux, following = self._at("HHHHIII", offset)
            name, = self._at("I", offset + aux)
            names[index] = (self.string(verdef[3], name), bool(flags & 1))   # VER_FLG_BASE
            if not following:
                break
            offset += following
        return names

    def defined_symbols(self) -> list[tuple[str, str, bool]]:
        """(symbol, version, is the default version) of every symbol the file defines."""
        dynsym, versym = self.section(SHT_DYNSYM), self.section(SHT_GNU_VERSYM)
        if dynsym is None or versym is None:
            return []
        versions = self.version_definitions()
        symbols = []
        for i in range(dynsym[2] // dynsym[5]):
            entry = dynsym[1] + i * dynsym[5]
            if self.wide:
                name, _info, _other, shndx = self._at("IBBH", entry)
            else:
                name, = self._at("I", entry)
                shndx, = self._at("H", entry + 14)
            index, = self._at("H", versym[1] + 2 * i)
            version = versions.get(index & 0x7FFF)
            if shndx and version and not version[1]:
                symbols.append((self.string(dynsym[3], name), version[0], not index & 0x8000))
        return symbols


def _image(path: Path) -> _Image | None:
    try:
        with open(path, "rb") as handle:
            if handle.read(4) != b"\x7fELF":
                return None
        return _Image(Path(path).read_bytes())
    except (OSError, struct.error, IndexError, ValueError):
        return None


def read(path: Path) -> Elf | None:
    """The needs of one ELF file; None for anything else (scripts, data, a symbolic link)."""
    path = Path(path)
    if path.is_symlink() or not path.is_file():
        return None
    image = _image(path)
    if image is None:
        return None
    dynamic = image.dynamic()
    runpath = tuple(p for tag, v in dynamic if tag in (DT_RPATH, DT_RUNPATH) for p in v.split(":") if p)
    return Elf(path=path, machine=image.machine,
               soname=next((v for tag, v in dynamic if tag == DT_SONAME), None),
               needed=tuple(v for tag, v in dynamic if tag == DT_NEEDED),
               runpath=runpath, version_needs=image.version_needs())


def elf_files(folder: Path) -> list[Elf]:
    """Every ELF file under folder (symbolic links are not followed: their targets are in it)."""
    found = (read(p) for p in sorted(Path(folder).rglob("*")))
    return [elf for elf in found if elf is not None]


def version_key(version: str) -> tuple[str, tuple[int, ...]] | None:
    """``GLIBC_2.28`` → ("GLIBC", (2, 28)); None for a version without a number (GLIBC_PRIVATE…)."""
    match = _VERSION.match(version)
    if not match:
        return None
    return match.group(1), tuple(int(part) for part in match.group(2).split("."))


def over_limit(elves: list[Elf], root: Path | None = None, limits: dict = LIMITS) -> list[str]:
    """One line for each file that needs a symbol version newer than the limits allow."""
    lines = []
    for elf in elves:
        worst = []
        for library, versions in sorted(elf.version_needs.items()):
            for version in sorted(versions):
                key = version_key(version)
                family = version.split("_")[0]
                if key is None and family in limits:
                    worst.append(f"{version} ({library})")     # GLIBC_PRIVATE: tied to one glibc build
                elif key is not None and key[0] in limits and key[1] > limits[key[0]]:
                    worst.append(f"{version} ({library})")
        if worst:
            name = elf.path.relative_to(root) if root else elf.path
            lines.append(f"{name}: {', '.join(worst)}")
    return lines


def newest_needed(elves: list[Elf], family: str) -> str | None:
    """The newest version of one family (``GLIBC``) any file needs, as ``2.28``."""
    keys = [k[1] for elf in elves for versions in elf.version_needs.values() for v in versions
            if (k := version_key(v)) and k[0] == family]
    return ".".join(map(str, max(keys))) if keys else None


def carried(elves: list[Elf]) -> set[str]:
    """The library names the folder answers itself: file names and sonames of its ELF files, and the
    names of its symbolic links to them."""
    names = {elf.path.name for elf in elves} | {elf.soname for elf in elves if elf.soname}
    folders = {elf.path.parent for elf in elves}
    for folder in folders:
        names |= {p.name for p in folder.iterdir() if p.is_symlink()}
    return names


def wayland_only(elf: Elf) -> bool:
    return bool(WAYLAND_ONLY.search(elf.path.as_posix()))


def not_carried(elves: list[Elf], have: set[str] | None = None) -> dict[str, frozenset[str]]:
    """The libraries some file needs that the folder does not carry (have: the names it carries, by
    default those of elves), with the symbol versions needed from each: the system must provide them
    (libc, the GL/EGL driver libraries, …)."""
    have = carried(elves) if have is None else have
    wanted: dict[str, frozenset[str]] = {}
    for elf in elves:
        for library in elf.needed:
            if library not in have:
                wanted[library] = wanted.get(library, frozenset()) | elf.version_needs.get(library, frozenset())
    return dict(sorted(wanted.items()))


def compat_symbols(libraries: list[Path], family: str = "GLIBC", limit: tuple[int, ...] = LIMITS["GLIBC"],
                   allowed: frozenset[str] = SAME_ABI_MATH):
    """(symbol, older version) for each allowed function whose default version is newer than limit but
    that also has a version at most limit: code compiled against the newer glibc is bound to that one."""
    chosen = {}
    for library in libraries:
        image = _image(Path(library))
        if image is None:
            raise SystemExit(f"{library}: not an ELF file")
        by_symbol: dict[str, list[tuple[tuple[int, ...], str, bool]]] = {}
        for symbol, version, default in image.defined_symbols():
            key = version_key(version)
            if key and key[0] == family and symbol in allowed:
                by_symbol.setdefault(symbol, []).append((key[1], version, default))
        for symbol, versions in by_symbol.items():
            default = [v for v in versions if v[2]]
            older = sorted(v for v in versions if v[0] <= limit)
            if default and default[0][0] > limit and older:
                chosen[symbol] = older[-1][1]
    return sorted(chosen.items())


def symver_header(libraries: list[Path], limit: tuple[int, ...] = LIMITS["GLIBC"]) -> str:
    lines = [f"/* Generated by packaging/linux/elf_needs.py: functions whose default version is newer than "
             f"GLIBC_{'.'.join(map(str, limit))},", "   bound to their older version (included with -include). */",
             "#ifndef __ASSEMBLER__"]
    lines += [f'__asm__(".symver {symbol},{symbol}@{version}");' for symbol, version in
              compat_symbols(libraries, "GLIBC", limit)]
    return "\n".join(lines + ["#endif"]) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) >= 2 and argv[0] == "check":
        folder = Path(argv[1])
        elves = elf_files(folder) if folder.is_dir() else [e for e in [read(folder)] if e]
        bad = over_limit(elves, folder if folder.is_dir() else folder.parent)
        for line in bad:
            print(line)
        limits = ", ".join(f"{k}_{'.'.join(map(str, v))}" for k, v in LIMITS.items())
        print(f"{len(elves)} ELF files; {len(bad)} need more than {limits}; "
              f"newest GLIBC {newest_needed(elves, 'GLIBC')}, GLIBCXX {newest_needed(elves, 'GLIBCXX')}")
        return 1 if bad else 0
    if len(argv) >= 2 and argv[0] == "files":
        wanted = {"--wayland-only": True, "--not-wayland-only": False}.get(argv[2] if len(argv) > 2 else "")
        for elf in elf_files(Path(argv[1])):
            if wanted is None or wayland_only(elf) == wanted:
                print(elf.path)
        return 0
    if len(argv) >= 2 and argv[0] == "needs":
        for library, versions in not_carried(elf_files(Path(argv[1]))).items():
            print(library, " ".join(sorted(versions)))
        return 0
    if len(argv) >= 2 and argv[0] == "symver-header":
        sys.stdout.write(symver_header([Path(p) for p in argv[1:]]))
        return 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
