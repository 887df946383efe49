"""Backup and restore of one federation: its schema, its media, and its rows in the public schema.

An archive (format 2) is a tar file holding
- `manifest.json`: format version, schema, time, SHA-256 of every member, and a fingerprint of
  every table (row count and an md5 over its rows);
- `federation.json`: the Federation and Domain rows (public schema);
- `schema.json`: the statements that rebuild the schema, from `tenants.clone.schema_script`
  (sequences, tables, keys, indexes, functions, triggers), in two lists around the rows;
- `data/<table>.copy`: each table's rows in COPY's text format;
- `media/…` and `private/…`: the federation's folders under MEDIA_ROOT and PRIVATE_MEDIA_ROOT.

The schema, its rows and the fingerprints are read in one REPEATABLE READ transaction holding
ACCESS SHARE on every table (no DDL meanwhile; the site keeps writing). `pg_dump --schema` reads
the catalogue of the whole database before it keeps one schema: 16× its time at one federation
with 300 federations on the server. The clone's reader reaches the schema's objects by OID and
keeps backup time flat with the fleet (docs/scaling.md).

Restoring checks every checksum first, then (with `replace`) sets the federation's schema aside,
runs the statements and COPY in one transaction, puts the media back and the public rows, and
compares the fingerprints with the manifest: a restore that differs in any table fails loudly and
is undone. Archives of format 1 (`schema.dump`, made by `pg_dump --format=custom` before
2026-12) still restore, with pg_restore. Other federations are never touched: everything is
addressed by the one schema name. docs/operations.md has the procedure.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction

from tenants.clone import CloneError, run_statements, schema_script, schema_tables
from tenants.models import Domain, Federation

FORMAT = 2
READABLE_FORMATS = (1, 2)


class BackupError(Exception):
    pass


def _pg_binary(name: str) -> str:
    """pg_dump/pg_restore of the embedded server's release (16), which handle servers up to 16."""
    try:
        import pgserver

        candidate = Path(pgserver.__file__).parent / "pginstall" / "bin" / name
        if candidate.exists():
            return str(candidate)
    except ImportError:  # pragma: no cover - pgserver is a dependency
        pass
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} not found")
    return found


def _pg_env() -> tuple[list[str], dict[str, str]]:
    db = settings.DATABASES["default"]
    args = ["--dbname", db["NAME"], "--username", db.get("USER") or "postgres"]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _tables(schema: str) -> list[str]:
    with connection.cursor() as cursor:
        return schema_tables(cursor, schema)


def schema_fingerprint(schema: str, tables: list[str] | None = None) -> dict[str, list]:
    """{table: [rows, md5 of the rows in their text form's order]} for every table of `schema`
    (or those given), read on the current connection (in its transaction, if one is open)."""
    fingerprint: dict[str, list] = {}
    with connection.cursor() as cursor:
        for table in sorted(tables if tables is not None else _tables(schema)):
            name = f"{_quote(schema)}.{_quote(table)}"
            cursor.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), ''))"  # noqa: S608
                f" FROM {name} t"
            )
            count, digest = cursor.fetchone()
            fingerprint[table] = [count, digest]
    return fingerprint


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _federation_rows(federation: Federation) -> dict:
    return {
        "schema_name": federation.schema_name,
        "name": federation.name,
        "name_en": federation.name_en,
        "short_name": federation.short_name,
        "level": federation.level,
        "region_code": federation.region_code,
        "parent": federation.parent.schema_name if federation.parent_id else None,
        "domains": [
            {"domain": d.domain, "is_primary": d.is_primary}
            for d in Domain.objects.filter(tenant=federation).order_by("pk")
        ],
    }


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(dt.datetime.now().timestamp())
    archive.addfile(info, io.BytesIO(data))


def _media_roots(schema: str) -> dict[str, Path]:
    return {
        "media": Path(settings.MEDIA_ROOT) / schema,
        "private": Path(settings.PRIVATE_MEDIA_ROOT) / schema,
    }


