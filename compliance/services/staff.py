"""The federation staff an enterprise's action concerns, for its notifications (issue 17 item 10).

A letter's reply goes to the case's responsible supervisor and the person who issued the letter;
a contract's performance report to the round's instructor (with a portal account) and the clerk
who opened the round. When none of them has an active account, the federation's administrators
are told, so that nothing an enterprise sends goes unseen.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q

from tenants.roles import ROLE_BY_KEY


def administrators() -> list:
    """The federation's active administrators (superusers and the administrators' group)."""
    group = ROLE_BY_KEY["federation_admin"].name
    return list(
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name=group))
        .distinct()
        .order_by("pk")
    )


def _or_administrators(people) -> list:
    chosen = {person.pk: person for person in people if person is not None and person.is_active}
    return list(chosen.values()) or administrators()


def letter_staff(letter) -> list:
    return _or_administrators([letter.case.supervisor, letter.created_by])


def contract_staff(contract) -> list:
    round_ = contract.round
    people = []
    if round_ is not None:
        instructor = round_.instructor
        if instructor is not None and instructor.active:
            people.append(instructor.user)
        people.append(round_.created_by)
    return _or_administrators(people)
