"""A supervision letter as a print-ready PDF (fpdf2) and as an editable DOCX (python-docx).

The layout follows GB/T 9704-2012 (党政机关公文格式), the shape Chinese readers expect of an
official letter: A4 with a 156 × 225 mm type area holding 22 lines of 16 pt (三号) text; the
issuer at the top, the title centred, the document number under it and a rule; the addressee at
the margin; paragraphs indented two characters; the issuer's name and the date at the lower right
under the seal; copies-to at the foot of the last page. One typeface ships with the portal (Noto
Sans CJK), so the PDF sets the title heavier instead of in 小标宋 and the body in sans instead of
仿宋; the DOCX asks for 宋体 and 仿宋 and the reader's word processor substitutes what it has.

This module is the entry point callers import; the work is done in
- `layout`: the page geometry, type sizes and colours both formats share;
- `text`: what the letter says (the template body rendered, the glyph check) and line breaking;
- `pdf`: the fpdf2 layout; `word`: the python-docx document.
"""

from __future__ import annotations

from compliance.documents.layout import (
    BODY_PT,
    BOTTOM,
    EM,
    FAINT,
    FONT,
    FOOTER_PT,
    LEFT,
    LINE,
    LINES_PER_PAGE,
    MM_PER_PT,
    PAGE_H,
    PAGE_LABEL,
    PAGE_W,
    RED,
    RIGHT,
    SEAL_R,
    SEAL_RED,
    SMALL_PT,
    TEXT_W,
    TOP,
)
from compliance.documents.pdf import letter_pdf
from compliance.documents.text import (
    NO_LINE_END,
    NO_LINE_START,
    TOKEN,
    LetterText,
    check_glyphs,
    chinese_date,
    letter_text,
    render_body,
    wrap,
)
from compliance.documents.word import BODY_FACE, TITLE_FACE, letter_docx

__all__ = [
    "BODY_FACE",
    "BODY_PT",
    "BOTTOM",
    "EM",
    "FAINT",
    "FONT",
    "FOOTER_PT",
    "LEFT",
    "LINE",
    "LINES_PER_PAGE",
    "MM_PER_PT",
    "NO_LINE_END",
    "NO_LINE_START",
    "PAGE_H",
    "PAGE_LABEL",
    "PAGE_W",
    "RED",
    "RIGHT",
    "SEAL_R",
    "SEAL_RED",
    "SMALL_PT",
    "TEXT_W",
    "TITLE_FACE",
    "TOKEN",
    "TOP",
    "LetterText",
    "check_glyphs",
    "chinese_date",
    "letter_docx",
    "letter_pdf",
    "letter_text",
    "render_body",
    "wrap",
]
