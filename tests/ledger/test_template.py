"""The ledger template: its drop-downs offer the official words, its date columns are date cells, and a
template filled with every choice reads back without a single question."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from govreport_gui.core.forms import get_form
from govreport_gui.core.ledger.count import count_ledgers
from govreport_gui.io.workbook.ledger_read import read_ledgers
from govreport_gui.io.write.ledger_template import (
    APPLICATIONS,
    CASES,
    HELP,
    LISTS,
    template_lists,
    write_ledger_template,
)

YEAR = 2025


def _validations(ws) -> dict[str, str]:
    """First cell of each validated area → its list formula or type."""
    return {str(dv.sqref).split(":")[0]: (dv.formula1 if dv.type == "list" else dv.type)
            for dv in ws.data_validations.dataValidation}


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_the_template_offers_the_official_words_and_dates(tmp_path, version):
    path = tmp_path / "台账模板.xlsx"
    write_ledger_template(path, get_form(version), "某某县交通运输局", YEAR)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [HELP, APPLICATIONS, CASES, LISTS]   # (the first read “Sheet”)
    assert wb[HELP]["A1"].value.startswith("填表说明") and wb.active.title == APPLICATIONS
    ws = wb[APPLICATIONS]
    headers = [c.value for c in ws[2]]
    assert headers[:9] == ["序号", "申请人姓名或名称", "申请人类型", "收到日期", "申请内容", "办结日期", "处理结果", "具体情形", "备注"]
    assert _validations(ws) == {"C3": f"={LISTS}!$A$1:$A$6", "D3": "date", "F3": "date",
                                "G3": f"={LISTS}!$B$1:$B$6", "H3": f"={LISTS}!$C$1:$C${len(template_lists(get_form(version))['reasons'])}"}
    assert ws["D3"].number_format == "yyyy-mm-dd" and ws["F2002"].number_format == "yyyy-mm-dd"
    options = wb[LISTS]
    assert options.sheet_state == "hidden"
    assert [options.cell(r, 1).value for r in range(1, 7)] == ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]
    reasons = [options.cell(r, 3).value for r in range(1, 30) if options.cell(r, 3).value]
    assert ("3.其他" in reasons) == (version == "2021")
    assert "某某县交通运输局" in ws["A1"].value
    assert _validations(wb[CASES])["C3"] == f"={LISTS}!$D$1:$D$3"


@pytest.mark.parametrize("version", ["2019", "2021"])
def test_a_template_filled_with_every_choice_reads_without_a_question(tmp_path, version):
    form = get_form(version)
    path = tmp_path / "台账模板.xlsx"
    write_ledger_template(path, form, year=YEAR)
    lists = template_lists(form)
    wb = openpyxl.load_workbook(path)
    ws = wb[APPLICATIONS]
    groups = {g.words[0]: g for g in form.ledger.results.groups}
    row, expected = 3, 0
    for applicant in lists["applicants"]:
        for result in lists["results"]:
            group = groups[result]
            reasons = [leaf.target for leaf in group.leaves] if group.target is None else [None]
            for reason in reasons:
                day = dt.datetime(YEAR, 1 + row % 11, 1 + row % 28)
                for col, value in ((1, row - 2), (3, applicant), (4, day), (6, day + dt.timedelta(days=5)),
                                   (7, result), (8, reason)):
                    ws.cell(row, col, value)
                row, expected = row + 1, expected + 1
    cases = wb[CASES]
    for i, (kind, outcome) in enumerate((k, o) for k in lists["case_kinds"] for o in lists["case_outcomes"]):
        cases.cell(3 + i, 3, kind)
        cases.cell(3 + i, 4, dt.datetime(YEAR, 3, 1))
        if outcome != form.ledger.case_pending:
            cases.cell(3 + i, 5, dt.datetime(YEAR, 6, 1))
        cases.cell(3 + i, 6, outcome)
    wb.save(path)
    count = count_ledgers(read_ledgers([path]), form, YEAR)
    assert count.complete and not count.unclear and count.tables == ["三", "四"]
    values = count.values()
    new = form.tables["三"].rows[0]
    assert sum(v for k, v in values.items() if k.table == "三" and k.row == new) == expected
    results = {r for g in form.tables["三"].outcomes() for r in g.rows}
    per_result = {k.row: 0 for k in values if k.row in results}
    for k, v in values.items():
        if k.row in results:
            per_result[k.row] += v
    assert set(per_result.values()) == {len(lists["applicants"])}   # every result row, once per applicant
    assert sum(v for k, v in values.items() if k.table == "四") == len(lists["case_kinds"]) * len(lists["case_outcomes"])
    assert all(v == 1 for k, v in values.items() if k.table == "四")
