"""The filing receipt (集体合同备案回执) as an A4 PDF (fpdf2): what the enterprise keeps as proof
that its collective contract is filed, and what anyone can check (DOMAIN.md §8, issue 17 item 7).

Laid out like the letters (compliance.documents.pdf, GB/T 9704 margins): the federation at the
top in red, the title, the filing number and a red rule; then the contract's particulars in a
ruled table, a sentence saying where the receipt is verified, the verification code in large
type beside a QR code that opens the public verification page with the code filled in, and the
federation's name and the filing date under the seal. The QR code is drawn as vector squares,
so it prints sharp at any size. Chinese only: it is an official document.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import qrcode
from django.utils import translation
from django.utils.translation import gettext as _
from fpdf.enums import TextMode

from compliance.documents import fonts
from compliance.documents.layout import (
    BODY_PT,
    EM,
    FAINT,
    FONT,
    LEFT,
    MM_PER_PT,
    RED,
    SEAL_R,
    SEAL_RED,
    SMALL_PT,
    TEXT_W,
)
from compliance.documents.pdf import a4_pdf
from compliance.documents.text import chinese_date, wrap

TITLE = "集体合同备案回执"
LABEL_W = 42.0  # the table's label column, in mm
ROW_PAD = 2.2  # above and below a row's text
ROW_LINE = 6.5  # between wrapped lines of one row
QR_SIZE = 32.0  # the QR code's side, quiet zone excluded
PAGE_BOTTOM = 287.0  # the lowest the seal may reach (10 mm above the edge)
CODE_PT = 22.0


@dataclass(frozen=True)
class ReceiptText:
    """Everything printed on a receipt, in reading order."""

    issuer: str
    filing_number: str
    rows: tuple[tuple[str, str], ...]  # (label, value)
    statement: str
    code: str
    verify_url: str  # the page with the code filled in: the QR code's payload
    date: str

    def printed(self) -> str:
        fixed = ["（印章）", "验证码", "扫码查验", TITLE]
        cells = [part for row in self.rows for part in row]
        return "\n".join(
            [self.issuer, self.filing_number, *cells, self.statement, self.code, self.date, *fixed]
        )


def _term(contract) -> str:
    return f"{chinese_date(contract.starts_on)}至{chinese_date(contract.ends_on)}"


def _department(contract) -> str:
    """Whether the contract went to the labour administration — named when it was submitted
    online (`department_name`, selectors.receipts) — with the day it was received when its round
    recorded it."""
    if not contract.filed_with_department:
        return ""
    name = getattr(contract, "department_name", None) or "劳动行政部门"
    received = getattr(contract.round, "received_date", None) if contract.round_id else None
    if received:
        return f"已报送{name}审查（{chinese_date(received)}受理）"
    return f"已报送{name}审查"


def receipt_text(*, contract, federation, verify_url: str, verify_page: str) -> ReceiptText:
    """What the receipt of a filed `contract` says, checked against the print font.

    `verify_url` opens the verification page with the code filled in (the QR code);
    `verify_page` is the page's plain address, printed for those who type it."""
    if not contract.filing_number or not contract.verification_code or not contract.filed_on:
        raise ValueError(_("This contract has not been filed: it has no filing receipt."))
    with translation.override("zh-hans"):
        kind = str(contract.get_kind_display())
    rows = [
        ("企业名称", contract.enterprise.name),
        ("合同名称", contract.title),
        ("合同种类", kind),
        ("备案编号", contract.filing_number),
        ("备案日期", chinese_date(contract.filed_on)),
        ("合同期限", _term(contract)),
        ("覆盖职工人数", f"{contract.covered_employees}人"),
    ]
    department = _department(contract)
    if department:
        rows.append(("劳动行政部门", department))
    text = ReceiptText(
        issuer=federation.name,
        filing_number=contract.filing_number,
        rows=tuple(rows),
        statement=(
            f"上述集体合同已于{chinese_date(contract.filed_on)}在{federation.name}备案。"
            f"任何人均可凭备案编号和验证码在{verify_page}查验本回执，"
            "或以手机扫描右侧二维码查验。"
        ),
        code=contract.verification_code,
        verify_url=verify_url,
        date=chinese_date(contract.filed_on),
    )
    missing = fonts.missing_characters(text.printed())
    if missing:
        raise ValueError(
            _(
                "The receipt contains characters the print font cannot show: %(chars)s. "
                "Correct the enterprise's or the contract's name, then print it again."
            )
            % {"chars": "; ".join(f"“{char}” {fonts.describe(char)}" for char in missing)}
        )
    return text


