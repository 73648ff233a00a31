"""Shapes of real portal and crawler pages that the site corpus (``site_pages``) does not build:
a preface quoting a title inside a title (《关于印发<…>的通知》), a heading broken after its
number, a heading run into its section's text (bold on the page, plain in a crawler's copy), a
publishing line that starts with its date, an agency on its own line that ends in no usual word,
a 落款 set on one line.  Our own agencies, words and markup; every test checks the title's agency
and year, the preface, each section's text and the 落款, not only that the page was read."""

from __future__ import annotations

import html

import pytest

from govreport_gui.io.registry import read_report

AGENCY = "青石县交通运输局"
PREFACE = ["本报告依照《中华人民共和国政府信息公开条例》编写，统计期限为2023年1月1日至2023年12月31日。",
           "如对本报告有疑问，请与本局办公室联系（电话：0571-86012345）。"]
SECTIONS = {
    "一": ["2023年，本局把政务公开作为转变作风的抓手，按时更新各栏目信息。", "（一）主动公开", "全年在门户网站发布信息二百余条。"],
    "二": [], "三": [], "四": [],
    "五": ["一是信息发布还不够及时；二是解读形式比较单一。", "下一步将完善审核流程，丰富解读方式。"],
    "六": ["本年度未收取信息处理费。"],
}
HEADINGS = {"一": "一、总体情况", "二": "二、主动公开政府信息情况", "三": "三、收到和处理政府信息公开申请情况",
            "四": "四、政府信息公开行政复议、行政诉讼情况", "五": "五、存在的主要问题及改进情况", "六": "六、其他需要报告的事项"}
TITLE = f"{AGENCY}2023年政府信息公开工作年度报告"
SITE_TOP = ('<div class="nav"><a href="/">首页</a> <a href="/gk/">政务公开</a> <a href="/hd/">互动交流</a></div>'
            '<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/gk/">信息公开年报</a></div>')
SITE_END = ('<div class="foot"><p><a href="/map">网站地图</a> | <a href="/lx">联系我们</a></p>'
            '<p>主办单位：青石县人民政府办公室　网站标识码：3300000099</p><p>版权所有：青石县人民政府</p></div>')


def _p(text: str) -> str:
    return f"<p>{html.escape(text)}</p>"


def _page(tmp_path, *, title: str = _p(TITLE), details: str = "", headings: dict | None = None,
          body_of=None, signature: str = "", preface=PREFACE, sections=SECTIONS):
    """The page: site text, the article (title, details, preface, the six parts, 落款), the footer.
    ``body_of(key, heading, lines)`` writes a part when the page sets it otherwise."""
    heads = {**HEADINGS, **(headings or {})}
    parts = [_p(line) for line in preface]
    for key, lines in sections.items():
        if body_of is not None:
            parts.append(body_of(key, heads[key], lines))
        else:
            parts.append(f"<p><strong>{html.escape(heads[key])}</strong></p>" + "".join(_p(t) for t in lines))
    article = f'<div class="article">{title}{details}{"".join(parts)}{signature}</div>'
    page = f'<html><head><meta charset="utf-8"><title>年报</title></head><body>{SITE_TOP}{article}{SITE_END}</body></html>'
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    return read_report(path)


def _assert_report(result, agency: str = AGENCY, organ: str = "", date: str = "", preface=PREFACE,
                   sections=SECTIONS) -> None:
    report = result.report
    assert (report.meta.agency, report.meta.year) == (agency, 2023)
    assert report.meta.preamble == "\n".join(preface)
    for key, lines in sections.items():
        assert report.sections.get(key, "") == "\n".join(lines), key
    assert (report.meta.issuing_organ, report.meta.date) == (organ, date)


def test_a_preface_quoting_a_title_in_angle_brackets_is_no_breadcrumb(tmp_path):
    preface = ["本报告依照《关于印发<政府信息公开工作年度报告格式>的通知》编写，统计期限为2023年1月1日至12月31日。",
               PREFACE[1]]
    result = _page(tmp_path, preface=preface)
    _assert_report(result, preface=preface)
    assert "政府信息公开工作年度报告格式" not in "\n".join(result.notes)


def test_a_heading_broken_after_its_number(tmp_path):
    """``一、<br>总体情况``: one heading, the number no line of the preface."""
    def body(key, heading, lines):
        number, words = heading.split("、", 1)
        return f"<p><strong>{number}、<br>{html.escape(words)}</strong></p>" + "".join(_p(t) for t in lines)

    _assert_report(_page(tmp_path, body_of=body))


