"""Cloning the template schema into a new federation's, in time that does not grow with the fleet.

django-tenants' `clone_schema` (pg-clone-schema) looks up each table's columns in
`information_schema.columns` two or three times. Those views compare names as `sql_identifier`,
so no catalogue index applies: every lookup scans `pg_attribute` for the whole database. At 100
federations one lookup took 73 ms and a clone ~30 s; at 3,000 it would be ~15 minutes a clone
(docs/scaling.md). This clone finds the template's objects through pg_depend's index on the
namespace, reaches the rest by OID (indexed) and rebuilds it with PostgreSQL's own deparsers:

- each table with its columns (type, collation, NOT NULL) and CHECK constraints as the catalogue
  holds them;
- identity columns with their sequences' names and parameters;
- column defaults, keys, foreign keys, indexes and triggers from `pg_get_expr`,
  `pg_get_constraintdef`, `pg_get_indexdef` and `pg_get_triggerdef`, read with the template alone
  on the search path so that they name its objects unqualified (the table an index or trigger is
  on excepted: its schema is replaced), and run with the new schema on the search path so that
  the same names resolve there; names are kept, so every schema's constraints and indexes are
  named alike (the fleet's replayed migrations rely on it);
- the other sequences (a serial column's), with their parameters, owner column and position;
- functions from `pg_get_functiondef`, their schema in the header replaced;
- the template's rows (content types, permissions, migration records, the page tree's root …)
  copied before constraints, indexes and triggers exist, then every sequence set to where the
  template's stands.

Privileges are not copied: the schema belongs to the role that provisions, and
docs/operations.md grants the application role its rights on each new federation's schema.
Anything the template holds that this does not rebuild (views, types, policies, rules, partitions,
inheritance, comments, storage parameters, a column's non-default storage or compression) stops
the clone with a message rather than producing a partial schema. `schema_script` gives the
statements without running them: the backup (tenants/backup.py) stores them for one federation.
`tests/tenants/test_clone.py` compares a clone with the template and with the library's clone,
object by object.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection, transaction

# What a schema holds is found through pg_depend's index on the referenced object: every table,
# sequence, view, function, type, collation … created in a schema depends on it (indexes depend
# on their table, TOAST tables live in pg_toast). pg_class, pg_proc and pg_type have no index on
# the namespace alone: reading them by namespace scans every federation's entries.
IN_SCHEMA = """
SELECT d.classid, d.objid FROM pg_depend d
 WHERE d.refclassid = 'pg_namespace'::regclass AND d.refobjid = %(ns)s AND d.refobjsubid = 0
"""

RELATIONS_SQL = f"""
WITH owned AS ({IN_SCHEMA})
SELECT c.oid, c.relname, c.relkind FROM owned o JOIN pg_class c ON c.oid = o.objid
 WHERE o.classid = 'pg_class'::regclass
UNION ALL
SELECT c.oid, c.relname, c.relkind FROM owned o JOIN pg_index i ON i.indrelid = o.objid
  JOIN pg_class c ON c.oid = i.indexrelid
 WHERE o.classid = 'pg_class'::regclass
"""  # noqa: S608 (constants only)

UNSUPPORTED_SQL = f"""
SELECT pg_describe_object(o.classid, o.objid, 0) FROM ({IN_SCHEMA}) o
 WHERE o.classid NOT IN ('pg_class'::regclass, 'pg_proc'::regclass)
UNION ALL
SELECT 'policy ' || polname FROM unnest(%(oids)s::oid[]) r JOIN pg_policy p ON p.polrelid = r
UNION ALL
SELECT 'rule ' || rulename FROM unnest(%(oids)s::oid[]) r JOIN pg_rewrite w ON w.ev_class = r
UNION ALL
SELECT 'inheritance of ' || inhrelid::regclass FROM unnest(%(oids)s::oid[]) r
  JOIN pg_inherits i ON i.inhrelid = r
UNION ALL
SELECT 'generated column ' || attrelid::regclass || '.' || attname
  FROM unnest(%(oids)s::oid[]) r JOIN pg_attribute a ON a.attrelid = r
 WHERE a.attgenerated <> ''
UNION ALL
SELECT 'storage or compression of ' || a.attrelid::regclass || '.' || a.attname
  FROM unnest(%(oids)s::oid[]) r JOIN pg_attribute a ON a.attrelid = r
  JOIN pg_type t ON t.oid = a.atttypid
 WHERE a.attnum > 0 AND NOT a.attisdropped
   AND (a.attstorage <> t.typstorage OR a.attcompression <> '')
