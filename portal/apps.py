from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Platform")

    def ready(self):
        from django.core.signals import request_finished

        from portal.db_backend.base import recycle_if_due

        request_finished.connect(recycle_if_due, dispatch_uid="portal.recycle_connection")
