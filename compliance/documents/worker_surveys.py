"""The printed side of a workers' survey (issue 18 item 8), one A4 page each, in Chinese like
the other printed documents:

- the poster the enterprise puts up: the questionnaire's link as a large QR code (the filing
  receipt's vector QR, compliance.documents.receipt.qr_draw) and in type, what the survey asks,
  that it is anonymous, and, for a survey with one code for the contract, that code;
- the sheet of one-time codes: slips of 3 × 8 per page, each with its code in large type and the
  link, to cut and hand out one per worker. The codes exist only in this PDF (the portal keeps
  their hashes), so the sheet is produced once, when the codes are issued.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from compliance.documents import fonts
from compliance.documents.layout import FONT, LEFT, PAGE_H, PAGE_W, TEXT_W
from compliance.documents.pdf import a4_pdf
from compliance.documents.receipt import qr_draw
from compliance.documents.text import wrap

POSTER_TITLE = "职工集体合同知晓度和满意度测评"
POSTER_QR = 90.0
SLIP_COLUMNS, SLIP_ROWS = 3, 8
SLIP_MARGIN = 12.0


@dataclass(frozen=True)
class SurveyPrint:
    federation: str
    enterprise: str
    contract: str
    url: str
    shared_code: str = ""

    def lines(self) -> list[str]:
        lines = [
            f"{self.enterprise}全体职工：",
            f"请扫描下方二维码，或在手机浏览器中打开下面的网址，回答关于《{self.contract}》的"
            "几个问题：您是否知道本企业的集体合同、它包括哪些内容，以及您对协商过程和合同内容"
            "是否满意。只需一两分钟。",
            "测评不记名：不需要登录，不记录您的姓名、手机号码或网络地址。",
        ]
        if self.shared_code:
            lines.append("请输入本合同测评码：")
        else:
            lines.append("请输入企业发给您的测评码，每个测评码只能使用一次。")
        return lines


def survey_print(*, survey, federation: str, url: str) -> SurveyPrint:
    """What `survey`'s poster and code sheet print; `url` is its questionnaire's address."""
    return SurveyPrint(
        federation=federation,
        enterprise=survey.contract.enterprise.name,
        contract=survey.contract.title,
        url=url,
        shared_code=survey.shared_code,
    )


def _font(text: str, folder: str) -> Path:
    missing = fonts.missing_characters(text)
    if missing:
        raise ValueError("；".join(f"“{char}” {fonts.describe(char)}" for char in missing))
    path = Path(folder) / "survey.ttf"
    path.write_bytes(fonts.truetype_subset(text))
    return path


def _centred(pdf, y: float, text: str) -> None:
    pdf.text((PAGE_W - pdf.get_string_width(text)) / 2, y, text)


def poster_pdf(*, text: SurveyPrint) -> bytes:
    """The survey's poster: title, who asks, what is asked, the QR code and link, the code."""
    issuer = f"{text.federation}  {text.enterprise}"
    printed = POSTER_TITLE + issuer + "".join(text.lines()) + text.url + text.shared_code
    with tempfile.TemporaryDirectory() as folder:
        pdf = a4_pdf(font_path=_font(printed, folder), title=POSTER_TITLE, author=text.federation)
        pdf.add_page()
        pdf.set_font(FONT, size=24)
        _centred(pdf, 40.0, POSTER_TITLE)
        pdf.set_font(FONT, size=14)
        y = 56.0
        for paragraph in text.lines():
            for line in wrap(
                paragraph, first=TEXT_W, rest=TEXT_W, em=5.0, width_of=pdf.get_string_width
            ):
                pdf.text(LEFT, y, line)
                y += 8.0
            y += 2.0
        if text.shared_code:
            pdf.set_font(FONT, size=30)
            _centred(pdf, y + 8.0, text.shared_code)
            y += 16.0
        qr_draw(pdf, x=(PAGE_W - POSTER_QR) / 2, y=y + 4.0, size=POSTER_QR, data=text.url)
        y += POSTER_QR + 14.0
        pdf.set_font(FONT, size=11)
        for line in wrap(
            text.url, first=TEXT_W, rest=TEXT_W, em=4.0, width_of=pdf.get_string_width
        ):
            _centred(pdf, y, line)
            y += 6.0
        pdf.set_font(FONT, size=14)
        _centred(pdf, min(y + 12.0, PAGE_H - 20.0), text.federation)
        return bytes(pdf.output())


def code_sheet_pdf(*, text: SurveyPrint, codes: list[str]) -> bytes:
    """The one-time codes as slips to cut apart, SLIP_COLUMNS × SLIP_ROWS a page."""
    header = f"{text.enterprise} 集体合同测评码（每码限用一次，请裁开发给职工）"
    hint = "扫描企业张贴的二维码或打开："
    printed = header + hint + text.url + "".join(codes) + text.enterprise + "第页共"
    slip_w = (PAGE_W - 2 * SLIP_MARGIN) / SLIP_COLUMNS
    slip_h = (PAGE_H - 2 * SLIP_MARGIN - 12.0) / SLIP_ROWS
    per_page = SLIP_COLUMNS * SLIP_ROWS
    pages = max(1, -(-len(codes) // per_page))
    with tempfile.TemporaryDirectory() as folder:
        pdf = a4_pdf(
            font_path=_font(printed + "0123456789", folder), title=header, author=text.federation
        )
        for page in range(pages):
            pdf.add_page()
            pdf.set_font(FONT, size=10)
            pdf.text(SLIP_MARGIN, SLIP_MARGIN + 2.0, header)
            pdf.text(PAGE_W - SLIP_MARGIN - 30.0, SLIP_MARGIN + 2.0, f"第{page + 1}页共{pages}页")
            pdf.set_draw_color(150)
            pdf.set_dash_pattern(dash=1, gap=1)
            for index, code in enumerate(codes[page * per_page : (page + 1) * per_page]):
                column, row = index % SLIP_COLUMNS, index // SLIP_COLUMNS
                x = SLIP_MARGIN + column * slip_w
                y = SLIP_MARGIN + 8.0 + row * slip_h
                pdf.rect(x, y, slip_w, slip_h)
                pdf.set_font(FONT, size=8)
                pdf.text(x + 3.0, y + 6.0, text.enterprise[:20])
                pdf.set_font(FONT, size=16)
                pdf.text(x + (slip_w - pdf.get_string_width(code)) / 2, y + slip_h / 2 + 2.0, code)
                pdf.set_font(FONT, size=6)
                pdf.text(x + 3.0, y + slip_h - 7.0, hint)
                # A long host name: the link shrinks to the slip rather than run into the next.
                room = slip_w - 6.0
                pdf.set_font(FONT, size=min(6.0, 6.0 * room / pdf.get_string_width(text.url)))
                pdf.text(x + 3.0, y + slip_h - 3.5, text.url)
            pdf.set_dash_pattern()
        return bytes(pdf.output())
