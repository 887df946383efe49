"""The audit timeline of one record, from django-simple-history: who changed what, when, why."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Change:
    field: str
    old: object
    new: object


@dataclass(frozen=True)
class TimelineEntry:
    when: datetime
    who: str
    kind: str
    reason: str
    changes: tuple[Change, ...]


_KINDS = {"+": "created", "~": "changed", "-": "deleted"}


def history_timeline(*, instance, limit: int = 50) -> list[TimelineEntry]:
    """Newest first. One query for the rows (users joined), diffs computed in memory."""
    records = list(
        instance.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes: tuple[Change, ...] = ()
        if previous is not None:
            delta = record.diff_against(previous)
            labels = {f.name: str(f.verbose_name) for f in instance._meta.fields}
            changes = tuple(
                Change(labels.get(c.field, c.field), c.old, c.new)
                for c in delta.changes
                if c.field not in {"updated_at"}
            )
        user = record.history_user
        entries.append(
            TimelineEntry(
                when=record.history_date,
                who=(user.get_full_name() or user.get_username()) if user else "",
                kind=_KINDS.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries
