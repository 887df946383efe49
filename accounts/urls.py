"""Mounted at /admin/second-factor/ in both URL confs (federations and platform), before the
admin itself, so the pages exist whatever the admin's own URL patterns catch."""

from django.urls import path

from accounts import views

urlpatterns = [
    path("", views.manage, name="accounts_manage"),
    path("enrol/", views.enrol, name="accounts_enrol"),
    path("verify/", views.verify, name="accounts_verify"),
    path("users/<int:user_id>/reset/", views.reset, name="accounts_reset"),
]
