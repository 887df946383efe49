"""What in today's database would block or complicate Citus schema-based sharding (issue 20 item 6).

The move studied in docs/scaling.md: `citus.enable_schema_based_sharding`, each federation's schema
distributed whole (`citus_schema_distribute`: its tables become single-shard tables of one
colocation group, on one node), the shared apps' tables in `public` made reference tables
(`create_reference_table`: a copy on every node). This module reads the catalogue (pg_catalog
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

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import cached_property

from django.conf import settings
from django.db import connection

from tenants import context
from tenants.models import Federation

BLOCKER = "blocker"
WARNING = "warning"
OK = "ok"
SEVERITIES = (BLOCKER, WARNING, OK)

_DOCS = "https://docs.citusdata.com/en/stable"
_SRC = "https://github.com/citusdata/citus/blob/release-14.0/src/backend/distributed"
DOC_WORKAROUNDS = f"{_DOCS}/develop/reference_workarounds.html"
DOC_SCHEMA_LIMITS = f"{DOC_WORKAROUNDS}#schema-based-sharding-sql-compatibility"
DOC_GENERAL_LIMITS = f"{DOC_WORKAROUNDS}#general"
DOC_SCHEMA_FKEYS = f"{_SRC}/commands/schema_based_sharding.c (EnsureFKeysForTenantTable)"
DOC_SCHEMA_TABLES = f"{_SRC}/commands/schema_based_sharding.c (EnsureTenantTable)"
DOC_TRIGGERS = f"{_DOCS}/extra/triggers.html; {_SRC}/commands/trigger.c"
DOC_NESTED = f"{_SRC}/executor/multi_executor.c (IsTaskExecutionAllowed)"
DOC_IDENTITY = (
    "https://github.com/citusdata/citus/blob/release-14.0/CHANGELOG.md "
    "(11.2.1: #6738; 12.0.0: #7008)"
)
DOC_CONSTRAINTS = f"{_SRC}/commands/table.c (ErrorIfUnsupportedConstraint)"
DOC_SCHEMA_MOVE = f"{_DOCS}/develop/api_udf.html#citus-schema-move"
DOC_SHELLS = f"{_SRC}/metadata/metadata_sync.c (CreateShellTableOnWorkers)"
DOC_CONCEPTS = f"{_DOCS}/get_started/concepts.html#schema-based-sharding"
DOC_EXTENSIONS = f"{_DOCS}/admin_guide/cluster_management.html#postgresql-extensions"
DOC_REFERENCE = f"{_DOCS}/develop/api_udf.html#create-reference-table"
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


@dataclass(frozen=True)
class Finding:
    """One kind of object, grouped across the schemas it occurs in."""

    kind: str
    object: str
    severity: str
    why: str
    doc: str
    federation_schemas: int = 0
    in_template: bool = False
    scope: str = "federation schemas"


@dataclass
class Report:
    federations: int
    template: str | None
    checked_at: datetime
    findings: list[Finding] = field(default_factory=list)

    @property
    def blockers(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == BLOCKER]

    def as_dict(self) -> dict:
        return {
            "checked_at": self.checked_at.isoformat(timespec="seconds"),
            "database": connection.settings_dict["NAME"],
            "federations": self.federations,
            "template": self.template,
            "counts": {s: sum(f.severity == s for f in self.findings) for s in SEVERITIES},
            "findings": [asdict(f) for f in self.findings],
        }


@dataclass(frozen=True)
class _Hit:
    kind: str
    object: str
    severity: str
    why: str
    doc: str
    schemas: tuple[str, ...] = ()
    scope: str = "federation schemas"


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
        catalogue = _Catalogue(cursor, tenant)
        hits: list[_Hit] = []
        for check in _CHECKS:
            hits.extend(check(catalogue))
    report = Report(
        federations=len(federations), template=template, checked_at=datetime.now(tz=UTC)
    )
    report.findings = _group(hits, federations=federations, template=template)
    return report


def _group(hits: Iterable[_Hit], *, federations: set[str], template: str | None) -> list[Finding]:
    merged: dict[tuple, set[str]] = {}
    for hit in hits:
        key = (hit.kind, hit.object, hit.severity, hit.why, hit.doc, hit.scope)
        merged.setdefault(key, set()).update(hit.schemas)
    order = {s: i for i, s in enumerate(SEVERITIES)}
    findings = [
        Finding(
            kind=kind,
            object=obj,
            severity=severity,
            why=why,
            doc=doc,
            federation_schemas=len(schemas & federations),
            in_template=template in schemas,
            scope=scope,
        )
        for (kind, obj, severity, why, doc, scope), schemas in merged.items()
    ]
    findings.sort(key=lambda f: (order[f.severity], f.kind, f.object))
    return findings


# --- the checks: each takes a cursor and the tenant schemas (federations and the template) ----


def _foreign_keys(catalogue: _Catalogue) -> list[_Hit]:
    cursor, tenant = catalogue.cursor, catalogue.tenant
    cursor.execute(
        """
        SELECT sn.nspname, sc.relname, con.conname, tn.nspname, tc.relname
        FROM pg_constraint con
        JOIN pg_class sc ON sc.oid = con.conrelid
        JOIN pg_namespace sn ON sn.oid = sc.relnamespace
        JOIN pg_class tc ON tc.oid = con.confrelid
        JOIN pg_namespace tn ON tn.oid = tc.relnamespace
        WHERE con.contype = 'f' AND sn.oid <> tn.oid
          AND (sn.nspname = ANY(%(tenant)s) OR tn.nspname = ANY(%(tenant)s))
        """,
        {"tenant": tenant},
    )
    hits = []
    tenants = set(tenant)
    for src_schema, src_table, name, dst_schema, dst_table in cursor.fetchall():
        if src_schema in tenants and dst_schema == "public":
            hits.append(
                _Hit(
                    "foreign key → public",
                    f"{src_table}.{name} → public.{dst_table}",
                    OK,
                    f"Allowed once public.{dst_table} is a reference table "
                    "(create_reference_table before citus_schema_distribute).",
                    DOC_SCHEMA_FKEYS,
                    (src_schema,),
                )
            )
        elif src_schema in tenants and dst_schema in tenants:
            hits.append(
                _Hit(
                    "foreign key across federations",
                    f"{src_table}.{name} → <other federation>.{dst_table}",
                    BLOCKER,
                    "Foreign keys across distributed schemas are not supported.",
                    DOC_SCHEMA_LIMITS,
                    (src_schema,),
                )
            )
        elif src_schema in tenants:
            hits.append(
                _Hit(
                    "foreign key → other schema",
                    f"{src_table}.{name} → {dst_schema}.{dst_table}",
                    BLOCKER,
                    "A distributed schema's tables may reference only their own schema or "
                    f"reference tables; {dst_schema}.{dst_table} would have to become one.",
                    DOC_SCHEMA_FKEYS,
                    (src_schema,),
                )
            )
        else:
            hits.append(
                _Hit(
                    "foreign key → federation schema",
                    f"{src_schema}.{src_table}.{name} → <federation>.{dst_table}",
                    BLOCKER,
                    "citus_schema_distribute refuses a schema that another schema's table "
                    "references: 'cannot create foreign keys to tables in a distributed schema "
                    "from another schema'.",
                    DOC_SCHEMA_FKEYS,
                    (dst_schema,),
                )
            )
    return hits


_CALL = r"\b{name}\s*\("
_WRITE_PUBLIC = re.compile(r"\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+public\.(\w+)", re.I)
_READ_PUBLIC = re.compile(r"\bpublic\.(\w+)", re.I)
_PATTERNS = {
    "tg_table_name": re.compile(r"\bTG_TABLE_NAME\b", re.I),
    "current_schema": re.compile(r"\bcurrent_schema\s*\(", re.I),
    "advisory": re.compile(r"\bpg_advisory\w*", re.I),
    "temp_table": re.compile(r"\bCREATE\s+TEMP(?:ORARY)?\s+TABLE\b", re.I),
    "setting": re.compile(r"\bcurrent_setting\s*\(", re.I),
}


class _Catalogue:
    """The cursor, the tenant schemas (federations and the template), and what several checks
    read: the tenant schemas' function bodies, fetched once."""

    def __init__(self, cursor, tenant: list[str]):
        self.cursor = cursor
        self.tenant = tenant

    @cached_property
    def bodies(self) -> dict[str, dict[str, str]]:
        """Each tenant schema's functions by name, with the schema's own name masked.

        Grouped in SQL by (name, source), so 3,000 identical copies travel once."""
        self.cursor.execute(
            """
            SELECT p.proname, p.prosrc, array_agg(n.nspname)
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
            WHERE n.nspname = ANY(%s) AND p.prokind IN ('f', 'p')
            GROUP BY p.proname, p.prosrc
            """,
            [self.tenant],
        )
        bodies: dict[str, dict[str, str]] = {}
        for name, source, schemas in self.cursor.fetchall():
            for schema in schemas:
                masked = re.sub(rf"\b{re.escape(schema)}\b", "<schema>", source)
                bodies.setdefault(schema, {})[name] = masked
        return bodies


