"""Text a Word document holds but does not show or print, taken out before the report is read.

* Hidden text (``w:vanish``, Word's 隐藏文字 / WPS's 隐藏): set on a run, or by the character style
  of the run or the paragraph style of its paragraph (or a style either is based on) — a
  template's guidance the clerk hid, a draft remark, a row of a table hidden by hiding its text.
  A run that says ``w:vanish w:val="0"`` is shown whatever its styles say.  Its words are
  returned, for the import notes.
* A field's code (the text between ``fldChar begin`` and ``separate``: ``PAGE``, ``HYPERLINK "…"``,
  the code of a field nested in another's code) is no text; the field's result is.  A table of
  contents (a ``TOC`` field, or the content control Word puts it in) is no text of the report
  either: its entries repeat the headings with page numbers.  A document whose fields do not
  close (damage) keeps every field's text rather than lose the rest of the report.

A paragraph whose mark alone is hidden (Word's style separator: a run-in heading
``（一）主动公开。`` in a heading style, the body text after it in another) is shown as one
paragraph with the next (``hidden_mark``, read so by ``word_import``).

Text hidden only in Web Layout view (``w:webHidden``: a table of contents' page numbers) is
printed, and read.  Text deleted with changes tracked is left out where a paragraph is read
(``word_import.paragraph_text``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
#: What a run holds that prints as text (what ``paragraph_text`` reads).
_TEXT = frozenset({f"{W}t", f"{W}tab", f"{W}br", f"{W}cr"})
_OFF = ("0", "false", "off")
#: Fields whose result is no text of the report: a table of contents (its entries, page numbers).
_NOT_REPORT_TEXT = re.compile(r"^\s*TOC\b", re.IGNORECASE)
#: The caption Word or a clerk sets above a table of contents.
_TOC_CAPTION = re.compile(r"^(?:目录|CONTENTS?)$", re.IGNORECASE)


@dataclass
class Removed:
    """What ``remove_unseen`` took out: the hidden words (for the notes), and whether a table of
    contents was taken out."""

    hidden: list[str] = field(default_factory=list)
    contents: bool = False


def _on(el) -> bool | None:
    """A toggle property (``<w:vanish/>``, ``w:val="0"``) as True/False; None when absent."""
    if el is None:
        return None
    return str(el.get(f"{W}val", "1")).lower() not in _OFF


def hidden_styles(styles_xml) -> dict[str, bool]:
    """styleId → whether the style hides its text (its own ``w:vanish``, else its base style's),
    for the styles that say either way (an empty dict without ``styles.xml``)."""
    return styles_with(styles_xml, ("vanish",))


def styles_with(styles_xml, properties: tuple[str, ...]) -> dict[str, bool]:
    """styleId → whether the style's run properties switch one of ``properties`` on (``vanish``;
    ``strike``, ``dstrike``) — its own, else its base style's — for the styles that say either way."""
    if styles_xml is None:
        return {}
    own: dict[str, bool | None] = {}
    based: dict[str, str] = {}
    for style in styles_xml.iterchildren(f"{W}style"):
        style_id = str(style.get(f"{W}styleId", ""))
        said = [v for name in properties if (v := _on(style.find(f"{W}rPr/{W}{name}"))) is not None]
        own[style_id] = any(said) if said else None
        base = style.find(f"{W}basedOn")
        if base is not None:
            based[style_id] = str(base.get(f"{W}val", ""))
    out: dict[str, bool] = {}
    for style_id in own:
        seen, current = set(), style_id
        while current in own and own[current] is None and current not in seen:
            seen.add(current)
            current = based.get(current, "")
        if own.get(current) is not None:
            out[style_id] = bool(own[current])
    return out


def remove_unseen(body, styles: dict[str, bool]) -> Removed:
    """Take the text that is not shown out of ``body`` (a parsed ``w:body``, changed in place)."""
    removed = Removed()
    removed.contents = _remove_contents(body)
    if body.find(f".//{W}fldChar") is not None or body.find(f".//{W}fldSimple") is not None:
        _drop(_field_text(body))
    if body.find(f".//{W}vanish") is not None or any(styles.values()):
        hidden = [run for run in body.iter(f"{W}r") if _hidden_run(run, styles)]
        for run in hidden:
            words = "".join(t.text or "" for t in run.iter(f"{W}t")).strip()
            if words:
                removed.hidden.append(words)
            _drop([child for child in run if child.tag in _TEXT])
    return removed


