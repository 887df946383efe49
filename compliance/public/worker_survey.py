"""The workers' survey on the federation's public site (issue 18 item 8): a short questionnaire
for a phone, no account, opened from the poster's QR code.

Nothing identifying is kept: the answer row holds the day and the answers (services/
worker_surveys.py); the address is used only for the per-minute rate limit in the shared cache
(portal.ratelimit, WORKER_SURVEY_RATE_LIMIT attempts per address and minute) and never stored.
A survey with one code for the contract also marks the browser that answered (a cookie holding
nothing but "answered"), so the same phone is told it has answered. Every refusal (a reused or
foreign code, too many attempts, a closed survey or a contract not in force) is a message on
the page and records nothing.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from compliance.models import Clause, Satisfaction, WorkerSurvey
from compliance.rules.worker_surveys import FORMATTED_LENGTH
from compliance.selectors.worker_surveys import QUIZ_TOPICS, contract_topics, survey_public
from compliance.services.worker_surveys import SurveyRefused, survey_answer_submit
from portal.ratelimit import window_count

YES_NO = [("yes", _("Yes")), ("no", _("No"))]
COOKIE_PREFIX = "survey-answered-"


class AnswerForm(forms.Form):
    code = forms.CharField(
        label=_("Your survey code"),
        max_length=FORMATTED_LENGTH + 10,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        error_messages={"required": _("Enter the code from your slip or the poster.")},
    )
    knows = forms.ChoiceField(
        label=_("Did you know that your enterprise has this collective contract?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        error_messages={"required": _("Answer whether you knew about the contract.")},
    )
    topics = forms.MultipleChoiceField(
        label=_("Which of these does the contract cover? Tick all that apply."),
        choices=[(value, label) for value, label in Clause.Topic.choices if value in QUIZ_TOPICS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    bargaining = forms.ChoiceField(
        label=_("How satisfied are you with how the contract was bargained?"),
        choices=Satisfaction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say how satisfied you are with the bargaining.")},
    )
    result = forms.ChoiceField(
        label=_("How satisfied are you with what the contract gives you?"),
        choices=Satisfaction.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Say how satisfied you are with the contract.")},
    )

    def __init__(self, *args, quiz: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not quiz:
            del self.fields["topics"]


def _page(request, survey, context: dict, status: int = 200):
    response = TemplateResponse(
        request,
        "compliance/public/worker_survey.html",
        {"survey": survey, "contract": survey.contract, **context},
        status=status,
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The token is in the address: no other site receives it as a referrer; the form posts to
    # this origin, which Chromium allows under same-origin (PITFALLS: Origin null).
    response["Referrer-Policy"] = "same-origin"
    return response


@never_cache
def survey(request, token: str):
    found = survey_public(token=token)
    if found is None:
        raise Http404
    today = timezone.localdate()
    quiz = bool(contract_topics(contract_id=found.contract_id))
    form = AnswerForm(request.POST or None, quiz=quiz)
    cookie = COOKIE_PREFIX + found.token
    refused, status = "", 200
    if found.status != WorkerSurvey.Status.OPEN:
        refused = gettext("This survey is closed: no more answers are taken.")
    elif found.mode == WorkerSurvey.Mode.SHARED and request.COOKIES.get(cookie):
        refused = gettext("An answer has already been given from this phone. Thank you.")
    if request.method == "POST" and not refused:
        counted = window_count(request, scope="worker-survey")
        if counted.over(settings.WORKER_SURVEY_RATE_LIMIT):
            response = _page(
                request,
                found,
                {
                    "form": form,
                    "refused": gettext(
                        "Too many attempts from your connection. Try again in %(seconds)d seconds."
                    )
                    % {"seconds": counted.reset},
                },
                429,
            )
            response["Retry-After"] = str(counted.reset)
            return response
        if form.is_valid():
            data = form.cleaned_data
            try:
                survey_answer_submit(
                    token=found.token,
                    code=data["code"],
                    knows_contract=data["knows"] == "yes",
                    topics=set(data.get("topics") or ()),
                    bargaining=data["bargaining"],
                    result=data["result"],
                    today=today,
                )
            except SurveyRefused as exc:
                refused, status = exc.messages[0], 400
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
                status = 400
            else:
                response = redirect("worker_survey_thanks", token=found.token)
                if found.mode == WorkerSurvey.Mode.SHARED:
                    response.set_cookie(
                        cookie,
                        "1",
                        max_age=400 * 24 * 3600,
                        httponly=True,
                        samesite="Lax",
                        secure=request.is_secure(),
                    )
                return response
        else:
            status = 400
    elif refused and request.method == "POST":
        status = 400
    return _page(request, found, {"form": form, "refused": refused}, status)


@never_cache
def thanks(request, token: str):
    found = survey_public(token=token)
    if found is None:
        raise Http404
    return _page(request, found, {"thanks": True})
