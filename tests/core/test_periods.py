"""The reporting year implied by a date: the default year of 新建 and of 汇总."""

from datetime import date

import pytest

from govreport_gui.core.periods import reporting_year


@pytest.mark.parametrize("today, year", [
    (date(2025, 1, 1), 2024),     # January–March: last year's report is due by 31 March
    (date(2025, 3, 31), 2024),
    (date(2025, 4, 15), 2024),    # published late, still last year's
    (date(2025, 9, 30), 2024),
    (date(2025, 10, 1), 2025),    # from October the figures of this year are compiled
    (date(2025, 11, 20), 2025),
    (date(2025, 12, 31), 2025),
    (date(2028, 2, 29), 2027),
])
def test_reporting_year_at_fixed_dates(today, year):
    assert reporting_year(today) == year


def test_reporting_year_defaults_to_today(monkeypatch):
    import govreport_gui.core.periods as periods

    class Today(date):
        @classmethod
        def today(cls):
            return cls(2030, 10, 2)
    monkeypatch.setattr(periods, "date", Today)
    assert reporting_year() == 2030