def _closure(name: str, functions: dict[str, str]) -> list[str]:
    """The function and every function of the same schema it calls, transitively."""
    seen: list[str] = []
    todo = [name]
    while todo:
        current = todo.pop()
        if current in seen or current not in functions:
            continue
        seen.append(current)
        body = functions[current]
        todo.extend(
            other
            for other in functions
            if other not in seen and re.search(_CALL.format(name=re.escape(other)), body)
        )
    return seen


def _body_traits(names: list[str], functions: dict[str, str]) -> dict[str, list[str]]:
    traits: dict[str, list[str]] = {}
    for fn in names:
        body = functions[fn]
        for table in _WRITE_PUBLIC.findall(body):
            traits.setdefault("writes_public", []).append(f"{fn}: public.{table}")
        for table in _READ_PUBLIC.findall(body):
            traits.setdefault("reads_public", []).append(f"{fn}: public.{table}")
        for trait, pattern in _PATTERNS.items():
            if pattern.search(body):
                traits.setdefault(trait, []).append(fn)
    return traits


def _triggers(catalogue: _Catalogue) -> list[_Hit]:
    """One finding per trigger function, naming every trigger that calls it."""
    cursor, tenant = catalogue.cursor, catalogue.tenant
    cursor.execute(
        """
        SELECT n.nspname, p.proname, pn.nspname,
               bool_or((t.tgtype & 1) = 0
                       AND (t.tgoldtable IS NOT NULL OR t.tgnewtable IS NOT NULL)),
               array_agg(t.tgname || ' on ' || c.relname ORDER BY c.relname, t.tgname),
               count(DISTINCT t.tgname), count(DISTINCT c.relname)
        FROM pg_trigger t
        JOIN pg_class c ON c.oid = t.tgrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_proc p ON p.oid = t.tgfoid
        JOIN pg_namespace pn ON pn.oid = p.pronamespace
        WHERE NOT t.tgisinternal AND n.nspname = ANY(%s)
        GROUP BY 1, 2, 3
        """,
        [tenant],
    )
    rows = cursor.fetchall()
    bodies = catalogue.bodies
    hits = []
    for schema, function, function_schema, transition, uses, names, tables in rows:
        if names == 1 and tables > 1:
            called_by = f"{uses[0].split(' on ')[0]} on {tables} tables"
        else:
            called_by = ", ".join(uses)
        obj = f"{function}() ← {called_by}"
        functions = bodies.get(schema, {})
        reasons = [
            "Distributing a table with triggers needs citus.enable_unsafe_triggers on "
            "(Citus ≤ 14.0); the trigger then fires on the shard, on the node holding the schema."
        ]
        severity = WARNING
        if function_schema != schema:
            reasons.append(
                f"Its function lives in {function_schema}, outside the federation's schema: "
                "it must exist on every node."
            )
        traits = _body_traits(_closure(function, functions), functions)
        if "writes_public" in traits:
            severity = BLOCKER
            reasons.append(
                "Writes to the shared schema ("
                + ", ".join(sorted(set(traits["writes_public"])))
                + "): as a reference table that is a write on every node, a remote task, and a "
                "trigger on a shard may run local tasks only ('cannot execute a distributed "
                "query from a query on a shard')."
            )
        elif "reads_public" in traits:
            reasons.append(
                "Reads the shared schema ("
                + ", ".join(sorted(set(traits["reads_public"])))
                + "): fine from a reference table's local copy."
            )
        if "tg_table_name" in traits:
            severity = BLOCKER
            reasons.append(
                "Uses TG_TABLE_NAME (" + ", ".join(traits["tg_table_name"]) + "): on a shard "
                "it is the shard's name, <table>_<shardid>, so what it records, compares or "
                "hashes changes."
            )
        if "current_schema" in traits:
            reasons.append(
                "Uses current_schema() (" + ", ".join(traits["current_schema"]) + "): on the "
                "worker it follows the search_path of Citus' connection, not the request's."
            )
        if "setting" in traits:
            reasons.append(
                "Reads a session setting (" + ", ".join(traits["setting"]) + "): a set_config "
                "made in the application's session on the coordinator is not seen by a trigger "
                "running in Citus' connection on the worker."
            )
        if "advisory" in traits:
            reasons.append(
                "Takes advisory locks (" + ", ".join(traits["advisory"]) + "): they are "
                "per node; they still serialise writers of one federation (one node), but no "
                "longer exclude a lock the application takes on the coordinator."
            )
        if "temp_table" in traits:
            reasons.append(
                "Creates a temporary table (" + ", ".join(traits["temp_table"]) + "): a "
                "local table joined with the schema's (distributed) tables; to check on a cluster."
            )
        if transition:
            reasons.append(
                "Statement-level with transition tables: PostgreSQL runs it on the shard per "
                "statement Citus sends there; to check on a cluster that a multi-row INSERT or "
                "COPY arrives as one statement."
            )
        hits.append(_Hit("trigger", obj, severity, " ".join(reasons), DOC_TRIGGERS, (schema,)))
    cursor.execute(
        """
        SELECT c.relname, t.tgname FROM pg_trigger t
        JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE NOT t.tgisinternal AND n.nspname = 'public'
        """
    )
    for table, trigger in cursor.fetchall():
        hits.append(
            _Hit(
                "trigger on a shared table",
                f"{trigger} on public.{table}",
                BLOCKER,
                "Triggers are not supported on reference tables (unless "
                "citus.enable_unsafe_triggers).",
                DOC_TRIGGERS,
                scope="public",
            )
        )
    return hits


