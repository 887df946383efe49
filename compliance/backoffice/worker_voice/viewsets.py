from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSet

from compliance.backoffice.worker_voice import views


class WorkerVoiceViewSet(ViewSet):
    """The survey and inspection steps, reached from a contract's page (no menu item)."""

    name = "worker_voice"
    url_prefix = "worker-voice"
    icon = "group"
    menu_label = _("Workers' voice")
    add_to_admin_menu = False

    def get_urlpatterns(self):
        return [
            path("open/<int:pk>/", views.survey_open_view, name="open"),
            path("poster/<int:pk>/", views.survey_poster_view, name="poster"),
            path("codes/<int:pk>/", views.survey_codes_view, name="codes"),
            path("close/<int:pk>/", views.survey_close_view, name="close"),
            path("inspection/<int:pk>/", views.inspection_add_view, name="inspection"),
        ]