UNION ALL
SELECT 'comment on ' || d.objoid::regclass FROM unnest(%(oids)s::oid[]) r
  JOIN pg_description d ON d.objoid = r AND d.classoid = 'pg_class'::regclass
UNION ALL
SELECT 'storage parameters or persistence of ' || c.oid::regclass
  FROM unnest(%(oids)s::oid[]) r JOIN pg_class c ON c.oid = r
 WHERE c.relkind = 'r' AND (c.reloptions IS NOT NULL OR c.relpersistence <> 'p')
"""  # noqa: S608 (constants only)


TABLES_SQL = f"""
SELECT c.relname FROM ({IN_SCHEMA}) o JOIN pg_class c ON c.oid = o.objid
 WHERE o.classid = 'pg_class'::regclass AND c.relkind = 'r'
 ORDER BY c.relname
"""  # noqa: S608 (constants only)


class CloneError(Exception):
    pass


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _rows(cursor, sql: str, params: dict) -> list[tuple]:
    cursor.execute(sql, params)
    return cursor.fetchall()


def schema_tables(cursor, schema: str) -> list[str]:
    """The names of `schema`'s tables, sorted (what a backup copies and fingerprints)."""
    cursor.execute("SELECT %s::regnamespace::oid", [_q(schema)])
    (ns,) = cursor.fetchone()
    return [name for (name,) in _rows(cursor, TABLES_SQL, {"ns": ns})]


