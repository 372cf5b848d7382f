"""The Kazakh and Russian translations cover the exported template, with their placeholders intact."""

import ast
import collections
import pathlib
import re

import pytest

I18N = pathlib.Path(__file__).resolve().parent.parent / "youth_movement" / "i18n"
LANGUAGES = ["kk", "ru"]
PLACEHOLDER = re.compile(r"%(?:\([a-z_][a-z0-9_]*\))?[sdfr]|\{[a-z_][a-z0-9_]*\}")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")
Entry = collections.namedtuple("Entry", "msgid msgstr flags line")


def parse_po(path):
    """Return the entries of a .po/.pot file (header left out): msgid, msgstr, flags, line number.

    Handles comments, ``#,`` flags, msgctxt and strings continued over several lines.
    """
    entries, current, key = [], None, None

    def close():
        if current and current["msgid"] is not None and current["msgid"] != "":
            entries.append(Entry(current["msgid"], current["msgstr"] or "", current["flags"], current["line"]))

    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or (line.startswith("#") and current and current["msgid"] is not None):
            close()
            current, key = None, None
            if not line:
                continue
        if current is None:
            current = {"msgid": None, "msgstr": None, "msgctxt": None, "flags": set(), "line": number}
        if line.startswith("#,"):
            current["flags"].update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            assert key, f"{path.name}:{number}: a string continues nothing"
            current[key] += ast.literal_eval(line)
        else:
            key, _, value = line.partition(" ")
            assert key in ("msgid", "msgstr", "msgctxt"), f"{path.name}:{number}: unexpected {key!r}"
            current[key] = ast.literal_eval(value)
    close()
    return entries


def as_dict(entries):
    return {entry.msgid: entry for entry in entries}


@pytest.fixture(scope="module")
def template():
    return parse_po(I18N / "youth_movement.pot")


@pytest.fixture(scope="module", params=LANGUAGES)
def catalog(request):
    return request.param, parse_po(I18N / f"{request.param}.po")


def test_parser_reads_multiline_strings(tmp_path):
    """The parser joins continued strings, reads escapes and flags, and skips the header."""
    po = tmp_path / "x.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: kk\\n"\n\n#. module: m\n#, python-format\nmsgid ""\n'
        '"Hello %(name)s,\\n"\n"welcome"\nmsgstr "Сәлем %(name)s,\\n"\n"«қош келдіңіз»"\n',
        encoding="utf-8",
    )
    [entry] = parse_po(po)
    assert entry.msgid == "Hello %(name)s,\nwelcome"
    assert entry.msgstr == "Сәлем %(name)s,\n«қош келдіңіз»"
    assert entry.flags == {"python-format"}


def test_template_is_exported(template):
    """The template has entries and no translations of its own."""
    assert len(template) > 100
    assert not [entry.msgid for entry in template if entry.msgstr]


def test_no_duplicate_msgids(template, catalog):
    """A msgid appears once per file (Odoo keeps the last one silently)."""
    lang, entries = catalog
    for name, items in (("youth_movement.pot", template), (f"{lang}.po", entries)):
        counts = collections.Counter(entry.msgid for entry in items)
        assert not [msgid for msgid, count in counts.items() if count > 1], name


def test_every_template_entry_is_translated(template, catalog):
    """Every msgid of the template has a non-empty, non-fuzzy msgstr in kk.po and ru.po."""
    lang, entries = catalog
    translated = as_dict(entries)
    missing = [
        entry.msgid for entry in template if entry.msgid not in translated or not translated[entry.msgid].msgstr.strip()
    ]
    assert not missing, f"{lang}.po lacks {len(missing)} translations, e.g. {missing[:5]}"
    fuzzy = [entry.msgid for entry in entries if "fuzzy" in entry.flags]
    assert not fuzzy, f"{lang}.po has fuzzy entries: {fuzzy[:5]}"


def test_placeholders_and_markup_are_kept(catalog):
    """%(name)s / %s placeholders, HTML tags and leading/trailing line breaks match in msgid and msgstr."""
    lang, entries = catalog
    for entry in entries:
        if not entry.msgstr:
            continue
        where = f"{lang}.po:{entry.line} {entry.msgid!r}"
        assert sorted(PLACEHOLDER.findall(entry.msgid)) == sorted(PLACEHOLDER.findall(entry.msgstr)), where
        assert sorted(TAG.findall(entry.msgid)) == sorted(TAG.findall(entry.msgstr)), where
        for end in (str.startswith, str.endswith):
            assert end(entry.msgid, "\n") == end(entry.msgstr, "\n"), where


def test_translations_are_not_copies(catalog):
    """At least 90% of the entries with letters are translated, not copied from the English."""
    lang, entries = catalog
    worded = [entry for entry in entries if re.search("[A-Za-z]", PLACEHOLDER.sub("", entry.msgid))]
    copied = [entry.msgid for entry in worded if entry.msgstr == entry.msgid]
    assert worded
    assert len(copied) <= 0.1 * len(worded), f"{lang}.po copies {len(copied)} msgids, e.g. {copied[:5]}"


def test_headers_are_kept(catalog):
    """Each catalogue keeps its header: UTF-8, its language and its plural forms."""
    lang, _entries = catalog
    text = (I18N / f"{lang}.po").read_text(encoding="utf-8")
    header = text[: text.index("\n\n")]
    assert f'"Language: {lang}\\n"' in header
    assert '"Content-Type: text/plain; charset=UTF-8\\n"' in header
    assert '"Plural-Forms: nplurals=' in header
