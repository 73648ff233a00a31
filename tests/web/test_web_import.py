"""Saved web pages of published reports (.html/.htm in UTF-8 or GBK, .mhtml/.mht) read as last
year's report: every figure, the version, title, agency, year, preamble, prose and signature."""

from __future__ import annotations

import json

import pytest
from published_corpus import STYLES, VERSIONS, assert_same_report, mhtml_bytes, page_bytes, published_page, widened

from govreport_gui.cli import main
from govreport_gui.io.import_preview import build_preview
from govreport_gui.io.registry import read_report, sniff


def _save(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("style", STYLES)
def test_each_portal_style_reads_exactly(tmp_path, style, version):
    text, expected = published_page(style, version, seed=len(style) * 10 + int(version) % 7)
    path = _save(tmp_path, "年报.html", page_bytes(text))
    assert sniff(path) == "html"
    result = read_report(path)
    assert result.kind == "html"
    assert_same_report(result, expected)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_figures_that_do_not_balance_are_read_as_printed(tmp_path, seed):
    text, expected = published_page(STYLES[seed % len(STYLES)], VERSIONS[seed % 2], seed, balanced=False)
    assert_same_report(read_report(_save(tmp_path, "p.htm", page_bytes(text))), expected)


@pytest.mark.parametrize("declared", [True, False])
@pytest.mark.parametrize("style", ["layout", "plain"])
def test_gbk_pages_declared_or_not(tmp_path, style, declared):
    text, expected = published_page(style, "2019", seed=7, charset="gbk" if declared else None)
    path = _save(tmp_path, "page.html", page_bytes(text, "gbk"))
    assert sniff(path) == "html"
    result = read_report(path)
    assert_same_report(result, expected)
    assert declared or any("GB18030" in n or "GBK" in n for n in result.notes)


def test_gb18030_page_declared_as_gb2312(tmp_path):
    """Pages labelled GB2312 often hold characters only GBK/GB18030 has (镕, 珺)."""
    text, expected = published_page("plain", "2021", seed=11, charset="gb2312")
    expected.sections["五"] = text_five = "部分经办人员（朱镕、王珺）业务不熟。"
    text = text.replace("一是公开内容还不够全面；二是政策解读形式较为单一。</p>\n<p>　　下一步，将加强业务培训，提高公开质量。",
                        text_five)
    assert_same_report(read_report(_save(tmp_path, "p.html", page_bytes(text, "gb18030"))), expected)


@pytest.mark.parametrize("transfer", ["quoted-printable", "base64"])
@pytest.mark.parametrize("version", VERSIONS)
def test_mhtml_single_file_saves(tmp_path, transfer, version):
    text, expected = published_page("cms", version, seed=21)
    path = _save(tmp_path, "年报.mhtml", mhtml_bytes(text, transfer))
    assert sniff(path) == "mhtml"
    result = read_report(path)
    assert result.kind == "mhtml"
    assert_same_report(result, expected)


def test_mhtml_in_gbk_recognised_without_its_suffix(tmp_path):
    text, expected = published_page("layout", "2021", seed=5, charset="gbk")
    path = _save(tmp_path, "saved.bin", mhtml_bytes(text, "base64", charset="gbk"))
    assert sniff(path) == "mhtml"
    assert_same_report(read_report(path), expected)


def test_recognised_by_content_not_extension(tmp_path):
    text, expected = published_page("split", "2021", seed=4)
    path = _save(tmp_path, "report.txt", page_bytes(text))
    assert sniff(path) == "html"
    assert_same_report(read_report(path), expected)


def test_notes_name_the_portal_text_left_out(tmp_path):
    text, _ = published_page("cms", "2021", seed=8)
    result = read_report(_save(tmp_path, "p.html", page_bytes(text)))
    joined = "\n".join(result.notes)
    assert "首页" in joined          # the navigation before the title: named, not read
    assert "备案号" in joined or "主办单位" in joined   # the footer after the signature


def test_preview_shows_every_table(tmp_path):
    text, expected = published_page("layout", "2019", seed=9)
    result = read_report(_save(tmp_path, "p.html", page_bytes(text)))
    preview = build_preview(result, tmp_path / "p.html")
    assert preview.source.startswith("网页")
    n_inputs = sum(1 for k in expected.form.input_keys() if expected.values.get(k))
    assert preview.n_figures == n_inputs
    assert not preview.problems and not preview.printed_mismatches


def test_command_line_check_and_dump(tmp_path, capsys):
    text, expected = published_page("plain", "2021", seed=12)
    path = _save(tmp_path, "page.html", page_bytes(text))
    assert main(["dump", str(path)]) == 0
    dumped = json.loads(capsys.readouterr().out)
    assert dumped["format"] == "2021" and dumped["agency"] == expected.meta.agency
    cells = {(c["table"], c["row"], c["col"]): c["value"] for c in dumped["cells"]}
    for key in expected.form.input_keys():
        value = expected.values.get(key) or 0
        assert (cells.get(tuple(key)) or 0) in (value, str(value)), key
    main(["check", str(path)])
    out = capsys.readouterr().out
    assert "个错误" in out


@pytest.mark.parametrize("factor", [3, 7])
@pytest.mark.parametrize("version", VERSIONS)
def test_tables_of_wide_merged_cells(tmp_path, version, factor):
    """Every label and figure in a merge several columns wide (a page pasted into an office suite
    and saved again): the figure right of a label is found however wide the merges are."""
    text, expected = published_page("cms", version, seed=factor)
    assert_same_report(read_report(_save(tmp_path, "wide.html", page_bytes(widened(text, factor)))), expected)


def test_new_report_from_last_years_page(tmp_path, capsys):
    """`govreport new --previous page.htm`: this year's report prefilled from last year's page."""
    from govreport_gui.core.serialize import load_file

    text, expected = published_page("layout", "2021", seed=13, charset="gbk")
    page = _save(tmp_path, "去年年报.htm", b"\xef\xbb\xbf" + text.encode("utf-8"))   # BOM wins over the meta
    out = tmp_path / "new.govreport"
    assert main(["new", "--previous", str(page), "-o", str(out)]) == 0
    assert "已结转" in capsys.readouterr().err
    loaded = load_file(out)
    assert loaded.report.meta.year == expected.meta.year + 1
    assert loaded.report.meta.agency == expected.meta.agency
    assert loaded.previous is not None
    assert_same_report(read_report(page), expected)


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_xhtml_page_with_an_xml_declaration(tmp_path, encoding):
    """Older portals serve XHTML 1.0: an XML declaration (its encoding the only one given) and a DTD."""
    text, expected = published_page("cms", "2019", seed=14, charset=None)
    xhtml = (f'<?xml version="1.0" encoding="{encoding}"?>\n<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" '
             '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">\n'
             + text.replace("<!DOCTYPE html>\n", "").replace("<html>", '<html xmlns="http://www.w3.org/1999/xhtml">'))
    path = _save(tmp_path, "x.htm", xhtml.encode(encoding))
    assert sniff(path) == "html"
    result = read_report(path)
    assert not any("GB18030" in n for n in result.notes)   # the declaration was honoured, not guessed
    assert_same_report(result, expected)


def test_bold_heading_and_its_text_in_one_paragraph(tmp_path):
    """``<p><b>一、总体情况</b>本年度……</p>``: the heading starts the section, the text is its prose."""
    import re

    text, expected = published_page("plain", "2021", seed=15)
    merged = re.sub(r"(<p><b>[^<]*</b>)</p>\n<p>　　", r"\1", text)
    assert merged.count("</b></p>") < text.count("</b></p>")
    assert_same_report(read_report(_save(tmp_path, "p.html", page_bytes(merged))), expected)


def test_mhtml_whose_charset_is_only_in_the_part_header(tmp_path):
    """A GBK page without <meta>: the MIME part's charset decides (nothing guessed)."""
    text, expected = published_page("split", "2019", seed=16, charset=None)
    path = _save(tmp_path, "p.mht", mhtml_bytes(text, "quoted-printable", charset="gbk"))
    result = read_report(path)
    assert not any("GB18030" in n for n in result.notes)
    assert_same_report(result, expected)
