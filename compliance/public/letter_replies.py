"""What the employer's private reply page and the enterprise area's letter page share: the reply
form (a text, and an answer per required action) and taking a posted reply with its evidence
through services/letter_replies.letter_reply_submit."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from compliance.services.letter_replies import letter_reply_submit


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

    def item_fields(self):
        return [(item, self[f"item_{item.pk}"]) for item in self.items]


def reply_take(request, *, letter, form: ReplyForm, user=None, account=None) -> list[str]:
    """Record the valid `form`'s reply with the files posted per action; the errors to show
    (nothing is recorded then), or an empty list."""
    items = form.items
    try:
        letter_reply_submit(
            letter_id=letter.pk,
            text=form.cleaned_data["text"],
            item_responses={
                item.pk: form.cleaned_data.get(f"item_{item.pk}", "") for item in items
            },
            files={item.pk: request.FILES.getlist(f"evidence_{item.pk}") for item in items},
            user=user,
            account=account,
        )
    except ValidationError as exc:
        return exc.messages
    return []
