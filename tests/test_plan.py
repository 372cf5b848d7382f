import datetime

import pytest


def test_month_bounds(plan):
    assert plan.period_bounds(2025, "month", 9) == (datetime.date(2025, 9, 1), datetime.date(2025, 9, 30))
    assert plan.period_bounds(2025, "month", 1) == (datetime.date(2026, 1, 1), datetime.date(2026, 1, 31))
    assert plan.period_bounds(2027, "month", 2)[1] == datetime.date(2028, 2, 29)


def test_quarter_bounds(plan):
    assert plan.period_bounds(2025, "quarter", 1) == (datetime.date(2025, 9, 1), datetime.date(2025, 11, 30))
    assert plan.period_bounds(2025, "quarter", 2) == (datetime.date(2025, 12, 1), datetime.date(2026, 2, 28))
    assert plan.quarter_of_month(1) == 2
    with pytest.raises(ValueError):
        plan.period_bounds(2025, "quarter", 5)
    with pytest.raises(ValueError):
        plan.period_bounds(2025, "month", 13)


def test_execution(plan):
    end = datetime.date(2026, 1, 31)
    assert plan.execution("planned", end, datetime.date(2026, 1, 31)) == "pending"
    assert plan.execution("planned", end, datetime.date(2026, 2, 1)) == "late"
    assert plan.execution("done", end, datetime.date(2026, 2, 1)) == "done"
    assert plan.execution("cancelled", end, datetime.date(2026, 2, 1)) == "cancelled"
