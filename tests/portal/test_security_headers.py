"""Security headers: an enforced CSP everywhere (strict on public pages), no public caching of
what signed-in users see, and `check --deploy` clean with the production settings."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

from portal.middleware import ADMIN_POLICY, PUBLIC_POLICY
from tests.conftest import SPEC_A
from tests.signin import sign_in

ROOT = Path(__file__).resolve().parents[2]


def _directives(policy: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in policy.split(";"))


def test_public_pages_and_open_data_get_the_strict_policy(client_a, settings):
    settings.OPEN_DATA_RATE_LIMIT = 10**9  # other tests' requests this minute do not count here
    for path in ("/", "/api/v1/notices/", "/api/v1/openapi.json"):
        response = client_a.get(path)
        assert response.status_code == 200, path
        policy = response["Content-Security-Policy"]
        assert policy == PUBLIC_POLICY
        directives = _directives(policy)
        assert directives["script-src"] == "'self'"
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
        assert directives["frame-ancestors"] == "'none'"
    assert client_a.get("/")["X-Content-Type-Options"] == "nosniff"


def test_admin_pages_are_private_and_framed_only_by_themselves(client_a):
    login = client_a.get("/admin/login/")
    assert login["Content-Security-Policy"] == ADMIN_POLICY
    assert "private" in login["Cache-Control"] or "no-store" in login["Cache-Control"]
    sign_in(client_a, SPEC_A.admin_email)
    for path in ("/admin/", "/admin/enterprises/"):
        response = client_a.get(path, follow=True)
        assert response.status_code == 200, path
        assert "public" not in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"] or "private" in response["Cache-Control"]
    # A signed-in editor's view of a public page is not cached by shared caches either.
    assert "public" not in client_a.get("/api/v1/notices/")["Cache-Control"]


def test_check_deploy_reports_nothing_with_the_production_settings():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "portal.example.org",
        "DATABASE_URL": "postgres://portal@db.example.org:5432/portal",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
