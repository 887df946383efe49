"""Where each rule of the check comes from: Citus' documentation, or its source at branch
release-14.0 where the documentation is silent or out of date (read 2026-12-06)."""

DOCS_ROOT = "https://docs.citusdata.com/en/stable"
SOURCE_ROOT = "https://github.com/citusdata/citus/blob/release-14.0/src/backend/distributed"
DOC_WORKAROUNDS = f"{DOCS_ROOT}/develop/reference_workarounds.html"
DOC_SCHEMA_LIMITS = f"{DOC_WORKAROUNDS}#schema-based-sharding-sql-compatibility"
DOC_GENERAL_LIMITS = f"{DOC_WORKAROUNDS}#general"
DOC_SCHEMA_FKEYS = f"{SOURCE_ROOT}/commands/schema_based_sharding.c (EnsureFKeysForTenantTable)"
DOC_SCHEMA_TABLES = f"{SOURCE_ROOT}/commands/schema_based_sharding.c (EnsureTenantTable)"
DOC_TRIGGERS = f"{DOCS_ROOT}/extra/triggers.html; {SOURCE_ROOT}/commands/trigger.c"
DOC_NESTED = f"{SOURCE_ROOT}/executor/multi_executor.c (IsTaskExecutionAllowed)"
DOC_IDENTITY = (
    "https://github.com/citusdata/citus/blob/release-14.0/CHANGELOG.md "
    "(11.2.1: #6738; 12.0.0: #7008)"
)
DOC_CONSTRAINTS = f"{SOURCE_ROOT}/commands/table.c (ErrorIfUnsupportedConstraint)"
DOC_SCHEMA_MOVE = f"{DOCS_ROOT}/develop/api_udf.html#citus-schema-move"
DOC_SHELLS = f"{SOURCE_ROOT}/metadata/metadata_sync.c (CreateShellTableOnWorkers)"
DOC_CONCEPTS = f"{DOCS_ROOT}/get_started/concepts.html#schema-based-sharding"
DOC_EXTENSIONS = f"{DOCS_ROOT}/admin_guide/cluster_management.html#postgresql-extensions"
DOC_REFERENCE = f"{DOCS_ROOT}/develop/api_udf.html#create-reference-table"
DOC_LARGE_OBJECTS = "https://www.postgresql.org/docs/current/lo-intro.html"
DOC_LOGICAL_REPLICATION = (
    "https://www.postgresql.org/docs/current/logical-replication-restrictions.html"
)

# Extensions Citus runs with: their objects are created on every node (CREATE EXTENSION is
# propagated); they must be installed on every node's server.
KNOWN_EXTENSIONS = {
    "plpgsql",
    "pg_trgm",
    "btree_gin",
    "btree_gist",
    "citext",
    "hstore",
    "pgcrypto",
    "uuid-ossp",
    "unaccent",
    "pg_stat_statements",
    "postgis",
}