def _functions(catalogue: _Catalogue) -> list[_Hit]:
    """Functions of a federation schema that name the shared schema, and tenant objects that
    depend on a function living elsewhere."""
    cursor, tenant = catalogue.cursor, catalogue.tenant
    hits = []
    for schema, functions in catalogue.bodies.items():
        for name, body in functions.items():
            tables = sorted(set(_READ_PUBLIC.findall(body)))
            if tables:
                hits.append(
                    _Hit(
                        "function → public",
                        f"{name}() names " + ", ".join(f"public.{t}" for t in tables),
                        WARNING,
                        "Called by the application it runs on the coordinator and may read or "
                        "write reference tables; called from a trigger on a shard, only local "
                        "tasks are allowed (see the triggers).",
                        DOC_NESTED,
                        (schema,),
                    )
                )
    cursor.execute(
        """
        SELECT DISTINCT n.nspname, pn.nspname, p.proname
        FROM pg_depend d
        JOIN pg_proc p ON d.refclassid = 'pg_proc'::regclass AND p.oid = d.refobjid
        JOIN pg_namespace pn ON pn.oid = p.pronamespace
        JOIN pg_class c ON (d.classid = 'pg_class'::regclass AND c.oid = d.objid)
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY(%s) AND pn.nspname <> n.nspname AND pn.nspname <> 'pg_catalog'
        """,
        [tenant],
    )
    for schema, function_schema, function in cursor.fetchall():
        hits.append(
            _Hit(
                "dependency on an outside function",
                f"{function_schema}.{function}()",
                WARNING,
                "An object of the federation's schema depends on a function of another schema: "
                "Citus creates it on every node as a dependency; it must not read a "
                "federation's tables.",
                DOC_SCHEMA_LIMITS,
                (schema,),
            )
        )
    return hits


