"""PDFs that cannot be read: each gets a clear message for the clerk, quickly, and the file is
left as it was (truncated, encrypted, scanned without text, a page-count bomb, a page tree nested
without end, a content stream that decompresses to gigabytes)."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import zlib

import pytest

from govreport_gui.core.errors import ReadError
from govreport_gui.io.published import pdf_import
from govreport_gui.io.registry import read_report

from .drawn import pdf_file as tiny_pdf


def _stream(data: bytes, compress: bool = True) -> bytes:
    body = zlib.compress(data, 9) if compress else data
    flate = b" /Filter /FlateDecode" if compress else b""
    return b"<< /Length %d%s >>\nstream\n" % (len(body), flate) + body + b"\nendstream"


def _assert_refused(path, *words: str) -> str:
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(ReadError) as caught:
        read_report(path)
    message = str(caught.value)
    assert path.name in message and all(w in message for w in words), message
    assert "Traceback" not in message and "Error" not in message
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    return message


def test_truncated(corpus, tmp_path):
    data = corpus.word["2021"].read_bytes()
    for cut in (len(data) // 2, len(data) - 200, 2000):
        path = tmp_path / f"下载未完成{cut}.pdf"
        path.write_bytes(data[:cut])
        _assert_refused(path, "不是完整的 PDF", "重新下载")


def test_encrypted(corpus):
    _assert_refused(corpus.encrypted, "密码")


def test_scanned_without_text(corpus, tmp_path):
    """A page image only (as a scanner makes, here the rendered first page): OCR is not done, the
    message says what to do."""
    if not shutil.which("pdftoppm"):
        pytest.skip("没有安装 poppler-utils（pdftoppm），无法生成扫描件样本")
    subprocess.run(["pdftoppm", "-r", "60", "-f", "1", "-l", "1", str(corpus.word["2021"]), str(tmp_path / "scan")],
                   check=True, timeout=120)
    ppm = next(tmp_path.glob("scan*.ppm")).read_bytes()
    magic, width, height, _depth, pixels = ppm.split(maxsplit=4)
    assert magic == b"P6"
    image = zlib.compress(pixels)
    path = tmp_path / "扫描件.pdf"
    path.write_bytes(tiny_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im0 5 0 R >> >> >>",
        _stream(b"q 595 0 0 842 0 0 cm /Im0 Do Q"),
        b"<< /Type /XObject /Subtype /Image /Width %s /Height %s /ColorSpace /DeviceRGB /BitsPerComponent 8"
        b" /Filter /FlateDecode /Length %d >>\nstream\n" % (width, height, len(image)) + image + b"\nendstream"]))
    message = _assert_refused(path, "扫描件", "OCR", "Word 或 Excel")
    assert "网页" in message


def test_page_count_bomb_refused_at_once(tmp_path):
    path = tmp_path / "bomb.pdf"
    path.write_bytes(tiny_pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                               b"<< /Type /Pages /Count 50000000 /Kids [3 0 R] >>",
                               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"]))
    _assert_refused(path, "50000000 页")


def test_many_pages_read_only_the_first(tmp_path):
    pages = 60
    kids = b" ".join(b"%d 0 R" % (3 + i) for i in range(pages))
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Count %d /Kids [%s] >>" % (pages, kids)]
    objects += [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R"
                b" /Resources << /Font << /F1 %d 0 R >> >> >>" % (3 + pages, 4 + pages)] * pages
    objects += [_stream(b"BT /F1 12 Tf 72 700 Td (Page) Tj ET"), b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    path = tmp_path / "long.pdf"
    path.write_bytes(tiny_pdf(objects))
    content = pdf_import.pdf_content(path)
    assert (content.pages, content.pages_read) == (pages, pdf_import.MAX_PAGES)
    assert any(f"只读取了前 {pdf_import.MAX_PAGES} 页" in n for n in content.notes)


def test_page_tree_nested_without_end(tmp_path):
    depth = 5000
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    objects += [b"<< /Type /Pages /Count 1 /Kids [%d 0 R] >>" % (3 + i) for i in range(depth)]
    objects += [b"<< /Type /Page /MediaBox [0 0 595 842] >>"]
    path = tmp_path / "nested.pdf"
    path.write_bytes(tiny_pdf(objects))
    _assert_refused(path)


def test_content_stream_bomb(tmp_path):
    """40 MB of content compressed to a few KB: refused before it is decompressed whole."""
    bomb = b"0 0 m " * (40 * 1024 * 1024 // 6)
    path = tmp_path / "content.pdf"
    path.write_bytes(tiny_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
                               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>", _stream(bomb)]))
    assert path.stat().st_size < 200_000
    _assert_refused(path, "异常庞大")


def test_content_bomb_compressed_twice(tmp_path):
    """Two Flate filters in a row: the guard follows the whole chain, not the outer layer only."""
    bomb = zlib.compress(zlib.compress(b"0 0 m " * (40 * 1024 * 1024 // 6), 9), 9)
    stream = b"<< /Length %d /Filter [/FlateDecode /FlateDecode] >>\nstream\n" % len(bomb) + bomb + b"\nendstream"
    path = tmp_path / "twice.pdf"
    path.write_bytes(tiny_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
                               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>", stream]))
    assert path.stat().st_size < 20_000
    _assert_refused(path, "异常庞大")


def test_content_bomb_in_a_drawing_the_page_calls(tmp_path):
    """The page's own content is one line (q /Fm1 Do Q); the bomb is in the Form XObject it draws."""
    bomb = zlib.compress(b"0 0 m " * (40 * 1024 * 1024 // 6), 9)
    form = (b"<< /Type /XObject /Subtype /Form /BBox [0 0 10 10] /Length %d /Filter /FlateDecode >>\nstream\n"
            % len(bomb) + bomb + b"\nendstream")
    path = tmp_path / "form.pdf"
    path.write_bytes(tiny_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
                               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                               b" /Resources << /XObject << /Fm1 5 0 R >> >> >>",
                               _stream(b"q /Fm1 Do Q", compress=False), form]))
    _assert_refused(path, "异常庞大")


