"""Local time in the region: the conversions the models, wizards and reports share.

Odoo stores datetimes as naive UTC; people read and type them in their own time zone. Every
conversion goes through here, with one fallback for users who have no time zone set.
Plain Python (pytz), no Odoo.
"""

import datetime

import pytz

DEFAULT_TZ = "Asia/Almaty"  # the zone of most of Kazakhstan, for users with none set


def zone(tz_name=None):
    """The pytz zone of ``tz_name``, or the default one."""
    return pytz.timezone(tz_name or DEFAULT_TZ)


def to_local(value, tz_name=None):
    """A naive UTC datetime as a naive datetime in ``tz_name``.

    >>> to_local(datetime.datetime(2026, 1, 28, 5, 0), "Asia/Almaty")
    datetime.datetime(2026, 1, 28, 10, 0)
    """
    return pytz.utc.localize(value).astimezone(zone(tz_name)).replace(tzinfo=None)


def to_utc(value, tz_name=None):
    """A naive datetime in ``tz_name`` as a naive UTC datetime.

    >>> to_utc(datetime.datetime(2026, 1, 28, 10, 0), "Asia/Almaty")
    datetime.datetime(2026, 1, 28, 5, 0)
    """
    return zone(tz_name).localize(value).astimezone(pytz.utc).replace(tzinfo=None)


def today_in(tz_name=None):
    """Today's date in ``tz_name``."""
    return datetime.datetime.now(zone(tz_name)).date()


def utc_bounds(date_from, date_to, tz_name=None):
    """The days ``date_from`` to ``date_to`` as naive UTC datetimes ``[start, end)``: from the first
    day's midnight to the midnight after the last day, in ``tz_name``."""
    start = datetime.datetime.combine(date_from, datetime.time.min)
    end = datetime.datetime.combine(date_to + datetime.timedelta(days=1), datetime.time.min)
    return to_utc(start, tz_name), to_utc(end, tz_name)