@pytest.mark.parametrize("bold", [True, False], ids=["bold", "crawler-plain"])
def test_a_heading_run_into_its_sections_text(tmp_path, bold):
    """``<p><b>一、总体情况</b>2023年，……</p>`` — and the same with the bold dropped by a crawler,
    a heading worded otherwise (五、存在问题及整改情况) included."""
    heads = {"五": "五、存在问题及整改情况"}

    def body(key, heading, lines):
        if not lines:
            return f"<p>{html.escape(heading)}</p>"
        run = f"<b>{html.escape(heading)}</b>" if bold else html.escape(heading)
        return f"<p>{run}{html.escape(lines[0])}</p>" + "".join(_p(t) for t in lines[1:])

    _assert_report(_page(tmp_path, headings=heads, body_of=body))


def test_a_bold_numbered_heading_worded_far_from_the_official_one(tmp_path):
    """``<b>一、本年度政府信息公开工作的基本情况</b>（一）……``: bold and numbered, a heading of its own."""
    heads = {"一": "一、本年度政府信息公开工作的基本情况"}

    def body(key, heading, lines):
        if key != "一":
            return f"<p>{html.escape(heading)}</p>" + "".join(_p(t) for t in lines)
        return f"<p><strong>{html.escape(heading)}</strong>{html.escape(lines[0])}</p>" + "".join(_p(t) for t in lines[1:])

    result = _page(tmp_path, headings=heads, body_of=body)
    _assert_report(result)
    assert any("本年度政府信息公开工作的基本情况" in note for note in result.notes)


def test_a_publishing_line_that_starts_with_its_date(tmp_path):
    details = '<div class="info">2024-01-26 发布：青石县交通运输局 点击数：</div><div class="info">[字体： ] 打印</div>'
    result = _page(tmp_path, details=details)
    _assert_report(result)
    assert "点击数" in "\n".join(result.notes)


def test_an_agency_on_its_own_line_named_again_in_the_report(tmp_path):
    """``青石里街`` above ``2023年政府信息公开工作年度报告``: the agency, as the report names it again."""
    sections = {**SECTIONS, "一": ["2023年，青石里街办公室按时更新各栏目信息。", *SECTIONS["一"][1:]]}
    title = "<p>青石里街</p><p>2023年政府信息公开工作年度报告</p>"
    _assert_report(_page(tmp_path, title=title, sections=sections), agency="青石里街", sections=sections)


def test_a_site_line_above_the_title_is_no_agency(tmp_path):
    title = "<p>信息公开</p><p>2023年政府信息公开工作年度报告</p>"
    result = _page(tmp_path, title=title, signature='<p style="text-align:right">青石县交通运输局</p>'
                                                    '<p style="text-align:right">2024年1月20日</p>')
    _assert_report(result, organ=AGENCY, date="2024年1月20日")   # the agency is the 落款's


@pytest.mark.parametrize("date", ["2024年1月20日", "2024年01月20日", "二〇二四年一月二十日"])
def test_a_signature_set_on_one_line(tmp_path, date):
    signature = f'<p style="text-align:right">{AGENCY}　　{date}</p>'
    result = _page(tmp_path, signature=signature)
    _assert_report(result, organ=AGENCY, date=date)
    assert "网站标识码" in "\n".join(result.notes)


def test_a_title_without_agency_takes_the_pages_own_name(tmp_path):
    """``2023年政府信息公开工作年度报告`` on the page, ``<title>青石县交通运输局2023年…_青石县人民政府</title>``,
    no 落款: the agency is the page's name for the report's."""
    result = _page(tmp_path, title=_p("2023年政府信息公开工作年度报告"))
    assert result.report.meta.agency == ""            # <title>年报</title> names none: nothing invented
    page = (tmp_path / "page.html").read_text(encoding="utf-8")
    (tmp_path / "page.html").write_text(page.replace("<title>年报</title>", f"<title>{TITLE}_青石县人民政府</title>"),
                                        encoding="utf-8")
    result = read_report(tmp_path / "page.html")
    _assert_report(result)
    assert any("按网页标题" in note and AGENCY in note for note in result.notes)


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_table_two_cut_at_each_caption(tmp_path, version):
    """Table 二 published as one table per ``第二十条第（X）项``, each caption a paragraph above
    its table: the captions are the tables', 二 has no prose, every figure is read."""
    import random
    import re

    from published_corpus import published_report, table_html

    report = published_report(version, 11)
    opening, rows = '<table border="1">', re.findall(r"<tr>.*?</tr>", table_html(report, "二", "plain", random.Random(1)))
    pieces, current = [], []
    for row in rows:
        if "第二十条" in row and "信息内容" not in row:
            if current:
                pieces.append(opening + "".join(current) + "</table>")
                current = []
            pieces.append(_p(re.sub(r"<[^>]+>", "", row)))
        else:
            current.append(row)
    pieces.append(opening + "".join(current) + "</table>")

    def body(key, heading, lines):
        tables = "".join(pieces) if key == "二" else table_html(report, key, "plain", random.Random(2)) if key in "三四" else ""
        return f"<p><strong>{html.escape(heading)}</strong></p>" + "".join(_p(t) for t in lines) + tables

    result = _page(tmp_path, body_of=body)
    _assert_report(result)
    got = result.report
    assert {k.name(): got.values.get(k) for k in report.form.input_keys() if (got.values.get(k) or 0) != (report.values.get(k) or 0)} == {}


