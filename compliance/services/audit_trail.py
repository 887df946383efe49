"""Checking the tamper-evident audit trail (migration 0010_audit_chain) of the current federation.

Each link's hash is recomputed by PostgreSQL from the history row as it is now, so any change to
a history row, a deleted row or link, or a row written with the trigger disabled is found. The
verifier reports the first broken link (in the order the rows were written) and the head hash,
which operators can record elsewhere: with it, even someone able to rewrite the whole chain
cannot do so unnoticed.

A row written before a later migration added a column to its table is checked as it was then:
without that column, where it still holds the value the migration gave earlier rows (migration
0018_audit_added_columns; every migration adding a history column registers it there).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import connection, transaction

ZERO = "0" * 64
_PROBLEMS = {
    "changed": "the history row was changed after it was written",
    "deleted": "the history row was deleted",
    "unlinked": "a link before this one was deleted or reordered",
}


@dataclass(frozen=True)
class Break:
    seq: int
    table: str
    history_id: int
    problem: str  # a key of _PROBLEMS

    def describe(self) -> str:
        return (
            f"link {self.seq} ({self.table}, history row {self.history_id}): "
            f"{_PROBLEMS[self.problem]}"
        )


@dataclass
class Report:
    links: int = 0
    head: str = ZERO
    broken: Break | None = None
    # history rows no link covers (written with the trigger disabled), by table: first id, count
    outside: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def intact(self) -> bool:
        return self.broken is None and not self.outside


def _history_tables(cursor) -> list[str]:
    cursor.execute(
        """
        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = current_schema() AND c.relkind = 'r'
          AND c.relname LIKE '%%\\_historical%%'
        ORDER BY c.relname
        """
    )
    return [row[0] for row in cursor.fetchall()]


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def audit_trail_verify(*, batch: int = 5000) -> Report:
    """Walk the chain in order; stop at the first broken link. Reads in batches on a server-side
    cursor, so memory stays flat whatever the length of the history."""
    report = Report()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL TimeZone = 'UTC'")  # the trigger hashes timestamps in UTC
        tables = _history_tables(cursor)
        if not tables:
            return report
        # Table names come from pg_class and are quoted: no user input reaches the SQL text.
        parts = [
            f"""SELECT l.seq, l.table_name, l.history_id, l.prev_hash, l.row_hash,
                   compliance_audit_hash(l.prev_hash, l.table_name, to_jsonb(h)) AS recomputed,
                   compliance_audit_hash(
                       l.prev_hash,
                       l.table_name,
                       compliance_audit_before_added(l.table_name, to_jsonb(h), l.seq, false)
                   ) AS before_added,
                   compliance_audit_hash(
                       l.prev_hash,
                       l.table_name,
                       compliance_audit_before_added(l.table_name, to_jsonb(h), l.seq, true)
                   ) AS before_unknown,
                   h.history_id IS NULL AS deleted
            FROM compliance_auditlink l LEFT JOIN {_quote(t)} h ON h.history_id = l.history_id
            WHERE l.table_name = %s"""  # noqa: S608
            for t in tables
        ]
        sql = " UNION ALL ".join(parts) + " ORDER BY seq"
        expected_prev = ZERO
        with connection.connection.cursor(name="audit_trail_verify") as walk:
            walk.execute(sql, tables)
            while report.broken is None:
                rows = walk.fetchmany(batch)
                if not rows:
                    break
                for seq, table, history_id, prev, row_hash, *hashes, deleted in rows:
                    problem = None
                    if prev != expected_prev:
                        problem = "unlinked"
                    elif deleted:
                        problem = "deleted"
                    elif row_hash not in hashes:
                        problem = "changed"
                    if problem:
                        report.broken = Break(seq, table, history_id, problem)
                        break
                    report.links += 1
                    expected_prev = row_hash
        report.head = expected_prev
        for table in tables:
            cursor.execute(
                f"""SELECT min(h.history_id), count(*) FROM {_quote(table)} h
                WHERE NOT EXISTS (SELECT 1 FROM compliance_auditlink l
                                  WHERE l.table_name = %s AND l.history_id = h.history_id)""",  # noqa: S608
                [table],
            )
            first, count = cursor.fetchone()
            if count:
                report.outside[table] = (first, count)
    return report
