"""A schema's shape, object by object, as PostgreSQL deparses it: to compare clones."""

from __future__ import annotations

import re

from django.db import connection

QUERIES = {
    "columns": """
        SELECT c.relname,
               row_number() OVER (PARTITION BY c.oid ORDER BY a.attnum), a.attname,
               format_type(a.atttypid, a.atttypmod),
               a.attnotnull, a.attidentity, a.attgenerated, pg_get_expr(d.adbin, d.adrelid),
               a.attstorage, a.attcompression, col_description(c.oid, a.attnum)
        FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE c.relnamespace = %(ns)s AND c.relkind = 'r' AND a.attnum > 0
          AND NOT a.attisdropped""",
    "constraints": """
        SELECT c.relname, k.conname, k.contype, pg_get_constraintdef(k.oid), k.condeferrable,
               k.condeferred
        FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid
        WHERE c.relnamespace = %(ns)s""",
    "indexes": """
        SELECT c.relname, pg_get_indexdef(c.oid) FROM pg_class c
        WHERE c.relnamespace = %(ns)s AND c.relkind = 'i'""",
    "sequences": """
        SELECT c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin,
               s.seqmax, s.seqcache, s.seqcycle,
               (SELECT d.deptype FROM pg_depend d WHERE d.objid = c.oid
                  AND d.refclassid = 'pg_class'::regclass LIMIT 1)
        FROM pg_class c JOIN pg_sequence s ON s.seqrelid = c.oid
        WHERE c.relnamespace = %(ns)s""",
    "triggers": """
        SELECT pg_get_triggerdef(t.oid), t.tgenabled FROM pg_trigger t
        JOIN pg_class c ON c.oid = t.tgrelid
        WHERE c.relnamespace = %(ns)s AND NOT t.tgisinternal""",
    "functions": """
        SELECT p.proname,
               regexp_replace(pg_get_functiondef(p.oid), 'FUNCTION [^.]+\\.', 'FUNCTION ')
        FROM pg_proc p WHERE p.pronamespace = %(ns)s""",
    "relations": """
        SELECT relname, relkind, relpersistence, reloptions FROM pg_class
        WHERE relnamespace = %(ns)s AND relkind <> 't'""",
}


def _unqualified(value, schema: str):
    """Index and trigger definitions name the table with its schema; an expression deparsed,
    rebuilt and deparsed again may place its casts and brackets differently ("(ARRAY['a'::
    character varying])::text[]" becomes "ARRAY[('a'::character varying)::text]"), so casts,
    brackets and spaces are left out of the comparison."""
    if not isinstance(value, str):
        return value
    value = value.replace(f" ON {schema}.", " ON S.")
    return re.sub(r"::[a-z ]+(\[\])?|[()\s]", "", value)


def schema_shape(schema: str, *, rows: bool = True) -> dict[str, list]:
    """Every object of `schema` deparsed with `schema` alone on the search path (so its own
    objects come unqualified), sorted; with `rows`, each table's row count and each sequence's
    position."""
    shape: dict[str, list] = {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s::regnamespace::oid", [connection.ops.quote_name(schema)])
        (ns,) = cursor.fetchone()
        cursor.execute(f"SET search_path TO {connection.ops.quote_name(schema)}, pg_catalog")
        try:
            for name, sql in QUERIES.items():
                cursor.execute(sql, {"ns": ns})
                shape[name] = sorted(
                    (tuple(_unqualified(v, schema) for v in row) for row in cursor.fetchall()),
                    key=repr,
                )
            if rows:
                counts = []
                for (table,) in [r[:1] for r in shape["relations"] if r[1] == "r"]:
                    cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
                    counts.append((table, cursor.fetchone()[0]))
                shape["rows"] = sorted(counts)
                cursor.execute(
                    "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = %s",
                    [schema],
                )
                shape["positions"] = sorted(cursor.fetchall(), key=repr)
        finally:
            connection.search_path_set_schemas = None
            connection.set_schema_to_public()
    return shape
