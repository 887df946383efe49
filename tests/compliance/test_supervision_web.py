"""The employer's reply link and the supervision back office, through HTTP."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from compliance.models import ItemEvidence
from compliance.services import supervision as sv
from tenants import context
from tests.conftest import SPEC_A
from tests.factories import compliance as f
from tests.signin import sign_in

DAY = dt.date(2026, 3, 2)


def _letter(fed, kind="reminder"):
    with context.federation_context(fed):
        case = sv.case_open(
            title="未签订集体合同", source="inspection", opened_on=DAY, enterprise=f.enterprise()
        )
        extra = {"signer": "王建华", "signer_title": "主席"} if kind == "opinion" else {}
        return sv.letter_issue(
            case_id=case.pk,
            kind=kind,
            issued_on=DAY,
            facts="经查，企业未开展集体协商。",
            legal_basis="《集体合同规定》第三十二条",
            actions=["发出要约", "召开职代会"],
            **extra,
        )


@pytest.fixture
def admin_client(client_a, fed_a):
    sign_in(client_a, SPEC_A.admin_email)
    return client_a


def test_reply_link_shows_the_letter_and_takes_the_reply_with_evidence(client_a, fed_a):
    letter, token = _letter(fed_a)
    page = client_a.get(f"/reply/{token}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert letter.number in body and "发出要约" in body
    assert page["X-Robots-Tag"].startswith("noindex")
    assert "no-store" in page["Cache-Control"] or "no-cache" in page["Cache-Control"]
    with context.federation_context(fed_a):
        first, _second = list(letter.items.all())
    pdf = SimpleUploadedFile("要约书.pdf", b"%PDF-1.4 evidence", content_type="application/pdf")
    response = client_a.post(
        f"/reply/{token}/",
        {
            "text": "我公司已于3月10日发出要约。",
            f"item_{first.pk}": "已发出",
            f"evidence_{first.pk}": pdf,
        },
    )
    assert response.status_code == 302
    with context.federation_context(fed_a):
        letter.refresh_from_db()
        assert letter.status == "replied" and letter.replied_on == timezone.localdate()
        evidence = ItemEvidence.objects.get(item=first)
        assert evidence.from_employer and evidence.original_name == "要约书.pdf"
        assert "/media/" not in evidence.file.path  # private storage
        first.refresh_from_db()
        assert first.employer_response == "已发出"
    again = client_a.get(f"/reply/{token}/").content.decode()
    assert "has been received" in again or "已收到" in again


def test_reply_refuses_a_disguised_file(client_a, fed_a):
    letter, token = _letter(fed_a)
    with context.federation_context(fed_a):
        item = letter.items.first()
    fake = SimpleUploadedFile(
        "证明.pdf", b"<html><script>alert(1)</script>", content_type="application/pdf"
    )
    response = client_a.post(f"/reply/{token}/", {"text": "已整改", f"evidence_{item.pk}": fake})
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    with context.federation_context(fed_a):
        letter.refresh_from_db()
        assert letter.replied_on is None
        assert not ItemEvidence.objects.exists()


def test_reply_link_does_not_work_on_another_federation(client_b, fed_a):
    _letter_obj, token = _letter(fed_a)
    assert client_b.get(f"/reply/{token}/").status_code == 404


def test_expired_or_wrong_link_is_not_found(client_a, fed_a):
    letter, token = _letter(fed_a)
    assert client_a.get("/reply/not-a-token/").status_code == 404
    with context.federation_context(fed_a):
        letter.reply_link_expires = timezone.now() - dt.timedelta(minutes=1)
        letter.save()
    assert client_a.get(f"/reply/{token}/").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/admin/supervision_cases/",
        "/admin/letters/",
        "/admin/letter_templates/",
        "/admin/supervision_cases/new/",
        "/admin/supervision_cases/area-reminder/",
        "/admin/supervision_cases/ledger.xlsx",
    ],
)
def test_supervision_pages_render(admin_client, url):
    assert admin_client.get(url).status_code == 200


def test_case_and_letter_pages_with_documents(admin_client, fed_a):
    letter, _token = _letter(fed_a, kind="opinion")
    case_page = admin_client.get(f"/admin/supervision_cases/inspect/{letter.case_id}/")
    assert letter.number in case_page.content.decode()
    letter_page = admin_client.get(f"/admin/letters/inspect/{letter.pk}/")
    assert "R43" in letter_page.content.decode()
    pdf = admin_client.get(f"/admin/letters/document/{letter.pk}/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = admin_client.get(f"/admin/letters/document/{letter.pk}/docx/")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")


def test_issuing_from_the_admin_shows_the_reply_link_once(admin_client, fed_a):
    with context.federation_context(fed_a):
        case = sv.case_open(
            title="案件", source="complaint", opened_on=DAY, enterprise=f.enterprise()
        )
    response = admin_client.post(
        f"/admin/supervision_cases/issue/{case.pk}/reminder/",
        {
            "issued_on": "2026-03-02",
            "facts": "职工投诉。",
            "legal_basis": "《劳动法》第三十三条",
            "actions": "自查\n书面报告",
        },
    )
    assert response.status_code == 302
    page = admin_client.get(response["Location"]).content.decode()
    assert "http://a.test/reply/" in page
    assert "http://a.test/reply/" not in admin_client.get(response["Location"]).content.decode()


def test_forbidden_escalation_from_the_admin_gets_a_message(admin_client, fed_a):
    with context.federation_context(fed_a):
        case = sv.case_open(
            title="案件", source="complaint", opened_on=DAY, enterprise=f.enterprise()
        )
    response = admin_client.post(
        f"/admin/supervision_cases/issue/{case.pk}/recommendation/",
        {
            "issued_on": "2026-03-02",
            "facts": "x",
            "legal_basis": "y",
            "trigger": "no_reply",
            "department": "市劳动保障监察支队",
        },
    )
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()


def test_ledger_workbook_lists_letters(admin_client, fed_a):
    import io

    from openpyxl import load_workbook

    letter, _token = _letter(fed_a)
    response = admin_client.get("/admin/supervision_cases/ledger.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][4] == "文号"
    assert any(row[4] == letter.number for row in rows[1:])


def test_unprintable_character_gets_a_message_not_a_500(admin_client, fed_a):
    letter, _token = _letter(fed_a)
    with context.federation_context(fed_a):
        letter.facts = "含有私用区字符\ue000的事实"
        letter.save()
    response = admin_client.get(f"/admin/letters/document/{letter.pk}/pdf/", follow=True)
    assert response.status_code == 200
    assert "U+E000" in response.content.decode()
