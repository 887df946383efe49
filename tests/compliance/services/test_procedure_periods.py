"""The periods encoded for issue 15 item 6, each on both sides of its day and from the profile:
R6 the representatives published, R7 a vacant seat filled, R10 the bargaining period and its
suspensions, R24 the notice-board posting, R33 the coordination of a dispute. Each is shown on
its record's page (selectors.periods) and listed on the admin home when overdue."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from compliance.models import RuleParameter
from compliance.rules.periods import State
from compliance.rules.presets import PRESETS, Key
from compliance.selectors.dashboard import deadlines
from compliance.selectors.periods import contract_posting, round_periods
from compliance.selectors.profile import current_profile
from compliance.services import bargaining, contracts
from compliance.services.profile import profile_apply_preset
from tests.factories import compliance as f

pytestmark = pytest.mark.usefixtures("in_a")
D = dt.date
ONE = dt.timedelta(days=1)


CHOSEN = D(2026, 3, 10)


def _negotiating(chosen_on=CHOSEN):
    r = f.offered_round()
    bargaining.round_reply(round_id=r.pk, accepted=True, reply_date=D(2026, 3, 10))
    bargaining.round_set_representatives(
        round_id=r.pk, representatives=f.REPRESENTATIVES, chosen_on=chosen_on
    )
    r.refresh_from_db()
    return r


def _line(r, what: str):
    r.refresh_from_db()
    lines = [line for line in round_periods(r, today=D(2026, 12, 31)) if what in line.what]
    assert len(lines) == 1, [line.what for line in lines]
    return lines[0]


def _home(today, what: str):
    return [item for item in deadlines(today=today) if what in item.what]


# R6 --------------------------------------------------------------------------------------------


def test_national_representatives_published_on_the_first_meetings_day_are_in_time(english):
    r = _negotiating()
    bargaining.round_record_meeting(round_id=r.pk, held_on=D(2026, 3, 20))
    bargaining.round_publish_representatives(round_id=r.pk, published_on=D(2026, 3, 20))
    line = _line(r, "representatives")
    assert (line.due, line.state) == (D(2026, 3, 20), State.MET)
    assert "first meeting" in line.explanation


def test_national_representatives_published_after_the_first_meeting_are_late(english):
    r = _negotiating()
    bargaining.round_record_meeting(round_id=r.pk, held_on=D(2026, 3, 20))
    assert _home(D(2026, 3, 21), "representatives")[0].overdue
    bargaining.round_publish_representatives(round_id=r.pk, published_on=D(2026, 3, 21))
    assert _line(r, "representatives").state is State.LATE
    assert not _home(D(2026, 3, 21), "representatives")


def test_national_representatives_without_a_meeting_have_no_day_yet(english):
    r = _negotiating()
    line = _line(r, "representatives")
    assert (line.due, line.state) == (None, State.OPEN)
    assert not _home(D(2026, 12, 31), "representatives")


def test_shandong_counts_five_days_from_the_choice_rolled_past_a_sunday(english):
    profile_apply_preset(preset="shandong_wage")
    r = _negotiating(chosen_on=D(2026, 3, 10))  # + 5 days = Sunday 15 March → Monday 16
    line = _line(r, "representatives")
    assert line.due == D(2026, 3, 16)
    assert "rest day" in line.explanation
    assert not _home(D(2026, 3, 16), "representatives")[0].overdue
    assert _home(D(2026, 3, 17), "representatives")[0].overdue
    bargaining.round_publish_representatives(round_id=r.pk, published_on=D(2026, 3, 16))
    assert _line(r, "representatives").state is State.MET


def test_henan_counts_three_working_days(english):
    profile_apply_preset(preset="henan_wage")
    r = _negotiating(chosen_on=D(2026, 3, 12))  # Thursday: Fri 13, Mon 16, Tue 17
    bargaining.round_publish_representatives(round_id=r.pk, published_on=D(2026, 3, 18))
    line = _line(r, "representatives")
    assert (line.due, line.state) == (D(2026, 3, 17), State.LATE)


def test_publication_before_the_choice_is_refused(english):
    r = _negotiating(chosen_on=D(2026, 3, 10))
    with pytest.raises(ValidationError, match="before they were chosen"):
        bargaining.round_publish_representatives(round_id=r.pk, published_on=D(2026, 3, 9))


# R7 --------------------------------------------------------------------------------------------


def _vacate(r):
    rep = r.representatives.get(identity="E2")
    return bargaining.round_record_vacancy(
        round_id=r.pk, representative=rep, left_on=D(2026, 3, 12), left_reason="resigned"
    )


def test_a_vacant_seat_filled_on_the_fifteenth_day_is_in_time(english):
    r = _negotiating()
    seat = _vacate(r)  # 12 March + 15 = Friday 27 March
    assert _home(D(2026, 3, 27), "Seat of")[0].overdue is False
    assert _home(D(2026, 3, 28), "Seat of")[0].overdue
    bargaining.round_fill_vacancy(
        round_id=r.pk, vacancy=seat, name="周敏", identity="E9", joined_on=D(2026, 3, 27)
    )
    line = _line(r, "Seat of")
    assert (line.due, line.done_on, line.state) == (D(2026, 3, 27), D(2026, 3, 27), State.MET)
    assert not _home(D(2026, 3, 28), "Seat of")


def test_a_seat_filled_on_the_sixteenth_day_is_late(english):
    r = _negotiating()
    seat = _vacate(r)
    bargaining.round_fill_vacancy(
        round_id=r.pk, vacancy=seat, name="周敏", identity="E9", joined_on=D(2026, 3, 28)
    )
    assert _line(r, "Seat of").state is State.LATE


def test_a_chiefs_seat_makes_the_newcomer_chief_and_the_form_lists_the_sitting_only(english):
    from compliance.backoffice.bargaining.forms import representatives_initial

    r = _negotiating()
    chief = r.representatives.get(side="employee", is_chief=True)
    bargaining.round_record_vacancy(
        round_id=r.pk, representative=chief, left_on=D(2026, 3, 12), left_reason="left_employer"
    )
    newcomer = bargaining.round_fill_vacancy(
        round_id=r.pk, vacancy=chief, name="周敏", identity="E9", joined_on=D(2026, 3, 13)
    )
    r.refresh_from_db()
    assert newcomer.is_chief and r.employee_chief == "周敏"
    assert chief.name not in representatives_initial(r) and "周敏" in representatives_initial(r)


def test_a_seat_is_filled_once_and_not_before_it_fell_vacant(english):
    r = _negotiating()
    seat = _vacate(r)
    with pytest.raises(ValidationError, match="before it fell vacant"):
        bargaining.round_fill_vacancy(
            round_id=r.pk, vacancy=seat, name="周敏", identity="E9", joined_on=D(2026, 3, 11)
        )
    bargaining.round_fill_vacancy(
        round_id=r.pk, vacancy=seat, name="周敏", identity="E9", joined_on=D(2026, 3, 13)
    )
    with pytest.raises(ValidationError, match="already been filled"):
        bargaining.round_fill_vacancy(
            round_id=r.pk, vacancy=seat, name="吴刚", identity="E8", joined_on=D(2026, 3, 14)
        )


# R10 -------------------------------------------------------------------------------------------


def test_no_bargaining_cap_in_the_national_profile(english):
    r = _negotiating()
    assert not [line for line in round_periods(r, today=D(2027, 1, 1)) if "completed" in line.what]


def test_shandong_caps_bargaining_at_sixty_days_from_the_acceptance(english):
    profile_apply_preset(preset="shandong_wage")
    r = _negotiating()  # accepted 10 March + 60 = Saturday 9 May, a make-up working day
    line = _line(r, "completed")
    assert line.due == D(2026, 5, 9)
    assert not _home(D(2026, 5, 9), "completed")[0].overdue
    assert _home(D(2026, 5, 10), "completed")[0].overdue
    bargaining.round_record_meeting(
        round_id=r.pk, held_on=D(2026, 3, 20), minutes_signed_by_all=True
    )
    bargaining.round_record_vote(
        round_id=r.pk, held_on=D(2026, 5, 9), total=30, present=25, in_favour=22
    )
    assert _line(r, "completed").state is State.MET
    assert not _home(D(2026, 5, 10), "completed")


def test_henan_caps_bargaining_at_two_months(english):
    profile_apply_preset(preset="henan_wage")
    r = _negotiating()
    bargaining.round_record_meeting(
        round_id=r.pk, held_on=D(2026, 3, 20), minutes_signed_by_all=True
    )
    bargaining.round_record_vote(
        round_id=r.pk, held_on=D(2026, 5, 12), total=30, present=25, in_favour=22
    )
    line = _line(r, "completed")  # 10 May is a Sunday: Monday 11 May
    assert (line.due, line.state) == (D(2026, 5, 11), State.LATE)


def test_beijing_limits_a_suspension_to_sixty_days(english):
    profile_apply_preset(preset="beijing")
    r = _negotiating()
    bargaining.round_record_meeting(
        round_id=r.pk, held_on=D(2026, 3, 20), suspended_until=D(2026, 6, 30)
    )
    line = _line(r, "resumed")  # 20 March + 60 = Tuesday 19 May
    assert line.due == D(2026, 5, 19)
    assert "runs past the longest" in line.explanation
    assert _home(D(2026, 5, 20), "resumed")[0].overdue
    bargaining.round_record_meeting(round_id=r.pk, held_on=D(2026, 5, 19))
    assert _line(r, "resumed").state is State.MET
    assert not _home(D(2026, 5, 20), "resumed")


def test_a_national_suspension_ends_on_the_day_the_sides_agreed(english):
    r = _negotiating()
    bargaining.round_record_meeting(
        round_id=r.pk, held_on=D(2026, 3, 20), suspended_until=D(2026, 4, 10)
    )
    assert not _home(D(2026, 4, 10), "resumed")[0].overdue
    assert _home(D(2026, 4, 11), "resumed")[0].overdue
    bargaining.round_record_meeting(round_id=r.pk, held_on=D(2026, 4, 13))
    assert _line(r, "resumed").state is State.LATE


def test_a_suspension_cannot_end_before_its_meeting(english):
    r = _negotiating()
    with pytest.raises(ValidationError, match="cannot end before"):
        bargaining.round_record_meeting(
            round_id=r.pk, held_on=D(2026, 3, 20), suspended_until=D(2026, 3, 19)
        )


# R33 -------------------------------------------------------------------------------------------


def _dispute(r):
    return bargaining.round_record_dispute(
        round_id=r.pk,
        applicant="union",
        subject="工资增幅分歧",
        applied_on=D(2026, 3, 13),
        accepted_on=D(2026, 3, 16),
    )


def test_coordination_ends_within_thirty_days_of_acceptance(english):
    r = _negotiating()
    dispute = _dispute(r)  # 16 March + 30 = Wednesday 15 April
    assert not _home(D(2026, 4, 15), "Coordination")[0].overdue
    assert _home(D(2026, 4, 16), "Coordination")[0].overdue
    bargaining.dispute_conclude(
        dispute_id=dispute.pk,
        concluded_on=D(2026, 4, 15),
        outcome="agreed",
        agreement_signed=True,
    )
    line = _line(r, "Coordination")
    assert (line.due, line.state) == (D(2026, 4, 15), State.MET)
    assert not _home(D(2026, 4, 16), "Coordination")


def test_an_extension_adds_fifteen_days_once(english):
    r = _negotiating()
    dispute = _dispute(r)
    bargaining.dispute_extend(dispute_id=dispute.pk, reason="需补充调查")
    with pytest.raises(ValidationError, match="only once"):
        bargaining.dispute_extend(dispute_id=dispute.pk, reason="再延")
    bargaining.dispute_conclude(
        dispute_id=dispute.pk, concluded_on=D(2026, 5, 1), outcome="not_settled"
    )
    line = _line(r, "Coordination")  # 15 April + 15 = Thursday 30 April
    assert (line.due, line.state) == (D(2026, 4, 30), State.LATE)
    assert "extended" in line.explanation


def test_chongqing_allows_sixty_and_thirty_days(english):
    profile_apply_preset(preset="chongqing")
    r = _negotiating()
    dispute = _dispute(r)
    assert _line(r, "Coordination").due == D(2026, 5, 15)  # 16 March + 60
    bargaining.dispute_extend(dispute_id=dispute.pk, reason="双方同意延期")
    assert _line(r, "Coordination").due == D(2026, 6, 15)  # + 30 = Sunday 14 June → Monday


def test_a_settlement_needs_the_signed_agreement(english):
    r = _negotiating()
    dispute = _dispute(r)
    with pytest.raises(ValidationError, match="coordination agreement"):
        bargaining.dispute_conclude(
            dispute_id=dispute.pk, concluded_on=D(2026, 4, 1), outcome="agreed"
        )


# R24 -------------------------------------------------------------------------------------------


def _published(ended):
    r = f.round_at("effective")
    contract = r.contract
    contracts.contract_publish(
        contract_id=contract.pk,
        published_on=D(2026, 5, 11),
        publish_publicly=False,
        posting_ends_on=ended,
    )
    contract.refresh_from_db()
    return contract


def test_a_posting_taken_down_on_its_fifteenth_day_ran_long_enough(english):
    contract = _published(D(2026, 5, 26))  # 11 May + 15 = Tuesday 26 May
    line = contract_posting(contract, today=D(2026, 6, 1))
    assert (line.due, line.state) == (D(2026, 5, 26), State.MET)
    assert not _home(D(2026, 6, 1), "posting")


def test_a_posting_taken_down_a_day_early_was_cut_short(english):
    contract = _published(D(2026, 5, 25))
    assert contract_posting(contract, today=D(2026, 6, 1)).state is State.CUT_SHORT
    (item,) = _home(D(2026, 6, 1), "posting")
    assert item.overdue and "cut short" in item.what and item.contract_id == contract.pk


def test_a_posting_cannot_come_down_before_it_went_up(english):
    with pytest.raises(ValidationError, match="before it was put up"):
        _published(D(2026, 5, 10))


# The profile -----------------------------------------------------------------------------------


def test_a_parameter_missing_from_a_profile_comes_from_the_profiles_own_preset():
    profile_apply_preset(preset="chongqing")
    RuleParameter.objects.filter(key=Key.SUSPENSION_MAX).delete()
    profile = current_profile()
    assert profile.preset == "chongqing"
    assert profile.parameter(Key.SUSPENSION_MAX) == PRESETS["chongqing"][Key.SUSPENSION_MAX]