def _views(catalogue: _Catalogue) -> list[_Hit]:
    cursor, tenant = catalogue.cursor, catalogue.tenant
    cursor.execute(
        """
        SELECT DISTINCT vn.nspname, v.relname, v.relkind, tn.nspname, t.relname
        FROM pg_rewrite r
        JOIN pg_class v ON v.oid = r.ev_class AND v.relkind IN ('v', 'm')
        JOIN pg_namespace vn ON vn.oid = v.relnamespace
        JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid
             AND d.refclassid = 'pg_class'::regclass
        JOIN pg_class t ON t.oid = d.refobjid AND t.oid <> v.oid
        JOIN pg_namespace tn ON tn.oid = t.relnamespace
        WHERE vn.oid <> tn.oid AND (vn.nspname = ANY(%(t)s) OR tn.nspname = ANY(%(t)s))
        """,
        {"t": tenant},
    )
    hits = []
    tenants = set(tenant)
    for view_schema, view, kind, table_schema, table in cursor.fetchall():
        label = "materialized view" if kind == "m" else "view"
        if view_schema in tenants and table_schema == "public":
            hits.append(
                _Hit(
                    f"{label} → public",
                    f"{view} reads public.{table}",
                    OK,
                    "Joins a reference table: a router query on the schema's node.",
                    DOC_SCHEMA_LIMITS,
                    (view_schema,),
                )
            )
        else:
            hits.append(
                _Hit(
                    f"{label} across schemas",
                    f"{view_schema if view_schema not in tenants else '<federation>'}.{view} "
                    f"reads {table_schema if table_schema not in tenants else '<federation>'}"
                    f".{table}",
                    WARNING,
                    "Joins across distributed schemas are subject to the cross-node SQL "
                    "limits, and views over Citus tables cannot be modified through.",
                    DOC_SCHEMA_LIMITS,
                    (view_schema if view_schema in tenants else table_schema,),
                )
            )
    return hits


