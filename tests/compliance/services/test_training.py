"""Negotiators' training and the expert pool (issue 18 item 7): sessions, attendees linked to
employee-side representatives, certificates with their expiry, experts and consultations."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from compliance.models import Representative
from compliance.selectors.training import certificates_expiring
from compliance.services import training
from tests.factories import compliance as f

pytestmark = pytest.mark.usefixtures("in_a")

TODAY = timezone.localdate()


def _session(days_ago=30):
    return training.negotiator_training_record(
        held_on=TODAY - dt.timedelta(days=days_ago),
        topic="职工方协商代表培训",
        organiser="市总工会",
        hours=Decimal("8"),
    )


def test_a_representative_attends_with_their_name_and_enterprise():
    session = _session()
    r = f.round_at("negotiating")
    employee = Representative.objects.filter(round=r, side="employee").first()
    attendee = training.attendee_add(training_id=session.pk, representative=employee)
    assert (attendee.name, attendee.enterprise) == (employee.name, r.enterprise)
    employer = Representative.objects.filter(round=r, side="employer").first()
    with pytest.raises(ValidationError) as error:
        training.attendee_add(training_id=session.pk, representative=employer)
    assert "representative" in error.value.error_dict
    with pytest.raises(ValidationError):
        training.attendee_add(training_id=session.pk, name=" ")


def test_certificates_expire_after_issue_have_unique_numbers_and_are_listed_before_expiry():
    session = _session(days_ago=700)
    a = training.attendee_add(training_id=session.pk, name="孙红梅")
    b = training.attendee_add(training_id=session.pk, name="赵国庆")
    issued = session.held_on + dt.timedelta(days=5)
    soon = training.certificate_issue(
        attendee_id=a.pk,
        number="XS-0001",
        issued_on=issued,
        expires_on=TODAY + dt.timedelta(days=20),
    )
    training.certificate_issue(
        attendee_id=b.pk,
        number="XS-0002",
        issued_on=issued,
        expires_on=TODAY + dt.timedelta(days=400),
    )
    assert list(certificates_expiring(today=TODAY, days=30)) == [soon]
    assert certificates_expiring(today=TODAY, days=365 * 2).count() == 2
    with pytest.raises(ValidationError) as error:
        training.certificate_issue(
            attendee_id=b.pk, number="XS-0001", issued_on=issued, expires_on=TODAY
        )
    assert "number" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        training.certificate_issue(
            attendee_id=b.pk, number="XS-3", issued_on=TODAY, expires_on=TODAY
        )
    assert "expires_on" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        training.certificate_issue(
            attendee_id=b.pk,
            number="XS-4",
            issued_on=session.held_on - dt.timedelta(days=1),
            expires_on=TODAY,
        )
    assert "issued_on" in error.value.error_dict
    # A certificate holder's attendance stays.
    with pytest.raises(ValidationError):
        training.attendee_remove(attendee_id=a.pk)


def test_a_consultation_names_an_enterprise_or_a_round_of_it():
    expert = training.expert_record(name="王立群", expertise="工资分配", organisation="社科院")
    r = f.offered_round()
    consultation = training.consultation_record(
        expert=expert, given_on=TODAY, topic="工资增幅", advice="不低于6%", round_=r
    )
    assert consultation.enterprise == r.enterprise
    with pytest.raises(ValidationError) as error:
        training.consultation_record(expert=expert, given_on=TODAY, topic="x", advice="y")
    assert "enterprise" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        training.consultation_record(
            expert=expert,
            given_on=TODAY,
            topic="x",
            advice="y",
            round_=r,
            enterprise=f.enterprise(),
        )
    assert "round" in error.value.error_dict


def test_session_hours_must_be_positive():
    with pytest.raises(ValidationError) as error:
        training.negotiator_training_record(
            held_on=TODAY, topic="x", organiser="y", hours=Decimal("0")
        )
    assert "hours" in error.value.error_dict
