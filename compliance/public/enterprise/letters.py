"""The enterprise area's supervision letters (一函两书, issue 17 item 8): the letters addressed to
the signed-in user's enterprise, each readable by both sides and answered per required action
with evidence by the employer's contact, through the same reply path as the private link
(compliance/public/letter_replies.py). Another enterprise's letter is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from compliance.documents.letters import letter_pdf
from compliance.public.enterprise.views import _page, enterprise_user
from compliance.public.letter_replies import ReplyForm, reply_take
from compliance.public.two_step import private as _private
from compliance.rules import escalation
from compliance.selectors.enterprise_letters import enterprise_letter, enterprise_letters
from compliance.services.letter_replies import reply_problem
from compliance.services.supervision import letter_template

LETTERS_PER_PAGE = 20


def _letter_or_404(request, pk: int):
    letter = enterprise_letter(enterprise=request.account.enterprise, pk=pk)
    if letter is None:
        raise Http404
    return letter


@enterprise_user
def letters(request):
    page = Paginator(
        enterprise_letters(enterprise=request.account.enterprise), LETTERS_PER_PAGE
    ).get_page(request.GET.get("page"))
    return _page(
        request,
        "letters.html",
        {"letters": page, "enterprise": request.account.enterprise, "today": timezone.localdate()},
    )


@enterprise_user
def letter(request, pk: int):
    item = _letter_or_404(request, pk)
    items = list(item.items.all())
    problem = reply_problem(letter=item, account=request.account)
    form = ReplyForm(request.POST or None, items=items)
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        if problem:
            errors = [problem]
        elif form.is_valid():
            errors = reply_take(
                request, letter=item, form=form, user=request.user, account=request.account
            )
            if not errors:
                messages.success(
                    request, _("Your reply has been sent to the federation's supervision team.")
                )
                return redirect("enterprise_letter", item.pk)
        status = 400
    timeliness = escalation.reply_timeliness(
        due_on=item.due_on, replied_on=item.replied_on, today=timezone.localdate()
    )
    return _page(
        request,
        "letter.html",
        {
            "letter": item,
            "items": items,
            "form": form,
            "item_fields": form.item_fields(),
            "problem": problem,
            "errors": errors,
            "timeliness": timeliness,
            "enterprise": request.account.enterprise,
        },
        status,
    )


@enterprise_user
def letter_document(request, pk: int):
    """The letter as issued (PDF), to read and keep."""
    item = _letter_or_404(request, pk)
    content = letter_pdf(
        letter=item,
        template=letter_template(item.kind),
        federation=connection.tenant,
        items=list(item.items.all()),
        reply_url=request.build_absolute_uri(reverse("enterprise_letter", args=[item.pk])),
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{item.number or item.pk}.pdf"'
    return _private(response)
