"""``LazyPattern`` is used as the compiled pattern is, and compiles it only when first used."""

from __future__ import annotations

import re

import pytest

from govreport_gui.core.lazy_pattern import LazyPattern


def test_it_answers_as_the_compiled_pattern(monkeypatch):
    compiled = []
    real = re.compile
    monkeypatch.setattr(re, "compile", lambda *a: compiled.append(a) or real(*a))
    lazy = LazyPattern(r"^\s*[（(](?P<n>[一二三])[）)]", re.IGNORECASE)
    assert compiled == []   # nothing compiled until used
    assert lazy.match("（二）公开").group("n") == "二"
    assert lazy.search("x（一）") is None and lazy.sub("", "（三）办理") == "办理"
    assert lazy.subn("", "（一）a") == ("a", 1)
    assert lazy.pattern == r"^\s*[（(](?P<n>[一二三])[）)]" and lazy.flags & re.IGNORECASE
    assert len(compiled) == 1   # once, whatever is asked of it
    assert lazy.compiled() is lazy.compiled()
    assert lazy.match("（一）").group(0) == "（一）" and len(compiled) == 1


def test_what_a_pattern_lacks_is_refused_as_it_would_be():
    lazy = LazyPattern("a")
    with pytest.raises(AttributeError):
        lazy.no_such_method  # noqa: B018
    with pytest.raises(re.error):
        LazyPattern("(").match("x")   # a wrong pattern fails where it is first used
