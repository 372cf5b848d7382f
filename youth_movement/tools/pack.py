"""The meeting pack's first pages: the cover, the agenda with each item's documents, and the decisions
under control of execution, as a PDF drawn with reportlab (a dependency of Odoo itself), in a font
that has the Kazakh letters. Plain Python: the model gives the texts, merges the items' PDFs after."""

import io
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer

FONT = "YouthPackSans"


def _register(font_path):
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, font_path))


def cover(font_path, title, subtitle, when, where, agenda, control, labels):
    """The pack's first pages as PDF bytes.

    ``agenda``: ``[(item title, [document names])]``; ``control``: ``[decision line]``; ``labels``:
    the translated headings ``{"agenda", "documents", "control"}``."""
    _register(font_path)
    base = ParagraphStyle("base", fontName=FONT, fontSize=11, leading=15)
    heading = ParagraphStyle("heading", parent=base, fontSize=13, leading=18, spaceBefore=10, spaceAfter=4)
    big = ParagraphStyle("big", parent=base, fontSize=17, leading=22, alignment=1, spaceAfter=6)
    centre = ParagraphStyle("centre", parent=base, alignment=1)
    small = ParagraphStyle("small", parent=base, fontSize=9, leading=12, textColor="#555555")
    story = [
        Paragraph(escape(title), big),
        Paragraph(escape(subtitle), centre),
        Paragraph(escape("%s · %s" % (when, where) if where else when), centre),
        Spacer(1, 8 * mm),
        Paragraph(escape(labels["agenda"]), heading),
    ]
    items = []
    for item_title, documents in agenda:
        parts = [Paragraph(escape(item_title), base)]
        if documents:
            parts.append(Paragraph(escape("%s: %s" % (labels["documents"], ", ".join(documents))), small))
        items.append(ListItem(parts, leftIndent=12))
    if items:
        story.append(ListFlowable(items, bulletType="1", bulletFontName=FONT))
    if control:
        story.append(Paragraph(escape(labels["control"]), heading))
        story.append(
            ListFlowable(
                [ListItem(Paragraph(escape(line), base), leftIndent=12) for line in control],
                bulletType="bullet",
                bulletFontName=FONT,
            )
        )
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, leftMargin=20 * mm, rightMargin=15 * mm, title=title).build(story)
    return buffer.getvalue()
