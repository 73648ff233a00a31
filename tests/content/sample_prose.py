"""The shared sample reports as Report objects: figures from the lead's JSON fixtures
(tests/fixtures/samples/), prose cut from the text files in ../shared/samples/reports/ at test time
(never copied into the repository)."""

import json
import re
from pathlib import Path

from support import shared_path

from govreport_gui.core.serialize import report_from_json

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "samples"
SAMPLES = ("2019_haishu_district", "2019_xiangcheng_office", "2020_hanbin_district")

# Section starts as the samples write them (numeral + 、 or Word's "1、", then the heading words).
_HEADS = {"一": "总体情况", "二": "主动公开政府信息情况", "三": "收到和处理政府信息公开申请情况",
          "四": "政府信息公开行政复议", "五": "存在的主要问题", "六": "其他需"}


def split_sections(text: str) -> tuple[str, dict[str, str]]:
    """(preamble, {section: text}) of a sample's plain text."""
    starts = []
    for key, words in _HEADS.items():
        m = re.search(r"^\s*(?:[一二三四五六]|\d)\s*[、.]?\s*(?:政府信息公开工作)?" + re.escape(words) + r".*$", text, re.M)
        if m:
            starts.append((m.start(), m.end(), key))
    starts.sort()
    sections = {}
    for i, (s, e, key) in enumerate(starts):
        end = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        sections[key] = text[e:end].strip()
    preamble = text[:starts[0][0]].strip() if starts else ""
    return preamble, sections


def sample_report(name: str):
    text = shared_path("samples", "reports", f"{name}.txt").read_text(encoding="utf-8")
    report = report_from_json(json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8")))
    preamble, sections = split_sections(text)
    # The title lines before the preamble are not prose.
    paragraphs = [p for p in preamble.splitlines() if len(p.strip()) > 40]  # not the title lines
    report.meta.preamble = "\n".join(paragraphs)
    for key in ("一", "五", "六"):
        report.sections[key] = sections.get(key, "")
    return report