def _sequences(catalogue: _Catalogue) -> list[_Hit]:
    cursor, tenant = catalogue.cursor, catalogue.tenant
    cursor.execute(
        """
        SELECT n.nspname, format_type(a.atttypid, NULL), count(*),
               min(c.relname || '.' || a.attname)
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid AND c.relkind IN ('r', 'p')
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE a.attidentity <> '' AND NOT a.attisdropped AND n.nspname = ANY(%s)
        GROUP BY 1, 2
        """,
        [tenant],
    )
    hits = []
    for schema, type_name, count, example in cursor.fetchall():
        if type_name == "bigint":
            hits.append(
                _Hit(
                    "identity columns",
                    f"{count} bigint identity columns (e.g. {example})",
                    OK,
                    "Each node draws from its own range of a bigint identity's sequence.",
                    DOC_IDENTITY,
                    (schema,),
                )
            )
        else:
            hits.append(
                _Hit(
                    "identity columns",
                    f"{count} {type_name} identity columns (e.g. {example})",
                    WARNING,
                    f"Allowed, but no INSERT on a {type_name} identity column from a worker "
                    "node: route writes through the coordinator. A table with an identity "
                    "column cannot be undistributed (no way back by citus_schema_undistribute), "
                    "and ADD COLUMN … IDENTITY is refused once metadata is synced.",
                    DOC_IDENTITY,
                    (schema,),
                )
            )
    cursor.execute(
        """
        SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, NULL), sn.nspname
        FROM pg_attrdef ad
        JOIN pg_depend d ON d.classid = 'pg_attrdef'::regclass AND d.objid = ad.oid
             AND d.refclassid = 'pg_class'::regclass
        JOIN pg_class s ON s.oid = d.refobjid AND s.relkind = 'S'
        JOIN pg_namespace sn ON sn.oid = s.relnamespace
        JOIN pg_class c ON c.oid = ad.adrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = ad.adrelid AND a.attnum = ad.adnum
        WHERE n.nspname = ANY(%s)
        """,
        [tenant],
    )
    for schema, table, column, type_name, sequence_schema in cursor.fetchall():
        if sequence_schema != schema:
            hits.append(
                _Hit(
                    "sequence default from another schema",
                    f"{table}.{column} draws from {sequence_schema}",
                    WARNING,
                    "One sequence shared across schemas: Citus creates it on every node with a "
                    "node-specific range, so values stay unique but lose their order.",
                    DOC_GENERAL_LIMITS,
                    (schema,),
                )
            )
        elif type_name != "bigint":
            hits.append(
                _Hit(
                    "serial column narrower than bigint",
                    f"{table}.{column} ({type_name})",
                    WARNING,
                    "Sequences smaller than bigint cannot give values on worker nodes: inserts "
                    "there fail; widen the column or insert through the coordinator.",
                    DOC_GENERAL_LIMITS,
                    (schema,),
                )
            )
        else:
            hits.append(
                _Hit(
                    "serial column",
                    f"{table}.{column} (bigint, nextval)",
                    OK,
                    "A bigint sequence gets a node-specific range on every node.",
                    DOC_GENERAL_LIMITS,
                    (schema,),
                )
            )
    return hits


