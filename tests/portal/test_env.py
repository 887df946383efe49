import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from portal import env


def test_development_defaults_need_nothing_set():
    values = env.load(environ={})
    assert values["DATABASE_URL"] is None
    assert values["CELERY_BROKER_URL"] is None
    assert values["DEBUG"] is False
    assert values["PLATFORM_HOSTS"] == ["localhost", "127.0.0.1"]
    assert values["DATA_DIR"] == env.BASE_DIR / ".data"


def test_values_are_parsed_to_their_types():
    values = env.load(
        environ={
            "DEBUG": "yes",
            "ALLOWED_HOSTS": "a.org, b.org",
            "PORT": "9000",
            "DATA_DIR": "/srv",
        }
    )
    assert values["DEBUG"] is True
    assert values["ALLOWED_HOSTS"] == ["a.org", "b.org"]
    assert values["PORT"] == 9000
    assert str(values["DATA_DIR"]) == "/srv"


def test_production_requires_secret_key_hosts_and_database():
    with pytest.raises(ImproperlyConfigured) as raised:
        env.load(production=True, environ={})
    message = str(raised.value)
    for name in ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"):
        assert name in message


def test_production_names_only_what_is_missing():
    with pytest.raises(ImproperlyConfigured) as raised:
        env.load(production=True, environ={"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "a.org"})
    assert "DATABASE_URL" in str(raised.value)
    assert "SECRET_KEY" not in str(raised.value)


def test_invalid_values_are_reported_without_leaking_secrets():
    with pytest.raises(ImproperlyConfigured) as raised:
        env.load(environ={"DEBUG": "maybe", "PORT": "eighty", "DATABASE_URL": "postgres://x"})
    message = str(raised.value)
    assert "DEBUG='maybe'" in message
    assert "PORT='eighty'" in message


def test_production_settings_stop_start_up_with_a_clear_message():
    clean = {k: v for k, v in os.environ.items() if k not in {v.name for v in env.VARIABLES}}
    clean["DJANGO_SETTINGS_MODULE"] = "portal.settings.production"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        env=clean,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "missing required environment variables" in result.stderr
    assert "SECRET_KEY" in result.stderr


def test_production_settings_load_when_configured():
    configured = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "a-production-secret-key-that-is-long-enough-for-django-checks-0123",
        "ALLOWED_HOSTS": "jms.example.org",
        "DATABASE_URL": "postgres://portal:secret@db.invalid:5432/portal",
    }
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.DEBUG, s.SECURE_HSTS_SECONDS, s.DATABASES['default']['HOST'])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env=configured,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "31536000", "db.invalid"]
