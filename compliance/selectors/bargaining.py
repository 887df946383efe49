"""Reads for a bargaining round's page."""

from __future__ import annotations

from dataclasses import replace
from pathlib import PurePosixPath

from django.utils.translation import gettext as _

from compliance.models import BargainingRound, CongressVote, Meeting, OnlineOffer, RoundDocument
from compliance.selectors.history import TimelineEntry, history_timeline, records_timeline


def _without_lists(entry: TimelineEntry) -> TimelineEntry:
    """The sides' representatives as entered (names and identity numbers) are shown on the page
    as the round's representatives; their raw diff would only repeat them, as Python values."""
    lists = {
        str(OnlineOffer._meta.get_field(name).verbose_name)
        for name in ("union_representatives", "employer_representatives")
    }
    return replace(entry, changes=tuple(c for c in entry.changes if c.field not in lists))


def round_history(*, round_: BargainingRound, limit: int = 50) -> list[TimelineEntry]:
    """The round's history with its ledger documents' (who uploaded or removed which file, and
    why), its meetings', votes' and the offer made in the enterprise area (who entered them:
    staff or the enterprise's users), newest first. Five history queries."""
    documents = list(
        RoundDocument.history.filter(round_id=round_.pk)
        .select_related("history_user")
        .order_by("-history_date")[:limit]
    )
    entries = [
        *history_timeline(instance=round_, limit=limit),
        *records_timeline(
            model=RoundDocument,
            records=documents,
            subject=lambda record: (
                _("Ledger document %(name)s") % {"name": PurePosixPath(record.file).name}
            ),
        ),
    ]
    others = (
        (Meeting, lambda r: _("Meeting of %(day)s") % {"day": r.held_on.isoformat()}),
        (
            CongressVote,
            lambda r: _("Workers' congress of %(day)s") % {"day": r.held_on.isoformat()},
        ),
        (OnlineOffer, lambda r: _("The offer made in the enterprise area")),
    )
    for model, subject in others:
        records = list(
            model.history.filter(round_id=round_.pk)
            .select_related("history_user")
            .order_by("-history_date")[:limit]
        )
        entries.extend(
            _without_lists(entry)
            for entry in records_timeline(model=model, records=records, subject=subject)
        )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]