def _tables(catalogue: _Catalogue) -> list[_Hit]:
    """Table kinds, primary keys, persistence, ownership and constraints."""
    cursor, tenant = catalogue.cursor, catalogue.tenant
    cursor.execute(
        """
        SELECT n.nspname, c.relname, c.relkind, c.relpersistence,
               EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'p'),
               c.relreplident,
               EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid OR i.inhparent = c.oid),
               EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass
                       AND e.objid = c.oid AND e.deptype = 'e'),
               pg_get_userbyid(c.relowner) <> pg_get_userbyid(n.nspowner)
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r', 'p', 'f') AND (n.nspname = ANY(%(t)s) OR n.nspname = 'public')
        """,
        {"t": tenant},
    )
    hits = []
    public_tables = 0
    for (
        schema,
        table,
        kind,
        persistence,
        has_pk,
        replident,
        inherits,
        by_extension,
        other_owner,
    ) in cursor.fetchall():
        public = schema == "public"
        where = {"scope": "public"} if public else {"schemas": (schema,)}
        name = f"public.{table}" if public else table
        if public and kind in ("r", "p"):
            public_tables += 1
        if kind == "f":
            hits.append(
                _Hit(
                    "foreign table",
                    name,
                    BLOCKER,
                    "A distributed schema cannot hold a foreign table.",
                    DOC_SCHEMA_TABLES,
                    **where,
                )
            )
            continue
        if inherits and not public:
            hits.append(
                _Hit(
                    "inheritance or partitioning",
                    name,
                    BLOCKER,
                    "Tables in a distributed schema cannot inherit or be inherited; partitions "
                    "must stay in the schema of their parent.",
                    DOC_SCHEMA_TABLES,
                    **where,
                )
            )
        if by_extension:
            hits.append(
                _Hit(
                    "table owned by an extension",
                    name,
                    BLOCKER if not public else WARNING,
                    "Tables owned by an extension are not distributed.",
                    DOC_SCHEMA_TABLES,
                    **where,
                )
            )
        if other_owner and not public:
            hits.append(
                _Hit(
                    "table owner",
                    name,
                    WARNING,
                    "citus_schema_distribute must be run by the owner of the schema and of "
                    "every table in it.",
                    DOC_SCHEMA_TABLES,
                    **where,
                )
            )
        if not has_pk and replident in ("d", "n"):
            hits.append(
                _Hit(
                    "table without a primary key",
                    name,
                    WARNING,
                    "No replica identity: a non-blocking move (logical replication) of "
                    + ("the reference table to a new node" if public else "the schema")
                    + " refuses UPDATE and DELETE on it, or must run with "
                    "shard_transfer_mode 'block_writes'.",
                    DOC_SCHEMA_MOVE,
                    **where,
                )
            )
        if persistence == "u":
            hits.append(
                _Hit(
                    "unlogged table",
                    name,
                    WARNING,
                    "Logical replication does not carry unlogged tables: moving the schema "
                    "without blocking writes is not possible for it.",
                    DOC_LOGICAL_REPLICATION,
                    **where,
                )
            )
    if public_tables:
        hits.append(
            _Hit(
                "reference tables",
                f"{public_tables} tables in public",
                OK,
                "The shared apps' tables become reference tables, a copy on every node: reads "
                "are local everywhere; every write goes to every node (two-phase commit).",
                DOC_REFERENCE,
                scope="public",
            )
        )
    cursor.execute(
        """
        SELECT n.nspname, c.relname, con.conname
        FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE con.contype = 'x' AND (n.nspname = ANY(%(t)s) OR n.nspname = 'public')
        """,
        {"t": tenant},
    )
    for schema, table, name in cursor.fetchall():
        hits.append(
            _Hit(
                "exclusion constraint",
                f"{table}.{name}",
                OK,
                "Single-shard and reference tables keep any unique or exclusion constraint.",
                DOC_CONSTRAINTS,
                **({"scope": "public"} if schema == "public" else {"schemas": (schema,)}),
            )
        )
    return hits


