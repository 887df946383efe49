from django.urls import include, path

from compliance.public import award_notices, reply, verify, worker_survey

urlpatterns = [
    path("enterprise/", include("compliance.public.enterprise.urls")),
    # The labour administration's reviewers (issue 17 item 6).
    path("review/", include("compliance.public.review.urls")),
    path("reply/<str:token>/", reply.reply, name="letter_reply"),
    path("reply/<str:token>/letter.pdf", reply.letter_document, name="letter_reply_document"),
    path("notices/awards/", award_notices.notice_list, name="award_notices"),
    path("notices/awards/<int:pk>/", award_notices.notice_detail, name="award_notice"),
    path("verify/", verify.verify, name="filing_verify"),
    # Workers' surveys of effective contracts (issue 18 item 8), no account needed.
    path("survey/<str:token>/", worker_survey.survey, name="worker_survey"),
    path("survey/<str:token>/thanks/", worker_survey.thanks, name="worker_survey_thanks"),
]