def _read_schema(schema: str) -> tuple[dict[str, bytes], dict[str, list]]:
    """The archive members of `schema` (`schema.json` and `data/…`) and its fingerprint, in one
    snapshot. The tables are locked before the snapshot is taken (a REPEATABLE READ
    transaction's first query takes it), so the statements and the rows agree. Called inside a
    transaction (a test's), it reads in that transaction's snapshot instead."""
    tables = _tables(schema)
    if not tables:
        raise BackupError(f"schema {schema!r} has no tables")
    outermost = not connection.in_atomic_block
    members: dict[str, bytes] = {}
    with transaction.atomic(), connection.cursor() as cursor:
        if outermost:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        names = ", ".join(f"{_quote(schema)}.{_quote(t)}" for t in tables)
        cursor.execute(f"LOCK TABLE {names} IN ACCESS SHARE MODE")
        try:
            script = schema_script(cursor, source=schema, dest=schema)
        except CloneError as exc:
            raise BackupError(str(exc)) from exc
        if sorted(script.tables) != tables:
            raise BackupError(f"the tables of {schema!r} changed as the backup began; run it again")
        statements = {"before": script.before, "tables": script.tables, "after": script.after}
        members["schema.json"] = json.dumps(statements, ensure_ascii=False, indent=1).encode()
        for table in script.tables:
            data = io.BytesIO()
            with cursor.copy(f"COPY {_quote(schema)}.{_quote(table)} TO STDOUT") as copy:
                for chunk in copy:
                    data.write(chunk)
            members[f"data/{table}.copy"] = data.getvalue()
        fingerprint = schema_fingerprint(schema, tables)
    return members, fingerprint


def backup_federation(*, schema: str, out: Path) -> dict:
    """Write the archive of federation `schema` to `out`; returns the manifest."""
    federation = Federation.objects.get(schema_name=schema)
    schema_members, fingerprint = _read_schema(schema)
    public_rows = json.dumps(_federation_rows(federation), ensure_ascii=False, indent=2).encode()
    members = {name: _sha256(data) for name, data in schema_members.items()}
    members["federation.json"] = _sha256(public_rows)
    files: list[tuple[str, Path]] = []
    for prefix, root in _media_roots(schema).items():
        if root.is_dir():
            for path in sorted(p for p in root.rglob("*") if p.is_file()):
                name = f"{prefix}/{path.relative_to(root).as_posix()}"
                members[name] = _sha256(path.read_bytes())
                files.append((name, path))
    manifest = {
        "format": FORMAT,
        "schema": schema,
        "created_at": dt.datetime.now(dt.UTC).isoformat(),
        "members": members,
        "tables": fingerprint,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    with tarfile.open(partial, "w") as archive:
        _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=2).encode())
        _add_bytes(archive, "federation.json", public_rows)
        for name, data in schema_members.items():
            _add_bytes(archive, name, data)
        for name, path in files:
            archive.add(path, arcname=name, recursive=False)
    partial.replace(out)  # a crash never leaves a truncated archive under the final name
    return manifest


def _read_archive(path: Path) -> tuple[dict, dict[str, bytes]]:
    contents: dict[str, bytes] = {}
    with tarfile.open(path, "r") as archive:
        for member in archive.getmembers():
            if not member.isfile() or member.name.startswith("/") or ".." in member.name.split("/"):
                raise BackupError(f"unexpected member in the archive: {member.name}")
            contents[member.name] = archive.extractfile(member).read()
    try:
        manifest = json.loads(contents.pop("manifest.json"))
    except (KeyError, ValueError) as exc:
        raise BackupError("not a federation backup: no readable manifest.json") from exc
    if manifest.get("format") not in READABLE_FORMATS:
        raise BackupError(f"unsupported backup format {manifest.get('format')!r}")
    if set(contents) != set(manifest["members"]):
        raise BackupError("the archive's members do not match its manifest")
    for name, data in contents.items():
        if _sha256(data) != manifest["members"][name]:
            raise BackupError(f"checksum mismatch for {name}: the archive is damaged")
    _check_complete(manifest, contents)
    return manifest, contents


