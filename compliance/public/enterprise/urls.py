from django.urls import path

from compliance.public.enterprise import views

urlpatterns = [
    path("", views.home, name="enterprise_home"),
    path("sign-in/", views.sign_in, name="enterprise_sign_in"),
    path("sign-in/code/", views.code, name="enterprise_code"),
    path("sign-in/second-factor/", views.enrol, name="enterprise_enrol"),
    path("sign-out/", views.sign_out, name="enterprise_sign_out"),
    path("invitation/<str:token>/", views.accept, name="enterprise_invitation"),
    path("notifications/read/", views.notifications_read, name="enterprise_notifications_read"),
    path("corrections/new/", views.correction_new, name="enterprise_correction_new"),
    path("corrections/<int:pk>/", views.correction, name="enterprise_correction"),
]

# --- pre-review with feedback and versions (issue 17 item 4) -------------------------------------
from compliance.public.enterprise import prereview  # noqa: E402

urlpatterns += [
    path("prereview/", prereview.prereviews, name="enterprise_prereviews"),
    path(
        "prereview/start/<int:round_pk>/",
        prereview.prereview_start,
        name="enterprise_prereview_start",
    ),
    path("prereview/<int:pk>/", prereview.prereview, name="enterprise_prereview"),
    path("prereview/<int:pk>/edit/", prereview.prereview_edit, name="enterprise_prereview_edit"),
    path(
        "prereview/<int:pk>/submit/", prereview.prereview_submit, name="enterprise_prereview_submit"
    ),
    path(
        "prereview/<int:pk>/changes/",
        prereview.prereview_changes,
        name="enterprise_prereview_changes",
    ),
    path("prereview/files/<int:pk>/", prereview.prereview_file, name="enterprise_prereview_file"),
]
