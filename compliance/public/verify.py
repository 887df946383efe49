"""The public check of a filing receipt (备案回执) on the federation's own site (issue 17 item 7).

Anyone holding a receipt types its filing number and verification code (both required: a code
alone, or a number alone, answers nothing). A matching pair shows what the receipt shows and
whether the contract is in force today (compliance.selectors.receipts); any other pair gets one
neutral message, whichever half was wrong. The receipt's QR code opens the page with the code
filled in (?code=…). Checks are limited per client address and minute
(FILING_VERIFY_RATE_LIMIT), and the page is never cached, indexed, or sent as a referrer.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db import connection
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from compliance.rules.receipts import FORMATTED_LENGTH
from compliance.selectors.receipts import filing_verify
from portal.ratelimit import window_count


class VerifyForm(forms.Form):
    number = forms.CharField(
        label=_("Filing number"),
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"required": _("Enter the filing number printed on the receipt.")},
    )
    code = forms.CharField(
        label=pgettext_lazy("filing receipt", "Verification code"),
        max_length=FORMATTED_LENGTH + 10,  # room for spaces typed between the groups
        help_text=_("Twelve letters and digits, for example ABCD-EFGH-JKMN."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "class": "code-input",
                "spellcheck": "false",
            }
        ),
        error_messages={"required": _("Enter the verification code printed on the receipt.")},
    )

    def __init__(self, *args, example: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["number"].help_text = gettext(
            "As printed on the receipt, for example %(example)s."
        ) % {"example": example}


def _over_limit(request) -> int:
    """Count this check; the seconds until the next window when the client is over its limit,
    else 0 (portal.ratelimit: per client address, federation and minute)."""
    counted = window_count(request, scope="filing-verify")
    return counted.reset if counted.over(settings.FILING_VERIFY_RATE_LIMIT) else 0


@never_cache
def verify(request):
    # The form is sent with GET, so the receipt's QR code can open it with the code filled in;
    # it counts as submitted once the number field is in the address.
    submitted = "number" in request.GET
    today = timezone.localdate()
    short_name = getattr(connection.tenant, "short_name", "") or ""
    example = f"{short_name}工集备〔{today.year}〕12号"
    if submitted:
        form = VerifyForm(request.GET, example=example)
    else:
        form = VerifyForm(initial={"code": request.GET.get("code", "")[:40]}, example=example)
    answer, no_match, retry_after = None, False, 0
    if submitted and form.is_valid():
        retry_after = _over_limit(request)
        if not retry_after:
            answer = filing_verify(
                filing_number=form.cleaned_data["number"],
                code=form.cleaned_data["code"],
                today=today,
            )
            no_match = answer is None
    response = TemplateResponse(
        request,
        "compliance/public/verify.html",
        {
            "form": form,
            "answer": answer,
            "no_match": no_match,
            "retry_after": retry_after,
            "limit": settings.FILING_VERIFY_RATE_LIMIT,
            "canonical_url": request.build_absolute_uri(reverse("filing_verify")),
        },
        status=429 if retry_after else 200,
    )
    if retry_after:
        response["Retry-After"] = str(retry_after)
    response["X-Robots-Tag"] = "noindex, nofollow"
    # The code is in the address: no other site may receive it as a referrer.
    response["Referrer-Policy"] = "same-origin"
    return response
