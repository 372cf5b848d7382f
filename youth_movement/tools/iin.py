"""Rules of the Kazakh individual identification number (ИИН / ЖСН).

Twelve digits: ``YYMMDD`` birth date, one digit for century and sex, a four-digit serial and a
check digit. The check digit is ``sum(d[i] * i for i in 1..11) % 11``; when that is 10 the sum is
taken again with the weights ``3, 4, ..., 11, 1, 2``, and when it is 10 once more the number is
invalid.
"""

import datetime

WEIGHTS_1 = tuple(range(1, 12))
WEIGHTS_2 = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)

# digit 7 -> (century, sex)
CENTURY_SEX = {
    "1": (1800, "male"),
    "2": (1800, "female"),
    "3": (1900, "male"),
    "4": (1900, "female"),
    "5": (2000, "male"),
    "6": (2000, "female"),
}

# Error codes returned by :func:`check`; the ORM layer turns them into translated messages.
ERR_FORMAT = "format"
ERR_CENTURY = "century"
ERR_DATE = "date"
ERR_CHECKSUM = "checksum"


class IinError(ValueError):
    """An ИИН that breaks a rule; ``code`` is one of the ``ERR_*`` constants."""

    def __init__(self, code, iin=None):
        super().__init__(code)
        self.code = code
        self.iin = iin


def check_digit(first11):
    """Return the check digit for the first eleven digits, or ``None`` when none exists.

    >>> check_digit("88061130105")
    1
    """
    digits = [int(c) for c in first11]
    total = sum(d * w for d, w in zip(digits, WEIGHTS_1)) % 11
    if total == 10:
        total = sum(d * w for d, w in zip(digits, WEIGHTS_2)) % 11
        if total == 10:
            return None
    return total


def normalize(value):
    """Strip blanks that people type inside an ИИН; return ``''`` for an empty value."""
    return "".join((value or "").split())


def check(value):
    """Validate an ИИН and return ``(birth_date, sex)``; raise :class:`IinError` otherwise."""
    iin = normalize(value)
    if len(iin) != 12 or not iin.isdigit():
        raise IinError(ERR_FORMAT, iin)
    century_sex = CENTURY_SEX.get(iin[6])
    if not century_sex:
        raise IinError(ERR_CENTURY, iin)
    century, sex = century_sex
    try:
        birth_date = datetime.date(century + int(iin[0:2]), int(iin[2:4]), int(iin[4:6]))
    except ValueError:
        raise IinError(ERR_DATE, iin) from None
    if check_digit(iin[:11]) != int(iin[11]):
        raise IinError(ERR_CHECKSUM, iin)
    return birth_date, sex


def is_valid(value):
    """``True`` when :func:`check` accepts the value."""
    try:
        check(value)
    except IinError:
        return False
    return True


def make(birth_date, sex, serial):
    """Build a valid ИИН for a birth date, sex and serial (0–9999), trying the next serials
    when a serial has no check digit. Used by demo data and the benchmark generator."""
    century = birth_date.year // 100 * 100
    digit7 = next(d for d, cs in CENTURY_SEX.items() if cs == (century, sex))
    for step in range(10000):
        first11 = "%s%s%04d" % (birth_date.strftime("%y%m%d"), digit7, (serial + step) % 10000)
        digit = check_digit(first11)
        if digit is not None:
            return first11 + str(digit)
    raise IinError(ERR_CHECKSUM)  # pragma: no cover - every date has serials with a check digit
