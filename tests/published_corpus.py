"""Web pages of published annual reports "made by other producers", built in code.

``published_page(style, version, seed)`` gives a page in one of several portal styles (its markup
written here, varied on purpose) and the ``Report`` it publishes, with random figures drawn from
``seed``.  The labels and the table layouts come from the format declarations (``core/forms``), the
rest — navigation, breadcrumbs, footers, layout tables, ``<span>``/``<font>`` around figures,
``<br>`` inside labels, ``&nbsp;`` / ``—`` / ``无`` for zero, units after figures, headings numbered
differently, a Word document saved as a web page and pasted in — is what portals do.
``page_bytes`` and ``mhtml_bytes`` save a page as a browser does (UTF-8 or GBK, charset declared or
not; MHTML in quoted-printable or base64), so the web page reader, and the readers of the same
pages converted by an office suite (.doc/.odt/.pdf/.xlsx), can share the corpus.
"""

from __future__ import annotations

import base64
import html
import quopri
import random
import re
from decimal import Decimal

from govreport_gui.core.forms import CellKey, get_form
from govreport_gui.core.recalc import all_values
from govreport_gui.core.report import Metadata, Report
from govreport_gui.core.values import format_value

STYLES = ("cms", "layout", "plain", "split", "word")
VERSIONS = ("2019", "2021")

_AGENCIES = ("某某市交通运输局", "某某县人民政府办公室", "某某区市场监督管理局", "某某市生态环境局")
_PROSE = {
    "一": ["本年度，{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外。",
          "（一）主动公开。全年通过门户网站主动公开政府信息，及时回应社会关切。"],
    "二": ["本年度主动公开情况如下表。"],
    "五": ["一是公开内容还不够全面；二是政策解读形式较为单一。", "下一步，将加强业务培训，提高公开质量。"],
    "六": ["本机关未收取信息处理费。"],
}


# ---------------------------------------------------------------------------------------------
# The report a page publishes


def published_report(version: str, seed: int, balanced: bool = True) -> Report:
    """Random figures (about a quarter of them zero), prose, preamble and signature."""
    rng = random.Random(seed)
    form = get_form(version)
    year = form.first_year + rng.randint(0, 1)
    agency = rng.choice(_AGENCIES)
    report = Report(version, Metadata(agency=agency, year=year))
    for key in form.input_keys():
        if rng.random() < 0.25:
            value = 0
        elif form.cell(key).kind.value == "money":
            value = Decimal(rng.randint(1, 999999)) / 100
        else:
            value = rng.randint(1, 480)
        report.set(key, value)
    if balanced:
        _balance(report)
    report.meta.preamble = (f"本报告依据《中华人民共和国政府信息公开条例》编制，数据统计期限为{year}年1月1日至12月31日。"
                            "本报告电子版可在本机关门户网站下载。")
    report.meta.issuing_organ = agency
    report.meta.date = f"{year + 1}年1月{rng.randint(10, 28)}日"
    for key, paragraphs in _PROSE.items():
        report.sections[key] = "\n".join(p.format(agency=agency) for p in paragraphs)
    return report


def _balance(report: Report) -> None:
    """Table 三 made to add up: 新收 + 上年结转 = 办理结果 + 结转下年度, per applicant column."""
    form = report.form
    table = form.tables["三"]
    new_row, carried_row, next_row = (table.rows[0], table.rows[1], table.rows[-1])
    totals = all_values(form, report.values)
    results_row = table.rows[-2]
    for col in table.cols:
        if col == table.total_col:
            continue
        results = totals.get(CellKey("三", results_row, col)) or 0
        carried = report.get(CellKey("三", carried_row, col)) or 0
        rest = report.get(CellKey("三", next_row, col)) or 0
        report.set(CellKey("三", new_row, col), max(0, results + rest - carried))
        if results + rest - carried < 0:
            report.set(CellKey("三", carried_row, col), results + rest)


def printed_figures(report: Report) -> dict[CellKey, object]:
    """Every figure the page prints: the inputs and the recomputed totals."""
    return all_values(report.form, report.values)


