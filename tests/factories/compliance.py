"""Building records through the services, as users do (never by writing status fields)."""

from __future__ import annotations

import datetime as dt
import itertools

from compliance.rules.uscc import check_character
from compliance.services import bargaining
from compliance.services.enterprises import enterprise_save

_serial = itertools.count(1)


def credit_code(region: str = "230803") -> str:
    first17 = f"91{region}MA{next(_serial):07d}"[:17]
    return first17 + check_character(first17)


def enterprise(**overrides):
    data = {
        "name": f"测试企业{next(_serial)}有限公司",
        "industry": "C",
        "region_code": "230803",
        "ownership": "private",
        "employees": 150,
        "union_established": True,
        "union_members": 120,
    }
    data.update(overrides)
    code = data.pop("credit_code", None) or credit_code(data["region_code"])
    return enterprise_save(credit_code=code, data=data, reason="test")[0]


REPRESENTATIVES = [
    {"side": "employee", "name": "王立新", "identity": "E1", "is_chief": True},
    {"side": "employee", "name": "李春梅", "identity": "E2"},
    {"side": "employee", "name": "赵国强", "identity": "E3"},
    {"side": "employer", "name": "陈志远", "identity": "M1", "is_chief": True},
    {"side": "employer", "name": "刘晓燕", "identity": "M2"},
    {"side": "employer", "name": "孙浩", "identity": "M3"},
]

OFFER_DAY = dt.date(2026, 3, 2)  # a Monday


def offered_round(ent=None, **kwargs):
    return bargaining.round_offer(
        enterprise=ent or enterprise(), offered_by="union", offer_date=OFFER_DAY, **kwargs
    )


def round_at(step: str, user=None, instructor=None):
    """A round advanced through the real services up to `step`, opened by `user` (with
    `instructor` assigned from the offer)."""
    r = offered_round(user=user, instructor=instructor)
    order = [
        "offered",
        "negotiating",
        "voted",
        "signed",
        "preliminary_reviewed",
        "federation_approved",
        "submitted",
        "effective",
    ]
    target = order.index(step)
    if target >= 1:
        bargaining.round_reply(round_id=r.pk, accepted=True, reply_date=dt.date(2026, 3, 10))
        bargaining.round_set_representatives(round_id=r.pk, representatives=REPRESENTATIVES)
        bargaining.round_record_meeting(
            round_id=r.pk, held_on=dt.date(2026, 3, 20), minutes_signed_by_all=True
        )
    if target >= 2:
        bargaining.round_record_vote(
            round_id=r.pk, held_on=dt.date(2026, 4, 8), total=30, present=25, in_favour=22
        )
    if target >= 3:
        bargaining.round_sign(
            round_id=r.pk,
            signed_on=dt.date(2026, 4, 10),
            title="2026年度集体合同",
            starts_on=dt.date(2026, 5, 1),
            ends_on=dt.date(2029, 4, 30),
            covered_employees=150,
        )
    if target >= 4:
        bargaining.round_review(
            round_id=r.pk, stage="instructor", approved=True, reviewed_on=dt.date(2026, 4, 13)
        )
    if target >= 5:
        bargaining.round_review(
            round_id=r.pk, stage="federation", approved=True, reviewed_on=dt.date(2026, 4, 14)
        )
    if target >= 6:
        bargaining.round_submit(round_id=r.pk, submitted_on=dt.date(2026, 4, 15))
    if target >= 7:
        bargaining.round_mark_effective(round_id=r.pk, today=dt.date(2026, 5, 6))
    r.refresh_from_db()
    assert r.status == step, (r.status, step)
    return r
