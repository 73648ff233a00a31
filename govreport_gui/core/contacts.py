"""The contact lines of a report's text: where the electronic version can be downloaded, 地址, 邮编,
电话, 电子邮箱 — as reports write them in the preface or at the end of 六, labelled with a colon (or
without one where the value shows what it is), separated by ，；、 or set in brackets.

    >>> fields = contact_fields("如有疑问，请联系（地址：某市政务路8号，邮编：331001，电话：0798-6123456）。")
    >>> fields["address"], fields["postcode"], fields["phone"]
    ('某市政务路8号', '331001', '0798-6123456')
"""

from __future__ import annotations

import re

# one pattern per ``Metadata`` field; group "v" is the value
PATTERNS = {
    "website": (
        re.compile(r"电子版[^。；;\n]{0,8}?(?:在|从|于|登录|通过)(?P<v>[^，,。；;\n]{2,60}?)(?:上|中)?"
                   r"(?:查阅|下载|浏览|获取|查询|查看)"),
        re.compile(r"(?:网址|网站(?:地址)?)[：:]\s*(?P<v>(?:https?://)?[\w.-]+\.[A-Za-z]{2,}[\w./?=&%-]*)"),
    ),
    "address": (re.compile(r"(?<!网站)(?<!网页)(?<!邮件)(?<!邮箱)(?<!信箱)(?:通讯|通信|联系|办公)?地\s*址[：:]\s*"
                           r"(?P<v>[^，,；;。\n]+)"),),
    "postcode": (re.compile(r"邮\s*(?:政)?\s*编\s*(?:码)?[：:]?\s*(?P<v>\d{6})(?!\d)"),),
    "phone": (re.compile(r"(?:联系|咨询|服务|办公|值班)?电\s*话(?:号码)?[：:]?\s*"
                         r"(?P<v>[(（]?\d[\d\s\-－—()（）/、]{5,}\d)"),),
    "email": (re.compile(r"(?:电子)?(?:邮\s*箱|信\s*箱|邮件)(?:地址)?[：:]?\s*(?P<v>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"),
              re.compile(r"(?P<v>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)")),
}
CONTACT_FIELDS = tuple(PATTERNS)


def _clean(name: str, value: str) -> str:
    value = value.strip(" \u3000\t")
    if name in ("address", "website") and value.count("）") > value.count("（"):
        value = value[:value.rindex("）")] if value.endswith("）") else value
    if name == "phone":
        value = re.sub(r"[、/\s]+$", "", value)
        if value.count("（") < value.count("）") or value.count("(") < value.count(")"):
            value = value.rstrip(")）")
    if name == "email":
        value = value.rstrip(".")
    return value.strip()


def contact_fields(text: str) -> dict[str, str]:
    """The contact details ``text`` gives, by ``Metadata`` field (the first of each)."""
    out: dict[str, str] = {}
    for name, patterns in PATTERNS.items():
        for pattern in patterns:
            m = pattern.search(text)
            if m and (value := _clean(name, m.group("v"))):
                if name == "phone" and sum(ch.isdigit() for ch in value) < 7:
                    continue
                out[name] = value
                break
    return out


def is_contact_sentence(sentence: str) -> bool:
    """Whether a sentence gives contact details (or where to download the report): two of them, the
    download site, a 联系/咨询 sentence, or a short line that is a label and its value."""
    found = contact_fields(sentence)
    return bool(found) and (len(found) >= 2 or "website" in found or "联系" in sentence or "咨询" in sentence
                            or len(sentence.strip()) <= 40)


def contact_sentences(text: str) -> list[str]:
    """The lines of ``text`` made of the sentences that give contact details, those sentences only
    (“本报告电子版可在……下载。如对本报告有疑问，请与……联系（地址：……）。”)."""
    lines = []
    for line in text.split("\n"):
        kept = [s for s in re.findall(r"[^。！？!?]+[。！？!?]?", line) if is_contact_sentence(s)]
        if kept:
            lines.append("".join(kept).strip())
    return lines


def is_contact_line(line: str) -> bool:
    """Whether a whole line is contact details (a report's closing paragraph, not a part's text)."""
    return bool(line.strip()) and contact_sentences(line) == [line.strip()]


__all__ = ["contact_fields", "contact_sentences", "is_contact_sentence", "is_contact_line", "CONTACT_FIELDS"]
