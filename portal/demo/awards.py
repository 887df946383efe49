"""Demo award eligibility for a federation: next year's 五一劳动奖状 with its veto criteria, a few
violation records, last year's performance reports for most contracts, one stored check of every
enterprise in the ledger (plus one the ledger does not know) and, when someone is eligible, the
shortlist's public notice running now. Dates are relative to `today`; seeding twice adds nothing.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import F

from compliance.models import Award, Contract, Enterprise, PerformanceReport
from compliance.rules.calendar import CalendarGapError
from compliance.rules.deadlines import add_months
from compliance.rules.notice import earliest_end
from compliance.rules.presets import Key
from compliance.selectors.profile import current_profile, working_calendar
from compliance.selectors.statistics import effective_on
from compliance.services.awards import (
    CriterionChoice,
    Nominee,
    award_criteria_set,
    award_save,
    eligibility_check,
    notice_publish,
    violation_save,
)
from compliance.services.enterprises import enterprise_save
from compliance.services.history import save_with_history
from portal.demo.builders import REASON, demo_credit_code, registered_contract, staff_member

AWARD_NAME = "五一劳动奖状"
AWARD_NAME_EN = "May Day Labour Award"
CRITERIA = (
    ("no_union", False),
    ("no_workers_congress", False),
    ("no_effective_contract", False),
    ("contract_not_filed", False),
    ("no_performance_report", False),
    ("open_case_letter", False),
    ("wage_arrears", True),
    ("unpaid_social_insurance", True),
    ("safety_accident", True),
    ("occupational_hazard", True),
    ("mass_incident", True),
)
UNKNOWN_NAME = "外地推荐单位（台账中无此企业）"


def _reports(*, today: dt.date, user) -> None:
    """Last year's report to the workers' congress for the contracts in force that covered
    last year."""
    last_year = today.year - 1
    contracts = list(
        Contract.objects.filter(effective_on(today), effective_on__lte=dt.date(last_year, 12, 31))
        .exclude(performance_reports__year=last_year)
        .order_by("pk")
    )
    for contract in contracts:
        report = PerformanceReport(
            contract=contract, year=last_year, reported_on=dt.date(today.year, 3, 15)
        )
        save_with_history(report, user=user, reason=REASON)


def _exemplary(*, today: dt.date, user, short_name: str) -> None:
    """Two unionised enterprises without a contract in force get one registered from the
    archive: running since last year, passed by the workers' congress, filed with both — what
    an enterprise needs to pass every ledger criterion, with its workers' congress recorded in
    the ledger, last held on the day of last year's performance report (_reports)."""
    in_force = Contract.objects.filter(effective_on(today)).values("enterprise_id")
    candidates = (
        Enterprise.objects.filter(union_established=True)
        .exclude(pk__in=in_force)
        .exclude(workers_congress=False)
    )
    # Those the ledger knows to have a congress first, so that the ones it does not know stay
    # unknown for the veto to show (demo ledger); a ledger that knows none gets them recorded.
    ordered = candidates.order_by(F("workers_congress").desc(nulls_last=True), "-employees")
    for number, enterprise in enumerate(ordered[:2], start=901):
        if enterprise.workers_congress_last_held is None:
            enterprise_save(
                credit_code=enterprise.credit_code,
                data={
                    "workers_congress": True,
                    "workers_congress_last_held": min(dt.date(today.year, 3, 15), today),
                },
                user=user,
                reason=REASON,
            )
        registered_contract(
            enterprise=enterprise,
            starts_on=dt.date(today.year - 1, 1, 1),
            ends_on=dt.date(today.year + 1, 12, 31),
            as_of=today,
            filed_with_department=True,
            filing_number=f"{short_name}工集备〔{today.year - 1}〕{number}号",
            user=user,
        )


