"""Portal pages of published reports in the structures real sites serve them, and as crawlers and
browsers save them — built in code, in our own markup and our own words.

``site_page(Page(...))`` gives the page's HTML and ``Expected``: what a reader must find (agency,
year, preface, each section's text, 落款, figures) and ``Expected.chrome``: every line of site
text around the report, none of which may end up in it.  A ``Page`` chooses:

* ``frame`` — how the site wraps the article: ``trs`` (a CMS: header, breadcrumb, an article
  ``<div>`` holding title, publishing details, toolbar, share bar, content, attachment list, print
  links; a QR-code line and a footer outside it), ``xxgk`` (a 信息公开目录 page: a metadata table
  of 索引号/发布机构…, the title, a date line, the content, related links), ``layout`` (a 2019-era
  page laid out in tables, the report's tables inside the layout table), ``columns`` (a sidebar of
  links to other years' reports before the article, 上一篇/下一篇 after it), ``crawler`` (a
  crawler's save: a header block 标题/单位/来源/采集时间, then the page's text line by line — no
  links, no containers left);
* ``title`` — the title as clerks write it (``TITLES``), ``headings`` — the section headings as
  clerks word and number them (``HEADINGS``), ``signed`` — a 落款 or none, ``six`` — what 六 says.

``page_docx`` saves the same page as Word does when a page is pasted into it: a layout table
(menu row with hyperlinks, a sidebar cell, the article's cell with the report tables nested in
it, a footer row).
"""

from __future__ import annotations

import html
import random
from dataclasses import dataclass, field

from published_corpus import printed_figures, published_report, table_html

from govreport_gui.core.report import Report

FRAMES = ("trs", "xxgk", "govcn", "layout", "columns", "crawler")

TITLES = {
    "plain": lambda a, y: [f"{a}{y}年政府信息公开工作年度报告"],
    "no_work": lambda a, y: [f"{a}{y}年政府信息公开年度报告"],
    "year_first": lambda a, y: [f"{y}年{a}政府信息公开工作年度报告"],
    "year_inside": lambda a, y: [f"{a}政府信息公开工作{y}年度报告"],
    "agency_above": lambda a, y: [a, f"{y}年度政府信息公开工作年度报告"],
    "two_lines": lambda a, y: [f"{a}{y}年", "政府信息公开工作年度报告"],
}

# section headings as clerks word and number them (each key's text after the numeral)
HEADINGS = {
    "official": None,
    "reworded": {"五": "五、存在的主要问题及整改措施", "四": "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况",
                 "六": "六、其他需求报告的事项"},
    "autonumber": {"一": "1、 总体情况", "二": "2、 主动公开政府信息情况", "五": "5、 工作中存在的问题和改进措施"},
}

_AGENCIES = ("某某市交通运输局", "某某县人民政府办公室", "某某区卫生健康委员会", "某某市自然资源和规划局")

_ONE = ["{year}年，{agency}把政务公开作为改进作风的抓手，围绕群众关心的事项持续做好信息发布。",
        "（一）主动公开",
        "全年在门户网站发布各类信息三百余条，按时更新机构职能、政策文件和财政资金栏目。",
        "（二）依申请公开",
        "严格按照法定时限答复申请人，答复文书格式统一、告知权利救济途径完整。",
        "（三）政府信息管理",
        "落实发布前保密审查，年中对已公开文件进行一次清理，标注失效文件。",
        "（四）政府信息公开平台建设",
        "调整门户网站栏目设置，政务新媒体账号运行平稳，未发生安全事故。",
        "（五）监督保障",
        "把公开工作纳入科室年度考核，组织业务培训两次。"]
_FIVE = ["一是个别科室对公开工作重视不够，信息报送不够及时；二是政策解读形式还比较单一。",
         "下一步，我们将完善信息报送和审核机制，多用图表、短视频等形式解读政策。"]
_SIX = {
    # a long paragraph that talks about the website: the report's own words, never site text
    "long": ["本年度未收取信息处理费。",
             "根据上级工作要点，我局在门户网站开设重点领域信息公开专栏，网站首页设置政策文件、解读回应、"
             "办事服务等栏目入口，群众可以通过网站留言、电话和信函等方式提出意见建议，"
             "相关意见均在规定时限内办理并反馈，网站版权所有信息和主办单位信息已按规范标注。"],
    "none": ["无。"],
}
_PREFACE = ["本报告依照《中华人民共和国政府信息公开条例》的规定，由本机关根据全年政府信息公开工作情况编写。",
            "报告所列数据的统计期限为{year}年1月1日至{year}年12月31日。如对报告内容有疑问，请与本机关办公室联系。",
            "联系电话：0571-86012345",
            "电子邮箱：gk@example.gov.cn"]

