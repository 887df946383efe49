"""The admin home's deadline list at a large federation's scale: 50,000 enterprises, 100,000
bargaining rounds, 150,000 contracts.

What is measured: `compliance.selectors.dashboard.deadlines`, whose periods (R6, R7, R10, R24,
R33) come from `selectors.periods.due_periods`. That function keeps, per kind of period, only the
records whose period can end by the horizon (`rules.periods.latest_start`) and computes those
deadlines in Python. Beside it, in the same run and on the same profile and calendar, a naive
version judges the same periods for EVERY open record (no prefilter, no limit): that is what the
prefilter saves. Its due lines must equal those of `due_periods` without a limit, or the row is
marked failed (the prefilter would be dropping a deadline); and the note counts how many of the
lines shown fall due on the days of the naive list's first lines (the most overdue). Baseline:
COUNT(*) over the rounds.

What is generated (SQL generate_series in a fresh federation, not through the services; plain
inserts, no history rows, which the audit chain's triggers would be the only ones to look at):

- 50,000 enterprises, two rounds each: 15% negotiating (15,000, accepted over the last two
  years), 2% offered, 3% between the vote and the review, 8% refused or unanswered, 72%
  effective. Representatives chosen on 90% of the rounds that have a reply, published on 90% of
  those, some after their 5 days, so about 1,350 rounds under way still owe their publication.
- Six representatives per negotiating round (90,000), 2% of them gone and not replaced.
- One to three meetings per negotiating round and two per effective one (history the selector
  must skip), 5% suspended, some past the 60 days Beijing allows.
- 2,000 disputes on negotiating rounds, 10% not concluded, a fifth of them extended.
- Three contracts per enterprise (150,000): two expired, one in force (2.5% terminated) with its
  round; published on 95% and taken down on 85% of those, about 3% of postings cut short.

The profile is Shandong's wage preset (bargaining capped at 60 days, representatives published
within 5), then Beijing's (no cap, no number for the publication, suspensions up to 60 days).
Timings: 5 runs after a warm-up; the ratios are of medians, steadier than means on a busy
two-core machine. Nothing here asserts a timing.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from collections import Counter
from collections.abc import Callable

from django.db import connection
from django.db.models import Exists, Min, OuterRef
from django.test.utils import CaptureQueriesContext

from bench.harness import Row, bench_federation

ENTERPRISES = 50_000
RUNS = 5
TODAY = dt.date(2026, 12, 7)  # a Monday
SOON_DAYS = 7

_ENTERPRISES_SQL = """
INSERT INTO compliance_enterprise (credit_code, name, industry, region_code, ownership, employees,
    union_established, union_members, fortune500_investor, head_npc_deputy, head_cppcc_member,
    head_model_worker, created_at, updated_at)
SELECT 'D' || lpad(g::text, 17, '0'), '企业' || g, chr(65 + g %% 20), '370102', 'private',
       20 + (g * 37) %% 400, true, (20 + (g * 37) %% 400) / 2, false, false, false, false,
       now(), now()
FROM generate_series(1, %(n)s) AS g
"""

# Round g belongs to enterprise (g - 1) mod n. `d` is the day the offer was answered (the day
# bargaining started for a negotiating round); the offer came eight days before.
_ROUNDS_SQL = """
WITH first AS (SELECT min(id) AS id FROM compliance_enterprise),
g AS (
    SELECT g, CASE
        WHEN g %% 100 < 15 THEN 'negotiating'
        WHEN g %% 100 < 17 THEN 'offered'
        WHEN g %% 100 = 17 THEN 'voted'
        WHEN g %% 100 = 18 THEN 'signed'
        WHEN g %% 100 = 19 THEN 'submitted'
        WHEN g %% 100 < 26 THEN 'refused'
        WHEN g %% 100 < 28 THEN 'no_reply'
        ELSE 'effective' END AS status
    FROM generate_series(1, %(rounds)s) AS g
),
r AS (
    SELECT g, status, CASE status
        WHEN 'negotiating' THEN %(today)s - (g * 7919) %% 730
        WHEN 'offered' THEN %(today)s + 8 - g %% 20
        WHEN 'effective' THEN %(today)s - 400 - (g * 7919) %% 1800
        ELSE %(today)s - 30 - (g * 7919) %% 200 END AS d
    FROM g
)
INSERT INTO compliance_bargaininground (enterprise_id, scope, kind, status, offered_by, dual_offer,
    offer_date, offer_received_date, reply_due, reply_due_rule, reply_date,
    representatives_chosen_on, representatives_published_on, signed_date, employee_chief,
    employer_chief, submission_due, submission_due_rule, review_due_rule, effective_rule,
    created_at, updated_at)