def hidden_mark(p) -> bool:
    """The paragraph's mark is hidden (``w:vanish`` in the paragraph mark's run properties, as
    Word's 样式分隔符 and a hidden ¶ set it): Word and WPS show and print its text as the start of
    the next paragraph."""
    return bool(_on(p.find(f"{W}pPr/{W}rPr/{W}vanish")))


def _hidden_run(run, styles: dict[str, bool]) -> bool:
    """The run's text is hidden: its own ``w:vanish``, else its character style's, else its
    paragraph's style's."""
    own = _on(run.find(f"{W}rPr/{W}vanish"))
    if own is not None:
        return own
    style = run.find(f"{W}rPr/{W}rStyle")
    if style is not None and str(style.get(f"{W}val", "")) in styles:
        return styles[str(style.get(f"{W}val", ""))]
    paragraph = run.getparent()
    while paragraph is not None and paragraph.tag != f"{W}p":
        paragraph = paragraph.getparent()
    pstyle = paragraph.find(f"{W}pPr/{W}pStyle") if paragraph is not None else None
    return pstyle is not None and styles.get(str(pstyle.get(f"{W}val", "")), False)


def _field_text(body) -> list:
    """The text elements inside a field's code, or inside a table of contents' result, in document
    order; none at all when the fields do not close (a damaged document keeps its text)."""
    out: list = []
    stack: list[list] = []          # each open field: [in its code, its code's text]
    for el in body.iter(f"{W}fldChar", f"{W}instrText", f"{W}fldSimple", *_TEXT):
        tag = el.tag
        if tag == f"{W}fldChar":
            kind = el.get(f"{W}fldCharType")
            if kind == "begin":
                stack.append([True, ""])
            elif kind == "separate" and stack:
                stack[-1][0] = False
            elif kind == "end" and stack:
                stack.pop()
        elif tag == f"{W}instrText":
            if stack:
                stack[-1][1] += el.text or ""
        elif tag == f"{W}fldSimple":
            if _NOT_REPORT_TEXT.match(str(el.get(f"{W}instr", ""))):
                out.extend(t for t in el.iter(*_TEXT))
        elif any(code or _NOT_REPORT_TEXT.match(text) for code, text in stack):
            out.append(el)
    return [] if stack else out


def _remove_contents(body) -> bool:
    """Take out a table of contents: Word's content control holding one (its caption too), or a
    ``TOC`` field's entries and the caption (目录) in the paragraph before them."""
    found = False
    for gallery in list(body.iter(f"{W}docPartGallery")):
        if str(gallery.get(f"{W}val", "")).lower() == "table of contents":
            sdt = gallery.getparent().getparent().getparent()   # docPartObj < sdtPr < sdt
            if sdt is not None and sdt.tag == f"{W}sdt" and sdt.getparent() is not None:
                sdt.getparent().remove(sdt)
                found = True
    for code in body.iter(f"{W}instrText", f"{W}fldSimple"):
        text = code.text if code.tag == f"{W}instrText" else code.get(f"{W}instr", "")
        if _NOT_REPORT_TEXT.match(str(text or "")):
            _drop_caption(code)
            found = True
    return found


def _drop_caption(code) -> None:
    """The paragraph before the one holding a table of contents' code, when it is its caption."""
    paragraph = code.getparent()
    while paragraph is not None and paragraph.tag != f"{W}p":
        paragraph = paragraph.getparent()
    before = paragraph.getprevious() if paragraph is not None else None
    if before is not None and before.tag == f"{W}p":
        words = "".join("".join(t.text or "" for t in before.iter(f"{W}t")).split())
        if _TOC_CAPTION.match(words):
            _drop(list(before.iter(*_TEXT)))


def _drop(elements: list) -> None:
    for el in elements:
        parent = el.getparent()
        if parent is not None:
            parent.remove(el)
