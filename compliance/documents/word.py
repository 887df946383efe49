"""A supervision letter as an editable DOCX (python-docx), for federations that edit or stamp it
in a word processor.

The same GB/T 9704-2012 page as the PDF. The DOCX asks for 宋体 (title) and 仿宋 (body) and the
reader's word processor substitutes what it has; page numbers are fields it computes.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from compliance.documents import fonts
from compliance.documents.layout import (
    BODY_PT,
    BOTTOM,
    FOOTER_PT,
    LEFT,
    LINE,
    MM_PER_PT,
    PAGE_H,
    PAGE_W,
    RED,
    RIGHT,
    SMALL_PT,
    TOP,
)
from compliance.documents.text import letter_text

TITLE_FACE, BODY_FACE = "宋体", "仿宋"


def _face(element, face: str) -> None:
    """Ask for `face` for Chinese text too: python-docx sets only the Latin font names."""
    rpr = element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), face)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _border(paragraph, *, edges: Iterable[str], size: int, color: str) -> None:
    borders = OxmlElement("w:pBdr")
    for edge in edges:
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), str(size))  # eighths of a point
        line.set(qn("w:space"), "1")
        line.set(qn("w:color"), color)
        borders.append(line)
    paragraph._p.get_or_add_pPr().append(borders)


def _field(paragraph, instruction: str, *, size: float) -> None:
    """A field Word and LibreOffice compute when they lay the document out (PAGE, NUMPAGES)."""
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    half_points = OxmlElement("w:sz")
    half_points.set(qn("w:val"), str(round(size * 2)))
    properties.append(half_points)
    value = OxmlElement("w:t")
    value.text = "1"
    run.extend([properties, value])
    field.append(run)
    paragraph._p.append(field)


def letter_docx(*, letter, template, federation, items, reply_url: str = "") -> bytes:
    """The same letter as DOCX, for federations that edit or stamp it in a word processor."""
    text = letter_text(
        letter=letter, template=template, federation=federation, items=items, reply_url=reply_url
    )
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_W), Mm(PAGE_H)
    section.top_margin, section.bottom_margin = Mm(TOP), Mm(PAGE_H - BOTTOM)
    section.left_margin, section.right_margin = Mm(LEFT), Mm(RIGHT)
    normal = document.styles["Normal"]
    normal.font.name = BODY_FACE
    normal.font.size = Pt(BODY_PT)
    _face(normal.element, BODY_FACE)
    layout = normal.paragraph_format
    layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    layout.line_spacing = Pt(LINE / MM_PER_PT)
    layout.space_before = layout.space_after = Pt(0)

    def add(content: str, *, align=None, size=None, face=None, color=None, bold=False, **fmt):
        paragraph = document.add_paragraph()
        paragraph.alignment = align
        for name, value in fmt.items():
            setattr(paragraph.paragraph_format, name, value)
        run = paragraph.add_run(content)
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)
        if face:
            run.font.name = face
            _face(run._element, face)
        if color:
            run.font.color.rgb = RGBColor(*color)
        return paragraph

    centre, right = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT
    add(text.issuer, align=centre, size=24, face=TITLE_FACE, color=RED)
    add(text.title, align=centre, size=22, face=TITLE_FACE, bold=True, space_before=Pt(12))
    rule = add(text.number, align=centre, space_after=Pt(10))
    _border(rule, edges=["bottom"], size=12, color="C41218")
    add(text.addressee + "：")
    for paragraph in text.paragraphs:
        add(paragraph, align=WD_ALIGN_PARAGRAPH.JUSTIFY, first_line_indent=Pt(2 * BODY_PT))
    date_indent = 4 * BODY_PT
    if text.signer:
        add(text.signer, align=right, right_indent=Pt(date_indent), space_before=Pt(BODY_PT))
    add("", space_before=Pt(2 * BODY_PT))  # room for the seal
    # The issuer's name is centred over the date: both right-aligned, the name indented by half
    # the difference of their widths (measured with the PDF font; 仿宋's figures are similar).
    name_indent = (
        date_indent + BODY_PT * (fonts.advance_em(text.date) - fonts.advance_em(text.issuer)) / 2
    )
    add(text.issuer, align=right, right_indent=Pt(max(name_indent, 0.0)))
    add(text.date, align=right, right_indent=Pt(date_indent))
    if text.copies_to:
        hang = SMALL_PT * 3
        copies = add(
            text.copies_to,
            size=SMALL_PT,
            space_before=Pt(3 * BODY_PT),
            left_indent=Pt(SMALL_PT + hang),
            first_line_indent=Pt(-hang),
            right_indent=Pt(SMALL_PT),
        )
        _border(copies, edges=["top", "bottom"], size=4, color="000000")
    footer = section.footer.paragraphs[0]
    footer.alignment = centre
    for part, instruction in (("第 ", "PAGE"), (" 页 共 ", "NUMPAGES")):
        footer.add_run(part).font.size = Pt(FOOTER_PT)
        _field(footer, instruction, size=FOOTER_PT)
    footer.add_run(" 页").font.size = Pt(FOOTER_PT)
    properties = document.core_properties
    properties.title = f"{text.title} {text.number}"
    properties.author = text.issuer
    properties.language = "zh-CN"
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()
