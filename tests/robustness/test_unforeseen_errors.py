"""An error nobody foresaw still reaches the clerk as Chinese: the message says what to do and
names the error only as a code for technical support (“错误代码：…”), never bare English."""

from __future__ import annotations

import re

import pytest

from govreport_gui.core.errors import ReadError, technical_details
from govreport_gui.io import registry


def test_a_reader_that_fails_unforeseen_gives_a_coded_chinese_message(tmp_path, monkeypatch):
    path = tmp_path / "上年报告.json"
    path.write_text("{}", encoding="utf-8")

    def broken_reader(_path):
        raise KeyError("sections")

    monkeypatch.setattr(registry, "_resolve", lambda _target: broken_reader)
    with pytest.raises(ReadError) as caught:
        registry.read_report(path)
    message = str(caught.value)
    assert "（错误代码：KeyError）" in message
    assert "技术支持" in message and "另存" in message            # what to do
    assert not re.search(r"（[A-Za-z]+）", message)                 # no English word standing alone


def test_the_details_say_who_they_are_for():
    details = technical_details(ValueError("bad cell"))
    assert details.startswith("以下信息供技术支持人员使用")
    assert details.endswith("ValueError: bad cell")
