"""The meeting pack's cover: a PDF, with the Kazakh letters kept (the font has them)."""

import io
import pathlib

import pytest

PyPDF2 = pytest.importorskip("PyPDF2")
pytest.importorskip("reportlab")

FONTS = [
    path
    for path in (
        pathlib.Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
        *pathlib.Path("/").glob("opt/odoo18/odoo/addons/web/static/fonts/sign/NotoSans-Reg.ttf"),
    )
    if path.exists()
]


@pytest.mark.skipif(not FONTS, reason="no TrueType font with Cyrillic letters on this machine")
def test_cover_is_a_pdf_with_the_agenda_in_kazakh():
    from conftest import load_tool

    pack = load_tool("pack")
    data = pack.cover(
        str(FONTS[0]),
        "Абай облысының кеңесі",
        "№ 3/2026 отырыс",
        "28.01.2026 10:00",
        "Семей",
        [("Жазғы лагерьлер", ["жоспар.pdf"]), ("Әртүрлі", [])],
        ["1.2 Оқу клубын ашу — 30.05.2026"],
        {"agenda": "Күн тәртібі", "documents": "Құжаттар", "control": "Бақылаудағы шешімдер"},
    )
    assert data.startswith(b"%PDF")
    text = "".join(page.extractText() for page in PyPDF2.PdfFileReader(io.BytesIO(data)).pages)
    for words in ("Күн тәртібі", "Жазғы лагерьлер", "Оқу клубын ашу"):
        assert words.replace(" ", "") in text.replace(" ", "").replace("\n", "")
