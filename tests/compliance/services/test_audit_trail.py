"""The hash-chained audit trail: intact after normal work, broken exactly where SQL tampered."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from compliance.models import Enterprise
from compliance.services.audit_trail import audit_trail_verify
from tests.factories import compliance as f

pytestmark = pytest.mark.usefixtures("in_a")


def _work():
    """Some ordinary back-office work: enterprises created and edited, a round offered."""
    ents = [f.enterprise(employees=100 + i, union_members=50) for i in range(3)]
    ent = ents[1]
    ent.employees = 250
    ent.save()
    f.round_at("offered")
    return ents


def _history(table: str) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT history_id FROM {table} ORDER BY history_id")  # noqa: S608
        return [row[0] for row in cursor.fetchall()]


def test_every_history_table_is_chained():
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = current_schema() AND c.relkind = 'r'
              AND c.relname LIKE '%%\\_historical%%'
              AND NOT EXISTS (SELECT 1 FROM pg_trigger g
                              WHERE g.tgrelid = c.oid AND g.tgname = 'audit_chain')
            """
        )
        unchained = [row[0] for row in cursor.fetchall()]
        cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname = 'audit_chain'")
        assert cursor.fetchone()[0] >= 20
    assert unchained == [], "a migration adding history must SELECT compliance_audit_install()"


def test_ordinary_work_leaves_an_intact_chain():
    before = audit_trail_verify()
    _work()
    report = audit_trail_verify()
    assert report.intact, report
    assert report.links > before.links
    assert len(report.head) == 64 and report.head != before.head


def test_a_history_row_edited_in_sql_is_found():
    ents = _work()
    target = Enterprise.history.model.objects.filter(id=ents[0].pk).earliest("history_id")
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE compliance_historicalenterprise SET employees = 5 WHERE history_id = %s",
            [target.history_id],
        )
    report = audit_trail_verify()
    assert report.broken is not None
    assert report.broken.problem == "changed"
    assert (report.broken.table, report.broken.history_id) == (
        "compliance_historicalenterprise",
        target.history_id,
    )
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("verify_audit_trail", "--schema", "fed_a", stdout=out)
    assert f"history row {target.history_id}" in out.getvalue()
    assert "changed" in out.getvalue()


def test_a_deleted_history_row_or_link_is_found():
    _work()
    last = _history("compliance_historicalenterprise")[-1]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM compliance_historicalenterprise WHERE history_id = %s", [last])
    assert audit_trail_verify().broken.problem == "deleted"


def test_a_deleted_link_breaks_the_next_one():
    _work()
    with connection.cursor() as cursor:
        cursor.execute("SELECT seq FROM compliance_auditlink ORDER BY seq DESC LIMIT 1 OFFSET 1")
        (seq,) = cursor.fetchone()
        cursor.execute("DELETE FROM compliance_auditlink WHERE seq = %s", [seq])
    broken = audit_trail_verify().broken
    assert broken.problem == "unlinked" and broken.seq > seq


def test_history_written_with_the_trigger_disabled_is_outside_the_chain():
    _work()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(
            """INSERT INTO compliance_historicalenterprise (
                   id, credit_code, name, industry, region_code, ownership, employees,
                   union_established, union_members, fortune500_investor, head_npc_deputy,
                   head_cppcc_member, head_model_worker, created_at, updated_at,
                   history_date, history_type, history_change_reason)
               SELECT id, credit_code, name, industry, region_code, ownership, 1,
                   union_established, 0, fortune500_investor, head_npc_deputy,
                   head_cppcc_member, head_model_worker, created_at, updated_at,
                   now(), '~', 'forged'
               FROM compliance_enterprise LIMIT 1"""
        )
        cursor.execute("SET LOCAL session_replication_role = origin")
    report = audit_trail_verify()
    assert report.broken is None
    assert report.outside["compliance_historicalenterprise"][1] == 1
    assert not report.intact


def test_rows_written_in_another_time_zone_verify():
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL TimeZone = 'Asia/Shanghai'")
    _work()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL TimeZone = 'America/New_York'")
    assert audit_trail_verify().intact


def test_rows_written_before_a_migration_added_a_column_still_verify():
    """Issue 15: adding a column to a history table gave every earlier row a new key, so the
    whole chain read as "changed" after an upgrade. A registered column is left out where it
    holds the value the migration gave earlier rows; any other change is still found."""
    ents = _work()
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # fire the test's deferred checks first
        cursor.execute("ALTER TABLE compliance_historicalenterprise ADD COLUMN probe text")
        assert audit_trail_verify().broken.problem == "changed"  # unregistered: flagged
        cursor.execute(
            "SELECT compliance_audit_column_added("
            "'compliance_historicalenterprise', 'probe', 'null'::jsonb)"
        )
        assert audit_trail_verify().intact
        ent = ents[0]
        ent.employees = 321
        ent.save()  # written after the column: hashed with it, verifies as it is
        assert audit_trail_verify().intact
        first = Enterprise.history.model.objects.filter(id=ent.pk).earliest("history_id")
        cursor.execute(
            "UPDATE compliance_historicalenterprise SET probe = 'x' WHERE history_id = %s",
            [first.history_id],
        )
    report = audit_trail_verify()
    assert report.broken is not None and report.broken.problem == "changed"
    assert report.broken.history_id == first.history_id


def test_columns_registered_without_a_first_link_are_tried_both_ways():
    """The columns 0011-0017 added are registered without a first link (each table's in one
    migration): an upgraded database has rows hashed without them and rows hashed with them."""
    from compliance.models import Instructor

    Instructor.objects.create(name="周建国")
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("ALTER TABLE compliance_historicalinstructor ADD COLUMN probe text")
        cursor.execute(
            "INSERT INTO compliance_auditcolumn VALUES"
            " ('compliance_historicalinstructor', 'probe', 'null'::jsonb, NULL)"
        )
    assert audit_trail_verify().intact  # a row from before the column
    Instructor.objects.create(name="李明")
    assert audit_trail_verify().intact  # and a row hashed with it
