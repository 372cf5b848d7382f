"""The translations the addon ships for Odoo's own modules (``youth_movement/i18n_odoo``), the
glossary they follow, and the walk's measure of what is still in English."""

import ast
import csv
import pathlib
import re

import polib
import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXTRA = ROOT / "youth_movement" / "i18n_odoo"
ADDON_PO = ROOT / "youth_movement" / "i18n"
PO_FILES = sorted(EXTRA.glob("*/*.po"))
PLACEHOLDER = re.compile(r"%\([a-zA-Z_0-9]+\)[sdrf]|%[sdrf]|\{\{.*?\}\}|\$\{.*?\}|\{[a-zA-Z_0-9.]*\}")
TAG = re.compile(r"</?([a-zA-Z][\w:.-]*)")
PLACEHOLDER_NO_EXPRESSION = re.compile(r"%\([a-zA-Z_0-9]+\)[sdrf]|%[sdrf]|\$\{.*?\}|\{[a-zA-Z_0-9.]*\}")
EXPRESSION = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
T_ATTRIBUTE = re.compile(r"\b(t-[\w-]+)=\"[^\"]*\"")


def expression_problems(msgid, source, value):
    """``{{ expressions }}`` (mail templates, SMS) stay the same code: a translation may change the
    text of their string literals only, and each must still parse."""
    problems = []
    ours, theirs = EXPRESSION.findall(source), EXPRESSION.findall(value)
    if len(ours) != len(theirs):
        return [f"{msgid[:60]!r}: {len(theirs)} expressions for {len(ours)}"]
    for expression, translated in zip(ours, theirs):
        try:
            tree_ours, tree_theirs = (
                ast.parse(expression.strip(), mode="eval"),
                ast.parse(translated.strip(), mode="eval"),
            )
        except SyntaxError:
            problems.append(f"{msgid[:60]!r}: an expression does not parse")
            continue
        if [type(node).__name__ for node in ast.walk(tree_ours)] != [
            type(node).__name__ for node in ast.walk(tree_theirs)
        ] or {node.id for node in ast.walk(tree_ours) if isinstance(node, ast.Name)} != {
            node.id for node in ast.walk(tree_theirs) if isinstance(node, ast.Name)
        }:
            problems.append(f"{msgid[:60]!r}: an expression's code changed")
    return problems


def glossary():
    with (EXTRA / "glossary.csv").open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_file_belongs_to_an_odoo_module_and_its_language():
    """``i18n_odoo/<module>/<lang>.po``: a module name and a language Odoo knows the file by."""
    assert PO_FILES, "the addon ships translations for Odoo's modules"
    for path in PO_FILES:
        assert path.stem in ("kk", "ru"), path
        assert re.fullmatch(r"[a-z0-9_]+", path.parent.name), path


@pytest.mark.parametrize("path", PO_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_entries_keep_what_odoo_reads(path):
    """Each entry keeps Odoo's occurrences (model terms are found by them) and its code comment
    (code terms are read only with ``odoo-python`` / ``odoo-javascript``), is translated, and keeps
    the msgid's placeholders, tags and QWeb attributes."""
    catalog = polib.pofile(str(path))
    assert len(catalog), path
    problems = []
    for entry in catalog:
        if not entry.occurrences:
            problems.append(f"{entry.msgid!r}: no occurrence")
        if any(occ.startswith("code:") for occ, _line in entry.occurrences) and not re.search(
            r"odoo-(python|javascript)", entry.comment
        ):
            problems.append(f"{entry.msgid!r}: a code term without its odoo-python/javascript comment")
        values = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        source = entry.msgid_plural or entry.msgid
        for value in values:
            if not value.strip():
                problems.append(f"{entry.msgid!r}: not translated")
                continue
            problems += expression_problems(entry.msgid, source, value)
            for pattern in (PLACEHOLDER_NO_EXPRESSION, TAG, T_ATTRIBUTE):
                if sorted(pattern.findall(source)) != sorted(pattern.findall(value)):
                    problems.append(f"{entry.msgid!r}: {pattern.pattern[:20]}… differ")
    assert not problems, "\n".join(problems[:40])


def test_kazakh_files_are_kazakh():
    """A Kazakh file's long strings carry Kazakh letters: not Odoo's Russian left in place."""
    russian = []
    for path in EXTRA.glob("*/kk.po"):
        for entry in polib.pofile(str(path)):
            text = re.sub(r"<[^>]+>|\{\{.*?\}\}|%\(\w+\)s", " ", entry.msgstr)
            words = re.findall(r"[а-яёәғқңөұүһі]{4,}", text, re.IGNORECASE)
            if len(words) >= 6 and not re.search(r"[әғқңөұүһі]", text, re.IGNORECASE):
                russian.append(f"{path.parent.name}: {entry.msgid[:60]!r}")
    assert len(russian) <= 5, "\n".join(russian)


def test_the_glossary_is_followed():
    """Where a msgid is a glossary term, the addon's Kazakh and Russian say it with the glossary's
    word, and so do the Odoo modules' files for the ERP's terms."""
    rows = glossary()
    assert {"Member", "Council", "Decision", "Event", "Registration", "Waitlist", "Consent", "Export"} <= {
        row["en"] for row in rows
    }
    astray = []
    # the movement's words are the addon's; Odoo's modules use some in another sense (a unit of time)
    everywhere = {row["en"]: row for row in rows if row["scope"] == "all"}
    files = [(p, p.stem, everywhere) for p in PO_FILES] + [
        (ADDON_PO / f"{lang}.po", lang, {row["en"]: row for row in rows}) for lang in ("kk", "ru")
    ]
    for path, lang, terms in files:
        for entry in polib.pofile(str(path)):
            row = terms.get(entry.msgid.strip())
            word = row and row[lang].strip().lower()
            if (
                word
                and entry.msgstr
                and word not in entry.msgstr.lower()
                and "glossary: another sense" not in entry.tcomment
            ):
                astray.append(f"{path.parent.name}/{path.name}: {entry.msgid!r} → {entry.msgstr!r} (glossary: {word})")
    assert not astray, "\n".join(astray)


def test_the_walk_tells_english_from_names_codes_and_addresses(language_walk):
    """What the language walk counts as English."""
    names = language_walk.name_words(["Mitchell Admin", "Tour School"])
    english = language_walk.english_strings
    assert english(["Сақтау", "Odoo негізінде", "parent001@example.kz", "ИИН 140305601231"], names) == []
    assert english(["https://abai-bilim.example.kz/my", "Mitchell Admin", "PDF, XLSX"], names) == []
    assert english(["Search...", "Жаңа", "Powered by Odoo", "Тіркелу (Sign up)"], names) == [
        "Search...",
        "Powered by Odoo",
        "Тіркелу (Sign up)",
    ]
    assert english(["1-80 / 200", "A6", "Admin"], names) == []
    assert english(["Schools"], names) == ["Schools"]


def test_the_browser_s_date_names_are_told_apart(language_walk):
    """What a browser without Kazakh date data writes in a calendar: its names, not Odoo's strings."""
    dates = language_walk.browser_date_names
    assert dates(["Mon 30", "Tue", "December", "Week 49", "Sunday"]) == [
        "Mon 30",
        "Tue",
        "December",
        "Week 49",
        "Sunday",
    ]
    assert dates(["Monday meeting", "Save", "Дс 30"]) == []


def test_time_zones_are_codes(language_walk):
    """A time zone is written the same in every language."""
    assert language_walk.english_strings(["Asia/Almaty", "Europe/Moscow", "America/Argentina/Buenos_Aires"]) == []
