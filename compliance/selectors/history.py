"""The audit timeline of one record, from django-simple-history: who changed what, when, why.

Values are shown as a person reads them: a choice by its label (not its code), yes or no, a
related record by its name, a time in the federation's time zone, an empty value as a dash."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts.names import person_name


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
    subject: str = ""  # which record, when a timeline gathers several (a case's letters)


_KINDS = {"+": "created", "~": "changed", "-": "deleted"}
EMPTY = "—"


def _points_to_one(field: models.Field) -> bool:
    """A foreign key or a one-to-one field (a check's report, an instructor's account)."""
    return field.is_relation and (field.many_to_one or field.one_to_one)


def _readable(field: models.Field | None, value, related: dict) -> object:
    if value is None or value == "":
        return EMPTY
    if field is None:
        return value
    if _points_to_one(field):
        return related.get((field.related_model, value), value)
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.datetime):
        return date_format(timezone.localtime(value), "Y-m-d H:i")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):  # an instructor's areas
        return pgettext("enumeration", ", ").join(str(item) for item in value) or EMPTY
    return value


def _related_names(fields: dict, deltas) -> dict:
    """The names of the records a foreign key pointed to, one query per related model."""
    wanted: dict = {}
    for delta in deltas:
        for change in delta.changes:
            field = fields.get(change.field)
            if field is not None and _points_to_one(field):
                for value in (change.old, change.new):
                    if value is not None:
                        wanted.setdefault(field.related_model, set()).add(value)
    # A person by their name (a check's recorder), never by the sign-in e-mail address.
    user_model = get_user_model()
    return {
        (model, obj.pk): person_name(obj) if model is user_model else str(obj)
        for model, pks in wanted.items()
        for obj in model._default_manager.filter(pk__in=pks)
    }


def history_timeline(*, instance, limit: int = 50) -> list[TimelineEntry]:
    """Newest first. One query for the rows (users joined), one per kind of related record a
    change points to; diffs computed in memory."""
    records = list(
        instance.history.select_related("history_user").order_by("-history_date")[: limit + 1]
    )
    return records_timeline(model=type(instance), records=records)[:limit]


def records_timeline(*, model, records, subject=None) -> list[TimelineEntry]:
    """The timeline of history `records` (newest first) of one or more records of `model`:
    each row diffed against the row before it of the same record. `subject(record)` names the
    record a row belongs to. The oldest row of each record counts as its creation."""
    fields = {f.attname: f for f in model._meta.fields} | {f.name: f for f in model._meta.fields}
    last_seen: dict = {}
    deltas: dict[int, object] = {}
    for record in reversed(records):
        before = last_seen.get(record.id)
        deltas[id(record)] = record.diff_against(before) if before is not None else None
        last_seen[record.id] = record
    related = _related_names(fields, [d for d in deltas.values() if d is not None])
    entries = []
    for record in records:
        delta = deltas[id(record)]
        changes: tuple[Change, ...] = ()
        if delta is not None:
            changes = tuple(
                Change(
                    str(fields[c.field].verbose_name) if c.field in fields else c.field,
                    _readable(fields.get(c.field), c.old, related),
                    _readable(fields.get(c.field), c.new, related),
                )
                for c in delta.changes
                if c.field not in {"updated_at"}
            )
        entries.append(
            TimelineEntry(
                when=record.history_date,
                who=person_name(record.history_user),
                kind=_KINDS.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=changes,
                subject=subject(record) if subject else "",
            )
        )
    return entries
