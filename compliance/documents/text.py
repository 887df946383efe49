"""What a supervision letter says, before any layout: the template body rendered as plain text, the
fixed parts around it, the check that the print font has every glyph, and line breaking.

Line breaking follows the Chinese rules (禁则): a line breaks between any two characters, except
that closing punctuation never starts a line and opening punctuation never ends one. A run of
ASCII (a figure, a code, a link) is kept on one line when it fits.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.template import Context, Template, TemplateSyntaxError
from django.utils.translation import gettext as _

from compliance.documents import fonts
from compliance.documents.layout import PAGE_LABEL

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
    signer: str  # "签发人：主席 王某" when the letter names who signed it, else ""
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
    # Every kind names its signer when one is given; an opinion letter must have the chair's
    # (checked when it is issued, compliance.rules.escalation).
    if letter.signer.strip():
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
