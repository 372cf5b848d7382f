"""Which of the strings a user sees are still in English: the measure of the language walk.

A string counts as English when it holds a Latin word (two letters or more) that is not a name, an
e-mail address, a web address, a code or a word every language writes in Latin letters (Odoo, PDF).
"""

import re

# words written in Latin letters in Kazakh and Russian texts too
LATIN_WORDS = frozenset(
    """
    Odoo OdooBot PDF XLSX XLS CSV Excel SMS QR ID IIN URL HTML KZ API iCal iCalendar CC BCC IP
    Google Gmail Outlook Microsoft Apple Android iOS Wi Fi Unsplash GIF PNG JPG JPEG SVG ZIP
    Ctrl Alt Shift Enter Esc Tab PM AM UTC GMT
    """.split()
)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+")
URL = re.compile(r"(https?://|www\.)\S+|\b[\w-]+(\.[\w-]+)*\.(kz|com|org|net|ru)\b(/\S*)?|/[\w/.-]+")
# words with digits, short capitals (KZ, ID); time zones (Asia/Almaty)
CODE = re.compile(r"\b(?=\w*\d)\w+\b|\b[A-Z]{2,4}\d*\b")
TIME_ZONE = re.compile(r"\b[A-Z][a-z]+(/[A-Z][A-Za-z_]+)+\b")
LATIN = re.compile(r"[A-Za-z][A-Za-z'’]+")


# what a browser without a language's date data (Intl) writes instead: weekdays, months, week numbers
BROWSER_DATES = re.compile(
    r"^((Mon|Tue|Wed|Thu|Fri|Sat|Sun)(day|sday|nesday|rsday|urday)?|"
    r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*|Week|W)( \d{1,4})*$"
)


def browser_date_names(strings):
    """The strings that are only a browser's English date names (\"Mon 30\", \"December\", \"Week 49\")."""
    return [text for text in strings if BROWSER_DATES.match(text)]


def latin_words(text, names=frozenset()):
    """The Latin words of ``text`` that make it English (a set, empty when none)."""
    text = URL.sub(" ", EMAIL.sub(" ", TIME_ZONE.sub(" ", text)))
    text = CODE.sub(" ", text)
    return {word for word in LATIN.findall(text) if word not in LATIN_WORDS and word not in names}


def name_words(names):
    """The words of record names (people, schools, events), which stay as they are written."""
    return frozenset(word for name in names if name for word in LATIN.findall(name))


def english_strings(strings, names=frozenset()):
    """The strings of ``strings`` that are still in English, in their order."""
    return [text for text in strings if latin_words(text, names)]
