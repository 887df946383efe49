"""What in today's database would block or complicate Citus schema-based sharding (issue 20 item 6).

The move studied in docs/scaling.md: `citus.enable_schema_based_sharding`, each federation's schema
distributed whole (`citus_schema_distribute`: its tables become single-shard tables of one
colocation group, on one node), the shared apps' tables in `public` made reference tables
(`create_reference_table`: a copy on every node). The package reads the catalogue (pg_catalog
only, read-only, one set-based query per check over every federation schema at once, never a
connection per schema) and reports each finding once, grouped across schemas: the same trigger in
3,000 schemas is one finding with a count of 3,000.

Every rule below is checked against what Citus says, in its documentation or, where the
documentation is silent or out of date, its source (citusdata/citus, branch release-14.0):

- citus_schema_distribute refuses a schema whose tables have foreign keys to another schema other
  than to reference tables, or that other schemas' tables reference; inheritance; foreign tables;
  objects owned by an extension; tables the caller does not own (EnsureFKeysForTenantTable,
  EnsureTableKindSupportedForTenantSchema, EnsureTenantTable in schema_based_sharding.c).
- A table with triggers is distributed only with `citus.enable_unsafe_triggers` on
  (EnsureRelationHasNoTriggers, create_distributed_table.c; main dropped the need for distributed
  schemas in February 2026, after 14.0 was cut). The trigger fires on the shard, on the node that
  holds the schema: TG_TABLE_NAME is the shard's name (`<table>_<shardid>`), and a trigger may run
  local tasks only (IsTaskExecutionAllowed, multi_executor.c): a write to a reference table (a copy
  on every node) is a remote task and fails with "cannot execute a distributed query from a query
  on a shard".
- Sequences narrower than bigint cannot give values on worker nodes (documented limitation);
  identity columns of int/smallint allow no DML from workers (changelog 12.0, #7008), and a table
  with an identity column cannot be undistributed (ConvertTable, alter_table.c).
- Single-shard and reference tables keep any unique or exclusion constraint
  (ErrorIfUnsupportedConstraint returns early for tables without a distribution column).
- Non-blocking schema moves use logical replication, which needs a replica identity (a primary
  key) on every table that is updated or deleted from (citus_schema_move, shard_transfer_mode).
- With metadata sync (the default since Citus 11) every node holds a shell of every distributed
  table, with its indexes and triggers (CreateShellTableOnWorkers, metadata_sync.c).
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.conf import settings
from django.db import connection

from tenants import context
from tenants.citus.catalogue import Catalogue
from tenants.citus.code import functions, triggers
from tenants.citus.database import database
from tenants.citus.relations import foreign_keys, sequences, tables, views
from tenants.citus.report import (
    BLOCKER,
    OK,
    SEVERITIES,
    WARNING,
    Finding,
    Hit,
    Report,
    group_hits,
    render_table,
)
from tenants.models import Federation

__all__ = [
    "BLOCKER",
    "OK",
    "SEVERITIES",
    "WARNING",
    "Finding",
    "Report",
    "citus_blockers",
    "render_table",
]

CHECKS = (foreign_keys, triggers, functions, views, sequences, tables, database)


def citus_blockers() -> Report:
    """Inspect the catalogue of the database the default connection points at."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT nspname FROM pg_namespace")
        existing = {row[0] for row in cursor.fetchall()}
        with context.public():
            federations = set(Federation.objects.values_list("schema_name", flat=True))
        federations &= existing
        template = settings.TENANT_BASE_SCHEMA if settings.TENANT_BASE_SCHEMA in existing else None
        tenant = sorted(federations | ({template} if template else set()))
        catalogue = Catalogue(cursor, tenant)
        hits: list[Hit] = []
        for check in CHECKS:
            hits.extend(check(catalogue))
    report = Report(
        federations=len(federations), template=template, checked_at=datetime.now(tz=UTC)
    )
    report.findings = group_hits(hits, federations=federations, template=template)
    return report
