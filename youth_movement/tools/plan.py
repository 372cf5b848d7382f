"""Periods of the annual work plan and the execution state of its lines.

A plan covers a school year (1 September to 31 August, see ``school.py``). Lines are set for a
month (1..12) or a quarter of the school year (1: September-November, 2: December-February,
3: March-May, 4: June-August).
"""

import calendar
import datetime

QUARTER_MONTHS = {1: (9, 10, 11), 2: (12, 1, 2), 3: (3, 4, 5), 4: (6, 7, 8)}


def month_year(school_year, month):
    """Calendar year of a month of the school year that starts in September of ``school_year``."""
    return school_year if month >= 9 else school_year + 1


def period_bounds(school_year, period_type, period):
    """First and last day of a plan period.

    >>> period_bounds(2025, "month", 1)
    (datetime.date(2026, 1, 1), datetime.date(2026, 1, 31))
    >>> period_bounds(2025, "quarter", 2)
    (datetime.date(2025, 12, 1), datetime.date(2026, 2, 28))
    """
    if period_type == "month":
        if not 1 <= period <= 12:
            raise ValueError("a month is 1..12, not %r" % (period,))
        first_month = last_month = period
    elif period_type == "quarter":
        if period not in QUARTER_MONTHS:
            raise ValueError("a quarter is 1..4, not %r" % (period,))
        first_month, _middle, last_month = QUARTER_MONTHS[period]
    else:
        raise ValueError("unknown period type %r" % (period_type,))
    first_year, last_year = month_year(school_year, first_month), month_year(school_year, last_month)
    last_day = calendar.monthrange(last_year, last_month)[1]
    return datetime.date(first_year, first_month, 1), datetime.date(last_year, last_month, last_day)


def execution(state, period_end, today):
    """``done``, ``cancelled``, ``late`` (period over, not done) or ``pending``."""
    if state in ("done", "cancelled"):
        return state
    if period_end and period_end < today:
        return "late"
    return "pending"


def quarter_of_month(month):
    """The quarter of the school year a month falls in."""
    for quarter, months in QUARTER_MONTHS.items():
        if month in months:
            return quarter
    raise ValueError("a month is 1..12, not %r" % (month,))