def _read(cursor, source: str) -> dict[str, list]:
    """Everything needed to rebuild `source`, deparsed with `source` alone on the search path."""
    cursor.execute("SELECT %s::regnamespace::oid", [_q(source)])
    (ns,) = cursor.fetchone()
    p = {"ns": ns}
    cursor.execute(f"SET LOCAL search_path TO {_q(source)}, pg_catalog")
    # Everything is reached by OID, through the catalogues' indexes (pg_depend's lead with
    # classid, so every lookup there names it). Their statistics lag behind a fleet that grows a
    # schema at a time, and with them the planner chose to scan pg_class once per OID (0.7 s at
    # 100 federations, growing with the fleet) or whole catalogues in parallel: it is told to
    # look up, not scan, until the read is done.
    cursor.execute(
        "SET LOCAL enable_seqscan = off; SET LOCAL enable_hashjoin = off; "
        "SET LOCAL enable_mergejoin = off; SET LOCAL max_parallel_workers_per_gather = 0"
    )
    relations = _rows(cursor, RELATIONS_SQL, p)
    p["oids"] = [oid for oid, _name, _kind in relations]
    p["sequences"] = [oid for oid, _name, kind in relations if kind == "S"]
    unsupported = [
        f"relation {name} of kind {kind}" for _o, name, kind in relations if kind not in "riS"
    ]
    unsupported += [row[0] for row in _rows(cursor, UNSUPPORTED_SQL, p)]
    if unsupported:
        raise CloneError(f"{source} holds what the clone does not copy: {unsupported}")
    found = {
        "tables": sorted((name,) for _oid, name, kind in relations if kind == "r"),
        # Columns in their order, dropped ones left out; a collation only where it is not the
        # type's own.
        "columns": _rows(
            cursor,
            """SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                      CASE WHEN a.attcollation <> t.typcollation
                           THEN format('%%I.%%I', n.nspname, o.collname) END
               FROM unnest(%(oids)s::oid[]) r JOIN pg_class c ON c.oid = r AND c.relkind = 'r'
               JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0
                    AND NOT a.attisdropped
               JOIN pg_type t ON t.oid = a.atttypid
               LEFT JOIN pg_collation o ON o.oid = a.attcollation
               LEFT JOIN pg_namespace n ON n.oid = o.collnamespace
               ORDER BY c.relname, a.attnum""",
            p,
        ),
        "checks": _rows(
            cursor,
            """SELECT c.relname, k.conname, pg_get_constraintdef(k.oid)
               FROM unnest(%(oids)s::oid[]) r JOIN pg_class c ON c.oid = r
               JOIN pg_constraint k ON k.conrelid = c.oid AND k.contype = 'c'
               ORDER BY k.oid""",
            p,
        ),
        "sequences": _rows(
            cursor,
            """SELECT c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement,
                      s.seqmin, s.seqmax, s.seqcache, s.seqcycle
               FROM unnest(%(oids)s::oid[]) r JOIN pg_class c ON c.oid = r
               JOIN pg_sequence s ON s.seqrelid = c.oid
               WHERE NOT EXISTS (
                   SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass
                   AND d.objid = c.oid AND d.deptype = 'i')
               ORDER BY c.oid""",
            p,
        ),
        "identities": _rows(
            cursor,
            """SELECT t.relname, a.attname, a.attidentity, s.relname,
                      format_type(q.seqtypid, NULL), q.seqstart, q.seqincrement, q.seqmin,
                      q.seqmax, q.seqcache, q.seqcycle
               FROM unnest(%(sequences)s::oid[]) r JOIN pg_class s ON s.oid = r
               JOIN pg_depend d ON d.objid = s.oid AND d.deptype = 'i'
                    AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
               JOIN pg_class t ON t.oid = d.refobjid
               JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
               JOIN pg_sequence q ON q.seqrelid = s.oid""",
            p,
        ),
        "owned": _rows(
            cursor,
            """SELECT s.relname, t.relname, a.attname
               FROM unnest(%(oids)s::oid[]) r JOIN pg_class s ON s.oid = r AND s.relkind = 'S'
               JOIN pg_depend d ON d.objid = s.oid AND d.deptype = 'a'
                    AND d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
               JOIN pg_class t ON t.oid = d.refobjid
               JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid""",
            p,
        ),
        "defaults": _rows(
            cursor,
            """SELECT c.relname, a.attname, pg_get_expr(d.adbin, d.adrelid)
               FROM unnest(%(oids)s::oid[]) r JOIN pg_class c ON c.oid = r
               JOIN pg_attrdef d ON d.adrelid = c.oid
               JOIN pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum
               ORDER BY d.oid""",
            p,
        ),
        # Primary keys and unique constraints before the exclusions, foreign keys last (they
        # need the referenced keys). CHECK constraints come with the table's columns.
        "constraints": _rows(
            cursor,
            """SELECT c.relname, k.conname, pg_get_constraintdef(k.oid)
               FROM unnest(%(oids)s::oid[]) r JOIN pg_class c ON c.oid = r
               JOIN pg_constraint k ON k.conrelid = c.oid
               WHERE k.contype IN ('p', 'u', 'x', 'f')
               ORDER BY array_position(ARRAY['p', 'u', 'x', 'f']::"char"[], k.contype),
                        k.oid""",
            p,
        ),
        "indexes": _rows(
            cursor,
            """SELECT pg_get_indexdef(i.indexrelid)
               FROM unnest(%(oids)s::oid[]) r JOIN pg_index i ON i.indexrelid = r
               WHERE NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid
                                 AND k.conrelid = i.indrelid)
               ORDER BY i.indexrelid""",
            p,
        ),
        "functions": _rows(
            cursor,
            f"SELECT pg_get_functiondef(o.objid) FROM ({IN_SCHEMA}) o "  # noqa: S608 (constants)
            "WHERE o.classid = 'pg_proc'::regclass ORDER BY o.objid",
            p,
        ),
        "triggers": _rows(
            cursor,
            """SELECT pg_get_triggerdef(t.oid)
               FROM unnest(%(oids)s::oid[]) r JOIN pg_trigger t ON t.tgrelid = r
               WHERE NOT t.tgisinternal ORDER BY t.oid""",
            p,
        ),
        "positions": _rows(
            cursor,
            """SELECT c.relname, pg_sequence_last_value(c.oid)
               FROM unnest(%(sequences)s::oid[]) r JOIN pg_class c ON c.oid = r""",
            p,
        ),
    }
    cursor.execute(
        "SET LOCAL enable_seqscan TO DEFAULT; SET LOCAL enable_hashjoin TO DEFAULT; "
        "SET LOCAL enable_mergejoin TO DEFAULT; "
        "SET LOCAL max_parallel_workers_per_gather TO DEFAULT"
    )
    return found


def _sequence_options(type_, start, increment, minimum, maximum, cache, cycle) -> str:
    return (
        f"AS {type_} INCREMENT {increment} MINVALUE {minimum} MAXVALUE {maximum} "
        f"START {start} CACHE {cache} {'' if cycle else 'NO '}CYCLE"
    )


@dataclass(frozen=True)
class SchemaScript:
    """The statements that rebuild a schema under `dest`: `before` creates the schema, its
    sequences and tables with their columns, identities and defaults; then the rows go into
    `tables`; `after` sets the sequences and adds keys, indexes, functions and triggers (after the
    rows: nothing fires or is checked row by row while they are copied). `before` sets the search
    path locally, so the statements run in one transaction."""

    before: list[str]
    tables: list[str]
    after: list[str]