# the site's text around the article, in the order a page shows it
NAV = ["首页", "政务公开", "政务服务", "互动交流", "走进本市"]
CRUMB = ["首页", "政务公开", "政府信息公开年报", "正文"]
TOOLS = ["全真版", "文字版", "文件下载", "相关链接"]
SHARE = ["微信", "微博", "QQ空间"]
FOOTER_LINKS = ["网站地图", "联系我们", "使用帮助", "隐私声明"]
FOOTER = ["版权所有：某某市人民政府办公室　主办单位：某某市人民政府办公室",
          "网站标识码：3300000000　某ICP备00000000号",
          "地址：某某市人民路1号　邮编：310000　联系电话：0571-80000000",
          "建议使用IE9以上版本浏览器或谷歌浏览器，1366×768分辨率浏览本站"]
QR = "扫一扫在手机打开当前页"


@dataclass
class Page:
    frame: str = "trs"
    version: str = "2021"
    seed: int = 1
    title: str = "plain"
    headings: str = "official"
    signed: bool = True
    six: str = "long"
    preface: bool = True
    tables: str = ""        # the report tables' markup (published_corpus styles); "": the frame's own


@dataclass
class Expected:
    report: Report                                      # figures, agency, year, preface, sections, 落款
    title_lines: list[str]
    chrome: list[str] = field(default_factory=list)     # site text none of which may be read as the report's


def expected_report(page: Page, words: Report | None = None) -> Report:
    """The report a page publishes: our figures and words, or the figures, agency, year, preface
    and sections of ``words`` (a real report's, read at test time); the 落款 as ``page`` says."""
    report = published_report(page.version, page.seed)
    rng = random.Random(page.seed)
    if words is not None:
        report = words.copy()
        report.sections = {k: _paragraphs(v) for k, v in words.sections.items() if _paragraphs(v)}
        report.meta.preamble = _paragraphs(words.meta.preamble)
    else:
        report.meta.agency = rng.choice(_AGENCIES)
        fill = {"agency": report.meta.agency, "year": report.meta.year}
        report.meta.preamble = "\n".join(p.format(**fill) for p in _PREFACE) if page.preface else ""
        report.sections = {"一": "\n".join(p.format(**fill) for p in _ONE), "二": "本年度主动公开政府信息情况如下表。",
                           "五": "\n".join(_FIVE), "六": "\n".join(_SIX[page.six])}
    agency, year = report.meta.agency, report.meta.year
    if page.signed:
        report.meta.issuing_organ, report.meta.date = agency, f"{year + 1}年1月{rng.randint(10, 28)}日"
    else:
        report.meta.issuing_organ = report.meta.date = ""
    return report


def _paragraphs(text: str) -> str:
    return "\n".join(line.strip(" \t\u3000") for line in text.splitlines() if line.strip(" \t\u3000"))


def headings_of(page: Page, report: Report) -> dict[str, str]:
    out = {s.key: s.heading for s in report.form.sections}
    out.update(HEADINGS[page.headings] or {})
    return out


# ---------------------------------------------------------------------------------------------
# The article: what the clerk published


def _p(text: str, attrs: str = "") -> str:
    return f"<p{attrs}>{html.escape(text)}</p>"


def article_parts(page: Page, report: Report, rng: random.Random, table_style: str) -> dict[str, str]:
    """The article's pieces: ``title`` (inner markup), ``body`` (preface, sections, tables) and
    ``signature`` (may be empty)."""
    meta = report.meta
    title = "<br>".join(html.escape(t) for t in TITLES[page.title](meta.agency, meta.year))
    body = [_p(line, ' style="text-indent:2em"') for line in meta.preamble.split("\n") if line]
    for section in report.form.sections:
        heading = headings_of(page, report)[section.key]
        body.append(f'<p style="text-indent:2em"><strong>{html.escape(heading)}</strong></p>')
        body += [_p(line, ' style="text-indent:2em"') for line in report.sections.get(section.key, "").split("\n") if line]
        if section.table:
            body.append(table_html(report, section.table, table_style, rng))
    signature = ""
    if meta.issuing_organ:
        signature = (f'<p style="text-align:right">{html.escape(meta.issuing_organ)}</p>'
                     f'<p style="text-align:right">{html.escape(meta.date)}</p>')
    return {"title": title, "body": "\n".join(body), "signature": signature}


