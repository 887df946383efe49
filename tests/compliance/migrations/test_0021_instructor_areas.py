"""Issue 15 item 8: instructors' areas. The column added to the instructors' history table is
registered with the audit chain, so that rows hashed before the migration still verify."""

from django.db import connection

from compliance.models import Instructor
from compliance.services.audit_trail import audit_trail_verify

TABLE = "compliance_historicalinstructor"


def test_a_history_row_hashed_before_the_areas_column_still_verifies(in_a):
    Instructor.objects.create(name="周建国")  # its areas: the empty list earlier rows were given
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        # Registered with the value a row without areas holds, as the chain hashes it.
        cursor.execute(
            f"""SELECT c.unset = to_jsonb(h) -> 'areas' FROM compliance_auditcolumn c, {TABLE} h
                WHERE c.table_name = %s AND c.column_name = 'areas'""",  # noqa: S608
            [TABLE],
        )
        assert cursor.fetchone() == (True,)
        # As if the row and its link had been written before the migration: hashed without the
        # column, which was registered after it.
        cursor.execute(
            f"""UPDATE compliance_auditlink l
                SET row_hash = compliance_audit_hash(l.prev_hash, l.table_name, to_jsonb(h) - 'areas')
                FROM {TABLE} h
                WHERE l.table_name = %s AND l.history_id = h.history_id
                RETURNING l.seq""",  # noqa: S608
            [TABLE],
        )
        (seq,) = cursor.fetchone()
        cursor.execute(
            "UPDATE compliance_auditcolumn SET first_seq = %s"
            " WHERE table_name = %s AND column_name = 'areas'",
            [seq + 1, TABLE],
        )
        assert audit_trail_verify().intact
        # Without the registration the same row reads as changed: the migration's call matters.
        cursor.execute(
            "DELETE FROM compliance_auditcolumn WHERE table_name = %s AND column_name = 'areas'",
            [TABLE],
        )
        report = audit_trail_verify()
    assert report.broken is not None and report.broken.problem == "changed"
    assert report.broken.table == TABLE
