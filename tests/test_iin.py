"""The ИИН rules: format, century and sex, birth date, check digit with both weight sets."""

import datetime

import pytest


def test_valid_iin_gives_birth_date_and_sex(iin):
    """A valid ИИН yields its birth date and sex."""
    assert iin.check("140305601231") == (datetime.date(2014, 3, 5), "female")


def test_blanks_inside_are_ignored(iin):
    """People type ИИН in groups; the blanks do not matter."""
    assert iin.check(" 140305 601231 ") == (datetime.date(2014, 3, 5), "female")


@pytest.mark.parametrize(
    "digit, century, sex",
    [
        ("1", 1800, "male"),
        ("2", 1800, "female"),
        ("3", 1900, "male"),
        ("4", 1900, "female"),
        ("5", 2000, "male"),
        ("6", 2000, "female"),
    ],
)
def test_seventh_digit_gives_century_and_sex(iin, digit, century, sex):
    """Digit 7 tells the century of birth and the sex."""
    first11 = "010203" + digit + "0042"
    value = first11 + str(iin.check_digit(first11))
    assert iin.check(value) == (datetime.date(century + 1, 2, 3), sex)


@pytest.mark.parametrize("value", ["", "12345", "1403056012310", "14030560123a", None])
def test_wrong_format(iin, value):
    """Anything but twelve digits is refused as a format error."""
    with pytest.raises(iin.IinError) as error:
        iin.check(value)
    assert error.value.code == iin.ERR_FORMAT


def test_wrong_century_digit(iin):
    """Digits 0, 7, 8 and 9 in position 7 are no person's."""
    for digit in "0789":
        with pytest.raises(iin.IinError) as error:
            iin.check("140305" + digit + "01231")
        assert error.value.code == iin.ERR_CENTURY


def test_impossible_birth_date(iin):
    """A date that does not exist (30 February) is refused."""
    first11 = "140230" + "5" + "0001"
    digit = iin.check_digit(first11)
    with pytest.raises(iin.IinError) as error:
        iin.check(first11 + str(digit if digit is not None else 0))
    assert error.value.code == iin.ERR_DATE


def test_wrong_check_digit(iin):
    """Every other last digit than the right one is refused."""
    good = "140305601231"
    for digit in "0123456789":
        if digit == good[-1]:
            continue
        with pytest.raises(iin.IinError) as error:
            iin.check(good[:11] + digit)
        assert error.value.code == iin.ERR_CHECKSUM


def test_second_weights_used_when_first_sum_is_ten(iin):
    """When the first weighted sum gives 10, the check digit comes from the second weights."""
    first11 = "14030550180"
    digits = [int(c) for c in first11]
    assert sum(d * w for d, w in zip(digits, range(1, 12))) % 11 == 10
    second = sum(d * w for d, w in zip(digits, (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2))) % 11
    assert iin.check_digit(first11) == second == 9
    assert iin.is_valid(first11 + "9")
    assert not iin.is_valid(first11 + "0")


def test_no_check_digit_when_both_sums_are_ten(iin):
    """When both sums give 10 the number cannot be valid, whatever its last digit."""
    first11 = "14030550186"
    assert iin.check_digit(first11) is None
    assert not any(iin.is_valid(first11 + d) for d in "0123456789")


def test_make_builds_valid_numbers(iin):
    """The demo and benchmark generator only makes valid numbers, skipping serials without a digit."""
    seen = set()
    for serial in range(400):
        value = iin.make(datetime.date(2012, 12, 31), "male", serial)
        assert iin.check(value) == (datetime.date(2012, 12, 31), "male")
        seen.add(value)
    assert len(seen) > 350