SELECT first.id + (g - 1) %% %(n)s, 'single', 'wages', status, 'union', false,
       d - 8, d - 7, d + 3, '收到要约之日起10日内',
       CASE WHEN status IN ('offered', 'no_reply') THEN NULL ELSE d END,
       chosen, CASE WHEN (g / 1000) %% 10 <> 0 THEN LEAST(chosen + (g / 7) %% 8, %(today)s) END,
       CASE WHEN status = 'signed' THEN d + 20 END, '', '',
       CASE WHEN status = 'signed' THEN d + 30 END, '', '', '', now(), now()
FROM first, r
CROSS JOIN LATERAL (
    SELECT CASE WHEN status NOT IN ('offered', 'no_reply', 'refused') AND (g / 100) %% 10 <> 0
                THEN LEAST(d + (g / 100) %% 7, %(today)s) END AS chosen
) AS c
"""

_REPRESENTATIVES_SQL = """
INSERT INTO compliance_representative (round_id, side, name, identity, is_chief, is_outsider,
    left_on, left_reason)
SELECT r.id, CASE WHEN k <= 3 THEN 'employee' ELSE 'employer' END, '代表' || k, r.id || '-' || k,
       k IN (1, 4), false,
       CASE WHEN (r.id * 6 + k) %% 50 = 0
            THEN LEAST(COALESCE(r.representatives_chosen_on, r.reply_date)
                       + (r.id %% 200)::int,
                       %(today)s) END,
       CASE WHEN (r.id * 6 + k) %% 50 = 0 THEN 'resigned' ELSE '' END
FROM compliance_bargaininground r CROSS JOIN generate_series(1, 6) AS k
WHERE r.status = 'negotiating'
"""

_MEETINGS_SQL = """
INSERT INTO compliance_meeting (round_id, held_on, place, summary, minutes_signed_by_all,
    suspended_until)
SELECT r.id, r.reply_date + 7 + 14 * (m - 1), '', '', true,
       CASE WHEN (r.id * 3 + m) %% 20 = 0
            THEN r.reply_date + 7 + 14 * (m - 1) + 10 + (r.id %% 80)::int END
FROM compliance_bargaininground r CROSS JOIN generate_series(1, 3) AS m
WHERE (r.status = 'negotiating' AND m <= 1 + r.id %% 3 OR r.status = 'effective' AND m <= 2)
  AND r.reply_date + 7 + 14 * (m - 1) <= %(today)s
"""

_DISPUTES_SQL = """
INSERT INTO compliance_dispute (round_id, applicant, subject, applied_on, accepted_on, extended,
    extension_reason, concluded_on, outcome, agreement_signed, notes)
SELECT r.id, 'union', '工资增幅', a - 3, a, r.id / 7 %% 5 = 1, '',
       CASE WHEN r.id / 7 %% 10 <> 0 THEN LEAST(a + (r.id %% 40)::int, %(today)s) END,
       CASE WHEN r.id / 7 %% 10 <> 0 THEN 'agreed' ELSE '' END, r.id / 7 %% 10 <> 0, ''
FROM (
    SELECT id, LEAST(reply_date + 20, %(today)s) AS a FROM compliance_bargaininground
    WHERE status = 'negotiating' AND id %% 7 = 0 ORDER BY id LIMIT %(disputes)s
) AS r
"""

# Generations 1 and 2 expired; generation 3 in force (2.5% terminated), linked to the
# enterprise's effective round where it has one, its start spread over 2024-2026.
_CONTRACTS_SQL = """
WITH rounds AS (
    SELECT DISTINCT ON (enterprise_id) id, enterprise_id FROM compliance_bargaininground
    WHERE status = 'effective' ORDER BY enterprise_id, id DESC
),
c AS (
    SELECT e.id AS e, e.employees, gen, r.id AS round_id,
           make_date(2015 + gen * 3, 1, 1) + ((e.id * 37) %% 1050)::int AS starts,
           CASE WHEN gen = 3 AND e.id %% 40 = 1 THEN 'terminated'
                WHEN gen = 3 THEN 'effective' ELSE 'expired' END AS status
    FROM compliance_enterprise e CROSS JOIN generate_series(1, 3) AS gen
    LEFT JOIN rounds r ON r.enterprise_id = e.id AND gen = 3
),
p AS (
    SELECT c.*,
           CASE WHEN (e / 10 + gen) %% 20 <> 0 THEN starts + ((e + gen) %% 12)::int END AS published
    FROM c
)
INSERT INTO compliance_contract (enterprise_id, round_id, title, scope, kind, status, starts_on,
    ends_on, covered_employees, passed_by_congress, submitted_in_time, signed_on, effective_on,
    filing_number, filed_with_department, published_on, posting_ends_on, publish_publicly,
    relation, renewal_window_opens, end_reason, created_at, updated_at, ended_on,
    verification_code)