def _database(catalogue: _Catalogue) -> list[_Hit]:
    """Extensions, large objects, the catalogue per node and the search_path."""
    cursor, tenant = catalogue.cursor, catalogue.tenant
    hits = []
    cursor.execute("SELECT extname, extversion FROM pg_extension ORDER BY extname")
    for name, version in cursor.fetchall():
        known = name in KNOWN_EXTENSIONS
        hits.append(
            _Hit(
                "extension",
                f"{name} {version}",
                OK if known else WARNING,
                "Install on every node; CREATE EXTENSION is propagated."
                if known
                else "Not on the list of extensions known to run with Citus: check it.",
                DOC_EXTENSIONS,
                scope="database",
            )
        )
    cursor.execute("SELECT count(*) FROM pg_largeobject_metadata")
    (large_objects,) = cursor.fetchone()
    if large_objects:
        hits.append(
            _Hit(
                "large objects",
                f"{large_objects} large objects",
                WARNING,
                "pg_largeobject is a per-node catalogue: Citus distributes tables, not large "
                "objects, which stay on the coordinator.",
                DOC_LARGE_OBJECTS,
                scope="database",
            )
        )
    cursor.execute(
        """
        SELECT n.nspname, count(*) FILTER (WHERE c.relkind IN ('r', 'p')),
               count(*) FILTER (WHERE c.relkind = 'i'), count(*) FILTER (WHERE c.relkind = 'S'),
               count(*) FILTER (WHERE c.relkind = 'v' OR c.relkind = 'm')
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = ANY(%s) GROUP BY 1
        """,
        [tenant],
    )
    for schema, tables, indexes, sequences, views in cursor.fetchall():
        hits.append(
            _Hit(
                "catalogue per node",
                f"{tables} tables, {indexes} indexes, {sequences} sequences, {views} views "
                "per schema",
                WARNING,
                "With metadata sync every node holds a shell of every distributed table with "
                "its indexes and triggers: sharding spreads rows and work, not the catalogue; "
                "a migration's DDL runs on every node.",
                DOC_SHELLS,
                (schema,),
            )
        )
    hits.append(
        _Hit(
            "search_path",
            "django-tenants sets search_path to '<schema>, public' per request",
            OK,
            "Schema-based sharding routes a query by the distributed schema of the tables it "
            "names; the application needs no change. Keep session pooling (transaction "
            "pooling loses the search_path).",
            DOC_CONCEPTS,
            tuple(tenant),
        )
    )
    return hits


_CHECKS = (_foreign_keys, _triggers, _functions, _views, _sequences, _tables, _database)


def render_table(report: Report) -> str:
    """The report as a plain-text table: one line a finding, then why and where it is written."""
    header = (
        f"Citus schema-based sharding: what today's catalogue would block "
        f"({report.checked_at:%Y-%m-%d %H:%M} UTC, database {connection.settings_dict['NAME']}, "
        f"{report.federations} federation schemas"
        + (f" + template {report.template}" if report.template else "")
        + ")"
    )
    rows = [("severity", "kind", "schemas", "object")]
    for f in report.findings:
        if f.scope == "federation schemas":
            where = f"{f.federation_schemas}" + (" + template" if f.in_template else "")
        else:
            where = f.scope
        rows.append((f.severity, f.kind, where, f.object))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [header, ""]
    for index, row in enumerate(rows):
        cells = [cell.ljust(widths[i]) for i, cell in enumerate(row[:3])] + [row[3]]
        lines.append("  ".join(cells))
        if index == 0:
            lines.append("-" * 100)
            continue
        finding = report.findings[index - 1]
        lines.append(f"    why: {finding.why}")
        lines.append(f"    doc: {finding.doc}")
    counts = {s: sum(f.severity == s for f in report.findings) for s in SEVERITIES}
    lines += ["", ", ".join(f"{counts[s]} {s}" for s in SEVERITIES)]
    return "\n".join(lines)
