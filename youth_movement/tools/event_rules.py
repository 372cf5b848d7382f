"""Who may come to an event of the movement, on which days it runs, and the waitlist order.

Plain functions on plain values: the models gather the facts (the pupil's grade, tier, birth
date, school and district; the event's audience and window) and turn the returned problem codes
into translated messages.
"""

import datetime

from .school import IN_MOVEMENT

# problem codes, in the order they are checked: the first one found is the one reported
WINDOW_NOT_OPEN = "window_not_open"
WINDOW_CLOSED = "window_closed"
EVENT_OVER = "event_over"
NOT_IN_MOVEMENT = "not_in_movement"
ALREADY_MEMBER = "already_member"
TIER = "tier"
GRADE = "grade"
AGE = "age"
PLACE = "place"


def age_on(birth_date, day):
    """Age in whole years on ``day``.

    >>> age_on(datetime.date(2014, 3, 5), datetime.date(2026, 3, 4))
    11
    """
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def event_days(first_day, last_day, max_days=366):
    """The calendar days an event runs, first and last included (at most ``max_days``)."""
    if last_day < first_day:
        return [first_day]
    count = min((last_day - first_day).days + 1, max_days)
    return [first_day + datetime.timedelta(days=offset) for offset in range(count)]


def audience_problem(event, pupil, now):
    """Return ``(code, details)`` for the first reason the pupil may not register, or ``None``.

    ``event`` is a dict with keys: ``registration_start``, ``registration_end``, ``date_end``
    (datetimes or None), ``ceremony`` (bool: an admission ceremony), ``tier_ids`` (set),
    ``grade_min``, ``grade_max``, ``age_min``, ``age_max`` (0 = no bound), ``age_day`` (the day
    ages are counted on), ``district_ids`` and ``school_ids`` (sets of allowed places; empty =
    anywhere), ``unit_id`` (only that unit's members, or None).
    ``pupil`` is a dict with keys: ``status``, ``tier_id``, ``grade``, ``birth_date``,
    ``district_id``, ``school_id``, ``unit_id``.
    """
    if event.get("registration_start") and now < event["registration_start"]:
        return WINDOW_NOT_OPEN, {"date": event["registration_start"]}
    if event.get("registration_end") and now > event["registration_end"]:
        return WINDOW_CLOSED, {"date": event["registration_end"]}
    if event.get("date_end") and now > event["date_end"]:
        return EVENT_OVER, {}
    if event.get("ceremony"):
        if pupil["status"] == "active":
            return ALREADY_MEMBER, {}
        if pupil["status"] != "applicant":
            return NOT_IN_MOVEMENT, {}
    elif pupil["status"] not in IN_MOVEMENT:
        return NOT_IN_MOVEMENT, {}
    if event.get("tier_ids") and pupil.get("tier_id") not in event["tier_ids"]:
        return TIER, {}
    grade_min, grade_max = event.get("grade_min") or 0, event.get("grade_max") or 0
    if (grade_min and pupil["grade"] < grade_min) or (grade_max and pupil["grade"] > grade_max):
        return GRADE, {"min": grade_min, "max": grade_max}
    age_min, age_max = event.get("age_min") or 0, event.get("age_max") or 0
    if age_min or age_max:
        if not pupil.get("birth_date"):
            return AGE, {"min": age_min, "max": age_max, "age": None}
        age = age_on(pupil["birth_date"], event["age_day"])
        if (age_min and age < age_min) or (age_max and age > age_max):
            return AGE, {"min": age_min, "max": age_max, "age": age}
    if event.get("unit_id") and pupil.get("unit_id") != event["unit_id"]:
        return PLACE, {}
    district_ids, school_ids = event.get("district_ids") or set(), event.get("school_ids") or set()
    if (district_ids or school_ids) and not (
        pupil.get("district_id") in district_ids or pupil.get("school_id") in school_ids
    ):
        return PLACE, {}
    return None


def waitlist_positions(entries):
    """Number a waitlist 1..N without gaps, keeping its order.

    ``entries`` are ``(key, position, tie_breaker)``; entries without a position go last, in
    tie-breaker order. Return ``{key: new_position}`` for every entry.
    """
    ordered = sorted(entries, key=lambda e: (e[1] is None or e[1] <= 0, e[1] or 0, e[2]))
    return {key: index for index, (key, _position, _tie) in enumerate(ordered, start=1)}
