"""Upkeep of the statistics log (migration 0009_statistics_facts) and of the pipeline's
(0041_pipeline_log). Triggers keep both logs true on every write; these two functions only fold
them (daily) and rebuild them (after data was loaded with triggers disabled, e.g. a restore with
session_replication_role = replica)."""

from __future__ import annotations

from django.db import connection, transaction


def statistics_log_compact() -> int:
    """Fold the logs into one row per day and figure (and segment); returns the statistics
    log's rows left."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT compliance_pipeline_compact()")
        cursor.execute("SELECT compliance_stat_compact()")
        cursor.execute("SELECT count(*) FROM compliance_statdelta")
        return cursor.fetchone()[0]


def statistics_rebuild() -> int:
    """Recompute every fact and span from the ledger and replace the logs (the statistics' and
    the pipeline's); returns the statistics log's rows."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("LOCK TABLE compliance_statdelta IN EXCLUSIVE MODE")
        cursor.execute("DELETE FROM compliance_statspan")
        cursor.execute("DELETE FROM compliance_statdelta")
        cursor.execute(
            "SELECT compliance_stat_contracts(ARRAY(SELECT id FROM compliance_contract))"
        )
        cursor.execute(
            "SELECT compliance_stat_contract_spans(ARRAY(SELECT id FROM compliance_contract))"
        )
        cursor.execute(
            "SELECT compliance_stat_enterprises(ARRAY(SELECT id FROM compliance_enterprise))"
        )
        cursor.execute("SELECT compliance_stat_compact()")
        cursor.execute("LOCK TABLE compliance_pipelinespan IN EXCLUSIVE MODE")
        cursor.execute("DELETE FROM compliance_pipelinespan")
        cursor.execute("DELETE FROM compliance_pipelinedelta")
        cursor.execute("SELECT compliance_pipeline_rebuild()")
        cursor.execute("SELECT count(*) FROM compliance_statdelta")
        return cursor.fetchone()[0]
