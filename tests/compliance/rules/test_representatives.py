from fractions import Fraction

import pytest
from django.utils import translation

from compliance.rules.representatives import (
    Representative,
    employee_representatives_approved,
    representatives_problems,
)


def side(prefix, size, *, chiefs=(0,), outsiders=()):
    return [
        Representative(
            name=f"{prefix}{index}",
            identity=f"{prefix}-{index}",
            is_chief=index in chiefs,
            is_outsider=index in outsiders,
        )
        for index in range(size)
    ]


def codes(**kwargs):
    return [problem.code for problem in representatives_problems(**kwargs)]


def test_three_equal_sides_with_one_chief_each_are_valid():
    assert representatives_problems(employee_side=side("E", 3), employer_side=side("R", 3)) == []


def test_a_side_of_two_is_too_small():
    with translation.override("en"):
        problems = representatives_problems(employee_side=side("E", 2), employer_side=side("R", 2))
    assert [p.code for p in problems] == ["side_too_small", "side_too_small"]
    assert problems[0].side == "employee"
    assert problems[0].message == (
        "The employee side has 2 representatives; at least 3 are required."
    )


def test_minimum_is_a_parameter():
    # 浙江 Art. 10: at least 5 per side for firms above designated size.
    assert codes(employee_side=side("E", 4), employer_side=side("R", 4), minimum=5) == [
        "side_too_small",
        "side_too_small",
    ]
    assert codes(employee_side=side("E", 5), employer_side=side("R", 5), minimum=5) == []


def test_maximum_is_enforced_when_given():
    # 重庆 Art. 8: 3 to 15 per side.
    assert codes(employee_side=side("E", 15), employer_side=side("R", 15), maximum=15) == []
    assert codes(employee_side=side("E", 16), employer_side=side("R", 16), maximum=15) == [
        "side_too_large",
        "side_too_large",
    ]
    assert codes(employee_side=side("E", 16), employer_side=side("R", 16)) == []


def test_unequal_sides_are_rejected_when_equal_numbers_are_required():
    with translation.override("en"):
        problems = representatives_problems(employee_side=side("E", 4), employer_side=side("R", 3))
    assert [p.code for p in problems] == ["sides_unequal"]
    assert "4" in problems[0].message
    assert "3" in problems[0].message


def test_employer_side_may_be_smaller_but_not_larger_where_allowed():
    # 上海 Art. 6, 浙江 Art. 10: employer side not more than the employee side.
    options = {"require_equal": False, "employer_not_more_than_employee": True}
    assert codes(employee_side=side("E", 4), employer_side=side("R", 3), **options) == []
    assert codes(employee_side=side("E", 4), employer_side=side("R", 4), **options) == []
    assert codes(employee_side=side("E", 3), employer_side=side("R", 4), **options) == [
        "employer_side_larger"
    ]


def test_unequal_sides_are_accepted_when_no_size_relation_is_required():
    assert codes(employee_side=side("E", 3), employer_side=side("R", 5), require_equal=False) == []


def test_two_chiefs_on_a_side_are_rejected():
    assert codes(employee_side=side("E", 3, chiefs=(0, 1)), employer_side=side("R", 3)) == [
        "several_chiefs"
    ]


def test_a_side_without_a_chief_is_rejected():
    with translation.override("en"):
        problems = representatives_problems(
            employee_side=side("E", 3), employer_side=side("R", 3, chiefs=())
        )
    assert [p.code for p in problems] == ["no_chief"]
    assert problems[0].side == "employer"
    assert problems[0].message.startswith("The employer side has no chief")


def test_an_outsider_may_not_be_chief():
    assert codes(employee_side=side("E", 3, outsiders=(0,)), employer_side=side("R", 3)) == [
        "outsider_chief"
    ]
    # The same outsider as an ordinary member is fine.
    assert codes(employee_side=side("E", 3, outsiders=(1,)), employer_side=side("R", 3)) == []


def test_outsiders_may_be_one_third_of_a_side_but_not_more():
    assert codes(employee_side=side("E", 3), employer_side=side("R", 3, outsiders=(1,))) == []
    assert codes(employee_side=side("E", 6), employer_side=side("R", 6, outsiders=(1, 2))) == []
    assert codes(employee_side=side("E", 5), employer_side=side("R", 5, outsiders=(1, 2))) == [
        "too_many_outsiders"
    ]
    assert codes(employee_side=side("E", 3), employer_side=side("R", 3, outsiders=(1, 2))) == [
        "too_many_outsiders"
    ]


def test_outsider_fraction_is_a_parameter():
    options = {"outsider_max_fraction": Fraction(1, 4)}
    assert (
        codes(employee_side=side("E", 4, outsiders=(1,)), employer_side=side("R", 4), **options)
        == []
    )
    assert codes(
        employee_side=side("E", 3, outsiders=(1,)), employer_side=side("R", 3), **options
    ) == ["too_many_outsiders"]


def test_the_same_person_on_both_sides_is_rejected():
    employee = side("E", 3)
    employer = [*side("R", 2), Representative(name="张三", identity="e-2")]  # E2, other spelling
    with translation.override("en"):
        problems = representatives_problems(employee_side=employee, employer_side=employer)
    assert [p.code for p in problems] == ["on_both_sides"]
    assert "E2" in problems[0].message
    assert "张三" in problems[0].message


def test_different_people_with_the_same_name_are_not_confused():
    employee = [*side("E", 2), Representative(name="王芳", identity="110101199001011234")]
    employer = [*side("R", 2), Representative(name="王芳", identity="110101198502025678")]
    assert representatives_problems(employee_side=employee, employer_side=employer) == []


def test_the_same_person_twice_on_one_side_is_reported():
    employee = [*side("E", 2), Representative(name="E0 again", identity="E-0")]
    assert codes(employee_side=employee, employer_side=side("R", 3)) == ["listed_twice"]


def test_inconsistent_limits_raise():
    with pytest.raises(ValueError):
        representatives_problems(
            employee_side=side("E", 3), employer_side=side("R", 3), minimum=5, maximum=4
        )


@pytest.mark.parametrize(
    ("approvals", "employees", "approved"),
    [(51, 100, True), (50, 100, True), (49, 100, False), (3, 5, True), (2, 5, False)],
)
def test_no_union_representatives_need_half_or_more_of_employees(approvals, employees, approved):
    assert employee_representatives_approved(approvals=approvals, employees=employees) is approved


def test_strict_reading_of_r5_requires_more_than_half():
    assert not employee_representatives_approved(approvals=50, employees=100, strict=True)
    assert employee_representatives_approved(approvals=51, employees=100, strict=True)


@pytest.mark.parametrize(("approvals", "employees"), [(1, 0), (-1, 10), (11, 10)])
def test_impossible_approval_counts_raise(approvals, employees):
    with pytest.raises(ValueError):
        employee_representatives_approved(approvals=approvals, employees=employees)
