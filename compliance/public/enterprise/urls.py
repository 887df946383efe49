from django.urls import path

from compliance.public.enterprise import letters, prereview, reports, rounds, surveys, views

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
    # --- the offer, the answer and the steps the enterprise runs (issue 17 items 2 and 3) ---
    path("rounds/offer/", rounds.offer_new, name="enterprise_offer_new"),
    path("rounds/paper-offer/", rounds.offer_paper, name="enterprise_offer_paper"),
    path("rounds/<int:pk>/", rounds.round_detail, name="enterprise_round"),
    path("rounds/<int:pk>/answer/", rounds.round_answer, name="enterprise_round_answer"),
    path(
        "rounds/<int:pk>/representatives/",
        rounds.round_representatives,
        name="enterprise_round_representatives",
    ),
    path(
        "rounds/<int:pk>/publication/", rounds.step_publication, name="enterprise_round_publication"
    ),
    path("rounds/<int:pk>/meeting/", rounds.step_meeting, name="enterprise_round_meeting"),
    path("rounds/<int:pk>/vote/", rounds.step_vote, name="enterprise_round_vote"),
    path("rounds/<int:pk>/signature/", rounds.step_signature, name="enterprise_round_signature"),
    path("documents/<int:pk>/", rounds.round_document, name="enterprise_round_document"),
    # --- pre-review with feedback and versions (issue 17 item 4) ---
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
    # Supervision letters and annual performance reports (issue 17 items 8, 9).
    path("letters/", letters.letters, name="enterprise_letters"),
    path("letters/<int:pk>/", letters.letter, name="enterprise_letter"),
    path("letters/<int:pk>/letter.pdf", letters.letter_document, name="enterprise_letter_document"),
    path("reports/", reports.reports, name="enterprise_reports"),
    path("reports/<int:pk>/new/", reports.report_new, name="enterprise_report_new"),
    # Workers' surveys of the enterprise's contracts in force (issue 18 item 8).
    path("surveys/", surveys.surveys, name="enterprise_surveys"),
    path("surveys/open/<int:pk>/", surveys.survey_open_view, name="enterprise_survey_open"),
    path("surveys/<int:pk>/poster.pdf", surveys.survey_poster, name="enterprise_survey_poster"),
    path("surveys/<int:pk>/codes/", surveys.survey_codes, name="enterprise_survey_codes"),
]
