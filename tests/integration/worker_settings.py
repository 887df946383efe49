"""Settings of the Celery worker processes the integration tests start: the test settings with
tasks sent through the broker. portal.settings.test runs tasks eagerly for the in-process tests;
inside a worker that ran a retry or a fan-out's tasks inline, within the task that sent them,
instead of as messages of their own."""

from portal.settings.test import *  # noqa: F403

CELERY_TASK_ALWAYS_EAGER = False
