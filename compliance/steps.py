"""The one pattern every back-office step form follows: validate the form, call the service,
return its errors to the form in the user's language, or confirm and go back."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _


def step_page(request, *, form, title, back_url, obj=None, multipart=False):
    return TemplateResponse(
        request,
        "compliance/round_action.html",
        {
            "round": obj,
            "form": form,
            "title": title,
            "inspect_url": back_url,
            "page_title": title,
            "header_title": title,
            "multipart": multipart,
        },
    )


def run_step_form(
    request,
    form,
    action,
    *,
    title,
    back_url,
    obj=None,
    multipart=False,
    error_field=None,
    success=None,
):
    """On a valid POST run `action(cleaned_data)`; a ValidationError goes back to the form
    (on `error_field`, or the whole form). An action may return its own response; `success`
    is the confirmation, or a function of the action's result that makes it."""
    if request.method == "POST" and form.is_valid():
        try:
            result = action(form.cleaned_data)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(error_field, message)
        else:
            if callable(success):
                success = success(result)
            messages.success(request, success or _("%(step)s: saved.") % {"step": title})
            return result if isinstance(result, HttpResponse) else redirect(back_url)
    return step_page(
        request, form=form, title=title, back_url=back_url, obj=obj, multipart=multipart
    )
