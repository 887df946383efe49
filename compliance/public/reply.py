"""The employer's private reply page: no account, one letter, an unguessable expiring link.

The token is 32 random bytes; only its SHA-256 is stored. The page shows that one letter, takes
the written reply and evidence per required action (size- and type-checked, stored privately per
federation), and is never cached or indexed.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from compliance.documents.letters import letter_pdf
from compliance.services.supervision import letter_for_token, letter_record_reply, letter_template
from compliance.services.uploads import item_evidence_add, upload_problem

MAX_FILES_PER_ITEM = 5


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Your reply"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy(
            "State the facts and the measures taken, or your reasons if you disagree."
        ),
        max_length=20000,
    )

    def __init__(self, *args, items=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.items = list(items)
        for item in self.items:
            self.fields[f"item_{item.pk}"] = forms.CharField(
                label=_("Action %(n)s: what was done") % {"n": item.order},
                widget=forms.Textarea(attrs={"rows": 3}),
                required=False,
                max_length=5000,
            )


def _clean_files(request, items) -> tuple[dict[int, list], list[str]]:
    files, errors = {}, []
    for item in items:
        uploads = request.FILES.getlist(f"evidence_{item.pk}")
        if len(uploads) > MAX_FILES_PER_ITEM:
            errors.append(_("At most %(n)s files per action.") % {"n": MAX_FILES_PER_ITEM})
        for upload in uploads:
            head = upload.read(2048)
            upload.seek(0)
            problem = upload_problem(name=upload.name, size=upload.size, head=head)
            if problem:
                errors.append(f"{upload.name}: {problem}")
        files[item.pk] = uploads
    return files, errors


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
        files, file_errors = _clean_files(request, items)
        if not file_errors:
            try:
                with transaction.atomic():
                    letter_record_reply(
                        letter_id=letter.pk,
                        replied_on=timezone.localdate(),
                        text=form.cleaned_data["text"],
                        item_responses={
                            item.pk: form.cleaned_data.get(f"item_{item.pk}", "") for item in items
                        },
                        via_link=True,
                    )
                    for item in items:
                        for upload in files.get(item.pk, []):
                            item_evidence_add(item=item, upload=upload, from_employer=True)
            except ValidationError as exc:
                file_errors.extend(exc.messages)
            else:
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
            "item_fields": [(item, form[f"item_{item.pk}"]) for item in items],
        },
    )
    # The token is in the address, so no other site may see it as a referrer; the page's own forms
    # must send one, or Chromium posts them with "Origin: null" and Django refuses them (403).
    return _private(response)


def _private(response):
    """The page and the letter live under the token's address: no index, no referrer outside."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "same-origin"
    return response


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
