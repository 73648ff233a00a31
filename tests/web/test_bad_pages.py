"""Web pages that are too big, hostile, broken or no report: a clear message or a bounded read
with a note, nothing fetched, nothing run."""

from __future__ import annotations

import socket
import urllib.request

import pytest
from published_corpus import assert_same_report, page_bytes, published_page

from govreport_gui.core.errors import ReadError
from govreport_gui.io.import_preview import build_preview
from govreport_gui.io.registry import read_report


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection or a URL fails the test."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError(f"network access attempted: {args}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    return attempts


def _save(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_50_mb_page_is_refused_with_a_message(tmp_path):
    path = tmp_path / "huge.html"
    with open(path, "wb") as f:
        f.write(b"<!DOCTYPE html><html><body>")
        line = b"<p>" + "某某".encode() * 40 + b"</p>\n"
        for _ in range(50 * 1024 * 1024 // len(line)):
            f.write(line)
    with pytest.raises(ReadError) as info:
        read_report(path)
    assert "MB" in str(info.value) and "年报网页" in str(info.value)


@pytest.mark.parametrize("attr", ["colspan", "rowspan"])
def test_huge_spans_are_capped_with_a_note(tmp_path, attr):
    text, expected = published_page("plain", "2021", seed=31)
    evil = f'<table border="1"><tr><td {attr}="100000">备注</td><td>1</td></tr><tr><td>2</td></tr></table>'
    text = text.replace("<p><b>四、", evil + "<p><b>四、", 1)
    result = read_report(_save(tmp_path, "spans.html", page_bytes(text)))
    assert_same_report(result, expected)
    if attr == "colspan":
        assert any("超出" in n or "很大" in n for n in result.notes), result.notes


def test_colspan_inside_a_report_table_keeps_the_other_figures(tmp_path):
    """A damaged span in 二's caption row: the table is still read, the note says what was capped."""
    text, _ = published_page("plain", "2019", seed=32)
    start = text.index('<td colspan="', text.index("<table"))
    end = text.index('"', start + len('<td colspan="'))
    text = text[:start] + '<td colspan="100000' + text[end:]
    result = read_report(_save(tmp_path, "caption.html", page_bytes(text)))
    assert any("超出" in n or "很大" in n for n in result.notes)
    assert result.report.form_version == "2019"


def test_malformed_markup_is_read_as_far_as_it_goes(tmp_path):
    text, expected = published_page("cms", "2021", seed=33)
    broken = text.replace("</td>", "").replace("</tr>", "").replace("</p>", "")
    assert_same_report(read_report(_save(tmp_path, "broken.html", page_bytes(broken))), expected)


def test_a_page_cut_off_in_the_middle_names_what_is_missing(tmp_path):
    text, _ = published_page("split", "2021", seed=34)
    cut = text[: text.index("四、政府信息公开行政复议")]
    result = read_report(_save(tmp_path, "cut.html", page_bytes(cut)))
    joined = "\n".join(result.notes)
    assert "没有找到表四" in joined and "没有找到这些部分的标题" in joined


def test_a_page_that_is_no_report(tmp_path):
    page = ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>新闻</title></head><body>"
            "<div class='nav'>首页 | 新闻</div><h1>我市召开交通运输工作会议</h1><p>会议指出，要坚持稳中求进。</p>"
            "<table><tr><td>时间</td><td>地点</td></tr><tr><td>上午</td><td>会议室</td></tr></table></body></html>")
    with pytest.raises(ReadError) as info:
        read_report(_save(tmp_path, "news.html", page.encode()))
    assert "不像政府信息公开工作年度报告" in str(info.value)


def test_a_page_made_by_a_script_says_what_to_do(tmp_path):
    page = b"<html><head><script src='app.js'></script></head><body><div id='app'></div><script>render()</script></body></html>"
    with pytest.raises(ReadError) as info:
        read_report(_save(tmp_path, "spa.html", page))
    assert "另存为" in str(info.value)


def test_scripts_entities_and_links_are_never_followed(tmp_path, no_network):
    text, expected = published_page("cms", "2021", seed=35)
    secret = tmp_path / "secret.txt"
    secret.write_text("TOPSECRET-CONTENT", encoding="utf-8")
    doctype = (f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">'
               '<!ENTITY net SYSTEM "http://evil.example/x">]>')
    tricks = (f'<script src="http://evil.example/a.js"></script><script>document.write("一、总体情况")</script>'
              f'<img src="http://evil.example/a.png"><iframe src="file://{secret}"></iframe>'
              f'<link rel="stylesheet" href="http://evil.example/s.css"><object data="file://{secret}"></object>'
              '<p style="display:none">隐藏的文字</p>')
    page = doctype + text.replace("<!DOCTYPE html>", "").replace("<footer>", tricks + "<p>&xxe;&net;</p><footer>", 1)
    result = read_report(_save(tmp_path, "evil.html", page_bytes(page)))
    assert no_network == []
    everything = repr(result.report.sections) + repr(result.report.meta) + "".join(result.notes)
    assert "TOPSECRET" not in everything and "document.write" not in everything and "隐藏的文字" not in everything
    assert_same_report(result, expected)


def test_preview_says_where_each_table_was_found(tmp_path):
    text, _ = published_page("layout", "2021", seed=36)
    path = _save(tmp_path, "p.html", page_bytes(text))
    preview = build_preview(read_report(path), path)
    summaries = [t.summary for t in preview.tables]
    assert [s.split("：")[0] for s in summaries] == ["表二（网页中的第1个表格）", "表三（网页中的第2个表格）",
                                                    "表四（网页中的第3个表格）"]