def qr_matrix(data: str) -> list[list[bool]]:
    """The QR code of `data` as rows of modules (True: dark), without its quiet zone."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(data)
    code.make(fit=True)
    return code.get_matrix()


def qr_draw(pdf, *, x: float, y: float, size: float, data: str) -> None:
    """The QR code of `data` as vector squares (a row's adjacent dark modules merged into one
    rectangle), `size` mm a side without quiet zone; on a screen it is also a link to `data`."""
    matrix = qr_matrix(data)
    module = size / len(matrix)
    pdf.link(x, y, size, size, data)
    pdf.set_fill_color(0)
    for row, modules in enumerate(matrix):
        start = None
        for column, dark in enumerate([*modules, False]):
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                pdf.rect(
                    x + start * module,
                    y + row * module,
                    (column - start) * module,
                    module,
                    style="F",
                )
                start = None


class _Writer:
    def __init__(self, text: ReceiptText, font_path: Path):
        self.text = text
        self.pdf = a4_pdf(
            font_path=font_path, title=f"{TITLE} {text.filing_number}", author=text.issuer
        )

    def _centred(self, y: float, text: str) -> None:
        self.pdf.text(LEFT + (TEXT_W - self.pdf.get_string_width(text)) / 2, y, text)

    def write(self) -> bytes:
        pdf = self.pdf
        pdf.add_page()
        y = self._header()
        y = self._table(y + 4.0)
        y = self._statement(y + 5.0)
        y = self._code(y + 5.0)
        # Under the code box; with a long name or title the seal rises over the box's foot
        # rather than leave the page.
        self._signature(min(y + 4.0, PAGE_BOTTOM - 2 * SEAL_R))
        return bytes(pdf.output())

    def _header(self) -> float:
        pdf, text = self.pdf, self.text
        pdf.set_font(FONT, size=24)
        pdf.set_text_color(*RED)
        pdf.set_char_spacing(2)
        self._centred(28.0, text.issuer)
        pdf.set_char_spacing(0)
        pdf.set_text_color(0)
        pdf.set_font(FONT, size=22)
        with pdf.local_context(text_mode=TextMode.FILL_STROKE, draw_color=0, line_width=0.25):
            self._centred(46.0, TITLE)
        pdf.set_font(FONT, size=BODY_PT)
        self._centred(57.0, text.filing_number)
        pdf.set_draw_color(*RED)
        pdf.set_line_width(0.6)
        pdf.line(LEFT, 62.0, LEFT + TEXT_W, 62.0)
        return 62.0

    def _table(self, top: float) -> float:
        """The particulars, one ruled row each; a long value wraps within its column."""
        pdf = self.pdf
        pdf.set_font(FONT, size=SMALL_PT)
        em = SMALL_PT * MM_PER_PT
        value_x = LEFT + LABEL_W
        value_w = TEXT_W - LABEL_W - 3.0
        pdf.set_draw_color(150)
        pdf.set_line_width(0.3)
        pdf.line(LEFT, top, LEFT + TEXT_W, top)
        y = top
        for label, value in self.text.rows:
            lines = wrap(value, first=value_w, rest=value_w, em=em, width_of=pdf.get_string_width)
            height = 2 * ROW_PAD + ROW_LINE * len(lines)
            baseline = y + ROW_PAD + ROW_LINE / 2 + 0.36 * em
            pdf.set_text_color(80)
            pdf.text(LEFT + 2.0, baseline, label)
            pdf.set_text_color(0)
            for index, line in enumerate(lines):
                pdf.text(value_x, baseline + index * ROW_LINE, line)
            y += height
            pdf.line(LEFT, y, LEFT + TEXT_W, y)
        pdf.line(value_x - 3.0, top, value_x - 3.0, y)
        return y

    def _statement(self, top: float) -> float:
        pdf = self.pdf
        pdf.set_font(FONT, size=SMALL_PT)
        em = SMALL_PT * MM_PER_PT
        lines = wrap(
            self.text.statement,
            first=TEXT_W - 2 * em,
            rest=TEXT_W,
            em=em,
            width_of=pdf.get_string_width,
        )
        for index, line in enumerate(lines):
            x = LEFT + (2 * em if index == 0 else 0.0)
            pdf.text(x, top + ROW_LINE * index + ROW_LINE / 2 + 0.36 * em, line)
        return top + ROW_LINE * len(lines)

    def _code(self, top: float) -> float:
        """The code in large type on the left, the QR code on the right; returns the bottom."""
        pdf, text = self.pdf, self.text
        box_h = QR_SIZE + 10.0
        pdf.set_draw_color(150)
        pdf.set_line_width(0.3)
        pdf.rect(LEFT, top, TEXT_W, box_h)
        pdf.set_font(FONT, size=SMALL_PT)
        pdf.set_text_color(80)
        pdf.text(LEFT + 6.0, top + 14.0, "验证码")
        pdf.set_text_color(0)
        pdf.set_font(FONT, size=CODE_PT)
        pdf.text(LEFT + 6.0, top + 27.0, text.code)
        qr_x = LEFT + TEXT_W - QR_SIZE - 6.0
        self._qr(qr_x, top + 4.0)
        pdf.set_font(FONT, size=10.5)
        pdf.set_text_color(80)
        caption = "扫码查验"
        pdf.text(qr_x + (QR_SIZE - pdf.get_string_width(caption)) / 2, top + box_h - 2.0, caption)
        pdf.set_text_color(0)
        return top + box_h

    def _qr(self, x: float, y: float) -> None:
        qr_draw(self.pdf, x=x, y=y, size=QR_SIZE, data=self.text.verify_url)

    def _signature(self, top: float) -> None:
        """The federation's name and the filing date at the right, under the seal's circle."""
        pdf, text = self.pdf, self.text
        pdf.set_font(FONT, size=BODY_PT)
        pdf.set_text_color(0)
        date_right = LEFT + TEXT_W - 4 * EM
        date_w = pdf.get_string_width(text.date)
        centre_x = date_right - date_w / 2
        centre_y = top + SEAL_R
        name_w = pdf.get_string_width(text.issuer)
        pdf.text(min(centre_x - name_w / 2, LEFT + TEXT_W - name_w), centre_y + 1.0, text.issuer)
        pdf.text(date_right - date_w, centre_y + 10.0, text.date)
        pdf.set_draw_color(*SEAL_RED)
        pdf.set_line_width(0.3)
        pdf.circle(centre_x, centre_y, SEAL_R)
        pdf.set_font(FONT, size=10.5)
        pdf.set_text_color(*FAINT)
        label = "（印章）"
        pdf.text(centre_x - pdf.get_string_width(label) / 2, centre_y - 8.0, label)
        pdf.set_text_color(0)


def receipt_pdf(*, contract, federation, verify_url: str, verify_page: str) -> bytes:
    """The filing receipt of `contract` as a one-page A4 PDF, the font subset embedded."""
    text = receipt_text(
        contract=contract, federation=federation, verify_url=verify_url, verify_page=verify_page
    )
    with tempfile.TemporaryDirectory() as folder:
        # fpdf2 reads fonts from a path, and lazily: the file must outlive output().
        font_path = Path(folder) / "receipt.ttf"
        font_path.write_bytes(fonts.truetype_subset(text.printed()))
        return _Writer(text, font_path).write()
