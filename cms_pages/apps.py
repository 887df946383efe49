from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsPagesConfig(AppConfig):
    name = "cms_pages"
    verbose_name = _("Public site")

    def ready(self):
        # Imported here: apps.py loads before the app registry is ready, and these import models.
        # Anything a public page shows changed: drop this federation's cached pages (the
        # version bump is the whole receiver; cms_pages.cache).
        from django.db.models.signals import post_delete, post_save
        from wagtail.documents import get_document_model
        from wagtail.models import Page
        from wagtail.signals import page_published, page_unpublished, post_page_move

        # Celery's registration: notice_sync queues the network channel's push by name, and
        # the alert tasks are queued by name (portal.celery).
        from cms_pages import tasks  # noqa: F401
        from cms_pages.cache import public_pages_changed
        from cms_pages.models import CaseTopic, FederationContact

        page_published.connect(public_pages_changed, dispatch_uid="cms_pages_published")
        page_unpublished.connect(public_pages_changed, dispatch_uid="cms_pages_unpublished")
        post_page_move.connect(public_pages_changed, dispatch_uid="cms_pages_moved")
        post_delete.connect(public_pages_changed, sender=Page, dispatch_uid="cms_pages_deleted")
        post_delete.connect(public_pages_changed, sender=CaseTopic, dispatch_uid="cms_pages_topic")
        for sender in (FederationContact, CaseTopic, get_document_model()):
            post_save.connect(
                public_pages_changed, sender=sender, dispatch_uid=f"cms_pages_{sender.__name__}"
            )
