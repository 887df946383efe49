"""Triggers and functions of the federation schemas, read against how Citus runs a trigger on a
shard (sources.DOC_TRIGGERS, sources.DOC_NESTED)."""

from __future__ import annotations

from tenants.citus.catalogue import READ_PUBLIC, Catalogue, body_traits, closure
from tenants.citus.report import BLOCKER, WARNING, Hit
from tenants.citus.sources import DOC_NESTED, DOC_SCHEMA_LIMITS, DOC_TRIGGERS

# What a trait of a trigger function (or a function it calls) means on a shard:
# (trait, what the function does, why it matters there, whether it blocks the move).
_TRAIT_REASONS = (
    (
        "tg_table_name",
        "Uses TG_TABLE_NAME",
        "on a shard it is the shard's name, <table>_<shardid>, so what it records, compares or "
        "hashes changes.",
        True,
    ),
    (
        "current_schema",
        "Uses current_schema()",
        "on the worker it follows the search_path of Citus' connection, not the request's.",
        False,
    ),
    (
        "setting",
        "Reads a session setting",
        "a set_config made in the application's session on the coordinator is not seen by a "
        "trigger running in Citus' connection on the worker.",
        False,
    ),
    (
        "advisory",
        "Takes advisory locks",
        "they are per node; they still serialise writers of one federation (one node), but no "
        "longer exclude a lock the application takes on the coordinator.",
        False,
    ),
    (
        "temp_table",
        "Creates a temporary table",
        "a local table joined with the schema's (distributed) tables; to check on a cluster.",
        False,
    ),
)


def triggers(catalogue: Catalogue) -> list[Hit]:
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
        traits = body_traits(closure(function, functions), functions)
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
        for trait, what, why, blocks in _TRAIT_REASONS:
            if trait in traits:
                reasons.append(f"{what} ({', '.join(traits[trait])}): {why}")
                if blocks:
                    severity = BLOCKER
        if transition:
            reasons.append(
                "Statement-level with transition tables: PostgreSQL runs it on the shard per "
                "statement Citus sends there; to check on a cluster that a multi-row INSERT or "
                "COPY arrives as one statement."
            )
        hits.append(Hit("trigger", obj, severity, " ".join(reasons), DOC_TRIGGERS, (schema,)))
    cursor.execute(
        """
        SELECT c.relname, t.tgname FROM pg_trigger t
        JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE NOT t.tgisinternal AND n.nspname = 'public'
        """
    )
    for table, trigger in cursor.fetchall():
        hits.append(
            Hit(
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


def functions(catalogue: Catalogue) -> list[Hit]:
    """Functions of a federation schema that name the shared schema, and tenant objects that
    depend on a function living elsewhere."""
    cursor, tenant = catalogue.cursor, catalogue.tenant
    hits = []
    for schema, functions in catalogue.bodies.items():
        for name, body in functions.items():
            tables = sorted(set(READ_PUBLIC.findall(body)))
            if tables:
                hits.append(
                    Hit(
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
            Hit(
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
