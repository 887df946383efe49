"""Validity of a workers' congress (职工代表大会) vote on a collective contract draft.

- R13, quorum (《集体合同规定》 Art. 36; 上海职代会条例 Art. 28): the meeting is valid only when at
  least two thirds of ALL representatives (or of all employees, when the draft goes to an
  all-employee meeting) attend. "以上" includes the number itself (民法典 Art. 1259), so exactly
  2/3 is enough.
- R14, approval (规定 Art. 36; 浙江 Art. 24; 杭州 Art. 28; 山东 wage contract rules): the draft
  passes with the approval of half of ALL representatives, never of those present. Nationally
  "半数以上" includes exactly half (Art. 1259); Zhejiang, Hangzhou and Shandong say "过半数",
  strictly more than half (`approval_strict=True`). A vote exactly at the threshold is flagged
  (`exact_boundary`), because the tenant's choice of wording decided it.

Thresholds are exact fractions (2/3, 1/2): 20 of 30 present is exactly two thirds, which binary
floating point cannot say reliably.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

from django.utils.translation import gettext


@dataclass(frozen=True)
class VoteResult:
    passed: bool
    quorum_met: bool
    approved: bool
    exact_boundary: bool
    reasons: tuple[str, ...] = ()


def _check_count(name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(
            gettext("The number %(name)s must be a whole number, not %(value)r.")
            % {"name": name, "value": value}
        )
    if value < 0:
        raise ValueError(
            gettext("The number %(name)s cannot be negative (%(value)d given).")
            % {"name": name, "value": value}
        )


def _check_fraction(name: str, value: Fraction | int) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, Fraction | int):
        raise ValueError(
            gettext("The %(name)s threshold must be an exact fraction such as 2/3, not %(value)r.")
            % {"name": name, "value": value}
        )
    fraction = Fraction(value)
    if not 0 < fraction <= 1:
        raise ValueError(
            gettext("The %(name)s threshold must be more than 0 and at most 1, not %(value)s.")
            % {"name": name, "value": fraction}
        )
    return fraction


def vote_summary(*, total: int, present: int, in_favour: int) -> str:
    """A vote as people read it: "出席 29/45，赞成 25" (present of all, then in favour)."""
    return gettext("Present %(present)d/%(total)d, in favour %(in_favour)d") % {
        "present": present,
        "total": total,
        "in_favour": in_favour,
    }


def congress_vote(
    *,
    total: int,
    present: int,
    in_favour: int,
    quorum: Fraction = Fraction(2, 3),
    approval: Fraction = Fraction(1, 2),
    approval_strict: bool = False,
) -> VoteResult:
    """Whether the congress quorum (R13) was met and the draft approved (R14).

    `total` is the number of all representatives (or employees), `present` those who attended,
    `in_favour` those who voted yes. Both thresholds are fractions of `total`.
    """
    for name, value in (("total", total), ("present", present), ("in_favour", in_favour)):
        _check_count(name, value)
    quorum = _check_fraction("quorum", quorum)
    approval = _check_fraction("approval", approval)
    if total == 0:
        raise ValueError(gettext("The congress must have at least one representative."))
    if present > total:
        raise ValueError(
            gettext(
                "%(present)d representatives cannot attend a congress of %(total)d representatives."
            )
            % {"present": present, "total": total}
        )
    if in_favour > present:
        raise ValueError(
            gettext(
                "%(in_favour)d votes in favour cannot come from %(present)d representatives "
                "present."
            )
            % {"in_favour": in_favour, "present": present}
        )

    reasons: list[str] = []

    quorum_needed = quorum * total
    quorum_met = present >= quorum_needed
    if not quorum_met:
        reasons.append(
            gettext(
                "Only %(present)d of %(total)d representatives attended; at least %(required)d "
                "(%(fraction)s of all) are required."
            )
            % {
                "present": present,
                "total": total,
                "required": math.ceil(quorum_needed),
                "fraction": quorum,
            }
        )

    approval_needed = approval * total
    exact_boundary = in_favour == approval_needed
    if approval_strict:
        approved = in_favour > approval_needed
        required = math.floor(approval_needed) + 1
    else:
        approved = in_favour >= approval_needed
        required = math.ceil(approval_needed)
    if not approved:
        values = {
            "in_favour": in_favour,
            "total": total,
            "required": required,
            "fraction": approval,
        }
        if exact_boundary:
            reasons.append(
                gettext(
                    "Exactly %(fraction)s of all representatives (%(in_favour)d of %(total)d) "
                    "voted in favour, but the rule requires more than %(fraction)s (过半数): at "
                    "least %(required)d."
                )
                % values
            )
        elif approval_strict:
            reasons.append(
                gettext(
                    "Only %(in_favour)d of %(total)d representatives voted in favour; more than "
                    "%(fraction)s of all representatives, at least %(required)d, are required."
                )
                % values
            )
        else:
            reasons.append(
                gettext(
                    "Only %(in_favour)d of %(total)d representatives voted in favour; at least "
                    "%(required)d (%(fraction)s of all representatives, not of those present) are "
                    "required."
                )
                % values
            )

    return VoteResult(
        passed=quorum_met and approved,
        quorum_met=quorum_met,
        approved=approved,
        exact_boundary=exact_boundary,
        reasons=tuple(reasons),
    )
