"""The enterprise area's bargaining pages through HTTP (issue 17 items 2 and 3): another
enterprise of the same federation gets a 404 on every round route, staff a 403; the forms show
the services' messages; documents download only for the enterprise's own users."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from compliance.models import BargainingRound, OnlineOffer
from compliance.services import online_offers as svc
from compliance.services.uploads import round_add_document
from tenants import context
from tests.conftest import SPEC_A
from tests.factories.compliance import enterprise
from tests.factories.enterprise_accounts import enterprise_user
from tests.signin import force_sign_in, sign_in

REPS = [
    {"name": "王立新", "identity": "E1", "is_chief": True},
    {"name": "李春梅", "identity": "E2"},
    {"name": "赵国强", "identity": "E3"},
]


def _formset(rows, prefix="rep", total=7):
    data = {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": str(total),
    }
    for i, row in enumerate(rows):
        data[f"{prefix}-{i}-name"] = row["name"]
        data[f"{prefix}-{i}-identity"] = row["identity"]
        if row.get("is_chief"):
            data[f"{prefix}-{i}-is_chief"] = "on"
    return data


@pytest.fixture
def two(fed_a):
    """Two enterprises of federation A; the first has a round offered online by its union."""
    with context.federation_context(fed_a):
        ent_a, ent_b = enterprise(name="甲协商有限公司"), enterprise(name="乙协商有限公司")
        officer_a, _ = enterprise_user(ent_a, side="union")
        contact_a, _ = enterprise_user(ent_a, side="employer")
        officer_b, _ = enterprise_user(ent_b, side="union")
        offer = svc.offer_send(
            user=officer_a,
            kind="wages",
            proposed_at=timezone.now() + dt.timedelta(days=7),
            place="甲的会议室",
            agenda="甲的议题",
            representatives=REPS,
            today=timezone.localdate(),
        )
        document = round_add_document(
            round_id=offer.round_id,
            kind="offer_letter",
            upload=SimpleUploadedFile("letter.pdf", b"%PDF-1.4 jia"),
            user=officer_a,
        )
    return {
        "round": offer.round_id,
        "document": document.pk,
        "officer_a": officer_a,
        "contact_a": contact_a,
        "officer_b": officer_b,
    }


def _as(client, fed, user):
    with context.federation_context(fed):
        force_sign_in(client, user)
    return client


ROUTES = (
    "/enterprise/rounds/{round}/",
    "/enterprise/rounds/{round}/answer/",
    "/enterprise/rounds/{round}/representatives/",
    "/enterprise/rounds/{round}/publication/",
    "/enterprise/rounds/{round}/meeting/",
    "/enterprise/rounds/{round}/vote/",
    "/enterprise/rounds/{round}/signature/",
    "/enterprise/documents/{document}/",
)


def test_another_enterprise_of_the_federation_gets_404_everywhere(client_a, fed_a, two):
    _as(client_a, fed_a, two["officer_b"])
    for route in ROUTES:
        url = route.format(**two)
        assert client_a.get(url).status_code == 404, url
        assert client_a.post(url, {"decision": "refuse", "reason": "x"}).status_code == 404, url
    with context.federation_context(fed_a):
        assert BargainingRound.objects.get(pk=two["round"]).status == "offered"
    home = client_a.get("/enterprise/").content.decode()
    assert "甲的议题" not in home and "发出协商要约" in home


def test_staff_get_403(client_a, fed_a, two):
    sign_in(client_a, SPEC_A.admin_email)
    for route in ROUTES:
        assert client_a.get(route.format(**two)).status_code == 403


def test_the_own_enterprise_reads_the_round_and_downloads_its_document(client_a, fed_a, two):
    _as(client_a, fed_a, two["contact_a"])
    page = client_a.get(f"/enterprise/rounds/{two['round']}/").content.decode()
    assert "甲的议题" in page and "甲的会议室" in page and "王立新" in page
    assert "E1" not in page  # identity numbers never reach the other side
    response = client_a.get(f"/enterprise/documents/{two['document']}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Content-Disposition"].startswith("attachment")
    home = client_a.get("/enterprise/").content.decode()
    assert "答复要约" in home


def test_a_second_offer_is_refused_with_a_link_to_the_round(client_a, fed_a, two):
    _as(client_a, fed_a, two["contact_a"])
    page = client_a.get("/enterprise/rounds/offer/").content.decode()
    assert f"/enterprise/rounds/{two['round']}/" in page and "正在进行" in page
    assert '<form class="ent-form"' not in page


def test_the_answer_form_shows_the_services_message(client_a, fed_a, two):
    _as(client_a, fed_a, two["contact_a"])
    url = f"/enterprise/rounds/{two['round']}/answer/"
    # Four on the employer side against three: R3 refuses at acceptance.
    four = [
        {"name": "陈志远", "identity": "M1", "is_chief": True},
        {"name": "刘晓燕", "identity": "M2"},
        {"name": "孙浩", "identity": "M3"},
        {"name": "钱多多", "identity": "M4"},
    ]
    response = client_a.post(url, {"decision": "accept", **_formset(four)})
    assert response.status_code == 400
    assert "ent-alert" in response.content.decode()
    response = client_a.post(url, {"decision": "refuse", "reason": ""})
    assert response.status_code == 400
    response = client_a.post(url, {"decision": "refuse", "reason": "生产任务重"})
    assert response.status_code == 302
    with context.federation_context(fed_a):
        assert BargainingRound.objects.get(pk=two["round"]).status == "refused"
        assert OnlineOffer.objects.get(round_id=two["round"]).refusal_reason == "生产任务重"


def test_a_paper_offer_with_a_fake_scan_is_refused(client_a, fed_a):
    with context.federation_context(fed_a):
        ent = enterprise(name="丙协商有限公司")
        officer, _ = enterprise_user(ent, side="union")
    _as(client_a, fed_a, officer)
    today = timezone.localdate().isoformat()
    data = {"kind": "comprehensive", "sent_on": today, "received_on": today}
    fake = SimpleUploadedFile("offer.pdf", b"GIF89a not a pdf")
    response = client_a.post("/enterprise/rounds/paper-offer/", {**data, "scan": fake})
    assert response.status_code == 400
    real = SimpleUploadedFile("offer.pdf", b"%PDF-1.4 letter")
    response = client_a.post("/enterprise/rounds/paper-offer/", {**data, "scan": real})
    assert response.status_code == 302
    with context.federation_context(fed_a):
        round_ = BargainingRound.objects.get(enterprise=ent)
        assert round_.documents.get().kind == "offer_letter"
