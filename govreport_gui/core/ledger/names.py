"""The applicant's type of a ledger that only names its applicants.

* ``named``: a person's name (姓名) and an organisation's (单位名称) kept in two columns — a person is
  a 自然人, an organisation the kind its name ends with.
* ``by_name``: one column of names of either kind (申请人姓名或名称) — an organisation the kind its name
  ends with (某某律师事务所 → 法律服务机构); a name shaped as a person's (two to four characters, or
  masked: 张某, 李**) and holding no organisation's word stands for one question to the clerk
  (``LedgerWords.person_names``: assigned once to 自然人, remembered for the agency — no person's
  name is stored); any other name is unclear itself.  Nothing is counted from the shape alone.
"""

from __future__ import annotations

import re

from .words import norm

_PERSON = re.compile(r"^([\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,2}(某{1,2}|[*＊×xX]{1,3}|先生|女士)"
                     r"|[\u4e00-\u9fff]{1,8}[·・][\u4e00-\u9fff]{1,8})$")


def ending_kind(name: str, endings: list[tuple[str, str]]) -> str | None:
    """The applicant column an organisation's name (``norm``) ends with, if any (longest first)."""
    return next((target for ending, target in endings if name.endswith(ending) and name != ending), None)


def looks_like_person(name: str, organisation_marks: tuple[str, ...]) -> bool:
    """A name (as written) shaped as a person's and holding no organisation's word."""
    text = "".join(name.split())
    return _PERSON.match(text) is not None and not any(m in text for m in organisation_marks)


def named(person: str, organisation: str, natural: str, endings: list[tuple[str, str]]) -> str | None:
    """The applicant's type from a person's and an organisation's name column (as written): a person's
    name alone → ``natural``; an organisation's alone → its kind, or the name itself (unclear); both
    filled → both (unclear: which one applied is not written)."""
    if person and not organisation:
        return natural
    if not organisation:
        return None
    if person:
        return f"{person}／{organisation}"
    return ending_kind(norm(organisation), endings) or organisation


def by_name(name: str, endings: list[tuple[str, str]], organisation_marks: tuple[str, ...], person_token: str) -> str | None:
    """The applicant's type from one column of names (as written): an organisation's kind, the
    question for persons (``person_token``), or the name itself (unclear)."""
    if not name:
        return None
    kind = ending_kind(norm(name), endings)
    if kind is not None:
        return kind
    return person_token if looks_like_person(name, organisation_marks) else name