def _check_complete(manifest: dict, contents: dict[str, bytes]) -> None:
    """Every member a restore reads is there and readable: a manifest that lists no member
    for a table (an archive written by hand, or by a broken tool) is refused before anything is
    touched, with the name of what is missing, not a KeyError halfway through."""
    script_member = "schema.json" if manifest["format"] == 2 else "schema.dump"
    missing = [name for name in ("federation.json", script_member) if name not in contents]
    if missing:
        raise BackupError(f"the archive has no {', '.join(missing)}")
    try:
        json.loads(contents["federation.json"])
        if manifest["format"] == 1:
            return  # pg_restore reads and checks schema.dump itself
        script = json.loads(contents["schema.json"])
        tables = script["tables"]
        statements = [*script["before"], *tables, *script["after"]]
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        raise BackupError("the archive's federation.json or schema.json is not readable") from exc
    if not all(isinstance(statement, str) for statement in statements):
        raise BackupError("the archive's schema.json is not readable")
    missing = [t for t in tables if f"data/{t}.copy" not in contents]
    if missing:
        raise BackupError(f"the archive has no rows for table(s) {', '.join(sorted(missing))}")


def restore_federation(*, archive: Path, replace: bool = False) -> dict:
    """Restore the federation in `archive` under its own schema name. Refuses to overwrite an
    existing federation unless `replace`. Returns the manifest; raises BackupError when the
    restored tables differ from the backup's fingerprints."""
    manifest, contents = _read_archive(archive)
    schema = manifest["schema"]
    public_rows = json.loads(contents["federation.json"])
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", [schema])
        exists = cursor.fetchone() is not None
    if exists and not replace:
        raise BackupError(f"schema {schema!r} exists; pass --replace to overwrite it")
    # The current schema and media are set aside, not dropped, until the restore has been
    # checked: a failed restore puts them back, so --replace never loses the federation.
    aside = f"{schema}__pre_restore"
    roots = _media_roots(schema)
    if exists:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_namespace WHERE nspname = %s", [aside])
            if cursor.fetchone():
                raise BackupError(f"schema {aside!r} is left from an earlier restore; inspect it")
            cursor.execute(f"ALTER SCHEMA {_quote(schema)} RENAME TO {_quote(aside)}")
        for root in roots.values():
            if root.exists():
                root.rename(root.with_name(root.name + "__pre_restore"))
    try:
        _restore_into(schema, manifest, contents, roots)
        _restore_public_rows(public_rows)
    except BaseException:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA IF EXISTS {_quote(schema)} CASCADE")
            if exists:
                cursor.execute(f"ALTER SCHEMA {_quote(aside)} RENAME TO {_quote(schema)}")
        for root in roots.values():
            shutil.rmtree(root, ignore_errors=True)
            kept = root.with_name(root.name + "__pre_restore")
            if kept.exists():
                kept.rename(root)
        raise
    if exists:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DROP SCHEMA {_quote(aside)} CASCADE")
        for root in roots.values():
            shutil.rmtree(root.with_name(root.name + "__pre_restore"), ignore_errors=True)
    return manifest


def _restore_into(schema: str, manifest: dict, contents: dict, roots: dict[str, Path]) -> None:
    if manifest["format"] == 1:
        _pg_restore(contents)
    else:
        _run_script(schema, contents)
    for prefix, root in roots.items():
        for name, data in contents.items():
            if name.startswith(prefix + "/"):
                target = root / name.removeprefix(prefix + "/")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
    restored = schema_fingerprint(schema)
    differing = sorted(
        t for t in set(restored) | set(manifest["tables"])
        if restored.get(t) != manifest["tables"].get(t)
    )  # fmt: skip
    if differing:
        raise BackupError(f"restored tables differ from the backup: {', '.join(differing)}")