SELECT e, round_id, '集体合同', 'single', 'wages', status, starts,
       (starts + interval '3 years' - interval '1 day')::date, employees, true, true, starts - 20,
       starts, '', true, published,
       CASE WHEN published IS NULL OR (e * 13 + gen) %% 100 >= 85 THEN NULL
            WHEN (e * 7 + gen) %% 33 = 0 THEN published + (e %% 14)::int
            ELSE published + 15 + ((e * gen) %% 45)::int END,
       false, '', (starts + interval '3 years' - interval '3 months')::date, '', now(), now(),
       CASE WHEN status = 'terminated' THEN DATE '2026-06-30' END, ''
FROM p
"""


def _populate() -> None:
    params = {"n": ENTERPRISES, "rounds": 2 * ENTERPRISES, "today": TODAY, "disputes": 2_000}
    with connection.cursor() as cursor:
        for sql in (
            _ENTERPRISES_SQL,
            _ROUNDS_SQL,
            _REPRESENTATIVES_SQL,
            _MEETINGS_SQL,
            _DISPUTES_SQL,
            _CONTRACTS_SQL,
        ):
            cursor.execute(sql, params)
        cursor.execute("VACUUM ANALYZE")


def _naive(*, today: dt.date) -> tuple[int, list]:
    """The periods of `due_periods` judged for every open record: no prefilter, no limit, the
    same profile and calendar read once. Returns how many lines were judged and the due ones."""
    from compliance.models import (
        BargainingRound,
        CongressVote,
        Contract,
        Dispute,
        Meeting,
        Representative,
    )
    from compliance.rules.procedure import ENDED, NEGOTIATING
    from compliance.selectors import periods as p

    horizon = today + dt.timedelta(days=SOON_DAYS)
    ctx = p._Context()
    lines = []
    open_rounds = BargainingRound.objects.exclude(status__in=ENDED).select_related("enterprise")
    waiting = open_rounds.filter(
        representatives_chosen_on__isnull=False, representatives_published_on__isnull=True
    ).annotate(first_meeting=Min("meetings__held_on"))
    for r in waiting:
        line = p._representatives_line(r, r.first_meeting, ctx, today)
        if line:
            lines.append(p._named(line, r.enterprise.name))
    vacant = (
        Representative.objects.select_related("round__enterprise", "replaced_by")
        .filter(left_on__isnull=False, replaced_by__isnull=True)
        .exclude(round__status__in=ENDED)
    )
    for rep in vacant:
        lines.append(p._named(p._vacancy_line(rep, ctx, today), rep.round.enterprise.name))
    for r in open_rounds.filter(status=NEGOTIATING):
        line = p._bargaining_line(r, None, ctx, today)
        if line:
            lines.append(p._named(line, r.enterprise.name))
    later = Meeting.objects.filter(round=OuterRef("round"), held_on__gt=OuterRef("held_on"))
    later_vote = CongressVote.objects.filter(
        round=OuterRef("round"), held_on__gt=OuterRef("held_on")
    )
    paused = (
        Meeting.objects.select_related("round__enterprise")
        .filter(suspended_until__isnull=False, round__status=NEGOTIATING)
        .exclude(Exists(later))
        .exclude(Exists(later_vote))
    )
    for meeting in paused:
        line = p._suspension_line(meeting, None, ctx, today)
        lines.append(p._named(line, meeting.round.enterprise.name))
    for dispute in Dispute.objects.select_related("round__enterprise").filter(concluded_on=None):
        lines.append(p._named(p._dispute_line(dispute, ctx, today), dispute.round.enterprise.name))
    posted = Contract.objects.select_related("enterprise").filter(
        status=Contract.Status.EFFECTIVE,
        published_on__isnull=False,
        posting_ends_on__isnull=False,
    )
    for contract in posted:
        line = p.contract_posting(contract, today=today, ctx=ctx)
        if line:
            lines.append(p._named(line, contract.enterprise.name))
    return len(lines), p.to_list(lines, today=today, horizon=horizon)


def _key(line) -> tuple:
    return (line.what, line.due, line.state, line.round_id, line.contract_id)


def _timed(fn: Callable[[], object]) -> tuple[float, float, float]:
    """Mean, min and median of RUNS runs."""
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.mean(samples), min(samples), statistics.median(samples)


def _measure(preset: str, base_median: float) -> list[Row]:
    from compliance.selectors.dashboard import deadlines
    from compliance.selectors.periods import due_periods
    from compliance.services.profile import profile_apply_preset

    profile_apply_preset(preset=preset)
    deadlines(today=TODAY)  # warm: plans, the calendar file
    mean, least, median = _timed(lambda: deadlines(today=TODAY))
    with CaptureQueriesContext(connection) as queries:
        items = deadlines(today=TODAY)
    periods_mean, periods_min, periods_median = _timed(lambda: due_periods(today=TODAY))
    with CaptureQueriesContext(connection) as periods_queries:
        shown = due_periods(today=TODAY)
    naive_mean, naive_min, naive_median = _timed(lambda: _naive(today=TODAY))
    with CaptureQueriesContext(connection) as naive_queries:
        judged, due = _naive(today=TODAY)

    # The prefilter must not lose a deadline: without a limit, due_periods lists exactly the due
    # lines the naive version finds; with it, the most overdue ones first, as the naive would.
    unlimited = due_periods(today=TODAY, limit=10**9)
    lost = {_key(x) for x in due} - {_key(x) for x in unlimited}
    extra = {_key(x) for x in unlimited} - {_key(x) for x in due}
    # Due days in common with the naive top of the list (as many lines as shown).
    common = Counter(x.due for x in shown) & Counter(x.due for x in due[: len(shown)])
    overdue = sum(item.overdue for item in items)

    def ratio(m: float) -> str:
        return f"{m / base_median:.1f}× COUNT(*)"

    return [
        Row(
            "dashboard",
            f"{preset}: deadlines(), admin home",
            RUNS,
            mean,
            least,
            f"median {median:.3f}s, {ratio(median)}; {len(queries)} queries; "
            f"{len(items)} items ({overdue} overdue)",
        ),
        Row(
            "dashboard",
            f"{preset}: due_periods() alone, with prefilter",
            RUNS,
            periods_mean,
            periods_min,
            f"median {periods_median:.3f}s, {ratio(periods_median)}; "
            f"{len(periods_queries)} queries; {len(shown)} lines; "
            f"due days as the naive's first {len(shown)}: {common.total()}",
        ),
        Row(
            "dashboard",
            f"{preset}: same periods, every open record judged",
            RUNS,
            naive_mean,
            naive_min,
            f"median {naive_median:.3f}s, {ratio(naive_median)}, "
            f"{naive_median / periods_median:.0f}× due_periods; {len(naive_queries)} queries; "
            f"{judged:,} judged, {len(due):,} due; lost by prefilter {len(lost)}, extra "
            f"{len(extra)}",
            failed=bool(lost or extra),
        ),
    ]


def run() -> list[Row]:
    from tenants import context

    federation = bench_federation(
        schema="bench_dashboard",
        name="看板基准总工会",
        domain="bench-dashboard.localhost",
        region_code="370100",
    )
    with context.federation_context(federation):
        started = time.perf_counter()
        _populate()
        load_s = time.perf_counter() - started

        def count_rounds() -> None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM compliance_bargaininground")
                cursor.fetchone()

        count_rounds()
        base_mean, base_min, base_median = _timed(count_rounds)
        rows = [
            Row(
                "dashboard",
                "load: 50,000 enterprises, 100,000 rounds, 150,000 contracts … (SQL)",
                1,
                load_s,
                load_s,
                "set-up, for scale",
            ),
            Row(
                "dashboard",
                "COUNT(*) over 100,000 rounds (baseline)",
                RUNS,
                base_mean,
                base_min,
                f"median {base_median:.4f}s, 1.0×",
            ),
        ]
        rows += _measure("shandong_wage", base_median)
        rows += _measure("beijing", base_median)
    return rows
