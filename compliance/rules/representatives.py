"""Bargaining representatives (协商代表) of the two sides.

- R3 (《集体合同规定》 Art. 19): each side has at least 3 representatives, both sides have equal
  numbers, and each side has exactly one chief representative (首席代表). Regional variants are
  parameters: 浙江 Art. 10 (≥5 for firms above designated size; employer side not more than the
  employee side), 重庆 Art. 8 (3 to 15 per side; employee side ≥ employer side), 上海 Art. 6
  (employer side ≤ employee side).
- R4 (规定 Arts 23–24): outside experts (外聘) may be at most one third of their side ("不得超过",
  so exactly one third is allowed); the chief representative may not be an outsider; nobody may
  represent both sides (matched on a stable identity such as the ID or staff number).
- R5 (规定 Art. 20): where there is no union, the employee representatives are elected and must be
  approved by "半数以上职工同意". Reading: 民法典 Art. 1259 makes "以上" include the number itself,
  and regulations.md §0 reads the same words in Art. 36 (R14) as "half or more", so exactly half
  of the employees is enough. The "more than half" of the English gloss in regulations.md §9 is
  the looser translation; a tenant that wants the strict reading passes `strict=True`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

from django.utils.translation import gettext

Side = Literal["employee", "employer"]


@dataclass(frozen=True)
class Representative:
    name: str
    identity: str
    is_chief: bool = False
    is_outsider: bool = False


@dataclass(frozen=True)
class Problem:
    code: str
    message: str
    side: Side | None = None


def _side_label(side: Side) -> str:
    return gettext("The employee side") if side == "employee" else gettext("The employer side")


def _identity_key(identity: str) -> str:
    # ID numbers are typed with a lower- or upper-case check letter X and stray spaces.
    return "".join(identity.split()).upper()


def _side_problems(
    side: Side,
    members: Sequence[Representative],
    *,
    minimum: int,
    maximum: int | None,
    outsider_max_fraction: Fraction,
) -> list[Problem]:
    problems: list[Problem] = []
    label = _side_label(side)
    size = len(members)
    if size < minimum:
        problems.append(
            Problem(
                "side_too_small",
                gettext(
                    "%(side)s has %(count)d representatives; at least %(minimum)d are required."
                )
                % {"side": label, "count": size, "minimum": minimum},
                side,
            )
        )
    if maximum is not None and size > maximum:
        problems.append(
            Problem(
                "side_too_large",
                gettext("%(side)s has %(count)d representatives; at most %(maximum)d are allowed.")
                % {"side": label, "count": size, "maximum": maximum},
                side,
            )
        )

    chiefs = [member for member in members if member.is_chief]
    if not chiefs and members:
        problems.append(
            Problem(
                "no_chief",
                gettext("%(side)s has no chief representative; exactly one is required.")
                % {"side": label},
                side,
            )
        )
    elif len(chiefs) > 1:
        problems.append(
            Problem(
                "several_chiefs",
                gettext(
                    "%(side)s has %(count)d chief representatives (%(names)s); exactly one is "
                    "allowed."
                )
                % {"side": label, "count": len(chiefs), "names": "、".join(c.name for c in chiefs)},
                side,
            )
        )
    for chief in chiefs:
        if chief.is_outsider:
            problems.append(
                Problem(
                    "outsider_chief",
                    gettext(
                        "%(side)s's chief representative %(name)s is an outside expert; the chief "
                        "must be one of the side's own people."
                    )
                    % {"side": label, "name": chief.name},
                    side,
                )
            )

    outsiders = sum(1 for member in members if member.is_outsider)
    if outsiders > outsider_max_fraction * size:
        problems.append(
            Problem(
                "too_many_outsiders",
                gettext(
                    "%(side)s has %(outsiders)d outside experts among %(count)d representatives; "
                    "at most %(fraction)s of the side (%(allowed)d) may be outsiders."
                )
                % {
                    "side": label,
                    "outsiders": outsiders,
                    "count": size,
                    "fraction": outsider_max_fraction,
                    "allowed": int(outsider_max_fraction * size),
                },
                side,
            )
        )

    seen: dict[str, Representative] = {}
    for member in members:
        key = _identity_key(member.identity)
        if not key:
            continue
        if key in seen:
            problems.append(
                Problem(
                    "listed_twice",
                    gettext("%(side)s lists the same person twice (%(first)s, %(second)s).")
                    % {"side": label, "first": seen[key].name, "second": member.name},
                    side,
                )
            )
        else:
            seen[key] = member
    return problems


def representatives_problems(
    *,
    employee_side: Sequence[Representative],
    employer_side: Sequence[Representative],
    minimum: int = 3,
    maximum: int | None = None,
    employer_not_more_than_employee: bool = False,
    require_equal: bool = True,
    outsider_max_fraction: Fraction = Fraction(1, 3),
) -> list[Problem]:
    """Everything wrong with the two sides under R3 and R4; an empty list when they are valid."""
    if minimum < 1 or (maximum is not None and maximum < minimum):
        raise ValueError(
            gettext(
                "The size limits of a side are inconsistent (minimum %(minimum)s, maximum "
                "%(maximum)s)."
            )
            % {"minimum": minimum, "maximum": maximum}
        )
    outsider_max_fraction = Fraction(outsider_max_fraction)

    problems: list[Problem] = []
    for side, members in (("employee", employee_side), ("employer", employer_side)):
        problems += _side_problems(
            side,
            members,
            minimum=minimum,
            maximum=maximum,
            outsider_max_fraction=outsider_max_fraction,
        )

    employees, employers = len(employee_side), len(employer_side)
    if require_equal and employees != employers:
        problems.append(
            Problem(
                "sides_unequal",
                gettext(
                    "The employee side has %(employees)d representatives and the employer side "
                    "%(employers)d; both sides must have the same number."
                )
                % {"employees": employees, "employers": employers},
            )
        )
    elif not require_equal and employer_not_more_than_employee and employers > employees:
        problems.append(
            Problem(
                "employer_side_larger",
                gettext(
                    "The employer side has %(employers)d representatives, more than the "
                    "%(employees)d of the employee side; it may not have more."
                )
                % {"employees": employees, "employers": employers},
            )
        )

    employee_by_identity = {
        _identity_key(member.identity): member
        for member in employee_side
        if _identity_key(member.identity)
    }
    for member in employer_side:
        match = employee_by_identity.get(_identity_key(member.identity))
        if match is not None:
            problems.append(
                Problem(
                    "on_both_sides",
                    gettext(
                        "%(employee)s (employee side) and %(employer)s (employer side) are the "
                        "same person; nobody may represent both sides."
                    )
                    % {"employee": match.name, "employer": member.name},
                )
            )
    return problems


def employee_representatives_approved(
    *, approvals: int, employees: int, strict: bool = False
) -> bool:
    """R5: without a union, whether "半数以上职工同意" is met (half or more; see the module
    docstring). `strict=True` requires more than half."""
    if employees <= 0 or not 0 <= approvals <= employees:
        raise ValueError(
            gettext(
                "%(approvals)s approvals from %(employees)s employees is not possible; check both "
                "numbers."
            )
            % {"approvals": approvals, "employees": employees}
        )
    if strict:
        return approvals * 2 > employees
    return approvals * 2 >= employees
