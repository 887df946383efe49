"""Foreign keys, views, sequences and tables of the federation schemas and of `public`."""

from __future__ import annotations

from tenants.citus.catalogue import Catalogue
from tenants.citus.report import BLOCKER, OK, WARNING, Hit
from tenants.citus.sources import (
    DOC_CONSTRAINTS,
    DOC_GENERAL_LIMITS,
    DOC_IDENTITY,
    DOC_LOGICAL_REPLICATION,
    DOC_REFERENCE,
    DOC_SCHEMA_FKEYS,
    DOC_SCHEMA_LIMITS,
    DOC_SCHEMA_MOVE,
    DOC_SCHEMA_TABLES,
)


def foreign_keys(catalogue: Catalogue) -> list[Hit]:
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
                Hit(
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
                Hit(
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
                Hit(
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
                Hit(
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


def views(catalogue: Catalogue) -> list[Hit]:
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
                Hit(
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
                Hit(
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


def sequences(catalogue: Catalogue) -> list[Hit]:
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
                Hit(
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
                Hit(
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
                Hit(
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
                Hit(
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
                Hit(
                    "serial column",
                    f"{table}.{column} (bigint, nextval)",
                    OK,
                    "A bigint sequence gets a node-specific range on every node.",
                    DOC_GENERAL_LIMITS,
                    (schema,),
                )
            )
    return hits


def tables(catalogue: Catalogue) -> list[Hit]:
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
                Hit(
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
                Hit(
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
                Hit(
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
                Hit(
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
                Hit(
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
                Hit(
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
            Hit(
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
            Hit(
                "exclusion constraint",
                f"{table}.{name}",
                OK,
                "Single-shard and reference tables keep any unique or exclusion constraint.",
                DOC_CONSTRAINTS,
                **({"scope": "public"} if schema == "public" else {"schemas": (schema,)}),
            )
        )
    return hits
