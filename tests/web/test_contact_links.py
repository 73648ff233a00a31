"""A web page's preface ending with its contact lines, the e-mail and the site's address linked
(``<a href="mailto:…">``): they are the preface's, not a link list left out as site text."""

from __future__ import annotations

from govreport_gui.io.registry import read_report

HEADINGS = ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def test_linked_addresses_in_the_prefaces_contact_lines(tmp_path):
    body = "".join(f"<p>{h}</p><p>本部分的文字写在这里，共计一句。</p>" for h in HEADINGS)
    page = ("<html><head><meta charset='utf-8'><title>年报</title></head><body><div class='article'>"
            "<h1>石岭镇人民政府2024年政府信息公开工作年度报告</h1>"
            "<p>本报告依据《条例》编制，统计期限自2024年1月1日起至2024年12月31日止。</p>"
            "<p>联系电话：0571-86000000</p>"
            "<p>电子邮箱：<a href='mailto:slz@example.gov.cn'>slz@example.gov.cn</a></p>"
            "<p>网站：<a href='http://www.slz.example.gov.cn/'>www.slz.example.gov.cn</a></p>"
            f"{body}<p style='text-align:right'>石岭镇人民政府</p><p style='text-align:right'>2025年1月15日</p>"
            "</div></body></html>")
    path = tmp_path / "p.html"
    path.write_text(page, encoding="utf-8")
    report = read_report(path).report
    assert report.meta.preamble.split("\n") == ["本报告依据《条例》编制，统计期限自2024年1月1日起至2024年12月31日止。",
                                                "联系电话：0571-86000000", "电子邮箱：slz@example.gov.cn",
                                                "网站：www.slz.example.gov.cn"]
    assert report.sections["六"] == "本部分的文字写在这里，共计一句。"
    assert (report.meta.issuing_organ, report.meta.date) == ("石岭镇人民政府", "2025年1月15日")
