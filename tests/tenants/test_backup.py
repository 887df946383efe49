"""backup_federation / restore_federation round trip one federation with no difference and leave
the others alone. A backup reads committed data only, so this test works like an operator: the
scratch federation is made, changed and inspected by `manage.py` processes on the test database,
and removed at the end. Archives of the earlier format (pg_dump's) still restore."""

import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = "bk_scratch"

SEED = """
from compliance.models import Enterprise
from tenants import context
from tests.factories import compliance as f
with context.federation_context("bk_scratch"):
    for i in range(4):
        f.enterprise(employees=120 + i, union_members=40)
    e = Enterprise.objects.order_by("pk").first()
    e.employees = 333
    e.save()
"""
DAMAGE = """
from django.db import connection
from compliance.models import Enterprise
from tenants import context
with context.federation_context("bk_scratch"):
    Enterprise.objects.filter(employees=333).update(name="被改坏的名称")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM compliance_historicalenterprise WHERE employees = 121")
"""
FINGERPRINT = """
import json
from tenants.backup import schema_fingerprint
print(json.dumps(schema_fingerprint("{schema}")))
"""
VERIFY = """
from compliance.services.audit_trail import audit_trail_verify
from tenants import context
with context.federation_context("bk_scratch"):
    assert audit_trail_verify().intact
"""


def _conninfo() -> dict:
    db = settings.DATABASES["default"]
    return {
        "dbname": db["NAME"],
        "user": db.get("USER") or "postgres",
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
        "password": db.get("PASSWORD") or None,
    }


