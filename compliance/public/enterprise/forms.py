from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.forms import LockoutMessageMixin


class SignInForm(LockoutMessageMixin, AuthenticationForm):
    """E-mail address and password; the lockout (accounts.lockout) says so when it refuses."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail address")
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "type": "email"})
        self.fields["password"].label = pgettext_lazy("sign-in form", "Password")


class AcceptForm(forms.Form):
    family_name = forms.CharField(label=_("Family name"), max_length=150)
    given_name = forms.CharField(label=_("Given name"), max_length=150)
    password = forms.CharField(
        label=pgettext_lazy("sign-in form", "Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters; not a common password, not close to your name."),
    )
    password_again = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        return data


class CorrectionForm(forms.Form):
    employees = forms.IntegerField(label=_("employees"), min_value=0, max_value=10_000_000)
    union_members = forms.IntegerField(label=_("union members"), min_value=0, max_value=10_000_000)
    union_established = forms.BooleanField(label=_("union established"), required=False)
    note = forms.CharField(
        label=_("Note for the federation"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Why the ledger should change, e.g. the date and source of the new figures."),
    )

    def clean(self):
        data = super().clean()
        employees, members = data.get("employees"), data.get("union_members")
        if employees is not None and members is not None and members > employees:
            self.add_error(
                "union_members", _("Union members cannot exceed the number of employees.")
            )
        return data
