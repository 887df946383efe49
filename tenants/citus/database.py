"""Database-wide findings: extensions, large objects, the catalogue each node would hold, and the
search_path the application routes by."""

from __future__ import annotations

from tenants.citus.catalogue import Catalogue
from tenants.citus.report import OK, WARNING, Hit
from tenants.citus.sources import (
    DOC_CONCEPTS,
    DOC_EXTENSIONS,
    DOC_LARGE_OBJECTS,
    DOC_SHELLS,
    KNOWN_EXTENSIONS,
)


def database(catalogue: Catalogue) -> list[Hit]:
    """Extensions, large objects, the catalogue per node and the search_path."""
    cursor, tenant = catalogue.cursor, catalogue.tenant
    hits = []
    cursor.execute("SELECT extname, extversion FROM pg_extension ORDER BY extname")
    for name, version in cursor.fetchall():
        known = name in KNOWN_EXTENSIONS
        hits.append(
            Hit(
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
            Hit(
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
            Hit(
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
        Hit(
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
