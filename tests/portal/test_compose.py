"""Docker cannot run on the build machines: check the compose file's structure instead."""

import yaml
from django.conf import settings


def _compose():
    return yaml.safe_load((settings.BASE_DIR / "docker-compose.yml").read_text())


def test_services_are_the_production_stack():
    services = _compose()["services"]
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(services)


def test_backing_services_have_health_checks():
    services = _compose()["services"]
    assert "pg_isready" in " ".join(services["postgres"]["healthcheck"]["test"])
    assert "ping" in services["redis"]["healthcheck"]["test"]
    assert services["postgres"]["image"].startswith("postgres:")
    assert services["redis"]["image"].startswith("redis:")


def test_web_worker_beat_are_one_image_with_different_commands():
    services = _compose()["services"]
    app = [services[name] for name in ("web", "worker", "beat")]
    assert len({s["image"] for s in app}) == 1
    assert all(s["build"] == "." for s in app)
    assert app[0]["command"][0] == "gunicorn"
    assert app[1]["command"][:4] == ["celery", "-A", "portal", "worker"]
    assert app[2]["command"][:4] == ["celery", "-A", "portal", "beat"]


def test_app_waits_for_healthy_database_and_broker_and_migrations():
    services = _compose()["services"]
    for name in ("web", "worker", "beat"):
        depends = services[name]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"
        assert depends["migrate"]["condition"] == "service_completed_successfully"
    assert services["migrate"]["command"] == ["python", "manage.py", "migrate_platform"]


def test_app_is_configured_for_the_real_services():
    environment = _compose()["services"]["web"]["environment"]
    assert environment["DATABASE_URL"].startswith("postgres://")
    assert environment["CELERY_BROKER_URL"].startswith("redis://")
    assert "SECRET_KEY" in environment


def test_dockerfile_uses_production_settings_and_the_lock_file():
    dockerfile = (settings.BASE_DIR / "Dockerfile").read_text()
    assert "FROM python:3.11" in dockerfile
    assert "pip install -r requirements.lock" in dockerfile
    assert "DJANGO_SETTINGS_MODULE=portal.settings.production" in dockerfile
