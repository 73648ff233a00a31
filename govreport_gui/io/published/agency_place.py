"""An agency named without its place, completed from the report's own words.

A city's portal lists its departments' reports under the city's name, so a title or a preface may
name the agency without it: ``市应急管理局`` (the level word alone), ``应急管理局`` (no place at
all).  The report's text mostly names the agency whole somewhere (``2023年，安康市应急管理局……``,
the 落款): the agency field takes that name, and the clerk is told.  An agency that opens with a
level word and is named whole nowhere is kept as written, with a note asking for the place.
"""

from __future__ import annotations

import re
from collections import Counter

from ...core.forms.traditional import fold_traditional

# the words of an administrative level that end a place's name (安康市, 滨江区, 红枫镇)
_LEVELS = "省市县区州旗盟镇乡"
# 市 inside a word that is no level (市场监督管理局, 市政, 市容)
_NOT_LEVEL = re.compile(r"市(?=场|政|容)")
# characters no place's name holds: they end the run of characters read back from the agency
_NOT_PLACE = set("的和与及在由对向为是了我本全各该将把被从于年月日至按据经等")
_CJK = re.compile(r"[\u4e00-\u9fff]")
# the verbs a sentence leads into an organ's name with (现公布XX局…, 请联系XX局…): no place's
_LEAD_WORDS = re.compile(r"^(?:[现特请向经已可]|直接)*(?:公布|公开|发布|编制|联系|报送|印发|制定|结合|根据|按照|依据)+")
# a name that holds its own place without a level word: a 街道 is named for one (东城街道办事处)
_OWN_PLACE = ("街道",)
#: A place's name (with its level word) read before an agency is at most this long.
MAX_PLACE = 8


def opens_with_level(agency: str) -> bool:
    """``市应急管理局``, ``区人民政府办公室``: a level word with no place's name before it."""
    plain = _NOT_LEVEL.sub("_", fold_traditional(agency))
    return len(plain) > 2 and plain[0] in _LEVELS and not any(ch in _LEVELS for ch in plain[1:5])


def names_no_place(agency: str) -> bool:
    """No level word anywhere (``应急管理局``) nor a name holding its own place (``东城街道办事处``): the
    place may have been left to the page around it."""
    plain = _NOT_LEVEL.sub("_", fold_traditional(agency))
    return not any(ch in _LEVELS for ch in plain) and not any(word in plain for word in _OWN_PLACE)


def whole_name(agency: str, texts: list[str]) -> str:
    """The agency as ``texts`` name it with its place (``安康市应急管理局`` for ``市应急管理局``,
    ``梅河口市应急管理局`` for ``应急管理局``), the name most of its mentions agree on; "" when none
    does or ``agency`` has its place."""
    bare = opens_with_level(agency)
    if not (bare or names_no_place(agency)):
        return ""
    places = [place for text in texts for place in _places_before(agency, text, bare)]
    support = Counter({place: sum(other.endswith(place) for other in places) for place in places})
    if not support:
        return ""
    best = max(support.values())
    place = min((p for p, n in support.items() if n == best), key=len)
    return place + agency


def _shortest_place(agency: str, bare: bool) -> int:
    """How short a place's name read before ``agency`` may be: a county's one character before
    ``县…`` (珙县, 威县, 沛县 — many counties are named so), else two."""
    return 1 if bare and fold_traditional(agency).startswith("县") else 2


def _places_before(agency: str, text: str, bare: bool) -> list[str]:
    """The place's name read back from each mention of ``agency`` in ``text``: the characters before
    it up to one no place holds (a mark, a digit, 年, 的, 在…) without the verb leading into the name
    (现公布, 请联系), 2 at least (a county's 1), ending with a level word unless ``agency`` opens with one."""
    out = []
    for found in re.finditer(re.escape(agency), text):
        start = found.start()
        while start > 0 and found.start() - start < MAX_PLACE and _CJK.match(text[start - 1]) \
                and text[start - 1] not in _NOT_PLACE:
            start -= 1
        lead = _LEAD_WORDS.match(fold_traditional(text[start:found.start()]))
        start += lead.end() if lead else 0
        place = text[start:found.start()]
        if len(place) >= _shortest_place(agency, bare) and found.start() - start < MAX_PLACE \
                and (bare or fold_traditional(place[-1]) in _LEVELS):
            out.append(place)
    return out
