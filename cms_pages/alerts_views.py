"""The public pages of notice alerts (订阅提醒, issue 19 item 1), under /alerts/.

Sign-up from the notice list's current filter, confirmation, the page listing an address's
alerts, one-click unsubscribe (RFC 8058: the List-Unsubscribe-Post header's POST comes from the
mail provider, without a CSRF token, so that route is exempt: its signed link is the secret) and
a form that e-mails the listing page's link. The rules are in cms_pages.services.alerts. Pages
are never cached and never indexed; a forged link is a 404 with a page saying so.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from cms_pages.models import NoticeAlert
from cms_pages.selectors.alerts import ALERT_PARAMS, alert_description, alert_params
from cms_pages.selectors.alerts import alerts_of_recipient as recipient_alerts
from cms_pages.selectors.home import notice_index_live
from cms_pages.services import alerts as alert_services
from portal.ratelimit import key_window_count, window_count

ADDRESS_WINDOW_SECONDS = 60 * 60


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        error_messages={
            "required": _("Enter the e-mail address the alerts should go to."),
            "invalid": _("Enter a valid e-mail address, for example name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    frequency = forms.ChoiceField(
        label=_("How often"),
        choices=NoticeAlert.Frequency.choices,
        initial=NoticeAlert.Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how often to be alerted.")},
    )


class LinkForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        error_messages={
            "required": _("Enter the e-mail address your alerts go to."),
            "invalid": _("Enter a valid e-mail address, for example name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


def _render(request, template: str, context: dict, *, status: int = 200):
    index = notice_index_live()
    if index is None:
        raise Http404
    response = TemplateResponse(
        request,
        f"cms_pages/alerts/{template}",
        {"page": index, "notices_url": index.get_url(request), **context},
        status=status,
    )
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _invalid(request):
    return _render(request, "invalid_link.html", {}, status=404)


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


def _flooded(request, email: str | None) -> bool:
    """Count this sign-up; True when the client address or the e-mail address is over its
    limit (nothing is then saved or sent)."""
    by_client = window_count(request, scope="notice-alert")
    if by_client.over(settings.ALERT_SIGNUP_RATE_LIMIT):
        return True
    if email:
        by_address = key_window_count(
            scope="notice-alert-address",
            key=alert_services.address_key(email.strip().lower()),
            seconds=ADDRESS_WINDOW_SECONDS,
        )
        return by_address.over(settings.ALERT_ADDRESS_RATE_LIMIT)
    return False


@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request):
    source = request.POST if request.method == "POST" else request.GET
    params = alert_params(source)
    form = SubscribeForm(request.POST if request.method == "POST" else None)
    flooded = False
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if _flooded(request, email):
            flooded = True
        else:
            try:
                alert_services.alert_subscribe(
                    email=email,
                    params=params,
                    frequency=form.cleaned_data["frequency"],
                    base_url=_base_url(request),
                )
            except ValidationError as exc:
                for field, messages in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, messages)
            else:
                return _render(request, "check_mail.html", {"email": email})
    return _render(
        request,
        "subscribe.html",
        {
            "form": form,
            "params": params,
            "hidden": [(name, params[name]) for name in ALERT_PARAMS if name in params],
            "description": alert_description(params),
            "flooded": flooded,
        },
        status=429 if flooded else 200,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    if request.method == "GET":
        # A mail scanner following the link must not confirm: the reader presses the button.
        outcome = alert_services.alert_confirm_check(token=token)
        if outcome is alert_services.Confirmation.PENDING:
            return _render(request, "confirm.html", {"token": token})
    else:
        outcome = alert_services.alert_confirm(token=token)
    if outcome is alert_services.Confirmation.INVALID:
        return _invalid(request)
    status = 410 if outcome is alert_services.Confirmation.EXPIRED else 200
    return _render(request, "confirmed.html", {"outcome": outcome.value}, status=status)


@never_cache
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    alert = alert_services.alert_by_unsubscribe_token(token)
    if alert is False:
        return _invalid(request)
    if request.method == "GET":
        context = {"alert": alert, "token": token}
        if alert is not None:
            context["description"] = alert_description(alert.filters)
            context["manage_url"] = _manage_path(alert.recipient)
        return _render(request, "unsubscribe.html", context)
    if alert is not None:
        alert_services.alert_remove(alert=alert)
    return _render(request, "unsubscribed.html", {})


def _manage_path(recipient) -> str:
    return reverse("notice_alert_manage", args=[alert_services.manage_token(recipient)])


@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token: str):
    recipient = alert_services.recipient_by_manage_token(token)
    if recipient is False:
        return _invalid(request)
    if recipient is None:
        # A genuine link whose address has no alerts left: the address was forgotten.
        return _render(request, "manage.html", {"alerts": [], "gone": True})
    removed = False
    if request.method == "POST":
        if request.POST.get("all"):
            alert_services.recipient_forget(recipient=recipient)
            return _render(request, "manage.html", {"alerts": [], "gone": True})
        try:
            alert_id = int(request.POST.get("alert", ""))
        except ValueError:
            alert_id = 0
        removed = alert_services.alert_remove_of_recipient(recipient=recipient, alert_id=alert_id)
    alerts = [
        {"alert": alert, "description": alert_description(alert.filters)}
        for alert in recipient_alerts(recipient.pk)
    ]
    if not alerts:
        return _render(request, "manage.html", {"alerts": [], "gone": True})
    return _render(request, "manage.html", {"alerts": alerts, "removed": removed})


@never_cache
@require_http_methods(["GET", "POST"])
def link(request):
    form = LinkForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        if _flooded(request, email):
            return _render(request, "link.html", {"form": form, "flooded": True}, status=429)
        alert_services.manage_link_request(email=email, base_url=_base_url(request))
        return _render(request, "link_sent.html", {})
    return _render(request, "link.html", {"form": form})