def test_no_report_in_a_pdf_with_text(tmp_path):
    path = tmp_path / "other.pdf"
    path.write_bytes(tiny_pdf([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
                               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                               b" /Resources << /Font << /F1 5 0 R >> >> >>",
                               _stream(b"BT /F1 12 Tf 72 700 Td (Invoice 2024) Tj ET"),
                               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]))
    _assert_refused(path, "六个部分的标题")


_DEEP = b"[" * 100000 + b"]" * 100000


@pytest.mark.parametrize("objects", [
    [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
     b"<< /Type /Page /Parent 2 0 R /MediaBox " + _DEEP + b" >>"],
    [b"<< /Type /Catalog /Pages 2 0 R /X " + b"<< /A " * 50000 + b">> " * 50000 + b">>",
     b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>", b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"],
    [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
     b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>", _stream(_DEEP + b" Tj")],
], ids=["nested page attribute", "nested catalog", "nested content"])
def test_deeply_nested_objects(tmp_path, objects):
    path = tmp_path / "nested.pdf"
    path.write_bytes(tiny_pdf(objects))
    _assert_refused(path)


def test_text_without_ruled_tables_says_so(corpus, tmp_path):
    """Prose read, and a note that the tables were not found (borderless tables are not guessed)."""
    from .corpus import convert, published_report
    page = tmp_path / "borderless.html"
    report = published_report("2021")
    headings = "".join(f"<p>{s.heading}</p><p>{report.sections.get(s.key, '')}</p>" for s in report.form.sections)
    page.write_text(f'<html><head><meta charset="utf-8"></head><body><table width="100%"><tr><td>'
                    f"<p>{report.meta.agency}{report.meta.year}年政府信息公开工作年度报告</p>{headings}"
                    "</td></tr></table></body></html>", encoding="utf-8")
    result = read_report(convert([page], tmp_path)[0])
    assert result.report.sections["一"] == report.sections["一"] and not result.report.values
    assert any("没有找到带框线的表格" in n for n in result.notes)


def test_text_whose_font_gives_no_characters(tmp_path):
    """A font without a text encoding (the text copies out as garbage): one message saying so,
    not "no headings found"."""
    from .drawn import Style, draw_report
    from .test_drawn_pdfs import report_with_words
    data = draw_report(report_with_words("2021"), Style(white_boxes=True))
    unmapped = data.replace(b"/Encoding /UniGB-UTF16-H", b"/Encoding /Identity-H   ").replace(
        b"/Ordering (GB1)", b"/Ordering (XYZ)")
    assert len(unmapped) == len(data) and unmapped != data
    path = tmp_path / "unmapped.pdf"
    path.write_bytes(unmapped)
    _assert_refused(path, "文字无法识别")
