"""Supervision (一函两书) in the back office, through HTTP."""

import datetime as dt
import re

import pytest

from compliance.services import bargaining
from compliance.services import supervision as sv
from tenants import context
from tests.conftest import SPEC_A
from tests.factories import compliance as f
from tests.factories.supervision import DAY, issued_letter


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
    letter, _token = issued_letter(fed_a, kind="opinion")
    case_page = admin_client.get(f"/admin/supervision_cases/inspect/{letter.case_id}/")
    assert letter.number in case_page.content.decode()
    letter_page = admin_client.get(f"/admin/letters/inspect/{letter.pk}/")
    assert "自发文之日起15个工作日内" in letter_page.content.decode()
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

    letter, _token = issued_letter(fed_a)
    response = admin_client.get("/admin/supervision_cases/ledger.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][4] == "文号"
    assert any(row[4] == letter.number for row in rows[1:])


def test_unprintable_character_gets_a_message_not_a_500(admin_client, fed_a):
    letter, _token = issued_letter(fed_a)
    with context.federation_context(fed_a):
        letter.facts = "含有私用区字符\ue000的事实"
        letter.save()
    response = admin_client.get(f"/admin/letters/document/{letter.pk}/pdf/", follow=True)
    assert response.status_code == 200
    assert "U+E000" in response.content.decode()


def test_letter_forms_ask_for_what_their_kind_needs_and_supervisors_are_supervisors(
    admin_client, fed_a
):
    """Regression: every kind's form showed the recommendation's trigger and department, and the
    supervisor dropdown offered committee and administrator accounts."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    letter, _token = issued_letter(fed_a)
    with context.federation_context(fed_a):
        supervisor = get_user_model().objects.create_user(username="jiandu@a.test")
        supervisor.groups.add(Group.objects.get(name="劳动法律监督员"))
        case_id = letter.case_id
    reminder = admin_client.get(f"/admin/supervision_cases/issue/{case_id}/reminder/")
    assert 'name="department"' not in reminder.content.decode()
    recommendation = admin_client.get(
        f"/admin/supervision_cases/issue/{case_id}/recommendation/"
    ).content.decode()
    assert 'name="department"' in recommendation and 'name="trigger"' in recommendation
    new_case = admin_client.get("/admin/supervision_cases/new/").content.decode()
    start = new_case.index('name="supervisor"')
    dropdown = new_case[start : new_case.index("</select>", start)]
    assert "jiandu@a.test" in dropdown and SPEC_A.admin_email not in dropdown
    page = admin_client.get(f"/admin/supervision_cases/inspect/{case_id}/").content.decode()
    assert f"/admin/supervision_cases/issue/{case_id}/opinion/" in page
    assert f"/admin/supervision_cases/issue/{case_id}/recommendation/" not in page  # no opinion yet


def test_lists_and_histories_name_people_not_their_e_mail(admin_client, fed_a):
    """Regression: lists and histories showed sign-in e-mail addresses instead of names."""
    from django.contrib.auth import get_user_model

    letter, _token = issued_letter(fed_a)
    with context.federation_context(fed_a):
        supervisor = get_user_model().objects.create_user(
            username="liu@a.test", first_name="晓燕", last_name="刘"
        )
        case = letter.case
        case.supervisor = supervisor
        case.save()
    listing = admin_client.get("/admin/supervision_cases/").content.decode()
    start = listing.index("未签订集体合同")  # the case's row (the filters list accounts apart)
    row = listing[start : listing.index("</tr>", start)]
    assert "刘晓燕" in row and "liu@a.test" not in row


def test_an_opinion_after_a_reminder_starts_from_its_facts_and_open_items(admin_client, fed_a):
    """Issue 14: the opinion letter's form started empty although the case had a reminder."""
    reminder, _token = issued_letter(fed_a)  # items 发出要约, 召开职代会
    with context.federation_context(fed_a):
        first = reminder.items.order_by("order").first()
        sv.item_decide(item_id=first.pk, outcome="rectified", decided_on=DAY, note="已发出。")
    url = f"/admin/supervision_cases/issue/{reminder.case_id}/opinion/"
    page = admin_client.get(url).content.decode()
    assert _textarea(page, "facts") == "经查，企业未开展集体协商。"
    assert _textarea(page, "legal_basis") == "《集体合同规定》第三十二条"
    assert _textarea(page, "actions") == "召开职代会"  # 发出要约 was rectified: not asked again
    # Editable before issuing: what the clerk sends is what the letter says.
    response = admin_client.post(
        url,
        {
            "issued_on": "2026-03-20",
            "facts": "经调查核实，企业仍未召开职代会。",
            "legal_basis": "《集体合同规定》第三十六条。",
            "actions": "召开职代会审议集体合同草案",
            "signer": "王建华",
            "signer_title": "主席",
        },
    )
    assert response.status_code == 302
    with context.federation_context(fed_a):
        opinion = reminder.case.letters.get(kind="opinion")
        assert opinion.facts == "经调查核实，企业仍未召开职代会。"
        assert opinion.legal_basis == "《集体合同规定》第三十六条"
        assert [i.text for i in opinion.items.all()] == ["召开职代会审议集体合同草案"]


def test_a_first_letter_starts_from_the_profiles_printed_basis(admin_client, fed_a):
    with context.federation_context(fed_a):
        case = sv.case_open(
            title="拒绝协商", source="refused_offer", opened_on=DAY, enterprise=f.enterprise()
        )
        complaint = sv.case_open(
            title="投诉", source="complaint", opened_on=DAY, enterprise=f.enterprise()
        )
    page = admin_client.get(f"/admin/supervision_cases/issue/{case.pk}/reminder/")
    assert _textarea(page.content.decode(), "legal_basis") == "《集体合同规定》第三十二条"
    assert _textarea(page.content.decode(), "facts") == ""
    # A complaint breaches no parameter of the profile: the clerk cites the law.
    page = admin_client.get(f"/admin/supervision_cases/issue/{complaint.pk}/reminder/")
    assert _textarea(page.content.decode(), "legal_basis") == ""


def test_a_rule_number_as_legal_basis_is_refused_on_the_form(admin_client, fed_a):
    with context.federation_context(fed_a):
        case = sv.case_open(
            title="投诉", source="complaint", opened_on=DAY, enterprise=f.enterprise()
        )
    response = admin_client.post(
        f"/admin/supervision_cases/issue/{case.pk}/reminder/",
        {"issued_on": "2026-03-02", "facts": "职工投诉。", "legal_basis": "R45 淮北市实践"},
    )
    assert response.status_code == 200
    assert "法律依据中写有本平台的内部规则编号R45" in response.content.decode()
    with context.federation_context(fed_a):
        assert not case.letters.exists()


def _textarea(page: str, name: str) -> str:
    found = re.search(rf'<textarea[^>]*name="{name}"[^>]*>(.*?)</textarea>', page, re.DOTALL)
    assert found, name
    return found.group(1).strip()


def _answered_letter(fed):
    """A reminder letter the employer answered through its link, with a PDF for action 1."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from compliance.services.uploads import item_evidence_add

    letter, _token = issued_letter(fed)
    with context.federation_context(fed):
        first, second = letter.items.order_by("order")
        sv.letter_record_reply(
            letter_id=letter.pk,
            replied_on=DAY + dt.timedelta(days=5),
            text="已于三月五日发出要约。",
            item_responses={first.pk: "要约书已送达工会。", second.pk: "职代会定于四月召开。"},
            via_link=True,
        )
        evidence = item_evidence_add(
            item=first,
            upload=SimpleUploadedFile("要约书.pdf", b"%PDF-1.4 test"),
            from_employer=True,
        )
    return letter, first, second, evidence


def test_case_page_shows_answers_and_evidence_beside_each_outcome_form(admin_client, fed_a):
    """Regression: the case page listed items in a table with a link per outcome, apart from
    the employer's reply; the supervisor could not read the answer while deciding."""
    letter, first, second, evidence = _answered_letter(fed_a)
    page = admin_client.get(f"/admin/supervision_cases/inspect/{letter.case_id}/").text
    block = page[page.index(f'id="item-{first.pk}"') : page.index(f'id="item-{second.pk}"')]
    assert "发出要约" in block and "要约书已送达工会。" in block
    assert f'href="/admin/supervision_cases/evidence/{evidence.pk}/"' in block
    assert "（来自用人单位）" in block
    assert f'action="/admin/supervision_cases/item/{first.pk}/"' in block
    assert "已于三月五日发出要约。" in page  # the letter's reply, above its items
    assert f'href="/admin/letters/inspect/{letter.pk}/"' in page
    with context.federation_context(fed_a):
        enterprise_id = letter.case.enterprise_id
    assert f'href="/admin/enterprises/inspect/{enterprise_id}/"' in page
    download = admin_client.get(f"/admin/supervision_cases/evidence/{evidence.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 test"


def test_case_history_covers_its_letters_and_actions_readably(admin_client, fed_a):
    """Regression: the case's history showed only the case row, not its letters' replies or
    the outcomes decided, which happen on those records."""
    letter, first, _second, _evidence = _answered_letter(fed_a)
    response = admin_client.post(
        f"/admin/supervision_cases/item/{first.pk}/",
        {"outcome": "rectified", "note": "现场核实要约书。", "decided_on": "2026-03-12"},
    )
    # Back to the action on the case page, where its answer and evidence are.
    assert response["Location"] == (
        f"/admin/supervision_cases/inspect/{letter.case_id}/#item-{first.pk}"
    )
    page = admin_client.get(response["Location"]).text
    history = page[page.index('id="history-heading"') :]
    assert "通过专用链接收到回复" in history  # the reply, on the letter
    assert f"{letter.number} 提示函" in history  # named by its number and kind
    assert f"{letter.number} 的第 1 项整改事项" in history
    assert "整改到位" in history and "rectified" not in history  # labels, not codes
    assert "已回复" in history and ">replied<" not in history


def test_case_page_links_its_source_round(admin_client, fed_a):
    with context.federation_context(fed_a):
        r = f.offered_round()
        bargaining.round_reply(round_id=r.pk, accepted=False, reply_date=DAY)
        r.refresh_from_db()
        sv_case = sv.case_open(
            title="拒绝协商",
            source="refused_offer",
            opened_on=DAY,
            enterprise=r.enterprise,
            source_round=r,
        )
    page = admin_client.get(f"/admin/supervision_cases/inspect/{sv_case.pk}/").text
    assert f'href="/admin/bargaining_rounds/inspect/{r.pk}/"' in page


def test_case_page_queries_do_not_grow_with_letters(admin_client, fed_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    letter, _first, _second, _evidence = _answered_letter(fed_a)
    url = f"/admin/supervision_cases/inspect/{letter.case_id}/"
    with CaptureQueriesContext(connection) as one:
        admin_client.get(url)
    with context.federation_context(fed_a):
        for day in (10, 20):
            sv.letter_issue(
                case_id=letter.case_id,
                kind="reminder",
                issued_on=DAY + dt.timedelta(days=day),
                facts="复查。",
                legal_basis="《劳动法》",
                actions=["补充材料"],
            )
    with CaptureQueriesContext(connection) as three:
        admin_client.get(url)
    assert len(three) <= len(one) + 2, [q["sql"][:120] for q in three.captured_queries]


def test_admin_home_lists_letters_awaiting_a_reply_as_links(admin_client, fed_a):
    letter, _token = issued_letter(fed_a)
    home = admin_client.get("/admin/").text
    assert f'href="/admin/letters/inspect/{letter.pk}/"' in home
    assert "7 日内到期的文书" in home or "逾期未回复的文书" in home
    with context.federation_context(fed_a):
        sv.letter_record_reply(letter_id=letter.pk, replied_on=DAY, text="已整改。")
    assert f'href="/admin/letters/inspect/{letter.pk}/"' not in admin_client.get("/admin/").text


def test_the_letter_page_shows_the_reply_against_its_deadline_and_the_trigger(admin_client, fed_a):
    with context.federation_context(fed_a):
        opinion, _token = issued_letter(fed_a, kind="opinion")
        late_day = opinion.due_on + dt.timedelta(days=2)
        sv.letter_record_reply(letter_id=opinion.pk, replied_on=late_day, text="迟复。")
        recommendation, _token = sv.letter_issue(
            case_id=opinion.case_id,
            kind="recommendation",
            issued_on=late_day,
            facts="逾期答复意见书，且未整改。",
            legal_basis="《中华人民共和国工会法》第二十二条",
            actions=["依法查处"],
            department="市劳动保障监察支队",
            trigger="no_reply",
        )
    page = admin_client.get(f"/admin/letters/inspect/{opinion.pk}/").content.decode()
    due = opinion.due_on.isoformat()
    assert f"于{late_day.isoformat()}答复，超过答复期限（{due}）2日，属逾期答复。" in page
    page = admin_client.get(f"/admin/letters/inspect/{recommendation.pk}/").content.decode()
    assert "移送理由：逾期未回复。" in page
    assert f'href="/admin/letters/inspect/{opinion.pk}/"' in page and "属逾期答复" in page
    case_page = admin_client.get(f"/admin/supervision_cases/inspect/{opinion.case_id}/")
    assert "属逾期答复" in case_page.content.decode()