def _links(items: list[str], sep: str = " ") -> str:
    return sep.join(f'<a href="/{i}/">{html.escape(t)}</a>' for i, t in enumerate(items))


def _attachment(report: Report, page: Page) -> str:
    name = "".join(TITLES[page.title](report.meta.agency, report.meta.year))
    return f'<div class="attach"><p>附件下载：</p><ul><li><a href="/files/1.docx">{html.escape(name)}.docx</a></li></ul></div>'


def _footer() -> str:
    return (f'<div class="qr"><img src="qr.png" alt=""><p>{QR}</p></div>'
            f'<div class="footer"><div class="links">{_links(FOOTER_LINKS, " | ")}</div>'
            + "".join(_p(t) for t in FOOTER) + "</div>")


# ---------------------------------------------------------------------------------------------
# Frames


def _trs(page: Page, report: Report, parts: dict[str, str]) -> str:
    crumb = " &gt; ".join(f'<a href="/{i}/">{t}</a>' for i, t in enumerate(CRUMB))
    return (f'<div class="top"><div class="logo"><img src="logo.png" alt="某某市人民政府"></div>'
            f'<ul class="nav">{"".join(f"<li>{_links([t])}</li>" for t in NAV)}</ul></div>'
            f'<div class="location">当前位置：{crumb}</div>'
            f'<div class="article"><h1 class="article-title">{parts["title"]}</h1>'
            f'<div class="article-info"><span>发布日期：2024-01-18</span> <span>信息来源：{html.escape(report.meta.agency)}</span>'
            f' <span>浏览次数：356</span> <span>字号：{_links(["大", "中", "小"])}</span></div>'
            f'<div class="toolbar">{_links(TOOLS, " | ")}</div>'
            f'<div class="share">分享到：{_links(SHARE)}</div>'
            f'<div class="article-content TRS_Editor">{parts["body"]}{parts["signature"]}</div>'
            f'{_attachment(report, page)}<div class="print">{_links(["【打印本页】", "【关闭窗口】"])}</div></div>'
            + _footer())


def _xxgk(page: Page, report: Report, parts: dict[str, str]) -> str:
    title = parts["title"].replace("<br>", "")
    meta_table = ('<table class="xxgk-info"><tr><td>索引号：</td><td>113300000000/2024-00012</td><td>分类：</td>'
                  f'<td>政府信息公开年报</td></tr><tr><td>发布机构：</td><td>{html.escape(report.meta.agency)}</td>'
                  f'<td>发文日期：</td><td>2024-01-18</td></tr><tr><td>名称：</td><td colspan="3">{title}</td></tr></table>')
    return (f'<div class="header">{_links(NAV, " ")}</div>{meta_table}'
            f'<div class="zw-title">{parts["title"]}</div><div class="zw-date">2024-01-18</div>'
            f'<div id="zoom">{parts["body"]}{parts["signature"]}</div>'
            f'<div class="related">相关链接：{_links(["政府信息公开指南", "政府信息公开制度", "依申请公开"])}</div>'
            + _footer())


def _govcn(page: Page, report: Report, parts: dict[str, str]) -> str:
    """A 信息公开 page whose metadata are lines of label/value pairs, the title once as a field and
    once on its own, the publishing details with an empty font-size control under it."""
    title = parts["title"].replace("<br>", "")
    agency = html.escape(report.meta.agency)
    meta = (f'<div class="pchide"><div><span>索引号：</span>113300000000/2024-00012　<span>分类：</span>综合政务\\政务公开</div>'
            f'<div><span>发布机构：</span>{agency}　<span>文号：</span></div>'
            '<div><span>成文日期：</span>2024-01-16　<span>发布日期：</span>2024-01-18　<span>有效性：</span>有效</div>'
            f'<div><span>名称：</span>{title}</div></div>')
    return (f'<div class="header">{_links(NAV, " ")}</div><div class="pages">{meta}'
            f'<div class="pages-title">{parts["title"]}</div>'
            f'<div class="pages-date">来源：{agency}　发布时间：2024-01-18　累计次数：　字体：[ <a href="#">大</a> '
            f'<a href="#">中</a> <a href="#">小</a> ]</div>'
            f'<div class="pages_content" id="UCAP-CONTENT">{parts["body"]}{parts["signature"]}</div></div>'
            + _footer())


