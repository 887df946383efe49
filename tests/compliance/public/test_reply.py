"""The employer's private reply link to a letter, through HTTP."""

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from compliance.models import ItemEvidence
from tenants import context
from tests.factories.supervision import issued_letter


def test_reply_link_shows_the_letter_and_takes_the_reply_with_evidence(client_a, fed_a):
    letter, token = issued_letter(fed_a)
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
    letter, token = issued_letter(fed_a)
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
    _letter_obj, token = issued_letter(fed_a)
    assert client_b.get(f"/reply/{token}/").status_code == 404


def test_expired_or_wrong_link_is_not_found(client_a, fed_a):
    letter, token = issued_letter(fed_a)
    assert client_a.get("/reply/not-a-token/").status_code == 404
    with context.federation_context(fed_a):
        letter.reply_link_expires = timezone.now() - dt.timedelta(minutes=1)
        letter.save()
    assert client_a.get(f"/reply/{token}/").status_code == 404


def test_the_reply_page_names_its_deadline_and_whom_to_ask(client_a, fed_a):
    """Regression: the page called the reply deadline 应约截止日期 (an offer's word), gave no
    contact, and its reply field pointed aria-describedby at an element that did not exist."""
    _letter, token = issued_letter(fed_a)
    body = client_a.get(f"/reply/{token}/").content.decode()
    assert "回复截止日期" in body and "应约截止日期" not in body
    assert "对本函有疑问" in body and 'href="tel:12351"' in body  # the default hotline
    assert 'aria-describedby="id_text_helptext"' in body and 'id="id_text_helptext"' in body


def test_the_reply_page_links_to_the_letter_itself(client_a, fed_a):
    import io

    import pypdfium2 as pdfium

    letter, token = issued_letter(fed_a)
    page = client_a.get(f"/reply/{token}/").content.decode()
    assert f'href="/reply/{token}/letter.pdf"' in page
    document = client_a.get(f"/reply/{token}/letter.pdf")
    assert document.status_code == 200
    assert document["Content-Type"] == "application/pdf"
    assert document["Referrer-Policy"] == "same-origin"
    assert "noindex" in document["X-Robots-Tag"]
    text = "".join(
        sheet.get_textpage().get_text_range()
        for sheet in pdfium.PdfDocument(io.BytesIO(document.content))
    )
    assert letter.number in text.replace("\r", "").replace("\n", "")
    assert client_a.get(f"/reply/{token}x/letter.pdf").status_code == 404


def test_reply_page_in_english_names_the_federation_in_english(client_a, fed_a):
    """Regression (issue 14): after the employer switched to English, the page still named the
    federation in Chinese in its header and contact line; the letter's own text stays Chinese,
    marked as such."""
    from django.conf import settings

    _letter, token = issued_letter(fed_a)
    client_a.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    html = client_a.get(f"/reply/{token}/").content.decode()
    assert 'lang="en"' in html and "Send the reply" in html
    assert html.count("City A Federation of Trade Unions") >= 2  # the header and "Write or call"
    assert "甲市总工会" not in html
    assert '<p lang="zh-Hans">' in html  # the facts found, in the letter's language
