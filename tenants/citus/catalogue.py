"""What several checks read: the tenant schemas' function bodies (fetched once, grouped in SQL),
and what a trigger function and the functions it calls do."""

from __future__ import annotations

import re
from functools import cached_property

_CALL = r"\b{name}\s*\("
WRITE_PUBLIC = re.compile(r"\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+public\.(\w+)", re.I)
READ_PUBLIC = re.compile(r"\bpublic\.(\w+)", re.I)
PATTERNS = {
    "tg_table_name": re.compile(r"\bTG_TABLE_NAME\b", re.I),
    "current_schema": re.compile(r"\bcurrent_schema\s*\(", re.I),
    "advisory": re.compile(r"\bpg_advisory\w*", re.I),
    "temp_table": re.compile(r"\bCREATE\s+TEMP(?:ORARY)?\s+TABLE\b", re.I),
    "setting": re.compile(r"\bcurrent_setting\s*\(", re.I),
}


class Catalogue:
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


def closure(name: str, functions: dict[str, str]) -> list[str]:
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


def body_traits(names: list[str], functions: dict[str, str]) -> dict[str, list[str]]:
    traits: dict[str, list[str]] = {}
    for fn in names:
        body = functions[fn]
        for table in WRITE_PUBLIC.findall(body):
            traits.setdefault("writes_public", []).append(f"{fn}: public.{table}")
        for table in READ_PUBLIC.findall(body):
            traits.setdefault("reads_public", []).append(f"{fn}: public.{table}")
        for trait, pattern in PATTERNS.items():
            if pattern.search(body):
                traits.setdefault(trait, []).append(fn)
    return traits