def schema_script(cursor, *, source: str, dest: str) -> SchemaScript:
    """Read `source` (inside the caller's transaction) and write the statements that rebuild it
    as `dest`; `dest` may be `source` itself (a backup, restored under its own name)."""
    found = _read(cursor, source)
    dst = _q(dest)
    before = [f"CREATE SCHEMA {dst}", f"SET LOCAL search_path TO {dst}, public"]
    for name, *options in found["sequences"]:
        before.append(f"CREATE SEQUENCE {dst}.{_q(name)} {_sequence_options(*options)}")
    definitions: dict[str, list[str]] = {table: [] for (table,) in found["tables"]}
    for table, column, type_, not_null, collation in found["columns"]:
        definitions[table].append(
            f"{_q(column)} {type_}{f' COLLATE {collation}' if collation else ''}"
            f"{' NOT NULL' if not_null else ''}"
        )
    for table, name, definition in found["checks"]:
        definitions[table].append(f"CONSTRAINT {_q(name)} {definition}")
    for table, parts in definitions.items():
        before.append(f"CREATE TABLE {dst}.{_q(table)} ({', '.join(parts)})")
    # Identity columns with their sequence's own name and parameters (as a table's identity
    # would otherwise be named after the table, which a renamed table no longer matches).
    for table, column, kind, sequence, *options in found["identities"]:
        before.append(
            f"ALTER TABLE {_q(table)} ALTER COLUMN {_q(column)} ADD GENERATED "
            f"{'ALWAYS' if kind == 'a' else 'BY DEFAULT'} AS IDENTITY (SEQUENCE NAME "
            f"{dst}.{_q(sequence)})"
        )
        # The type separately: an identity's options may not name one (it follows the
        # column's), yet a column widened later (AutoField to BigAutoField) kept its old one.
        before.append(f"ALTER SEQUENCE {dst}.{_q(sequence)} {_sequence_options(*options)}")
    for table, column, expression in found["defaults"]:
        before.append(f"ALTER TABLE {_q(table)} ALTER COLUMN {_q(column)} SET DEFAULT {expression}")
    for sequence, table, column in found["owned"]:
        before.append(f"ALTER SEQUENCE {_q(sequence)} OWNED BY {_q(table)}.{_q(column)}")
    after = []
    for sequence, last_value in found["positions"]:
        if last_value is None:  # never used: the new one starts where the source's would
            continue
        after.append(f"SELECT setval('{dst}.{_q(sequence)}', {int(last_value)})")
    for table, name, definition in found["constraints"]:
        after.append(f"ALTER TABLE {_q(table)} ADD CONSTRAINT {_q(name)} {definition}")
    # pg_get_indexdef, pg_get_triggerdef and pg_get_functiondef name the table or the function
    # with its schema whatever the search path (since CVE-2018-1058), quoted only when it must be
    # (as quote_ident does): that one name is replaced.
    shown = source if re.fullmatch(r"[a-z_][a-z0-9_]*", source) else _q(source)

    def moved(definition: str, marker: str) -> str:
        if f"{marker}{shown}." not in definition:
            raise CloneError(f"unexpected definition: {definition[:100]}")
        return definition.replace(f"{marker}{shown}.", f"{marker}{dst}.", 1)

    after += [moved(definition, " ON ") for (definition,) in found["indexes"]]
    after += [moved(definition, "FUNCTION ") for (definition,) in found["functions"]]
    after += [moved(definition, " ON ") for (definition,) in found["triggers"]]
    return SchemaScript(before=before, tables=[table for (table,) in found["tables"]], after=after)


def schema_clone(*, source: str, dest: str) -> None:
    """Create schema `dest` as a copy of `source`, structure and rows, in one transaction (the
    caller's when there is one: SET LOCAL needs it)."""
    with transaction.atomic(), connection.cursor() as cursor:
        script = schema_script(cursor, source=source, dest=dest)
        src = _q(source)
        # Names from the catalogue, quoted: no input reaches these statements.
        rows = [
            f"INSERT INTO {_q(t)} OVERRIDING SYSTEM VALUE SELECT * FROM {src}.{_q(t)}"  # noqa: S608
            for t in script.tables
        ]
        run_statements(cursor, [*script.before, *rows, *script.after])


def run_statements(cursor, statements: list[str]) -> None:
    """Runs `statements` in one round trip (the simple protocol: no parameters): a clone is
    about 2,400 statements, and one round trip each cost a third of its time."""
    if statements:
        cursor.execute(";\n".join(statements))
