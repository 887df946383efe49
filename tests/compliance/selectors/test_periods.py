"""The periods on the admin home (selectors.periods.due_periods) at more than a handful of
records: a fixed number of queries, and the most overdue first when more are due than shown."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from compliance.selectors.periods import due_periods
from compliance.services import bargaining, contracts
from compliance.services.profile import profile_apply_preset
from tests.factories import compliance as f

pytestmark = pytest.mark.usefixtures("in_a")
D = dt.date
TODAY = D(2026, 12, 1)
ACCEPTED = D(2026, 3, 10)
PUBLISHED, TAKEN_DOWN = D(2026, 5, 11), D(2026, 5, 20)  # 9 days of the 15


def _negotiating(reply_date=ACCEPTED):
    """A round under way, its representatives chosen and published (nothing due for R6)."""
    r = f.offered_round()
    bargaining.round_reply(round_id=r.pk, accepted=True, reply_date=reply_date)
    bargaining.round_set_representatives(
        round_id=r.pk, representatives=f.REPRESENTATIVES, chosen_on=reply_date
    )
    bargaining.round_publish_representatives(round_id=r.pk, published_on=reply_date)
    return r


def _vacate(r, identity: str, left_on: dt.date):
    bargaining.round_record_vacancy(
        round_id=r.pk,
        representative=r.representatives.get(identity=identity),
        left_on=left_on,
        left_reason="resigned",
    )


def _cut_short(published_on=PUBLISHED, posting_ends_on=TAKEN_DOWN):
    contract = f.round_at("effective").contract
    contracts.contract_publish(
        contract_id=contract.pk,
        published_on=published_on,
        publish_publicly=False,
        posting_ends_on=posting_ends_on,
    )
    return contract


def _queries() -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        lines = due_periods(today=TODAY)
    return len(lines), len(queries)


def test_the_query_count_does_not_grow_with_vacant_seats_or_cut_short_postings(english):
    """Regression: each vacant seat read its (missing) replacement in a query of its own, and
    each posting cut short read the profile and the calendar again: 158 queries for one
    federation's home page in bench/bench_dashboard.py."""
    r = _negotiating()
    _vacate(r, "E2", D(2026, 3, 12))
    _cut_short()
    lines, few = _queries()
    assert lines == 2
    _vacate(r, "E3", D(2026, 3, 13))
    _vacate(r, "M2", D(2026, 3, 14))
    _cut_short()
    _cut_short()
    lines, more = _queries()
    assert (lines, more) == (6, few)


def test_the_longest_overdue_bargaining_is_shown_when_more_are_due_than_the_limit(english):
    """Regression: each kind took its first records in the model's order (the newest offer
    first), so with more overdue than the limit the most overdue were left off the home page."""
    profile_apply_preset(preset="shandong_wage")
    first = _negotiating(reply_date=D(2026, 3, 10))
    _negotiating(reply_date=D(2026, 3, 20))
    _negotiating(reply_date=D(2026, 3, 30))
    (line,) = due_periods(today=TODAY, limit=1)
    assert (line.round_id, line.due) == (first.pk, D(2026, 5, 9))


def test_the_seat_vacant_longest_is_shown_when_more_are_due_than_the_limit(english):
    """Regression: vacant seats came in the representatives' order (side, chief, name), not in
    the order they fell vacant."""
    r = _negotiating()
    _vacate(r, "E3", D(2026, 3, 12))  # 赵国强, listed after 李春梅 by name
    _vacate(r, "E2", D(2026, 3, 20))
    (line,) = due_periods(today=TODAY, limit=1)
    assert "赵国强" in line.what and line.due == D(2026, 3, 27)


def test_a_posting_cut_short_is_shown_though_earlier_ones_ran_long_enough(english):
    """Regression: the postings taken down within ten days of their minimum were judged only
    after the first `limit` of them were picked, so those that ran long enough filled the
    limit and the ones cut short were left off the home page."""
    # 16 May + 15 = Sunday 31 May, so the last day is Monday 1 June: down on the Sunday is short.
    short = _cut_short(published_on=D(2026, 5, 16), posting_ends_on=D(2026, 5, 31))
    _cut_short(published_on=D(2026, 5, 11), posting_ends_on=D(2026, 5, 26))  # ran its 15 days
    (line,) = due_periods(today=TODAY, limit=1)
    assert (line.contract_id, line.due) == (short.pk, D(2026, 6, 1))