def _violations(*, today: dt.date, user) -> None:
    # On enterprises the ledger criteria already keep out (no filed contract in force), so that
    # the shortlist is not empty; the three kinds show a veto this year, one for three years,
    # and a record too old to count.
    filed = Contract.objects.filter(effective_on(today)).exclude(filing_number="")
    others = Enterprise.objects.exclude(pk__in=filed.values("enterprise_id"))
    enterprises = [
        *others.order_by("pk"),
        *Enterprise.objects.filter(pk__in=filed.values("enterprise_id")).order_by("pk"),
    ]
    if len(enterprises) < 3:
        return
    this_year = max(dt.date(today.year, 1, 10), today - dt.timedelta(days=90))
    records = (
        (enterprises[0], "wage_arrears", min(this_year, today), "人社监察〔演示〕1号",
         "拖欠一线职工两个月工资，已责令限期支付", "市人力资源和社会保障局"),
        (enterprises[1], "safety_accident", add_months(today, -24),
         "应急〔演示〕3号", "一般生产安全事故，1人轻伤", "市应急管理局"),
        # Four years back: outside the three-year look-back, so it no longer vetoes.
        (enterprises[2], "mass_incident", add_months(today, -48).replace(day=1),
         "", "职工集体上访，已妥善处置", "市信访局"),
    )  # fmt: skip
    for enterprise, kind, day, reference, description, source in records:
        violation_save(
            record=None,
            data={
                "enterprise": enterprise,
                "kind": kind,
                "occurred_on": day,
                "reference": reference,
                "description": description,
                "source": source,
            },
            user=user,
            reason=REASON,
        )


def _notice(*, run, today: dt.date, user) -> bool:
    """Publish the shortlist from today (the day of its check) for the profile's period, so a
    visitor of the demo sees every one of its working days ahead (R40); no notice if nobody is
    eligible or the calendar is not loaded."""
    if not run.eligible:
        return False
    calendar = working_calendar()
    try:
        start = today
        end = earliest_end(
            starts_on=start, period=current_profile().period(Key.AWARD_NOTICE), calendar=calendar
        )
    except CalendarGapError:
        return False
    notice_publish(
        run_id=run.pk,
        data={
            "title": f"{run.award.year}年度{AWARD_NAME}拟推荐对象公示",
            "starts_on": start,
            "ends_on": end,
            "body": (
                f"经基层推荐、逐项核查一票否决事项，拟推荐以下单位参评{run.award.year}年度"
                f"{AWARD_NAME}，现予公示。"
            ),
            "contact": "公示期间如有异议，请以书面形式向本会评审委员会办公室反映，并注明联系方式。",
            "title_en": f"Public notice of the nominees for the {run.award.year} {AWARD_NAME_EN}",
            "body_en": (
                "After nominations from the grassroots and a check of every veto criterion, the"
                f" following enterprises are proposed for the {run.award.year} {AWARD_NAME_EN}"
                " and are hereby announced for public notice."
            ),
            "contact_en": (
                "Anyone with an objection during the notice period may write to the federation's"
                " award committee office, giving a way to reach them."
            ),
        },
        user=user,
        today=today,
    )
    return True


def seed_awards(*, today: dt.date, email: str, password: str, short_name: str) -> bool:
    """Seed once; False when this federation already has the demo award."""
    if Award.objects.filter(name=AWARD_NAME, year=today.year + 1).exists():
        return False
    user = staff_member(
        email=email, password=password, group="评审委员会", first_name="周", last_name="评审"
    )
    award = award_save(
        award=None, data={"name": AWARD_NAME, "year": today.year + 1}, user=user, reason=REASON
    )
    award_criteria_set(
        award_id=award.pk,
        criteria=[CriterionChoice(code, records_complete=done) for code, done in CRITERIA],
        user=user,
        reason=REASON,
    )
    _exemplary(today=today, user=user, short_name=short_name)
    _reports(today=today, user=user)
    _violations(today=today, user=user)
    nominees = [
        Nominee(code, name, row)
        for row, (code, name) in enumerate(
            Enterprise.objects.order_by("pk").values_list("credit_code", "name"), start=2
        )
    ]
    unknown = demo_credit_code("230800", "MA1CXW00")  # well formed, in no demo ledger
    nominees.append(Nominee(unknown, UNKNOWN_NAME, len(nominees) + 2))
    run = eligibility_check(award_id=award.pk, nominees=nominees, as_of=today, user=user)
    _notice(run=run, today=today, user=user)
    return True