def _layout(page: Page, report: Report, parts: dict[str, str]) -> str:
    menu = "".join(f"<tr><td>{_links([t])}</td></tr>" for t in ("信息公开指南", "信息公开目录", "信息公开年报", "依申请公开"))
    inner = (f'<table width="100%"><tr><td align="center" class="title"><b>{parts["title"]}</b></td></tr>'
             '<tr><td align="center">发布时间：2020-01-20　来源：本站　【字体：<a href="#">大</a> <a href="#">中</a> '
             '<a href="#">小</a>】</td></tr>'
             f'<tr><td>{parts["body"]}{parts["signature"]}</td></tr>'
             f'<tr><td align="right">{_links(["【打印本页】", "【关闭窗口】"])}</td></tr></table>')
    return (f'<table width="1000" align="center"><tr><td colspan="2">{_links(NAV, " | ")}</td></tr>'
            f'<tr><td width="200" valign="top"><table>{menu}</table></td><td valign="top">{inner}</td></tr>'
            f'<tr><td colspan="2" align="center">{_links(FOOTER_LINKS, " | ")}<br>{"<br>".join(html.escape(t) for t in FOOTER)}'
            '</td></tr></table>')


def _columns(page: Page, report: Report, parts: dict[str, str]) -> str:
    others = [f"{report.meta.agency}{y}年政府信息公开工作年度报告" for y in (report.meta.year - 1, report.meta.year - 2)]
    side = f'<div class="side"><h3>相关报告</h3><ul>{"".join(f"<li>{_links([t])}</li>" for t in others)}</ul></div>'
    return (f'<div class="head">{_links(NAV, " ")}</div><div class="main">{side}<div class="con">'
            f'<div class="con-title">{parts["title"]}</div><div class="con-info">时间：2024-01-18　来源：本单位</div>'
            f'<div class="con-text">{parts["body"]}{parts["signature"]}</div>'
            f'<div class="pn"><p>上一篇：{_links([others[0]])}</p><p>下一篇：没有了</p></div></div></div>'
            + _footer())


def _crawler(page: Page, report: Report, parts: dict[str, str]) -> str:
    """A crawler's save: its header block, then the page's text line by line (links and
    containers gone); the report's tables kept as tables."""
    import re

    title_lines = TITLES[page.title](report.meta.agency, report.meta.year)
    header = [f"标题：{''.join(title_lines)}", f"单位：{report.meta.agency}",
              "来源：http://www.example.gov.cn/art/2024/1/18/art_1229_5678.html", "采集时间：2024-03-02 14:20:11"]
    before = [*NAV, "当前位置：" + " > ".join(CRUMB), *title_lines, "2024-01-18", "字号：大 中 小", *TOOLS]
    after = ["附件下载：", "".join(title_lines) + ".docx", QR, *FOOTER_LINKS, *FOOTER]
    body = re.sub(r"<(strong|b)>|</(strong|b)>", "", parts["body"] + parts["signature"])
    return ("".join(_p(t) for t in header) + "<hr>" + "".join(_p(t) for t in before) + body
            + "".join(_p(t) for t in after))


_FRAMES = {"trs": _trs, "xxgk": _xxgk, "govcn": _govcn, "layout": _layout, "columns": _columns, "crawler": _crawler}
_TABLE_STYLE = {"trs": "cms", "xxgk": "plain", "govcn": "plain", "layout": "layout", "columns": "split", "crawler": "cms"}


def chrome_of(page: Page, report: Report) -> list[str]:
    """The site's own lines on the page (what must never be read as the report's)."""
    out = [*NAV[1:], *TOOLS, *FOOTER_LINKS, *FOOTER, QR, "附件下载", "分享到", "发布日期", "发布时间", "浏览次数",
           "字号", "当前位置", "打印本页", "采集时间", "索引号", "相关链接", "上一篇", "时间：2024-01-18", "有效性",
           "累计次数"]
    return [c for c in out if c]


def site_page(page: Page, words: Report | None = None) -> tuple[str, Expected]:
    report = expected_report(page, words)
    rng = random.Random(page.seed * 3 + 1)
    parts = article_parts(page, report, rng, page.tables or _TABLE_STYLE[page.frame])
    body = _FRAMES[page.frame](page, report, parts)
    title = "".join(TITLES[page.title](report.meta.agency, report.meta.year))
    text = (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{html.escape(title)}_某某市人民政府</title>'
            f'<script>var nav="首页";</script></head><body>{body}</body></html>')
    return text, Expected(report, TITLES[page.title](report.meta.agency, report.meta.year), chrome_of(page, report))


