"""School years, tiers by grade and the new-school-year rollover rule."""

import datetime

import pytest

TIERS = [("kyran", 1, 4), ("ulan", 5, 11)]


@pytest.mark.parametrize(
    "day, year",
    [
        (datetime.date(2025, 9, 1), 2025),
        (datetime.date(2025, 12, 31), 2025),
        (datetime.date(2026, 5, 31), 2025),
        (datetime.date(2026, 8, 31), 2025),
        (datetime.date(2026, 9, 1), 2026),
    ],
)
def test_school_year_of(school, day, year):
    """The school year starts on 1 September; the summer belongs to the year that ended."""
    assert school.school_year_of(day) == year


def test_school_year_label(school):
    """Years are written with an en dash."""
    assert school.school_year_label(2025) == "2025\u20132026"


@pytest.mark.parametrize("grade, tier", [(0, None), (1, "kyran"), (4, "kyran"), (5, "ulan"), (11, "ulan"), (12, None)])
def test_tier_for_grade(school, grade, tier):
    """Grades 1–4 are Жас Қыран, 5–11 Жас Ұлан; the pre-school class has no tier."""
    assert school.tier_for_grade(grade, TIERS) == tier


def test_tier_ranges_are_data(school):
    """Older texts put Жас Ұлан at 5–10: a grade 11 pupil then has no tier."""
    assert school.tier_for_grade(11, [("kyran", 1, 4), ("ulan", 5, 10)]) is None


def test_overlapping_ranges(school):
    """Overlapping tier ranges are found, adjacent ones are not."""
    assert school.overlapping_ranges(TIERS) == []
    assert school.overlapping_ranges([("a", 1, 5), ("b", 5, 11)]) == [("a", "b")]


def test_promote_one_year(school):
    """A pupil moves up one grade into the next school year."""
    assert school.promote(4, 2025, 2026) == (5, False)


def test_promote_is_idempotent(school):
    """A pupil already in the target year is left alone: running twice changes nothing."""
    assert school.promote(5, 2026, 2026) == (5, False)


def test_promote_graduates_last_grade(school):
    """A grade 11 pupil becomes a leaver (alumni) and keeps grade 11."""
    assert school.promote(11, 2025, 2026) == (11, True)


def test_promote_catches_up_missed_years(school):
    """A pupil two years behind (rollover skipped one year) moves up two grades."""
    assert school.promote(3, 2024, 2026) == (5, False)
    assert school.promote(10, 2024, 2026) == (11, True)
