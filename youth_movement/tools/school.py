"""School years, grades and tiers.

A school year runs from 1 September to the end of May and is written ``2025–2026``; the summer
belongs to the year that just ended until 1 September. Grades go from 0 (pre-school class) to 11.
Tiers are data (grade ranges), so the functions here take the ranges as arguments.
"""

import datetime

MIN_GRADE = 0
MAX_GRADE = 11
YEAR_START_MONTH = 9
MIN_OWN_LOGIN_AGE = 12  # a pupil may have their own portal login from this age, once a parent agrees
IN_MOVEMENT = ("applicant", "active")  # the statuses of a pupil in the movement (an applicant is, until decided)


def school_year_of(day):
    """Return the first calendar year of the school year a date belongs to.

    >>> school_year_of(datetime.date(2025, 9, 1)), school_year_of(datetime.date(2026, 8, 31))
    (2025, 2025)
    """
    return day.year if day.month >= YEAR_START_MONTH else day.year - 1


def school_year_label(year):
    """``2025`` -> ``'2025–2026'`` (with an en dash, as documents write it)."""
    return "%d\u2013%d" % (year, year + 1)


def school_year_bounds(year):
    """First and last day of a school year, summer included: 1 September to 31 August."""
    return datetime.date(year, 9, 1), datetime.date(year + 1, 8, 31)


def tier_for_grade(grade, ranges):
    """Pick the tier whose ``(key, grade_from, grade_to)`` range holds the grade, or ``None``.

    Ranges are tried in the order given, so the first matching tier wins when ranges overlap.
    """
    if grade is None or grade is False:
        return None
    for key, grade_from, grade_to in ranges:
        if grade_from <= grade <= grade_to:
            return key
    return None


def overlapping_ranges(ranges):
    """Return the pairs of keys whose ``(key, grade_from, grade_to)`` ranges overlap."""
    pairs = []
    items = list(ranges)
    for i, (key_a, from_a, to_a) in enumerate(items):
        for key_b, from_b, to_b in items[i + 1 :]:
            if from_a <= to_b and from_b <= to_a:
                pairs.append((key_a, key_b))
    return pairs


def promote(grade, grade_year, target_year, max_grade=MAX_GRADE):
    """Move a pupil from the school year ``grade_year`` to ``target_year``.

    Return ``(new_grade, graduated)``. A pupil already in ``target_year`` (or later) is left as he
    is, which makes the rollover safe to run twice. A pupil who would pass ``max_grade`` has
    graduated: the grade stays at ``max_grade``.
    """
    if grade_year is None or grade_year >= target_year:
        return grade, False
    new_grade = grade + (target_year - grade_year)
    if new_grade > max_grade:
        return max_grade, True
    return new_grade, False
