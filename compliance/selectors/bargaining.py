"""Reads for a bargaining round's page."""

from __future__ import annotations

from pathlib import PurePosixPath

from django.utils.translation import gettext as _

from compliance.models import BargainingRound, RoundDocument
from compliance.selectors.history import TimelineEntry, history_timeline, records_timeline


def round_history(*, round_: BargainingRound, limit: int = 50) -> list[TimelineEntry]:
    """The round's history with its ledger documents' (who uploaded or removed which file, and
    why), newest first. Two history queries."""
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
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries[:limit]
