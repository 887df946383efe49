"""Published notices in the network channel (issue 19 item 5, DOMAIN.md §6–7).

A federation's listed notices are copied to the shared table `tenants.NetworkNotice`, from which
the federations above it and the platform search them; nobody reads the federation's schema for
that. What crosses is the notice as published — built by `notice_build`, already redacted — and
only the columns the search and its result list need: the copy is made in SQL from
`cms_pages_contractnotice`, never from a contract or a clause. A withdrawn notice's row is deleted.

`notice_sync` queues `cms_pages.tasks.network_notice_push` once its transaction commits (so a
rolled-back change never reaches the channel); the task reads the notice as it is then and
inserts, updates or deletes its row, so it is idempotent and a late or repeated delivery leaves
the current state. `network_notices_resync` puts a whole federation's rows right (the demo,
`manage.py network_notices`, a federation whose notice index moved).
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection, transaction

from cms_pages.selectors.home import notice_index_live

# The columns that cross, each copied from the same column of the notice.
COPIED = (
    "public_id",
    "title",
    "employer",
    "union",
    "scope",
    "kind",
    "status",
    "industry",
    "region_code",
    "year",
    "starts_on",
    "ends_on",
    "in_force_from",
    "in_force_until",
    "published_on",
    "covered_employees",
    "body_text",
    "search",
    "updated_at",
)
_COLUMNS = ", ".join(f'"{name}"' for name in COPIED)
_SOURCE = ", ".join(f'n."{name}"' for name in COPIED)
_UPDATE = ", ".join(f'"{name}" = EXCLUDED."{name}"' for name in (*COPIED[1:], "path"))

_UPSERT_SQL = f"""
INSERT INTO tenants_networknotice (federation_id, path, {_COLUMNS})
SELECT %(federation)s, %(base)s || n.public_id::text || '/', {_SOURCE}
FROM cms_pages_contractnotice n
WHERE n.withdrawn_at IS NULL {{only}}
ON CONFLICT (public_id) DO UPDATE SET {_UPDATE}
WHERE tenants_networknotice.federation_id = EXCLUDED.federation_id
"""  # noqa: S608 (constant column names, never input)

_DELETE_WITHDRAWN_SQL = """
DELETE FROM tenants_networknotice t
WHERE t.federation_id = %(federation)s AND t.public_id IN (
    SELECT n.public_id FROM cms_pages_contractnotice n
    WHERE n.id = ANY(%(ids)s) AND n.withdrawn_at IS NOT NULL)
"""

_DELETE_UNLISTED_SQL = """
DELETE FROM tenants_networknotice t
WHERE t.federation_id = %(federation)s AND NOT EXISTS (
    SELECT 1 FROM cms_pages_contractnotice n
    WHERE n.public_id = t.public_id AND n.withdrawn_at IS NULL)
"""


def _notice_base() -> str | None:
    """The path of the federation's notice index ("/notices/"), or None without a live one."""
    index = notice_index_live()
    if index is None:
        return None
    parts = index.get_url_parts()
    return parts[2] if parts else None


@transaction.atomic
def network_notices_push(*, notice_ids: Sequence[int]) -> tuple[int, int]:
    """Copy these notices of the current federation to the channel, or delete them from it when
    withdrawn; returns (rows written, rows deleted). Idempotent."""
    federation = connection.tenant.pk
    ids = list(notice_ids)
    base = _notice_base()
    with connection.cursor() as cursor:
        written = 0
        if base is not None:
            cursor.execute(
                _UPSERT_SQL.format(only="AND n.id = ANY(%(ids)s)"),
                {"federation": federation, "base": base, "ids": ids},
            )
            written = cursor.rowcount
        cursor.execute(_DELETE_WITHDRAWN_SQL, {"federation": federation, "ids": ids})
        deleted = cursor.rowcount
    return written, deleted


@transaction.atomic
def network_notices_resync() -> tuple[int, int]:
    """Make the channel hold exactly the current federation's listed notices (all of them, at
    their current address); returns (rows written, rows deleted). Without a live notice index the
    federation has no public list, so nothing of it stays in the channel."""
    federation = connection.tenant.pk
    base = _notice_base()
    with connection.cursor() as cursor:
        written = 0
        if base is not None:
            cursor.execute(_UPSERT_SQL.format(only=""), {"federation": federation, "base": base})
            written = cursor.rowcount
            cursor.execute(_DELETE_UNLISTED_SQL, {"federation": federation})
        else:
            cursor.execute(
                "DELETE FROM tenants_networknotice WHERE federation_id = %s", [federation]
            )
        deleted = cursor.rowcount
    return written, deleted
