"""A supervision letter as a print-ready A4 PDF (fpdf2), laid out to GB/T 9704-2012.

The issuer at the top in red, the title centred, the document number under it and a rule; the
addressee at the margin; paragraphs indented two characters and justified; the issuer's name and
the date at the lower right under the seal; copies-to at the foot of the last page; 第 n 页 共 m 页
under every page. One typeface ships with the portal (Noto Sans CJK), so the title is set heavier
instead of in 小标宋 and the body in sans instead of 仿宋. Only the glyphs the letter uses are
embedded.
"""

from __future__ import annotations

import math
import tempfile
from dataclasses import dataclass
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import TextMode

from compliance.documents import fonts
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
    PAGE_LABEL,
    RED,
    RIGHT,
    SEAL_R,
    SEAL_RED,
    SMALL_PT,
    TEXT_W,
    TOP,
)
from compliance.documents.text import LetterText, letter_text, wrap


@dataclass(frozen=True)
class _Line:
    text: str
    x: float
    spacing: float = 0.0  # extra space between characters, in points, to justify the line


def _paragraph_lines(pdf: FPDF, paragraph: str, *, indent: float) -> list[_Line]:
    wrapped = wrap(
        paragraph, first=TEXT_W - indent, rest=TEXT_W, em=EM, width_of=pdf.get_string_width
    )
    lines = []
    for index, line in enumerate(wrapped):
        x = LEFT + (indent if index == 0 else 0.0)
        spacing = 0.0
        gaps = len(line) - 1
        slack = LEFT + TEXT_W - x - pdf.get_string_width(line)
        # Justify every line but the last, unless a long unbreakable run left a wide gap.
        if index < len(wrapped) - 1 and gaps > 0 and 0 < slack / gaps < EM / 3:
            spacing = slack / gaps / MM_PER_PT
        lines.append(_Line(line, x, spacing))
    return lines


def _paginate(lines: list[_Line], *, first_capacity: int, tail: int) -> list[list[_Line]]:
    pages: list[list[_Line]] = [[]]
    capacity = first_capacity
    for line in lines:
        if len(pages[-1]) >= capacity:
            pages.append([])
            capacity = LINES_PER_PAGE
        pages[-1].append(line)
    # The seal sits within a line of the text (GB/T 9704 §7.3.5.1): when the signature block does
    # not fit, the last two lines go over with it, so a page never holds only a seal.
    if len(pages[-1]) + tail > capacity:
        carried = pages[-1][-2:]
        del pages[-1][-2:]
        pages.append(carried)
    return pages


def a4_pdf(*, font_path: Path, title: str, author: str) -> FPDF:
    """An empty A4 document with the letters' margins and Chinese font, pages broken by hand;
    the letters and the filing receipt start from it."""
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_margins(LEFT, TOP, RIGHT)
    pdf.add_font(FONT, fname=font_path)
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_creator("union-portal")
    pdf.set_lang("zh-CN")
    return pdf


