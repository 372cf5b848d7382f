"""The audience, the days and the waitlist rules of events, without Odoo."""

import datetime

import pytest
from conftest import load_tool

rules = load_tool("event_rules")
NOW = datetime.datetime(2026, 11, 1, 10, 0)
PUPIL = {
    "status": "active",
    "tier_id": 2,
    "grade": 7,
    "birth_date": datetime.date(2013, 5, 1),
    "district_id": 10,
    "school_id": 100,
    "unit_id": 1000,
}


def event(**values):
    base = {"date_end": datetime.datetime(2026, 12, 1), "age_day": datetime.date(2026, 12, 1)}
    base.update(values)
    return base


def problem(ev, **pupil):
    found = rules.audience_problem(ev, dict(PUPIL, **pupil), NOW)
    return found and found[0]


def test_open_event_takes_everyone_in_the_movement():
    assert problem(event()) is None
    assert problem(event(), status="applicant") is None
    assert problem(event(), status="left") == rules.NOT_IN_MOVEMENT


def test_registration_window():
    assert problem(event(registration_start=NOW + datetime.timedelta(days=1))) == rules.WINDOW_NOT_OPEN
    assert problem(event(registration_end=NOW - datetime.timedelta(seconds=1))) == rules.WINDOW_CLOSED
    assert problem(event(date_end=NOW - datetime.timedelta(days=1))) == rules.EVENT_OVER
    assert problem(event(registration_start=NOW, registration_end=NOW)) is None


def test_ceremony_is_for_applicants():
    assert problem(event(ceremony=True), status="active") == rules.ALREADY_MEMBER
    assert problem(event(ceremony=True), status="alumni") == rules.NOT_IN_MOVEMENT
    assert problem(event(ceremony=True), status="applicant") is None


@pytest.mark.parametrize(
    "values, code",
    [
        ({"tier_ids": {1}}, rules.TIER),
        ({"tier_ids": {1, 2}}, None),
        ({"grade_min": 8}, rules.GRADE),
        ({"grade_max": 6}, rules.GRADE),
        ({"grade_min": 7, "grade_max": 7}, None),
        ({"age_min": 14}, rules.AGE),  # 13 on 1 December 2026
        ({"age_max": 12}, rules.AGE),
        ({"age_min": 13, "age_max": 13}, None),
        ({"district_ids": {11}}, rules.PLACE),
        ({"district_ids": {10}}, None),
        ({"school_ids": {101}}, rules.PLACE),
        ({"district_ids": {11}, "school_ids": {100}}, None),
        ({"unit_id": 1001}, rules.PLACE),
    ],
)
def test_audience(values, code):
    assert problem(event(**values)) == code


def test_age_without_birth_date_is_refused():
    assert problem(event(age_min=10), birth_date=None) == rules.AGE


def test_age_on():
    assert rules.age_on(datetime.date(2014, 3, 5), datetime.date(2026, 3, 5)) == 12
    assert rules.age_on(datetime.date(2014, 3, 5), datetime.date(2026, 3, 4)) == 11


def test_event_days():
    day = datetime.date(2026, 11, 30)
    assert rules.event_days(day, day) == [day]
    assert rules.event_days(day, datetime.date(2026, 12, 2)) == [
        day,
        datetime.date(2026, 12, 1),
        datetime.date(2026, 12, 2),
    ]
    assert rules.event_days(day, day - datetime.timedelta(days=1)) == [day]
    assert len(rules.event_days(day, day + datetime.timedelta(days=1000))) == 366


def test_waitlist_positions_close_gaps_and_keep_order():
    entries = [("c", 5, 3), ("a", 2, 1), ("new", None, 9), ("b", 3, 2)]
    assert rules.waitlist_positions(entries) == {"a": 1, "b": 2, "c": 3, "new": 4}
    assert rules.waitlist_positions([]) == {}
