"""The employer's private reply page: no account, one letter, an unguessable expiring link.

The token is 32 random bytes; only its SHA-256 is stored. The page shows that one letter, takes
the written reply and evidence per required action (size- and type-checked, stored privately per
federation), and is never cached or indexed.
"""

from __future__ import annotations

from django.db import connection
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from compliance.documents.letters import letter_pdf
from compliance.public.letter_replies import ReplyForm, reply_take
from compliance.public.two_step import private as _private
from compliance.services.supervision import letter_for_token, letter_template

__all__ = ["ReplyForm", "letter_document", "reply"]


@never_cache
def reply(request, token: str):
    letter = letter_for_token(token)
    if letter is None:
        raise Http404(_("This link is not valid or has expired."))
    items = list(letter.items.all())
    already = letter.replied_on is not None
    form = ReplyForm(request.POST or None, items=items)
    file_errors: list[str] = []
    if request.method == "POST" and not already and form.is_valid():
        file_errors = reply_take(request, letter=letter, form=form)
        if not file_errors:
            return redirect(request.path)
    response = TemplateResponse(
        request,
        "compliance/public/reply.html",
        {
            "letter": letter,
            "items": items,
            "form": form,
            "already": already,
            "file_errors": file_errors,
            "item_fields": form.item_fields(),
        },
    )
    # The token is in the address, so no other site may see it as a referrer; the page's own forms
    # must send one, or Chromium posts them with "Origin: null" and Django refuses them (403).
    return _private(response)


@never_cache
def letter_document(request, token: str):
    """The letter itself, as printed and sealed, for the employer to read and keep."""
    letter = letter_for_token(token)
    if letter is None:
        raise Http404(_("This link is not valid or has expired."))
    content = letter_pdf(
        letter=letter,
        template=letter_template(letter.kind),
        federation=connection.tenant,
        items=list(letter.items.all()),
        reply_url=request.build_absolute_uri(reverse("letter_reply", args=[token])),
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{letter.number or letter.pk}.pdf"'
    return _private(response)
