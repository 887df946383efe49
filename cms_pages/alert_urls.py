"""/alerts/: notice alerts (cms_pages.alerts_views)."""

from django.urls import path

from cms_pages import alerts_views

urlpatterns = [
    path("new/", alerts_views.subscribe, name="notice_alert_subscribe"),
    path("confirm/<str:token>/", alerts_views.confirm, name="notice_alert_confirm"),
    path("unsubscribe/<str:token>/", alerts_views.unsubscribe, name="notice_alert_unsubscribe"),
    path("manage/<str:token>/", alerts_views.manage, name="notice_alert_manage"),
    path("link/", alerts_views.link, name="notice_alert_link"),
]