def _run_script(schema: str, contents: dict) -> None:
    """Format 2: the statements around COPY of each table's rows, in one transaction."""
    script = json.loads(contents["schema.json"])
    with transaction.atomic(), connection.cursor() as cursor:
        run_statements(cursor, script["before"])
        for table in script["tables"]:
            with cursor.copy(f"COPY {_quote(schema)}.{_quote(table)} FROM STDIN") as copy:
                copy.write(contents[f"data/{table}.copy"])
        run_statements(cursor, script["after"])


def _pg_restore(contents: dict) -> None:
    """Format 1: the custom-format dump, restored by pg_restore in one transaction."""
    args, env = _pg_env()
    with tempfile.NamedTemporaryFile(suffix=".dump") as dump_file:
        dump_file.write(contents["schema.dump"])
        dump_file.flush()
        result = subprocess.run(
            [_pg_binary("pg_restore"), *args, "--no-owner", "--no-privileges", "--exit-on-error",
             "--single-transaction", dump_file.name],
            capture_output=True, env=env, check=False,
        )  # fmt: skip
    if result.returncode:
        raise BackupError(result.stderr.decode(errors="replace").strip())


def _restore_public_rows(rows: dict) -> None:
    with transaction.atomic():
        parent = (
            Federation.objects.filter(schema_name=rows["parent"]).first()
            if rows["parent"]
            else None
        )
        federation = Federation.objects.filter(schema_name=rows["schema_name"]).first()
        if federation is None:
            federation = Federation(schema_name=rows["schema_name"])
            federation.auto_create_schema = False  # the schema came from the dump
        for key in ("name", "name_en", "short_name", "level", "region_code"):
            setattr(federation, key, rows[key])
        federation.parent = parent
        federation.save()
        for domain in rows["domains"]:
            Domain.objects.update_or_create(
                domain=domain["domain"],
                defaults={"tenant": federation, "is_primary": domain["is_primary"]},
            )


@dataclass(frozen=True)
class LockBudget:
    """How many locks a fleet's backups, restores and provisioning take, against the server's
    shared lock table (max_locks_per_transaction × (max_connections + max_prepared_transactions)
    slots, shared by every transaction)."""

    federations: int
    relations_per_federation: int  # every relation, TOAST too: a clone or restore locks each
    tables_per_federation: int  # what a whole-database pg_dump locks in each (ACCESS SHARE)
    max_locks_per_transaction: int
    lock_slots: int
    concurrent: int  # provisionings and restores expected at once (the fleet workers, say)

    @property
    def whole_database_dump(self) -> int:
        return self.federations * self.tables_per_federation

    @property
    def one_federation(self) -> int:
        return self.concurrent * self.relations_per_federation

    def needed(self, *, whole_database: bool, slots_per_lock: int) -> int:
        """max_locks_per_transaction for the work, with 50% headroom for the requests."""
        locks = self.whole_database_dump if whole_database else self.one_federation
        return -(-int(locks * 1.5) // slots_per_lock)


def lock_budget(*, concurrent: int = 2) -> LockBudget:
    """Read the template's size, the fleet's and the server's lock settings (docs/scaling.md)."""
    from django.conf import settings as django_settings

    template = django_settings.TENANT_BASE_SCHEMA
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*) FILTER (WHERE c.relkind IN ('r', 'p')),
                   count(*) + count(t.oid) * 2
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_class t ON t.oid = c.reltoastrelid
            WHERE n.nspname = %s
            """,
            [template],
        )
        tables, relations = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM public.tenants_federation")
        (federations,) = cursor.fetchone()
        cursor.execute(
            "SELECT current_setting('max_locks_per_transaction')::int, "
            "current_setting('max_connections')::int "
            "+ current_setting('max_prepared_transactions')::int"
        )
        per_transaction, backends = cursor.fetchone()
    return LockBudget(
        federations=federations,
        relations_per_federation=relations,
        tables_per_federation=tables,
        max_locks_per_transaction=per_transaction,
        lock_slots=per_transaction * backends,
        concurrent=concurrent,
    )
