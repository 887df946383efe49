"""`manage.py citus_blockers` (issue 20 item 6) reads today's catalogue and lists what would block
schema-based sharding on Citus, each finding grouped across the federation schemas."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection

from tenants import citus
from tenants.management.commands.citus_blockers import Command


def _run(*args) -> str:
    out = io.StringIO()
    call_command("citus_blockers", *args, stdout=out)
    return out.getvalue()


def _json(*args) -> dict:
    return json.loads(_run("--format", "json", *args))


def _findings(report: dict, kind: str) -> list[dict]:
    return [f for f in report["findings"] if f["kind"] == kind]


def test_the_audit_chain_trigger_is_one_finding_counted_in_every_federation(fed_a, fed_b):
    report = _json()
    assert report["federations"] == 2
    assert report["template"] == "tenant_template"
    audit = [f for f in _findings(report, "trigger") if "compliance_audit_append()" in f["object"]]
    assert len(audit) == 1
    assert audit[0]["federation_schemas"] == 2
    assert audit[0]["in_template"] is True
    assert "audit_chain on" in audit[0]["object"]
    assert "TG_TABLE_NAME" in audit[0]["why"]
    assert audit[0]["severity"] == citus.BLOCKER


def test_the_figures_trigger_writing_to_public_is_a_blocker(fed_a, fed_b):
    report = _json()
    figures = [
        f for f in _findings(report, "trigger") if "compliance_figures_changed()" in f["object"]
    ]
    assert len(figures) == 1
    assert figures[0]["severity"] == citus.BLOCKER
    assert "public.tenants_figurechange" in figures[0]["why"]
    assert "figures_ledger_change on compliance_enterprise" in figures[0]["object"]


def test_a_federation_that_differs_splits_the_group_with_the_right_counts(fed_a, fed_b):
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER audit_chain ON fed_b.compliance_historicalenterprise")
    audit = [
        (f["object"].split(" ← ")[1], f["federation_schemas"], f["in_template"])
        for f in _findings(_json(), "trigger")
        if f["object"].startswith("compliance_audit_append()")
    ]
    tables = max(int(called_by.split()[2]) for called_by, _count, _template in audit)
    assert sorted(audit) == [
        (f"audit_chain on {tables - 1} tables", 1, False),
        (f"audit_chain on {tables} tables", 1, True),
    ]


def test_a_foreign_key_from_public_to_a_federation_is_a_blocker_and_fails_the_command(
    fed_a, fed_b, capsys
):
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE public.citus_probe (id integer PRIMARY KEY, enterprise_id bigint "
            "CONSTRAINT citus_probe_enterprise REFERENCES fed_a.compliance_enterprise (id))"
        )
    report = _json()
    fkeys = _findings(report, "foreign key → federation schema")
    assert [f["object"] for f in fkeys] == [
        "public.citus_probe.citus_probe_enterprise → <federation>.compliance_enterprise"
    ]
    assert fkeys[0]["severity"] == citus.BLOCKER
    assert fkeys[0]["federation_schemas"] == 1
    with pytest.raises(SystemExit) as exited:
        Command().run_from_argv(["manage.py", "citus_blockers", "--fail-on-blockers"])
    assert exited.value.code == 1
    assert "blocker(s) to Citus schema-based sharding" in capsys.readouterr().err


def test_a_foreign_key_from_a_federation_to_public_is_allowed(fed_a, fed_b):
    with connection.cursor() as cursor:
        for schema in ("fed_a", "fed_b"):
            cursor.execute(
                f"ALTER TABLE {schema}.compliance_enterprise ADD COLUMN probe_id bigint "
                "CONSTRAINT enterprise_probe REFERENCES public.tenants_federation (id)"
            )
    fkeys = _findings(_json(), "foreign key → public")
    assert [(f["object"], f["severity"], f["federation_schemas"]) for f in fkeys] == [
        ("compliance_enterprise.enterprise_probe → public.tenants_federation", citus.OK, 2)
    ]


def test_without_blockers_the_command_exits_zero_even_when_asked_to_fail(
    fed_a, fed_b, monkeypatch, capsys
):
    real = citus.citus_blockers

    def only_warnings():
        report = real()
        report.findings = [f for f in report.findings if f.severity != citus.BLOCKER]
        return report

    monkeypatch.setattr("tenants.management.commands.citus_blockers.citus_blockers", only_warnings)
    Command().run_from_argv(["manage.py", "citus_blockers", "--fail-on-blockers"])
    assert "0 blocker" in capsys.readouterr().out


def test_the_table_names_each_finding_with_its_count_and_source(fed_a, fed_b):
    out = _run()
    assert out.startswith("Citus schema-based sharding")
    assert "2 federation schemas + template tenant_template" in out
    line = next(row for row in out.splitlines() if "compliance_audit_append()" in row)
    assert line.split()[:4] == ["blocker", "trigger", "2", "+"]
    assert "doc: https://docs.citusdata.com/en/stable/extra/triggers.html" in out
    assert "search_path" in out


def test_the_command_only_reads(fed_a, fed_b):
    """Every statement it sends is a SELECT (or the read-only transaction it opens)."""
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        _run("--format", "json")
    statements = [q["sql"].lstrip().split()[0].upper() for q in queries.captured_queries]
    assert set(statements) <= {"SELECT", "SET"}, statements
    assert len(queries.captured_queries) < 30
