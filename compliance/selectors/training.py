"""Reads of the negotiators' training and the expert pool (issue 18 item 7)."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from compliance.models import Certificate


def certificates_expiring(*, today: dt.date, days: int) -> QuerySet[Certificate]:
    """Certificates still valid today that expire within `days` days, soonest first."""
    return (
        Certificate.objects.filter(
            expires_on__gte=today, expires_on__lte=today + dt.timedelta(days=days)
        )
        .select_related("attendee__enterprise", "attendee__training")
        .order_by("expires_on", "number")
    )
