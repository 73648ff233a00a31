from decimal import Decimal

import pytest

from govreport_gui.core.forms import Kind
from govreport_gui.core.values import ValueProblem, format_value, parse_value


@pytest.mark.parametrize("raw,kind,value,noted", [
    ("12", Kind.COUNT, 12, False),
    (12, Kind.COUNT, 12, False),
    (12.0, Kind.COUNT, 12, False),
    ("１２", Kind.COUNT, 12, True),
    ("1,234", Kind.COUNT, 1234, True),
    ("12件", Kind.COUNT, 12, True),
    (" 12\u3000", Kind.COUNT, 12, False),
    ("+3", Kind.SIGNED, 3, False),
    ("-12", Kind.SIGNED, -12, False),
    ("−167", Kind.SIGNED, -167, True),
    ("/", Kind.COUNT, None, True),
    ("—", Kind.COUNT, None, True),
    ("无", Kind.COUNT, None, True),
    ("", Kind.COUNT, None, False),
    (None, Kind.COUNT, None, False),
    ("2009.54万元", Kind.MONEY, Decimal("2009.54"), True),
    ("399539300元", Kind.MONEY, Decimal("39953.93"), True),
    ("16800万元", Kind.MONEY, Decimal("16800"), True),
    ("1.5亿元", Kind.MONEY, Decimal("15000"), True),
    ("96171.6", Kind.MONEY, Decimal("96171.6"), False),
    (96171.6, Kind.MONEY, Decimal("96171.6"), False),
    ("0", Kind.MONEY, Decimal("0"), False),
])
def test_parse_value(raw, kind, value, noted):
    parsed = parse_value(raw, kind)
    assert parsed.value == value and type(parsed.value) is type(value)
    assert (parsed.note is not None) == noted


@pytest.mark.parametrize("raw,kind,reason", [
    ("十二", Kind.COUNT, "不是数字"),
    ("12.5", Kind.COUNT, "应为整数"),
    ("abc", Kind.MONEY, "不是数字"),
    ("1" * 20, Kind.COUNT, "过大"),
    (True, Kind.COUNT, "不是数字"),
    (float("nan"), Kind.COUNT, "不是有效数字"),
])
def test_parse_value_rejects(raw, kind, reason):
    with pytest.raises(ValueProblem, match=reason):
        parse_value(raw, kind)


def test_money_is_exact_and_formatted_without_exponent():
    assert format_value(Decimal("1E+2")) == "100"
    assert format_value(Decimal("2009.540")) == "2009.54"
    assert format_value(None) == ""
    assert parse_value("0.1", Kind.MONEY).value + parse_value("0.2", Kind.MONEY).value == Decimal("0.3")


def test_money_unit_follows_the_declaration_not_the_label():
    from govreport_gui.core.forms import CellKey, CellSpec, get_form
    from govreport_gui.core.values import value_with_unit
    # a label that mentions 万元 but is not declared as naming the unit still gets 万元 …
    undeclared = CellSpec(CellKey("二", "x", "金额（万元）"), Kind.MONEY)
    assert value_with_unit(Decimal("1.5"), undeclared) == "1.5万元"
    # … and a declared one does not, whatever its label says
    declared = CellSpec(CellKey("二", "x", "金额"), Kind.MONEY, unit_in_header=True)
    assert value_with_unit(Decimal("1.5"), declared) == "1.5"
    assert value_with_unit(None, undeclared) == ""
    assert value_with_unit(12, CellSpec(CellKey("二", "x", "万元"), Kind.COUNT)) == "12"
    fee = get_form("2021").cell(CellKey("二", "行政事业性收费", "本年收费金额（单位：万元）"))
    purchase = get_form("2019").cell(CellKey("二", "政府集中采购", "采购总金额"))
    assert value_with_unit(Decimal("3.25"), fee) == "3.25"
    assert value_with_unit(Decimal("3.25"), purchase) == "3.25万元"
