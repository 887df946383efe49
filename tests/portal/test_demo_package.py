"""The demo content (portal/demo/) consumes the domain; the apps it seeds never import it."""

import ast

from django.conf import settings

APPS = ("compliance", "cms_pages", "tenants", "accounts")


def _imported(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)


def test_no_app_imports_the_demo_package():
    offenders = [
        str(path.relative_to(settings.BASE_DIR))
        for app in APPS
        for path in sorted((settings.BASE_DIR / app).rglob("*.py"))
        if any(
            name == "portal.demo" or name.startswith("portal.demo.")
            for name in _imported(ast.parse(path.read_text()))
        )
    ]
    assert offenders == []
