"""Supervision records for tests, made through the services."""

from __future__ import annotations

import datetime as dt

from compliance.rules.letters import OPINION, REMINDER
from compliance.services import supervision as sv
from tenants import context
from tests.factories import compliance as f

DAY = dt.date(2026, 3, 2)


def issued_letter(fed: str, kind: str = REMINDER.code):
    """A letter of `kind` issued in `fed` on DAY, with two required actions; (letter, token)."""
    with context.federation_context(fed):
        case = sv.case_open(
            title="未签订集体合同", source="inspection", opened_on=DAY, enterprise=f.enterprise()
        )
        extra = {"signer": "王建华", "signer_title": "主席"} if kind == OPINION.code else {}
        return sv.letter_issue(
            case_id=case.pk,
            kind=kind,
            issued_on=DAY,
            facts="经查，企业未开展集体协商。",
            legal_basis="《集体合同规定》第三十二条",
            actions=["发出要约", "召开职代会"],
            **extra,
        )