class _Writer:
    def __init__(self, text: LetterText, font_path: Path):
        self.text = text
        self.pdf = a4_pdf(
            font_path=font_path, title=f"{text.title} {text.number}", author=text.issuer
        )

    def write(self) -> bytes:
        pdf, text = self.pdf, self.text
        pdf.set_font(FONT, size=BODY_PT)
        lines = _paragraph_lines(pdf, text.addressee + "：", indent=0.0)
        for paragraph in text.paragraphs:
            lines += _paragraph_lines(pdf, paragraph, indent=2 * EM)
        pdf.set_font(FONT, size=SMALL_PT)
        copies = self._copies_lines()
        copies_h = len(copies) * 7.0 + 4.0 if copies else 0.0
        tail_h = (LINE if text.signer else 0.0) + 2 * SEAL_R + 6.0 + copies_h
        body_top = self._header(measure_only=True)
        pages = _paginate(
            lines,
            first_capacity=int((BOTTOM - body_top) // LINE),
            tail=math.ceil(tail_h / LINE),
        )
        for number, page in enumerate(pages, start=1):
            pdf.add_page()
            top = self._header() if number == 1 else TOP
            pdf.set_font(FONT, size=BODY_PT)
            pdf.set_text_color(0)
            for slot, line in enumerate(page):
                pdf.set_char_spacing(line.spacing)
                pdf.text(line.x, self._baseline(top + slot * LINE), line.text)
            pdf.set_char_spacing(0)
            if number == len(pages):
                self._signature(top + len(page) * LINE)
                self._copies(copies, copies_h)
            self._footer(number, len(pages))
        return bytes(pdf.output())

    @staticmethod
    def _baseline(line_top: float) -> float:
        return line_top + LINE / 2 + 0.36 * EM  # the ideographic box centred in the line

    def _centred(self, y: float, text: str) -> None:
        self.pdf.text(LEFT + (TEXT_W - self.pdf.get_string_width(text)) / 2, y, text)

    def _header(self, *, measure_only: bool = False) -> float:
        """Issuer, title, number and rule; returns where the body starts."""
        pdf, text = self.pdf, self.text
        pdf.set_font(FONT, size=22)
        title = wrap(
            text.title, first=TEXT_W, rest=TEXT_W, em=22 * MM_PER_PT, width_of=pdf.get_string_width
        )
        number_y = 52.0 + 12.0 * (len(title) - 1) + 12.0
        rule_y = number_y + 5.0
        if measure_only:
            return rule_y + 5.0
        pdf.set_font(FONT, size=24)
        pdf.set_text_color(*RED)
        pdf.set_char_spacing(4)
        self._centred(30.0, text.issuer)
        pdf.set_char_spacing(0)
        pdf.set_font(FONT, size=22)
        pdf.set_text_color(0)
        # One weight ships: a stroked outline sets the title bolder. local_context wraps it in q/Q,
        # since the text rendering mode would otherwise stay on for everything drawn after it.
        with pdf.local_context(text_mode=TextMode.FILL_STROKE, draw_color=0, line_width=0.25):
            for index, line in enumerate(title):
                self._centred(52.0 + 12.0 * index, line)
        pdf.set_font(FONT, size=BODY_PT)
        self._centred(number_y, text.number)
        pdf.set_draw_color(*RED)
        pdf.set_line_width(0.6)
        pdf.line(LEFT, rule_y, LEFT + TEXT_W, rule_y)
        return rule_y + 5.0

    def _signature(self, y: float) -> None:
        """Signer, then the seal circle over the issuer's name and the date (right, 4 em in)."""
        pdf, text = self.pdf, self.text
        pdf.set_font(FONT, size=BODY_PT)
        pdf.set_text_color(0)
        date_right = LEFT + TEXT_W - 4 * EM
        date_w = pdf.get_string_width(text.date)
        centre_x = date_right - date_w / 2
        if text.signer:
            signer_w = pdf.get_string_width(text.signer)
            pdf.text(
                min(centre_x - signer_w / 2, LEFT + TEXT_W - signer_w),
                self._baseline(y),
                text.signer,
            )
            y += LINE
        centre_y = y + 2.0 + SEAL_R
        name_w = pdf.get_string_width(text.issuer)
        name_x = min(centre_x - name_w / 2, LEFT + TEXT_W - name_w)
        pdf.text(name_x, centre_y + 1.0, text.issuer)
        pdf.text(date_right - date_w, centre_y + 1.0 + 0.85 * LINE, text.date)
        pdf.set_draw_color(*SEAL_RED)
        pdf.set_line_width(0.3)
        pdf.circle(centre_x, centre_y, SEAL_R)
        pdf.set_font(FONT, size=10.5)
        pdf.set_text_color(*FAINT)
        label = "（印章）"
        pdf.text(centre_x - pdf.get_string_width(label) / 2, centre_y - 8.0, label)
        pdf.set_text_color(0)

    def _copies_lines(self) -> list[str]:
        if not self.text.copies_to:
            return []
        em = SMALL_PT * MM_PER_PT
        width = TEXT_W - 2 * em
        hang = self.pdf.get_string_width("抄送：")
        return wrap(
            self.text.copies_to,
            first=width,
            rest=width - hang,
            em=em,
            width_of=self.pdf.get_string_width,
        )

    def _copies(self, lines: list[str], height: float) -> None:
        """Copies-to between two rules at the foot of the type area (GB/T 9704 §8.2)."""
        if not lines:
            return
        pdf = self.pdf
        pdf.set_font(FONT, size=SMALL_PT)
        em = SMALL_PT * MM_PER_PT
        hang = pdf.get_string_width("抄送：")
        top = BOTTOM - height
        pdf.set_draw_color(0)
        pdf.set_line_width(0.35)
        pdf.line(LEFT, top, LEFT + TEXT_W, top)
        for index, line in enumerate(lines):
            x = LEFT + em + (hang if index else 0.0)
            pdf.text(x, top + 2.0 + 7.0 * index + 5.0, line)
        pdf.set_line_width(0.25)
        pdf.line(LEFT, BOTTOM, LEFT + TEXT_W, BOTTOM)

    def _footer(self, page: int, pages: int) -> None:
        pdf = self.pdf
        pdf.set_font(FONT, size=FOOTER_PT)
        pdf.set_text_color(90)
        self._centred(BOTTOM + 10.0, PAGE_LABEL.format(page=page, pages=pages))
        pdf.set_text_color(0)


def letter_pdf(*, letter, template, federation, items, reply_url: str = "") -> bytes:
    """The letter as an A4 PDF, paginated with 第 n 页 共 m 页, the font subset embedded."""
    text = letter_text(
        letter=letter, template=template, federation=federation, items=items, reply_url=reply_url
    )
    with tempfile.TemporaryDirectory() as folder:
        # fpdf2 reads fonts from a path, and lazily: the file must outlive output().
        font_path = Path(folder) / "letter.ttf"
        font_path.write_bytes(fonts.truetype_subset(text.printed()))
        return _Writer(text, font_path).write()
