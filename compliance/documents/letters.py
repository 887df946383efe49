"""A supervision letter as a print-ready PDF (fpdf2) and as an editable DOCX (python-docx).

The layout follows GB/T 9704-2012 (党政机关公文格式), the shape Chinese readers expect of an
official letter: A4 with a 156 × 225 mm type area holding 22 lines of 16 pt (三号) text; the
issuer at the top, the title centred, the document number under it and a rule; the addressee at
the margin; paragraphs indented two characters; the issuer's name and the date at the lower right
under the seal; copies-to at the foot of the last page. One typeface ships with the portal (Noto
Sans CJK), so the PDF sets the title heavier instead of in 小标宋 and the body in sans instead of
仿宋; the DOCX asks for 宋体 and 仿宋 and the reader's word processor substitutes what it has.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from django.template import Context, Template, TemplateSyntaxError
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from fpdf import FPDF
from fpdf.enums import TextMode

from compliance.documents import fonts
from compliance.models.supervision import LetterKind

MM_PER_PT = 25.4 / 72
PAGE_W, PAGE_H = 210.0, 297.0
LEFT, RIGHT, TOP = 28.0, 26.0, 37.0
TEXT_W = PAGE_W - LEFT - RIGHT
BOTTOM = TOP + 225.0
LINES_PER_PAGE = 22
LINE = 225.0 / LINES_PER_PAGE
BODY_PT = 16.0
EM = BODY_PT * MM_PER_PT
SMALL_PT = 14.0  # 四号: copies-to
FOOTER_PT = 10.5  # 五号: page numbers
SEAL_R = 21.0  # a 42 mm seal
RED = (196, 18, 24)
SEAL_RED = (226, 130, 130)
FAINT = (160, 160, 160)
FONT = "notosanscjk"
PAGE_LABEL = "第 {page} 页 共 {pages} 页"

# Chinese line-breaking rules (禁则): these never begin a line, those never end one.
NO_LINE_START = frozenset("，。、；：？！）》」』〕】〉”’…—·．％,.;:?!)]}%")
NO_LINE_END = frozenset("（《「『〔【〈“‘([{")
# A run of printable ASCII (a figure, a word, a link) is kept on one line when it fits.
TOKEN = re.compile(r"[!-~]+|.", re.DOTALL)


@dataclass(frozen=True)
class LetterText:
    """Everything printed on a letter, in reading order."""

    issuer: str
    title: str
    number: str
    addressee: str
    paragraphs: tuple[str, ...]  # the body, then the closing line
    signer: str  # "签发人：主席 王某" on an opinion letter, else ""
    date: str
    copies_to: str  # "抄送：…。" or ""

    def printed(self) -> str:
        fixed = ["（印章）", PAGE_LABEL.format(page=1234567890, pages="")]
        head = [self.issuer, self.title, self.number, self.addressee + "："]
        tail = [self.signer, self.date, self.copies_to, *fixed]
        return "\n".join([*head, *self.paragraphs, *tail])


def chinese_date(day: dt.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def render_body(*, letter, template, federation, items, reply_url: str = "") -> str:
    """The template body rendered as plain text: one paragraph a line, blank lines dropped."""
    context = Context(
        {
            "letter": letter,
            "case": letter.case,
            "federation": federation,
            "items": list(items),
            "reply_url": reply_url,
        },
        autoescape=False,
    )
    try:
        rendered = Template(template.body).render(context)
    except TemplateSyntaxError as error:
        raise ValueError(
            _("The letter template “%(title)s” has an error: %(error)s")
            % {"title": template.title, "error": error}
        ) from error
    lines = (line.strip() for line in rendered.splitlines())
    return "\n".join(line for line in lines if line)


def letter_text(*, letter, template, federation, items, reply_url: str = "") -> LetterText:
    """What the letter says, checked against the font before anything is drawn."""
    body = render_body(
        letter=letter, template=template, federation=federation, items=items, reply_url=reply_url
    )
    closing = template.closing.strip()
    signer = ""
    if letter.kind == LetterKind.OPINION and letter.signer.strip():
        signer = "签发人：" + " ".join(p for p in (letter.signer_title, letter.signer) if p.strip())
    copies = letter.copies_to.strip().rstrip("。.，,、")
    text = LetterText(
        issuer=federation.name,
        title=template.title,
        number=letter.number,
        addressee=letter.addressee.strip().rstrip("：:"),
        paragraphs=(*body.split("\n"), *([closing] if closing else [])),
        signer=signer,
        date=chinese_date(letter.issued_on),
        copies_to=f"抄送：{copies}。" if copies else "",
    )
    check_glyphs(text.printed())
    return text


def check_glyphs(text: str) -> None:
    """Refuse text the font would print as empty boxes, naming each character."""
    missing = fonts.missing_characters(text)
    if missing:
        raise ValueError(
            _(
                "The letter contains characters the print font cannot show: %(chars)s. "
                "Replace or remove them, then print the letter again."
            )
            % {"chars": "; ".join(f"“{char}” {fonts.describe(char)}" for char in missing)}
        )


# PDF ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Line:
    text: str
    x: float
    spacing: float = 0.0  # extra space between characters, in points, to justify the line


def wrap(
    text: str, *, first: float, rest: float, em: float, width_of: Callable[[str], float]
) -> list[str]:
    """Break `text` into lines no wider than `first` (the first line) and `rest` (the others).

    Chinese breaks between any two characters, except that closing punctuation never starts a line
    and opening punctuation never ends one: the character before is carried down with it. A run of
    ASCII (a figure, a code, a link) moves to the next line whole, unless that would leave more
    than two characters (`em` wide each) empty: then it breaks where the line is full.
    """
    room = 2 * em
    tokens = TOKEN.findall(text)
    tokens.reverse()  # a stack: a run that must break is pushed back as its characters
    lines: list[str] = []
    line, line_w, avail = "", 0.0, first
    while tokens:
        token = tokens.pop()
        token_w = width_of(token)
        fits = line_w + token_w <= avail + 1e-6
        # An empty line takes any single character, and a run only if it fits whole.
        if fits or (not line and len(token) == 1):
            line, line_w = line + token, line_w + token_w
            continue
        if len(token) > 1 and (avail - line_w > room or token_w > rest):
            tokens.extend(reversed(token))
            continue
        if token.isspace():
            lines.append(line)
            line, line_w, avail = "", 0.0, rest
            continue
        carry = ""
        if token[0] in NO_LINE_START and len(line) > 1:
            line, carry = line[:-1], line[-1]
        while len(line) > 1 and line[-1] in NO_LINE_END:
            line, carry = line[:-1], line[-1] + carry
        lines.append(line.rstrip())
        line = carry + token
        line_w, avail = width_of(line), rest
    if line or not lines:
        lines.append(line)
    return lines


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


class _Writer:
    def __init__(self, text: LetterText, font_path: Path):
        self.text = text
        self.pdf = pdf = FPDF(unit="mm", format="A4")
        pdf.set_auto_page_break(False)
        pdf.set_margins(LEFT, TOP, RIGHT)
        pdf.add_font(FONT, fname=font_path)
        pdf.set_title(f"{text.title} {text.number}")
        pdf.set_author(text.issuer)
        pdf.set_creator("union-portal")
        pdf.set_lang("zh-CN")

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


# DOCX -----------------------------------------------------------------------------------------

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
