from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "compliance"
    verbose_name = _("Collective bargaining")

    def ready(self):
        # Celery's registration: the tasks that services queue by name (portal.celery) must be
        # registered in every process, and the module needs the app registry ready.
        from compliance import tasks  # noqa: F401
