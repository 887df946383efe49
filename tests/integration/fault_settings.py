"""Settings of the fault-injection tests' worker (tests/integration/test_faults.py).

The integration workers' settings plus: a queue of its own (the session's integration worker
must not take these tasks), a 4-second Redis visibility timeout swept every second with a
5-second lock on the sweep, so a message left unacknowledged by a killed worker is handed out
again within seconds instead of production's two hours, and e-mail written to files the test
reads back.
"""

from portal.settings.test import CELERY_BROKER_TRANSPORT_OPTIONS, DATA_DIR
from tests.integration.worker_settings import *  # noqa: F403

FAULT_QUEUE = "portal-faults"
CELERY_TASK_DEFAULT_QUEUE = FAULT_QUEUE
CELERY_BROKER_TRANSPORT_OPTIONS = {
    **CELERY_BROKER_TRANSPORT_OPTIONS,
    "visibility_timeout": 4,
    "unacked_restore_interval": 1,
    "unacked_restore_throttle": 1,
    # The restore sweep holds a Redis lock; a worker killed inside the sweep leaves it for this
    # long (kombu's default is 300 s) before another worker may restore anything.
    "unacked_mutex_expire": 5,
}
EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = DATA_DIR / "test-mail-faults"