def test_headings_that_lost_their_numbers(tmp_path):
    """Word's list numbering dropped in a paste: ``总体情况`` … ``存在问题及整改措施`` (worded otherwise)
    … ``其他需要报告的事项`` — each found by its words, a sub-heading (（一）主动公开) none."""
    heads = {key: words.split("、", 1)[1] for key, words in HEADINGS.items()}
    heads["五"] = "存在问题及整改措施"
    result = _page(tmp_path, headings=heads)
    _assert_report(result)
    assert any("存在问题及整改措施" in note for note in result.notes)


def test_the_title_only_in_the_pages_metadata_table(tmp_path):
    """A 信息公开目录 page: the title only as the 标题 field of the metadata table above the text,
    the page's own name the site's: agency and year from that field, the table no report table."""
    meta = ('<table class="xxgk"><tr><td>索 引 号</td><td>000000000/2024-00031</td><td>分 类</td><td>综合政务</td></tr>'
            f'<tr><td>发布机构</td><td>{AGENCY}</td><td>发文日期</td><td>2024-01-26</td></tr>'
            f'<tr><td>标 题</td><td colspan="3">{TITLE}</td></tr><tr><td>时 效</td><td colspan="3">有效</td></tr></table>')
    result = _page(tmp_path, title=meta)
    _assert_report(result)
    assert any("页面信息表" in note for note in result.notes)


@pytest.mark.parametrize("summary", ["内容概述：{}……", "【摘要】{}...", "导读：{}"])
def test_a_pages_summary_of_the_text_is_no_preface(tmp_path, summary):
    """The page's summary between the title and the text repeats the text's start: site text."""
    details = _p(summary.format(PREFACE[0][:30] if "{}……" in summary or "..." in summary else PREFACE[0]))
    result = _page(tmp_path, details=details)
    _assert_report(result)
    assert any("标题与正文之间" in note for note in result.notes)


def test_a_summary_of_section_one_when_there_is_no_preface(tmp_path):
    details = _p("内容概述：" + SECTIONS["一"][0][:20] + "……")
    result = _page(tmp_path, details=details, preface=[])
    _assert_report(result, preface=[])


@pytest.mark.parametrize("field", ["发布机构", "发 布 机 构", "发文机关："])
def test_an_agency_only_in_the_pages_metadata_table(tmp_path, field):
    """A 信息公开目录 page whose title names no agency, with no 落款 and the site's own name as the
    page's: the agency is the metadata table's publishing field; the note says where it came from."""
    meta = ('<table class="xxgk"><tr><td>索 引 号</td><td>000000000/2024-00031</td><td>分 类</td><td>综合政务</td></tr>'
            f'<tr><td>{field}</td><td>{AGENCY}</td><td>发文日期</td><td>2024-01-26</td></tr></table>')
    result = _page(tmp_path, title=meta + _p("2023年政府信息公开工作年度报告"))
    _assert_report(result)
    assert any("发布机构" in note and AGENCY in note for note in result.notes)


def test_a_metadata_field_that_is_no_organ_gives_no_agency(tmp_path):
    """A publishing field holding something else than an organ's name (a sentence) is not taken."""
    meta = ('<table class="xxgk"><tr><td>发布机构</td><td>详见正文，如有疑问请来电。</td></tr></table>')
    result = _page(tmp_path, title=meta + _p("2023年政府信息公开工作年度报告"))
    assert result.report.meta.agency == ""
    assert any("请在报告信息中填写" in note for note in result.notes)
