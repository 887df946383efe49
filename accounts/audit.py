"""Where second-factor changes are recorded.

In a federation: Wagtail's audit log (Reports → Site history, and the user's own log), the same
place Wagtail records user edits. In the public schema, which has no Wagtail tables: the platform
console's admin log (django.contrib.admin's LogEntry). Always: a log line.
"""

from __future__ import annotations

import logging

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection
from django.http import HttpRequest
from django.utils.functional import LazyObject, empty
from django_tenants.utils import get_public_schema_name
from wagtail.log_actions import log

ENROLLED = "accounts.second_factor.enrol"
RESET = "accounts.second_factor.reset"

_MESSAGES = {ENROLLED: "Second factor enrolled", RESET: "Second factor reset"}

logger = logging.getLogger("accounts.audit")


def _concrete(user):
    """request.user is a lazy object (twice over with django-otp); loggers want the model."""
    while isinstance(user, LazyObject):
        if user._wrapped is empty:
            user._setup()
        user = user._wrapped
    return user


def record(
    *,
    actor: AbstractBaseUser | None,
    target: AbstractBaseUser,
    action: str,
    request: HttpRequest | None = None,
) -> None:
    actor, target = _concrete(actor), _concrete(target)
    logger.info(
        "%s: schema=%s user=%s by=%s address=%s",
        action,
        connection.schema_name,
        target.get_username(),
        actor.get_username() if actor is not None else "(command line)",
        request.META.get("REMOTE_ADDR") if request is not None else None,
    )
    if connection.schema_name == get_public_schema_name():
        if actor is None:
            return

        LogEntry.objects.log_actions(
            user_id=actor.pk,
            queryset=get_user_model().objects.filter(pk=target.pk),
            action_flag=CHANGE,
            change_message=_MESSAGES[action],
            single_object=True,
        )
        return

    log(instance=target, action=action, user=actor)
