"""The enterprise's pre-review pages through HTTP (issue 17 item 4): the draft form, its
uploads' checks, and horizontal isolation between two enterprises of one federation."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from compliance.models import FilingSubmission
from compliance.services.prereview import submission_attach, submission_save, submission_start
from tenants import context
from tests.factories.compliance import round_at
from tests.factories.enterprise_accounts import enterprise_user
from tests.signin import force_sign_in


@pytest.fixture
def two(fed_a):
    """Two signed rounds of two enterprises of federation A, each with an officer; A's has a
    draft with a clause and the contract text."""
    with context.federation_context(fed_a):
        round_a, round_b = round_at("signed"), round_at("signed")
        user_a, _ = enterprise_user(round_a.enterprise)
        user_b, _ = enterprise_user(round_b.enterprise)
        draft = submission_start(round_id=round_a.pk, user=user_a)
        submission_save(
            submission_id=draft.pk, user=user_a, terms={}, clauses=[("wages", "甲的工资条款")]
        )
        text = submission_attach(
            submission_id=draft.pk,
            item="contract_text",
            upload=SimpleUploadedFile("甲合同.pdf", b"%PDF-1.4 jia"),
            user=user_a,
        )
    return {"a": (round_a, user_a, draft, text), "b": (round_b, user_b)}


def _signed_in(client, fed, user):
    with context.federation_context(fed):
        force_sign_in(client, user)
    return client


def test_another_enterprises_draft_is_a_404(client_a, fed_a, two):
    round_a, _user_a, draft, text = two["a"]
    _round_b, user_b = two["b"]
    _signed_in(client_a, fed_a, user_b)
    for url in (
        f"/enterprise/prereview/{draft.pk}/",
        f"/enterprise/prereview/{draft.pk}/edit/",
        f"/enterprise/prereview/files/{text.pk}/",
    ):
        response = client_a.get(url)
        assert response.status_code == 404, url
        assert "甲的工资条款" not in response.content.decode()
    assert client_a.post(f"/enterprise/prereview/{draft.pk}/submit/").status_code == 404
    assert client_a.post(f"/enterprise/prereview/start/{round_a.pk}/").status_code == 404
    listing = client_a.get("/enterprise/prereview/").content.decode()
    assert f"/enterprise/prereview/{draft.pk}/" not in listing
    with context.federation_context(fed_a):
        assert FilingSubmission.objects.filter(round=round_a).count() == 1


def test_the_draft_form_saves_clauses_and_checks_uploads(client_a, fed_a, two):
    _round_a, user_a, draft, _text = two["a"]
    _signed_in(client_a, fed_a, user_a)
    url = f"/enterprise/prereview/{draft.pk}/edit/"
    page = client_a.get(url).content.decode()
    assert "甲的工资条款" in page
    data = {
        "terms-covered_employees": "120",
        "clauses-TOTAL_FORMS": "3",
        "clauses-INITIAL_FORMS": "1",
        "clauses-0-topic": "wages",
        "clauses-0-text": "甲的工资条款（修改）",
        "clauses-1-topic": "",
        "clauses-1-text": "没有类别的条款",
        "clauses-2-topic": "",
        "clauses-2-text": "",
    }
    missing_topic = client_a.post(url, data)
    assert missing_topic.status_code == 400
    assert "请选择本条款的类别。" in missing_topic.content.decode()
    data["clauses-1-topic"] = "hours"
    data["package-file_signed_minutes"] = SimpleUploadedFile("记录.pdf", b"MZ not a pdf")
    bad_file = client_a.post(url, data)
    assert bad_file.status_code == 400
    assert "文件内容与其扩展名.pdf不符" in bad_file.content.decode()
    data["package-file_signed_minutes"] = SimpleUploadedFile("记录.pdf", b"%PDF-1.4 ok")
    # The page re-shown after the refused file is posted again: both clauses are kept.
    saved = client_a.post(url, data)
    assert saved.status_code == 302 and saved["Location"] == f"/enterprise/prereview/{draft.pk}/"
    with context.federation_context(fed_a):
        draft.refresh_from_db()
        assert draft.covered_employees == 120
        assert [(c.order, c.topic) for c in draft.clauses.all()] == [(1, "wages"), (2, "hours")]
        assert set(draft.package.values_list("item", flat=True)) == {
            "contract_text",
            "signed_minutes",
        }
    view = client_a.get(f"/enterprise/prereview/{draft.pk}/").content.decode()
    assert "缺少材料" in view and "甲的工资条款（修改）" in view


def test_the_list_costs_the_same_queries_for_more_rounds_and_versions(client_a, fed_a, two):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories.compliance import offered_round

    round_a, user_a, _draft, _text = two["a"]
    _signed_in(client_a, fed_a, user_a)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client_a.get("/enterprise/prereview/").status_code == 200
        return len(captured)

    few = queries()
    with context.federation_context(fed_a):
        for _n in range(3):
            offered_round(ent=round_a.enterprise)
    assert queries() == few


def test_the_draft_form_takes_coded_key_terms(client_a, fed_a, two):
    """Issue 19: the enterprise enters the codebook's key terms with its draft; a bad value is
    refused beside its field with the reason."""
    _round_a, user_a, draft, _text = two["a"]
    _signed_in(client_a, fed_a, user_a)
    url = f"/enterprise/prereview/{draft.pk}/edit/"
    page = client_a.get(url).content.decode()
    assert 'name="terms-kt_overtime_holiday_pct"' in page and "法定节假日加班工资标准" in page
    data = {
        "terms-covered_employees": "120",
        "terms-kt_overtime_holiday_pct": "200",
        "terms-kt_supplementary_medical": "yes",
        "clauses-TOTAL_FORMS": "1",
        "clauses-INITIAL_FORMS": "1",
        "clauses-0-topic": "wages",
        "clauses-0-text": "甲的工资条款",
    }
    refused = client_a.post(url, data)
    assert refused.status_code == 400
    assert "200超出范围：法定节假日加班工资标准应在300至800（% 工资）之间。" in (
        refused.content.decode()
    )
    data["terms-kt_overtime_holiday_pct"] = "300"
    assert client_a.post(url, data).status_code == 302
    with context.federation_context(fed_a):
        draft.refresh_from_db()
        assert draft.key_terms == {"overtime_holiday_pct": 300, "supplementary_medical": True}
    assert 'value="300"' in client_a.get(url).content.decode()
