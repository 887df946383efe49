"""The dated bulk downloads of the key-terms dataset (issue 19 part 2): once a day, one CSV file
per codebook version and date, listed on the codebook page with its size and date.

A snapshot is made once per (codebook version, date) — the unique constraint makes a task
delivered twice harmless — and never rewritten, so a citation of a version and date finds the
same file later. Snapshots older than KEEP_DAYS are deleted except the last one of each month.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from cms_pages.models import KeyTermsSnapshot
from cms_pages.opendata.dataset import ONLY, csv_text, dataset_rows
from cms_pages.selectors.notices import notices_public
from compliance.rules.codebook import CODEBOOK_VERSION

KEEP_DAYS = 31


def snapshot_filename(*, version: str, made_on: dt.date) -> str:
    return f"key-terms_v{version}_{made_on.isoformat()}.csv"


def key_terms_snapshot_make(*, today: dt.date) -> KeyTermsSnapshot:
    """Today's snapshot of the listed notices' key terms (made now, or the one already made)."""
    existing = KeyTermsSnapshot.objects.filter(
        codebook_version=CODEBOOK_VERSION, made_on=today
    ).first()
    if existing is not None:
        return existing
    notices = notices_public().only(*ONLY).order_by("in_force_from", "id").iterator(chunk_size=2000)
    content = "".join(csv_text(dataset_rows(notices))).encode("utf-8")
    rows = content.count(b"\n") - 1
    snapshot = KeyTermsSnapshot(
        codebook_version=CODEBOOK_VERSION, made_on=today, size=len(content), rows=rows
    )
    snapshot.file.save(
        snapshot_filename(version=CODEBOOK_VERSION, made_on=today),
        ContentFile(content),
        save=False,
    )
    try:
        with transaction.atomic():
            snapshot.save()
    except IntegrityError:  # made meanwhile by a second delivery of the task
        snapshot.file.delete(save=False)
        return KeyTermsSnapshot.objects.get(codebook_version=CODEBOOK_VERSION, made_on=today)
    _prune(today=today)
    return snapshot


def _prune(*, today: dt.date) -> None:
    old = KeyTermsSnapshot.objects.filter(made_on__lt=today - dt.timedelta(days=KEEP_DAYS))
    keep_per_month: dict[tuple, int] = {}
    for snapshot in old.order_by("made_on"):
        keep_per_month[
            (snapshot.codebook_version, snapshot.made_on.year, snapshot.made_on.month)
        ] = snapshot.pk
    for snapshot in old.exclude(pk__in=keep_per_month.values()):
        snapshot.file.delete(save=False)
        snapshot.delete()
