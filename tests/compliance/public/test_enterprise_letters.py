"""The enterprise area's letters and performance reports through HTTP (issue 17 items 8, 9):
another enterprise's letter or contract is a 404 on every route, GET and POST; the union side
cannot post a reply; the pages are private and the lists have their empty states."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from compliance.models import PerformanceReport
from compliance.services import supervision as sv
from compliance.services.contracts import contract_register_existing
from tenants import context
from tests.factories.compliance import enterprise
from tests.factories.enterprise_accounts import enterprise_user
from tests.signin import force_sign_in

DAY = dt.date(2026, 3, 2)


def _letter(ent, facts):
    case = sv.case_open(title="未签订集体合同", source="inspection", opened_on=DAY, enterprise=ent)
    return sv.letter_issue(
        case_id=case.pk,
        kind="reminder",
        issued_on=DAY,
        facts=facts,
        legal_basis="《集体合同规定》第三十二条",
        actions=["发出要约"],
    )[0]


def _contract(ent):
    return contract_register_existing(
        data={
            "enterprise": ent,
            "title": f"{ent.name}集体合同",
            "starts_on": dt.date(2025, 1, 1),
            "ends_on": dt.date(2027, 12, 31),
            "as_of": dt.date(2026, 3, 1),
        }
    )[0]


@pytest.fixture
def two(fed_a):
    """Two enterprises of federation A, each with both sides, a letter and a contract."""
    with context.federation_context(fed_a):
        out = {}
        for key, name in (("a", "甲企业有限公司"), ("b", "乙企业有限公司")):
            ent = enterprise(name=name)
            out[key] = {
                "union": enterprise_user(ent, side="union")[0],
                "employer": enterprise_user(ent, side="employer")[0],
                "letter": _letter(ent, f"{name}的事实"),
                "contract": _contract(ent),
            }
    return out


def _as(client, fed, user):
    with context.federation_context(fed):
        force_sign_in(client, user)
    return client


def _pdf(name):
    return SimpleUploadedFile(name, b"%PDF-1.4 x", content_type="application/pdf")


def test_another_enterprises_letter_and_contract_are_404(client_a, fed_a, two):
    client = _as(client_a, fed_a, two["a"]["employer"])
    theirs = two["b"]
    for url in (
        f"/enterprise/letters/{theirs['letter'].pk}/",
        f"/enterprise/letters/{theirs['letter'].pk}/letter.pdf",
        f"/enterprise/reports/{theirs['contract'].pk}/new/",
    ):
        assert client.get(url).status_code == 404, url
    reply = client.post(f"/enterprise/letters/{theirs['letter'].pk}/", {"text": "越权答复"})
    assert reply.status_code == 404
    report = client.post(
        f"/enterprise/reports/{theirs['contract'].pk}/new/",
        {
            "year": "2025",
            "reported_on": "2026-01-20",
            "document": _pdf("a.pdf"),
            "minutes": _pdf("b.pdf"),
        },
    )
    assert report.status_code == 404
    listing = client.get("/enterprise/letters/").content.decode()
    assert two["a"]["letter"].number in listing and theirs["letter"].number not in listing
    reports = client.get("/enterprise/reports/").content.decode()
    assert "甲企业有限公司集体合同" in reports and "乙企业有限公司集体合同" not in reports
    with context.federation_context(fed_a):
        theirs["letter"].refresh_from_db()
        assert theirs["letter"].replied_on is None
        assert not PerformanceReport.objects.exists()


def test_the_union_side_reads_the_letter_but_cannot_post_a_reply(client_a, fed_a, two):
    ours = two["a"]
    client = _as(client_a, fed_a, ours["union"])
    page = client.get(f"/enterprise/letters/{ours['letter'].pk}/")
    assert page.status_code == 200 and page["Referrer-Policy"] == "same-origin"
    body = page.content.decode()
    assert "甲企业有限公司的事实" in body and 'name="text"' not in body
    response = client.post(f"/enterprise/letters/{ours['letter'].pk}/", {"text": "工会代答"})
    assert response.status_code == 400
    with context.federation_context(fed_a):
        ours["letter"].refresh_from_db()
        assert ours["letter"].replied_on is None


def test_the_employer_replies_and_the_page_then_shows_the_reply(client_a, fed_a, two):
    ours = two["a"]
    client = _as(client_a, fed_a, ours["employer"])
    url = f"/enterprise/letters/{ours['letter'].pk}/"
    with context.federation_context(fed_a):
        item = ours["letter"].items.get()
    response = client.post(
        url,
        {
            "text": "已整改",
            f"item_{item.pk}": "已发出要约",
            f"evidence_{item.pk}": _pdf("要约.pdf"),
        },
    )
    assert response.status_code == 302 and response["Location"] == url
    body = client.get(url).content.decode()
    assert "已发出要约" in body and "要约.pdf" in body and 'name="text"' not in body
    pdf = client.get(f"{url}letter.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"


def test_empty_states(client_a, fed_a):
    with context.federation_context(fed_a):
        user, _device = enterprise_user(enterprise(name="丙企业有限公司"), side="union")
    client = _as(client_a, fed_a, user)
    assert "目前没有致贵单位的监督函件" in client.get("/enterprise/letters/").content.decode()
    assert "没有生效中的集体合同" in client.get("/enterprise/reports/").content.decode()


def test_the_lists_queries_do_not_grow_with_their_rows(client_a, fed_a, two):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    ours = two["a"]
    client = _as(client_a, fed_a, ours["employer"])

    def counts():
        out = []
        for url in ("/enterprise/letters/", "/enterprise/reports/"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200
            out.append(len(queries))
        return out

    before = counts()
    with context.federation_context(fed_a):
        ent = ours["contract"].enterprise
        for n, kind in enumerate(("wages", "women", "safety")):
            _letter(ent, f"第{n}封")
            contract = contract_register_existing(
                data={
                    "enterprise": ent,
                    "title": f"专项合同{n}",
                    "kind": kind,
                    "starts_on": dt.date(2025, 1, 1),
                    "ends_on": dt.date(2027, 12, 31),
                    "as_of": dt.date(2026, 3, 1),
                }
            )[0]
            PerformanceReport.objects.create(
                contract=contract, year=2025, reported_on=dt.date(2026, 1, 20)
            )
    assert counts() == before
