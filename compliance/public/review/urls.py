from django.urls import path

from compliance.public.review import views

urlpatterns = [
    path("", views.home, name="review_home"),
    path("sign-in/", views.sign_in, name="review_sign_in"),
    path("sign-in/code/", views.code, name="review_code"),
    path("sign-in/second-factor/", views.enrol, name="review_enrol"),
    path("sign-out/", views.sign_out, name="review_sign_out"),
    path("invitation/<str:token>/", views.accept, name="review_invitation"),
    path("notifications/read/", views.notifications_read, name="review_notifications_read"),
    path("rounds/<int:pk>/", views.round_detail, name="review_round"),
    path("rounds/<int:pk>/<slug:action>/", views.round_action, name="review_round_action"),
    path(
        "rounds/<int:pk>/documents/<int:document_pk>/",
        views.round_document,
        name="review_round_document",
    ),
]
