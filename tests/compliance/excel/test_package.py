"""The excel package stays free of the ORM; the import status changes in one service only."""

import ast
from pathlib import Path

import compliance

ROOT = Path(compliance.__file__).parent


def test_the_excel_package_imports_no_orm():
    for path in (ROOT / "excel").glob("*.py"):
        tree = ast.parse(path.read_text())
        modules = [
            node.module if isinstance(node, ast.ImportFrom) else alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.Import | ast.ImportFrom)
            for alias in node.names
        ]
        for module in filter(None, modules):
            assert not module.startswith(
                ("django.db", "compliance.models", "compliance.services")
            ), (
                path.name,
                module,
            )


def test_only_the_imports_service_sets_an_import_job_status():
    owner = ROOT / "services" / "imports" / "jobs.py"
    for path in ROOT.rglob("*.py"):
        if path == owner or "migrations" in path.parts:
            continue
        text = path.read_text()
        for status in ("Status.RUNNING", "Status.DONE", "Status.FAILED"):
            assert f"ImportJob.{status}" not in text, (path, status)