# ---------------------------------------------------------------------------------------------
# Checking a reading


def report_text(report: Report) -> str:
    """Every word a reading keeps: preface, sections, agency, 落款."""
    meta = report.meta
    return "\n".join([meta.agency, meta.preamble, meta.issuing_organ, meta.date, *report.sections.values()])


def assert_reads_as_published(result, expected: Expected) -> None:
    """Figures exact, title's agency and year, preface, each section's text in its own section,
    落款 — and no line of the site in any of it."""
    got, want = result.report, expected.report
    assert got.form_version == want.form_version
    wrong = {k.name(): (got.values.get(k), want.values.get(k)) for k in want.form.input_keys()
             if (got.values.get(k) or 0) != (want.values.get(k) or 0)}
    assert wrong == {}
    printed = printed_figures(want)
    assert {k: v for k, v in got.printed.items() if (v or 0) != (printed.get(k) or 0)} == {}
    assert (got.meta.agency, got.meta.year) == (want.meta.agency, want.meta.year)
    assert got.meta.preamble == want.meta.preamble
    for section in want.form.sections:
        assert got.sections.get(section.key, "") == want.sections.get(section.key, ""), section.key
    assert (got.meta.issuing_organ, got.meta.date) == (want.meta.issuing_organ, want.meta.date)
    kept, own = report_text(got), report_text(want)
    assert [c for c in expected.chrome if c in kept and c not in own] == []


# ---------------------------------------------------------------------------------------------
# The page pasted into Word and saved as .docx


def _hyperlink(paragraph, text: str, url: str = "http://www.example.gov.cn/") -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    rel = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    link.append(run)
    paragraph._p.append(link)


def _link_line(cell, items: list[str], lead: str = "") -> None:
    paragraph = cell.add_paragraph(lead)
    for i, item in enumerate(items):
        if i:
            paragraph.add_run(" ")
        _hyperlink(paragraph, item)


def _nested_table(cell, report: Report, table_id: str) -> None:
    from word.docx_builders import add_table, official_rows

    add_table(cell, *official_rows(report, table_id))
    cell.add_paragraph("")


def _article_cell(cell, page: Page, report: Report) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    meta = report.meta
    if cell.paragraphs:
        cell.paragraphs[0].text = ""
    for line in TITLES[page.title](meta.agency, meta.year):
        cell.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    cell.add_paragraph("发布日期：2024-01-18　信息来源：本机关　浏览次数：356")
    _link_line(cell, TOOLS)
    _link_line(cell, SHARE, "分享到：")
    for line in filter(None, meta.preamble.split("\n")):
        cell.add_paragraph(line)
    for section in report.form.sections:
        cell.add_paragraph(headings_of(page, report)[section.key])
        for line in filter(None, report.sections.get(section.key, "").split("\n")):
            cell.add_paragraph(line)
        if section.table:
            _nested_table(cell, report, section.table)
    for line in filter(None, (meta.issuing_organ, meta.date)):
        cell.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    cell.add_paragraph("附件下载：")
    _link_line(cell, ["".join(TITLES[page.title](meta.agency, meta.year)) + ".docx"])


def page_docx(page: Page, path, words: Report | None = None, flat: bool = False) -> Expected:
    """The page as Word keeps it when pasted: a layout table of menu, sidebar, article and footer
    (``flat``: the page's lines one after the other, links kept, as a paste of the text)."""
    import docx

    report = expected_report(page, words)
    document = docx.Document()
    if flat:
        top = side = article = bottom = document
    else:
        layout = document.add_table(rows=3, cols=2)
        top, bottom = layout.cell(0, 0).merge(layout.cell(0, 1)), layout.cell(2, 0).merge(layout.cell(2, 1))
        side, article = layout.cell(1, 0), layout.cell(1, 1)
    _link_line(top, NAV)
    _link_line(side, ["信息公开指南", "信息公开目录", "信息公开年报"])
    _article_cell(article, page, report)
    bottom.add_paragraph(QR)
    _link_line(bottom, FOOTER_LINKS)
    for line in FOOTER:
        bottom.add_paragraph(line)
    document.save(str(path))
    return Expected(report, TITLES[page.title](report.meta.agency, report.meta.year), chrome_of(page, report))
