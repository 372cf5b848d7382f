#!/usr/bin/env python3
"""Write youth_movement/README.rst from the fragments in youth_movement/readme/, as OCA's
oca-gen-addon-readme does (that tool is not on PyPI): the manifest's name and summary, then each
fragment under its heading. `tests/test_addon_files.py` checks that the file is up to date.

    python3 scripts/make_readme.py
"""

import ast
import pathlib
import re

ADDON = pathlib.Path(__file__).resolve().parent.parent / "youth_movement"
SECTIONS = [  # (fragment, heading); DEVELOP.md is for developers and stays in the repository
    ("DESCRIPTION.md", None),
    ("CONFIGURE.md", "Configuration"),
    ("USAGE.md", "Usage"),
]


def md_to_rst(text):
    """The Markdown the fragments use, as reStructuredText: inline code, bold, emphasis, lists."""
    text = re.sub(r"(?<!`)`([^`]+)`(?!`)", r"``\1``", text)
    return text.strip() + "\n"


def render():
    manifest = ast.literal_eval((ADDON / "__manifest__.py").read_text(encoding="utf-8"))
    title = manifest["name"]
    lines = [
        "=" * len(title),
        title,
        "=" * len(title),
        "",
        "..",
        "   This file is written by scripts/make_readme.py from the fragments in readme/:",
        "   edit those, then run it.",
        "",
        "**%s** — version %s, %s" % (manifest["summary"], manifest["version"], manifest["license"]),
        "",
    ]
    lines.append(".. contents::\n   :local:\n")
    for name, heading in SECTIONS:
        body = md_to_rst((ADDON / "readme" / name).read_text(encoding="utf-8"))
        if heading:
            lines += [heading, "=" * len(heading), ""]
        lines += [body]
    lines += ["Credits", "=======", "", "Authors", "-------", "", "* %s" % manifest["author"], ""]
    return "\n".join(lines)


if __name__ == "__main__":
    (ADDON / "README.rst").write_text(render(), encoding="utf-8")
