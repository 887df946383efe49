from django.urls import path

from compliance.public.enterprise import letters, reports, views

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
    # Supervision letters and annual performance reports (issue 17 items 8, 9).
    path("letters/", letters.letters, name="enterprise_letters"),
    path("letters/<int:pk>/", letters.letter, name="enterprise_letter"),
    path("letters/<int:pk>/letter.pdf", letters.letter_document, name="enterprise_letter_document"),
    path("reports/", reports.reports, name="enterprise_reports"),
    path("reports/<int:pk>/new/", reports.report_new, name="enterprise_report_new"),
]
