"""The filing receipt (备案回执) as a PDF: its text says what was filed and carries the code; its QR
code is the verification page's address with the code filled in, checked module by module on
the rendered page (no QR decoder is installed: the picture is compared with the code's matrix).
Unsaved model instances: rendering reads attributes, never the database."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pypdf
import pypdfium2
import pytest
from django.conf import settings

from compliance.documents.receipt import TITLE, qr_matrix, receipt_pdf, receipt_text
from compliance.models import BargainingRound, Contract, Enterprise
from tenants.models import Federation

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
PAGE = "https://a.test/verify/"
URL = PAGE + "?code=7KQM-X9PL-4VN8"
SCALE = 4  # 288 dpi: a module of the QR code is ~14 px


def _contract(**overrides) -> Contract:
    values = {
        "enterprise": Enterprise(name="黑龙江省佳木斯市江畔粮油机械制造股份有限公司"),
        "title": "2026—2028年度工资专项集体合同",
        "kind": "wages",
        "starts_on": dt.date(2026, 5, 1),
        "ends_on": dt.date(2029, 4, 30),
        "covered_employees": 356,
        "status": "effective",
        "filing_number": "佳工集备〔2026〕12号",
        "filed_on": dt.date(2026, 5, 8),
        "filed_with_department": True,
        "verification_code": "7KQM-X9PL-4VN8",
    }
    values.update(overrides)
    return Contract(**values)


FEDERATION = Federation(name="佳木斯市总工会", short_name="佳")


def _pdf(contract=None) -> bytes:
    return receipt_pdf(
        contract=contract or _contract(), federation=FEDERATION, verify_url=URL, verify_page=PAGE
    )


def _text(data: bytes) -> str:
    pages = pypdf.PdfReader(io.BytesIO(data)).pages
    assert len(pages) == 1
    return "".join(pages[0].extract_text().split())


def test_the_receipt_says_what_was_filed_and_carries_the_code():
    text = _text(_pdf())
    for expected in (
        "佳木斯市总工会",
        TITLE,
        "佳工集备〔2026〕12号",
        "黑龙江省佳木斯市江畔粮油机械制造股份有限公司",
        "2026—2028年度工资专项集体合同",
        "工资专项",
        "2026年5月8日",
        "2026年5月1日至2029年4月30日",
        "356人",
        "已报送劳动行政部门审查",
        "7KQM-X9PL-4VN8",
        "https://a.test/verify/",
    ):
        assert expected in text, expected


def test_the_departments_receipt_day_is_printed_when_the_round_recorded_it():
    round_ = BargainingRound(pk=7, received_date=dt.date(2026, 4, 16))
    contract = _contract(round=round_)
    assert "2026年4月16日受理" in _text(_pdf(contract))
    assert "劳动行政部门" not in _text(_pdf(_contract(filed_with_department=False)))


def test_the_department_is_named_when_the_contract_was_submitted_to_it_online():
    contract = _contract()
    contract.department_name = "佳木斯高新区人力资源和社会保障局"
    assert "已报送佳木斯高新区人力资源和社会保障局审查" in _text(_pdf(contract))


def test_the_qr_code_is_the_verification_address_with_the_code():
    data = _pdf()
    page = pypdf.PdfReader(io.BytesIO(data)).pages[0]
    links = [a.get_object() for a in page.get("/Annots", [])]
    uris = [link["/A"]["/URI"] for link in links if "/A" in link]
    assert uris == [URL]  # the QR code is also a link on a screen, to the same address
    x1, _y1, x2, y2 = (float(v) for v in links[0]["/Rect"])
    height_pt = float(page.mediabox.height)

    document = pypdfium2.PdfDocument(data)
    try:
        image = document[0].render(scale=SCALE).to_pil().convert("L")
    finally:
        document.close()
    ARTIFACTS.mkdir(exist_ok=True)
    image.save(ARTIFACTS / "filing-receipt-unit.png")

    matrix = qr_matrix(URL)
    size = len(matrix)
    module = (x2 - x1) * SCALE / size
    left, top = x1 * SCALE, (height_pt - y2) * SCALE
    drawn = [
        [
            image.getpixel((int(left + (c + 0.5) * module), int(top + (r + 0.5) * module))) < 128
            for c in range(size)
        ]
        for r in range(size)
    ]
    assert drawn == matrix
    # And it is not any QR code: another address gives another matrix.
    assert qr_matrix(PAGE + "?code=2345-6789-ABCD") != matrix


def test_an_unfiled_contract_has_no_receipt(english):
    with pytest.raises(ValueError, match="not been filed"):
        _pdf(_contract(filing_number="", verification_code="", filed_on=None))


def test_a_name_the_font_cannot_print_is_refused_with_its_code_point(english):
    contract = _contract(enterprise=Enterprise(name="江畔\U000f0001机械有限公司"))
    with pytest.raises(ValueError, match="U\\+F0001"):
        receipt_text(contract=contract, federation=FEDERATION, verify_url=URL, verify_page=PAGE)
