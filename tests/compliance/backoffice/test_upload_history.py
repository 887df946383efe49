"""Uploaded ledger documents and reply evidence keep history, in the audit chain (issue 15,
item 9): who uploaded which file and why, shown on the round's and the case's page."""

from __future__ import annotations

import datetime as dt

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from compliance.models import ItemEvidence, RoundDocument
from compliance.services import supervision as sv
from compliance.services.audit_trail import audit_trail_verify
from compliance.services.uploads import item_evidence_add
from tenants import context
from tests.conftest import SPEC_A
from tests.factories import compliance as f
from tests.factories.supervision import DAY, issued_letter


def _links(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM compliance_auditlink WHERE table_name = %s", [table])
        return cursor.fetchone()[0]


def test_a_ledger_document_upload_is_in_the_history_and_the_audit_chain(admin_client, fed_a):
    with context.federation_context(fed_a):
        round_ = f.offered_round()
    response = admin_client.post(
        f"/admin/bargaining_rounds/documents/{round_.pk}/",
        {"kind": "offer_letter", "file": SimpleUploadedFile("要约书.pdf", b"%PDF-1.4 offer")},
    )
    assert response.status_code == 302
    with context.federation_context(fed_a):
        document = RoundDocument.objects.get(round=round_)
        row = document.history.get()
        assert row.history_type == "+"
        assert row.history_user.username == SPEC_A.admin_email
        assert row.history_change_reason == "上传台账文件：要约书"
        assert _links("compliance_historicalrounddocument") == 1
        report = audit_trail_verify()
        assert report.intact, report
    page = admin_client.get(f"/admin/bargaining_rounds/inspect/{round_.pk}/").content.decode()
    history = page[page.index('id="history-heading"') :]
    name = document.file.name.rsplit("/", 1)[1]
    row_html = next(r for r in history.split("<tr>") if f"台账文件 {name}" in r)
    assert "上传台账文件：要约书" in row_html

    # Removing it (no view does; a round's deletion would) leaves who and why as well.
    with context.federation_context(fed_a):
        document._history_user = None
        document._change_reason = "重复上传"
        pk = document.pk
        document.delete()
        gone = RoundDocument.history.filter(id=pk).latest("history_id")
        assert (gone.history_type, gone.history_change_reason) == ("-", "重复上传")
        assert audit_trail_verify().intact


def test_reply_evidence_is_in_the_case_history_and_the_audit_chain(admin_client, fed_a):
    letter, _token = issued_letter(fed_a)
    with context.federation_context(fed_a):
        first = letter.items.order_by("order").first()
        sv.letter_record_reply(
            letter_id=letter.pk,
            replied_on=DAY + dt.timedelta(days=5),
            text="已于三月五日发出要约。",
            item_responses={first.pk: "要约书已送达工会。"},
            via_link=True,
        )
        evidence = item_evidence_add(
            item=first,
            upload=SimpleUploadedFile("送达回执.pdf", b"%PDF-1.4 receipt"),
            from_employer=True,
        )
        row = ItemEvidence.history.get(id=evidence.pk)
        assert (row.history_type, row.history_user) == ("+", None)
        assert row.history_change_reason == "随用人单位回复提交"
        assert _links("compliance_historicalitemevidence") == 1
        assert audit_trail_verify().intact
    page = admin_client.get(f"/admin/supervision_cases/inspect/{letter.case_id}/").content.decode()
    history = page[page.index('id="history-heading"') :]
    row_html = next(r for r in history.split("<tr>") if "佐证材料：送达回执.pdf" in r)
    assert "随用人单位回复提交" in row_html
