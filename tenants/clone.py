"""Cloning the template schema into a new federation's, in time that does not grow with the fleet.

django-tenants' `clone_schema` (pg-clone-schema) looks up each table's columns in
`information_schema.columns` two or three times. Those views compare names as `sql_identifier`,
so no catalogue index applies: every lookup scans `pg_attribute` for the whole database. At 100
federations one lookup took 73 ms and a clone ~30 s; at 3,000 it would be ~15 minutes a clone
(docs/scaling.md). This clone reads the template's catalogue by namespace OID (indexed) and
rebuilds it with PostgreSQL's own deparsers:

- each table with `CREATE TABLE … (LIKE template.t INCLUDING CONSTRAINTS, STORAGE, COMPRESSION,
  COMMENTS)`: columns, NOT NULL and CHECK constraints as they are;
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
inheritance) stops the clone with a message rather than producing a partial schema.
`tests/tenants/test_clone.py` compares a clone with the template and with the library's clone,
object by object.
"""

from __future__ import annotations

import re

from django.db import connection, transaction

UNSUPPORTED_SQL = """
SELECT 'type ' || typname FROM pg_type t
 WHERE typnamespace = %(ns)s AND typtype::text IN ('e', 'd', 'r', 'm')
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
"""


class CloneError(Exception):
    pass


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _rows(cursor, sql: str, params: dict) -> list[tuple]:
    cursor.execute(sql, params)
    return cursor.fetchall()


def _read(cursor, source: str) -> dict[str, list]:
    """Everything needed to rebuild `source`, deparsed with `source` alone on the search path."""
    cursor.execute("SELECT %s::regnamespace::oid", [_q(source)])
    (ns,) = cursor.fetchone()
    p = {"ns": ns}
    cursor.execute(f"SET LOCAL search_path TO {_q(source)}, pg_catalog")
    # pg_class has no index on the namespace alone: it is scanned once, here; every later query
    # reaches the schema's relations by OID (indexed).
    relations = _rows(
        cursor, "SELECT oid, relname, relkind FROM pg_class WHERE relnamespace = %(ns)s", p
    )
    p["oids"] = [oid for oid, _name, _kind in relations]
    p["sequences"] = [oid for oid, _name, kind in relations if kind == "S"]
    unsupported = [
        f"relation {name} of kind {kind}" for _o, name, kind in relations if kind not in "riS"
    ]
    unsupported += [row[0] for row in _rows(cursor, UNSUPPORTED_SQL, p)]
    if unsupported:
        raise CloneError(f"the template holds what the clone does not copy: {unsupported}")
    found = {
        "tables": sorted((name,) for _oid, name, kind in relations if kind == "r"),
        "sequences": _rows(
            cursor,
            """SELECT c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement,
                      s.seqmin, s.seqmax, s.seqcache, s.seqcycle
               FROM unnest(%(oids)s::oid[]) r JOIN pg_class c ON c.oid = r
               JOIN pg_sequence s ON s.seqrelid = c.oid
               WHERE NOT EXISTS (
                   SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'i')
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
        # need the referenced keys). CHECK constraints come with the table (LIKE copies them
        # exactly, names included).
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
            "SELECT pg_get_functiondef(oid) FROM pg_proc WHERE pronamespace = %(ns)s ORDER BY oid",
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
    return found


def _sequence_options(type_, start, increment, minimum, maximum, cache, cycle) -> str:
    return (
        f"AS {type_} INCREMENT {increment} MINVALUE {minimum} MAXVALUE {maximum} "
        f"START {start} CACHE {cache} {'' if cycle else 'NO '}CYCLE"
    )


def schema_clone(*, source: str, dest: str) -> None:
    """Create schema `dest` as a copy of `source`, structure and rows, in one transaction (the
    caller's when there is one: SET LOCAL needs it)."""
    with transaction.atomic(), connection.cursor() as cursor:
        found = _read(cursor, source)
        src, dst = _q(source), _q(dest)
        statements = [f"CREATE SCHEMA {dst}", f"SET LOCAL search_path TO {dst}, public"]
        for name, *options in found["sequences"]:
            statements.append(f"CREATE SEQUENCE {dst}.{_q(name)} {_sequence_options(*options)}")
        for (table,) in found["tables"]:
            statements.append(
                f"CREATE TABLE {dst}.{_q(table)} (LIKE {src}.{_q(table)} INCLUDING CONSTRAINTS "
                "INCLUDING STORAGE INCLUDING COMPRESSION INCLUDING COMMENTS)"
            )
        # Identity columns with their sequence's own name and parameters (LIKE's INCLUDING
        # IDENTITY would name it after the table, which a renamed table no longer matches).
        for table, column, kind, sequence, *options in found["identities"]:
            statements.append(
                f"ALTER TABLE {_q(table)} ALTER COLUMN {_q(column)} ADD GENERATED "
                f"{'ALWAYS' if kind == 'a' else 'BY DEFAULT'} AS IDENTITY (SEQUENCE NAME "
                f"{dst}.{_q(sequence)})"
            )
            # The type separately: an identity's options may not name one (it follows the
            # column's), yet a column widened later (AutoField to BigAutoField) kept its old one.
            statements.append(f"ALTER SEQUENCE {dst}.{_q(sequence)} {_sequence_options(*options)}")
        for table, column, expression in found["defaults"]:
            statements.append(
                f"ALTER TABLE {_q(table)} ALTER COLUMN {_q(column)} SET DEFAULT {expression}"
            )
        for sequence, table, column in found["owned"]:
            statements.append(f"ALTER SEQUENCE {_q(sequence)} OWNED BY {_q(table)}.{_q(column)}")
        for (table,) in found["tables"]:
            # Names from the catalogue, quoted: no input reaches this statement.
            statements.append(
                f"INSERT INTO {_q(table)} OVERRIDING SYSTEM VALUE SELECT * FROM {src}.{_q(table)}"  # noqa: S608
            )
        for sequence, last_value in found["positions"]:
            if last_value is None:  # never used: the new one starts where the template's would
                continue
            statements.append(f"SELECT setval('{dst}.{_q(sequence)}', {int(last_value)})")
        for table, name, definition in found["constraints"]:
            statements.append(f"ALTER TABLE {_q(table)} ADD CONSTRAINT {_q(name)} {definition}")
        # pg_get_indexdef, pg_get_triggerdef and pg_get_functiondef name the table or the
        # function with its schema whatever the search path (since CVE-2018-1058), quoted only
        # when it must be (as quote_ident does): that one name is replaced.
        shown = source if re.fullmatch(r"[a-z_][a-z0-9_]*", source) else src

        def moved(definition: str, marker: str) -> str:
            if f"{marker}{shown}." not in definition:
                raise CloneError(f"unexpected definition: {definition[:100]}")
            return definition.replace(f"{marker}{shown}.", f"{marker}{dst}.", 1)

        statements += [moved(definition, " ON ") for (definition,) in found["indexes"]]
        header = "FUNCTION "
        statements += [moved(definition, header) for (definition,) in found["functions"]]
        statements += [moved(definition, " ON ") for (definition,) in found["triggers"]]
        for statement in statements:
            cursor.execute(statement)
