"""Which instructor a round is proposed for (分片包干): the one active instructor covering the
enterprise's region; several are listed first without a choice; inactive ones never count."""

import pytest

from compliance.models import Instructor
from compliance.selectors.instructors import Proposal, instructors_for_region, proposal_for

pytestmark = pytest.mark.usefixtures("in_a")


def _names(region_code: str) -> list[tuple[str, bool]]:
    return [(i.name, i.covers) for i in instructors_for_region(region_code=region_code)]


def test_the_one_instructor_covering_the_region_is_proposed():
    xiangyang = Instructor.objects.create(name="钱卫东", areas=["230803", "230804"])
    Instructor.objects.create(name="孙立华", areas=["230805"])
    Instructor.objects.create(name="吴晓东")
    assert proposal_for(region_code="230804") == Proposal((xiangyang.pk,), xiangyang.pk)
    assert _names("230804") == [("钱卫东", True), ("吴晓东", False), ("孙立华", False)]


def test_several_covering_the_region_are_listed_first_and_none_is_proposed():
    first = Instructor.objects.create(name="钱卫东", areas=["230803"])
    second = Instructor.objects.create(name="孙立华", areas=["230805", "230803"])
    Instructor.objects.create(name="吴晓东", areas=["230804"])
    proposal = proposal_for(region_code="230803")
    assert proposal.proposed is None
    assert set(proposal.first) == {first.pk, second.pk}
    assert [covers for _name, covers in _names("230803")] == [True, True, False]


def test_an_inactive_instructor_is_neither_proposed_nor_counted():
    Instructor.objects.create(name="钱卫东", areas=["230803"], active=False)
    assert proposal_for(region_code="230803") == Proposal()
    active = Instructor.objects.create(name="孙立华", areas=["230803"])
    assert proposal_for(region_code="230803") == Proposal((active.pk,), active.pk)
    assert _names("230803") == [("孙立华", True)]


def test_a_region_nobody_covers_gets_no_proposal():
    Instructor.objects.create(name="钱卫东", areas=["230803"])
    assert proposal_for(region_code="230871") == Proposal()
    assert _names("230871") == [("钱卫东", False)]