@pytest.fixture
def manage(django_db_setup, fed_a, tmp_path):
    """Run manage.py against the test database, as a separate process (committed work)."""
    info = _conninfo()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
        "DATABASE_URL": "postgres://{user}@{host}{port}/{dbname}".format(
            user=info["user"], host=quote(info["host"] or "localhost", safe=""),
            port=f":{info['port']}" if info["port"] else "", dbname=info["dbname"],
        ),
    }  # fmt: skip

    def run(*args, check=True):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if check:
            assert result.returncode == 0, result.stdout + result.stderr
        return result

    yield run
    with psycopg.connect(**{k: v for k, v in info.items() if v}, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{SCHEMA}" CASCADE')
        conn.execute(
            "DELETE FROM tenants_domain WHERE tenant_id IN "
            "(SELECT id FROM tenants_federation WHERE schema_name = %s)",
            [SCHEMA],
        )
        conn.execute("DELETE FROM tenants_federation WHERE schema_name = %s", [SCHEMA])
    for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
        shutil.rmtree(Path(root) / SCHEMA, ignore_errors=True)


def _fingerprint(manage, schema):
    output = manage("shell", "-c", FINGERPRINT.format(schema=schema)).stdout
    return json.loads(output.strip().splitlines()[-1])


def test_round_trip_restores_schema_media_and_leaves_others_alone(manage, tmp_path):
    manage(
        "create_federation", "--schema", SCHEMA, "--name", "备份演练总工会",
        "--domain", "bk-scratch.test", "--level", "county", "--region", "230803",
    )  # fmt: skip
    manage("shell", "-c", SEED)
    media = Path(settings.MEDIA_ROOT) / SCHEMA / "original_images" / "logo.png"
    private = Path(settings.PRIVATE_MEDIA_ROOT) / SCHEMA / "imports" / "ledger.xlsx"
    for path, data in ((media, b"\x89PNG fake image"), (private, b"PK private workbook")):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    before = _fingerprint(manage, SCHEMA)
    other_before = _fingerprint(manage, "fed_a")
    archive = tmp_path / "bk.tar"
    out = manage("backup_federation", "--schema", SCHEMA, str(archive)).stdout
    assert "Backed up bk_scratch" in out and "2 media files" in out

    manage("shell", "-c", DAMAGE)
    media.write_bytes(b"defaced")
    private.unlink()
    assert _fingerprint(manage, SCHEMA) != before

    refused = manage("restore_federation", str(archive), check=False)
    assert refused.returncode != 0 and "--replace" in refused.stderr
    restored = manage("restore_federation", str(archive), "--replace").stdout
    assert "identical to the backup" in restored
    assert _fingerprint(manage, SCHEMA) == before
    assert media.read_bytes() == b"\x89PNG fake image"
    assert private.read_bytes() == b"PK private workbook"
    assert _fingerprint(manage, "fed_a") == other_before
    manage("shell", "-c", VERIFY)  # the hash chain came back intact with the history

    # A damaged archive is refused before anything changes.
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "federation.json":
                data = data.replace("备份".encode(), "伪造".encode())
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    result = manage("restore_federation", str(damaged), "--replace", check=False)
    assert result.returncode != 0 and "checksum mismatch for federation.json" in result.stderr
    assert _fingerprint(manage, SCHEMA) == before
    # A restore that does not match its manifest is rolled back: the federation stays as it was.
    wrong = tmp_path / "wrong.tar"
    with tarfile.open(archive) as source, tarfile.open(wrong, "w") as target:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == "manifest.json":
                manifest = json.loads(data)
                manifest["tables"]["compliance_enterprise"][0] += 1
                data = json.dumps(manifest).encode()
                member.size = len(data)
            target.addfile(member, io.BytesIO(data))
    result = manage("restore_federation", str(wrong), "--replace", check=False)
    assert (
        result.returncode != 0 and "differ from the backup: compliance_enterprise" in result.stderr
    )
    assert _fingerprint(manage, SCHEMA) == before
    assert media.read_bytes() == b"\x89PNG fake image"
    missing = manage(
        "backup_federation", "--schema", "no_such", str(tmp_path / "x.tar"), check=False
    )
    assert missing.returncode != 0 and "No federation" in missing.stderr

    # An archive of format 1 (pg_dump's, written before 2026-12) still restores.
    with tarfile.open(archive) as source:
        names = source.getnames()
    assert "schema.json" in names and "data/compliance_enterprise.copy" in names
    old = _format_1_archive(archive, tmp_path / "format1.tar")
    manage("shell", "-c", DAMAGE)
    assert _fingerprint(manage, SCHEMA) != before
    restored = manage("restore_federation", str(old), "--replace").stdout
    assert "identical to the backup" in restored
    assert _fingerprint(manage, SCHEMA) == before
    manage("shell", "-c", VERIFY)


def _format_1_archive(archive: Path, out: Path) -> Path:
    """The archive as the backup wrote it before format 2: the schema and its rows as one
    `pg_dump --format=custom --schema` member instead of statements and COPY files."""
    from tenants.backup import _pg_binary, _pg_env

    args, env = _pg_env()
    dump = subprocess.run(
        [_pg_binary("pg_dump"), *args, "--format=custom", "--schema", SCHEMA, "--no-owner",
         "--no-privileges"],
        capture_output=True, env=env, check=True,
    ).stdout  # fmt: skip
    with tarfile.open(archive) as source:
        members = {m.name: source.extractfile(m).read() for m in source.getmembers()}
    manifest = json.loads(members.pop("manifest.json"))
    members = {
        name: data
        for name, data in members.items()
        if name != "schema.json" and not name.startswith("data/")
    }
    members["schema.dump"] = dump
    manifest["format"] = 1
    return _archive_of(out, members, manifest=manifest)


def _archive_of(path: Path, members: dict[str, bytes], *, manifest: dict | None = None) -> Path:
    """An archive of `members` with a manifest that agrees with them (`manifest`'s other keys, or
    a format-2 one of no tables)."""
    manifest = {
        **(manifest or {"format": 2, "schema": SCHEMA, "tables": {}}),
        "members": {name: hashlib.sha256(data).hexdigest() for name, data in members.items()},
    }
    with tarfile.open(path, "w") as target:
        for name, data in {"manifest.json": json.dumps(manifest).encode(), **members}.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            target.addfile(info, io.BytesIO(data))
    return path


TWO_TABLES = b'{"before": [], "tables": ["compliance_enterprise", "wagtailcore_page"], "after": []}'
NOT_STATEMENTS = b'{"before": [1], "tables": [], "after": []}'


@pytest.mark.parametrize(
    ("members", "message"),
    [
        # The manifest agrees with the members, but a table's rows are not among them.
        (
            {
                "federation.json": b"{}",
                "schema.json": TWO_TABLES,
                "data/wagtailcore_page.copy": b"",
            },
            "has no rows for table(s) compliance_enterprise",
        ),
        ({"schema.json": b'{"before": [], "tables": [], "after": []}'}, "has no federation.json"),
        ({"federation.json": b"{}"}, "has no schema.json"),
        ({"federation.json": b"{}", "schema.json": b'{"before": []}'}, "not readable"),
        ({"federation.json": b"{}", "schema.json": b"[1, 2]"}, "not readable"),
        ({"federation.json": b"{}", "schema.json": NOT_STATEMENTS}, "not readable"),
    ],
)
def test_an_incomplete_archive_is_refused_by_name_before_anything_is_touched(
    tmp_path, members, message
):
    """Regression: a format-2 archive whose manifest listed no rows for a table passed the
    checksums and failed halfway through the restore with a bare KeyError."""
    from tenants.backup import BackupError, _read_archive

    with pytest.raises(BackupError, match=re.escape(message)):
        _read_archive(_archive_of(tmp_path / "incomplete.tar", members))


def test_a_complete_archive_reads(tmp_path):
    """The other side of the refusals above: the smallest complete format-2 archive is accepted."""
    from tenants.backup import _read_archive

    members = {
        "federation.json": b"{}",
        "schema.json": b'{"before": ["SELECT 1"], "tables": ["t"], "after": []}',
        "data/t.copy": b"1\n",
    }
    manifest, contents = _read_archive(_archive_of(tmp_path / "complete.tar", members))
    assert manifest["schema"] == SCHEMA and contents == members