# ---------------------------------------------------------------------------------------------
# Markup


def _zero(style: str, rng: random.Random) -> str:
    return {"cms": "0", "layout": "&nbsp;", "plain": rng.choice(["—", "/", "无"]), "split": rng.choice(["0", ""])}[style]


def _figure(style: str, value, kind: str, rng: random.Random) -> str:
    text = format_value(value)
    if style == "cms":
        return f'<span style="font-family:宋体;font-size:14px">{text}</span>'
    if style == "layout":
        return f'<font face="宋体" size="2">{text}</font>'
    if style == "plain" and kind == "count" and rng.random() < 0.3:
        return f"{text}件"
    return text


def _label(style: str, text: str, rng: random.Random) -> str:
    """A label as the portal's editor left it: a ``<br>`` inside a long one, spaces in short ones."""
    escaped = html.escape(text)
    if style == "layout" and len(text) > 6 and "（" not in text[2:5]:
        cut = len(text) // 2
        return f"{html.escape(text[:cut])}<br>{html.escape(text[cut:])}"
    if style == "split" and len(text) == 3 and rng.random() < 0.5:
        return "&nbsp;".join(escaped)
    if style == "cms":
        return f'<span class="label">{escaped}</span>'
    return escaped


def table_html(report: Report, table_id: str, style: str, rng: random.Random) -> str:
    """One statistical table in the style's markup, with its declared merged cells as spans."""
    spec = report.form.tables[table_id]
    values = printed_figures(report)
    by_row: dict[int, list] = {}
    for cell in spec.grid:
        by_row.setdefault(cell.row, []).append(cell)
    header_rows = spec.header_rows if style == "cms" else 0
    rows = []
    for r in range(spec.n_rows):
        cells = []
        for cell in sorted(by_row.get(r, []), key=lambda g: g.col):
            spans = "".join(f' {a}="{n}"' for a, n in (("rowspan", cell.rowspan), ("colspan", cell.colspan)) if n > 1)
            if cell.key is not None:
                value = values.get(cell.key) or 0
                kind = report.form.cell(cell.key).kind.value
                text = _figure(style, value, kind, rng) if value else _zero(style, rng)
            else:
                text = _label(style, cell.text, rng) if cell.text else ""
            tag = "th" if style == "cms" and r < header_rows else "td"
            align = ' align="center"' if style == "layout" else ""
            cells.append(f"<{tag}{spans}{align}>{text}</{tag}>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    head, body = rows[:header_rows], rows[header_rows:]
    opening = {"cms": '<table class="MsoNormalTable table-bordered" style="border-collapse:collapse;width:100%">',
               "layout": '<table border="1" cellspacing="0" cellpadding="0" width="96%" bordercolor="#000000">',
               "plain": '<table border="1">', "split": '<table class="tb" style="border:1px solid #000">'}[style]
    thead = f"<thead>{''.join(head)}</thead>" if head else ""
    return f"{opening}{thead}<tbody>{''.join(body)}</tbody></table>"


def _heading(style: str, number: int, heading: str) -> str:
    numerals = "一二三四五六"
    text = heading.split("、", 1)[1] if "、" in heading else heading
    if style == "cms":
        return f'<h3 class="sub-title">{html.escape(heading)}</h3>'
    if style == "layout":
        return f"<p><strong><font size=\"3\">{number}、{html.escape(text)}</font></strong></p>"
    if style == "plain":
        return f"<p><b>{numerals[number - 1]}、&nbsp;{html.escape(text)}</b></p>"
    return f'<p class="heading" style="font-weight:bold">{html.escape(heading)}</p>'


def article_html(report: Report, style: str, rng: random.Random) -> str:
    """Title, preamble, the six parts with their tables, and the signature."""
    meta = report.meta
    title = f"{html.escape(meta.agency)}{meta.year}年政府信息公开工作年度报告"
    if style == "layout":
        title = f'<font size="5"><b>{html.escape(meta.agency)}{meta.year}年<br>政府信息公开工作年度报告</b></font>'
    parts = [f'<h1 class="title">{title}</h1>' if style == "cms" else f'<p align="center">{title}</p>',
             *(f"<p>&nbsp;&nbsp;{html.escape(line)}</p>" for line in meta.preamble.split("\n"))]
    sections = []
    for number, section in enumerate(report.form.sections, 1):
        chunk = [_heading(style, number, section.heading)]
        chunk += [f"<p>　　{html.escape(line)}</p>" for line in report.sections.get(section.key, "").split("\n") if line]
        if section.table:
            chunk.append(table_html(report, section.table, style, rng))
        sections.append("\n".join(chunk))
    if style == "split":   # each part in its own <div>, as some CMS editors store them
        sections = [f'<div class="part" id="part{i}">{s}</div>' for i, s in enumerate(sections)]
    signature = (f'<p style="text-align:right">{html.escape(meta.issuing_organ)}</p>'
                 f'<p style="text-align:right">{html.escape(meta.date)}</p>')
    if style == "layout":
        signature = f'<p align="right">{html.escape(meta.issuing_organ)}<br>{html.escape(meta.date)}</p>'
    return "\n".join([*parts, *sections, signature])


def page_html(report: Report, style: str, seed: int = 0, charset: str | None = "utf-8") -> str:
    """The whole portal page around the article; ``charset`` is declared in the head (None: not at all)."""
    if style == "word":   # a Word document saved as a web page and pasted into a plain portal page
        return _as_word_html(page_html(report, "plain", seed, charset))
    rng = random.Random(seed * 7 + 1)
    article = article_html(report, style, rng)
    declared = ""
    if charset and style == "layout":
        declared = f'<meta http-equiv="Content-Type" content="text/html; charset={charset}">'
    elif charset:
        declared = f'<meta charset="{charset}">'
    head = f"<head>{declared}<title>{html.escape(report.title())}_政务公开</title>" \
           '<script>var x = "<table><tr><td>一、总体情况</td></tr></table>";</script><style>p{margin:0}</style></head>'
    body = _frame(style, article, report)
    doctype = "" if style == "layout" else "<!DOCTYPE html>\n"
    return f"{doctype}<html>{head}<body>{body}</body></html>"


def _frame(style: str, article: str, report: Report) -> str:
    nav = '<div class="nav"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/hdjl/">互动交流</a></div>'
    crumb = f'<div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 年度报告 &gt; {html.escape(report.title())}</div>'
    info = "<div class=\"info\">发布时间：2020-01-20 来源：本站 浏览次数：1024 【字号：大 中 小】</div>"
    footer = ('<div class="footer"><p>主办单位：某某市人民政府办公室</p><p>网站标识码：1234000000 '
              '备案号：某ICP备12345678号</p></div>')
    share = '<div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> 【打印本页】【关闭窗口】</div>'
    if style == "cms":
        return (f"<header>{nav}</header>{crumb}<div class=\"article\">{info}<div class=\"TRS_Editor\">{article}</div>"
                f"</div>{share}<footer>{footer}</footer>")
    if style == "layout":
        side = '<td width="200" valign="top"><table><tr><td>信息公开指南</td></tr><tr><td>信息公开目录</td></tr></table></td>'
        inner = f'<table width="100%"><tr><td>{article}</td></tr></table>'
        return (f'<table width="1000" align="center"><tr><td colspan="2">{nav}</td></tr>'
                f'<tr>{side}<td valign="top">{crumb}{inner}</td></tr>'
                f'<tr><td colspan="2">{footer}</td></tr></table>')
    if style == "plain":
        return f"{article}<hr>{share}"
    return f'{nav}{crumb}<div class="main"><div class="left">{info}</div>{article}</div>{share}{footer}'


def _as_word_html(page: str) -> str:
    """Word's "save as web page" markup: every cell's text in a ``MsoNormal`` paragraph inside
    styled spans with an empty ``<o:p>``, prose likewise, Word's conditional comments in the body."""
    def cell(match: re.Match) -> str:
        tag, attrs, body = match.group(1), match.group(2) or "", match.group(3)
        return (f'<{tag}{attrs} style="border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt">'
                '<p class=MsoNormal align=center style="text-align:center"><span lang=EN-US style="font-size:10.5pt;'
                f'font-family:仿宋_GB2312">{body}<o:p></o:p></span></p></{tag}>')
    page = re.sub(r"<(td|th)(\s[^>]*)?>(.*?)</\1>", cell, page, flags=re.S)
    page = page.replace("<p>　　", '<p class=MsoNormal style="text-indent:32.0pt"><span style="font-family:仿宋_GB2312">')
    return page.replace("<body>", "<body><!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]-->", 1)


def published_page(style: str, version: str, seed: int, balanced: bool = True,
                   charset: str | None = "utf-8") -> tuple[str, Report]:
    """(the page's HTML, the report it publishes) for a style, a format version and a seed."""
    report = published_report(version, seed, balanced)
    return page_html(report, style, seed, charset), report


def widened(page: str, factor: int) -> str:
    """The page's tables as an office suite lays out a pasted page: every cell ``factor`` columns
    wide (``colspan`` multiplied), so labels and figures sit in wide merges."""
    def cell(match: re.Match) -> str:
        tag, attrs, body = match.group(1), match.group(2) or "", match.group(3)
        span = re.search(r'colspan="(\d+)"', attrs)
        n = int(span.group(1)) if span else 1
        attrs = re.sub(r' colspan="\d+"', "", attrs) + f' colspan="{n * factor}"'
        return f"<{tag}{attrs}>{body}</{tag}>"
    return re.sub(r"<(td|th)(\s[^>]*)?>(.*?)</\1>", cell, page, flags=re.S)


# ---------------------------------------------------------------------------------------------
# Checking a reading


def assert_same_report(result, expected) -> None:
    """Every figure exact (blank and zero alike), printed totals equal to the recomputed ones, and
    the text parts as published."""
    got = result.report
    assert got.form_version == expected.form_version
    form = expected.form
    wrong = {k.name(): (got.values.get(k), expected.values.get(k)) for k in form.input_keys()
             if (got.values.get(k) or 0) != (expected.values.get(k) or 0)}
    assert wrong == {}
    printed = printed_figures(expected)
    totals = {k: v for k, v in got.printed.items() if (v or 0) != (printed.get(k) or 0)}
    assert totals == {}
    meta, want = got.meta, expected.meta
    assert (meta.agency, meta.year, meta.issuing_organ, meta.date) == (want.agency, want.year, want.issuing_organ, want.date)
    assert meta.preamble == want.preamble
    for key, text in expected.sections.items():
        assert got.sections.get(key) == text, key


# ---------------------------------------------------------------------------------------------
# Saving a page as a browser does


def page_bytes(text: str, encoding: str = "utf-8") -> bytes:
    return text.encode(encoding)


def mhtml_bytes(text: str, transfer: str = "quoted-printable", charset: str = "utf-8") -> bytes:
    """A "网页，单个文件" save: a multipart/related message whose first part is the page."""
    data = text.encode(charset)
    body = quopri.encodestring(data) if transfer == "quoted-printable" else base64.encodebytes(data)
    boundary = "----=_NextPart_000_0000_01D5C9A1.2B3C4D50"
    head = (f"From: <Saved by Blink>\r\nSnapshot-Content-Location: http://www.example.gov.cn/art/2020/1/20/art_1.html\r\n"
            f"Subject: =?utf-8?Q?report?=\r\nMIME-Version: 1.0\r\n"
            f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"\r\n\r\n')
    part = (f"--{boundary}\r\nContent-Type: text/html; charset=\"{charset}\"\r\n"
            f"Content-Transfer-Encoding: {transfer}\r\n"
            f"Content-Location: http://www.example.gov.cn/art/2020/1/20/art_1.html\r\n\r\n")
    css = (f"--{boundary}\r\nContent-Type: text/css\r\nContent-Transfer-Encoding: quoted-printable\r\n"
           f"Content-Location: http://www.example.gov.cn/style.css\r\n\r\np {{ margin: 0 }}\r\n")
    return head.encode() + part.encode() + body.replace(b"\n", b"\r\n") + b"\r\n" + css.encode() + f"--{boundary}--\r\n".encode()

