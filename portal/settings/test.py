"""Test settings: only what differs from base."""

from .base import *
from .base import embedded

ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
WHITENOISE_AUTOREFRESH = True
LOGGING["root"]["level"] = "WARNING"
# Tests and their worker processes use their own queue (and, when embedded, their own broker
# folder), so a running `make demo` worker never takes a test's task or the other way round.
CELERY_TASK_DEFAULT_QUEUE = "portal-test"
if not ENV["CELERY_BROKER_URL"]:
    CELERY_BROKER_TRANSPORT_OPTIONS = embedded.broker_folders(DATA_DIR / "test")
MEDIA_ROOT = DATA_DIR / "test-media"
PRIVATE_MEDIA_ROOT = DATA_DIR / "test-private"
