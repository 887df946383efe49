"""The admin's own account page, with a name form fit for Chinese names.

Wagtail's "Name and Email" panel requires a first and a last name, in that order, so a clerk who
only wants to switch the admin to English must first invent a "first name". Here the family name
comes first (姓, then 名), neither is required, and the rest of Wagtail's page is unchanged.
The view is mounted at Wagtail's own path, before the admin's URLs (portal/urls.py)."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views.account import (
    AccountView,
    NameEmailSettingsPanel,
    email_management_enabled,
)


class NameForm(forms.ModelForm):
    last_name = forms.CharField(label=_("Family name"), required=False, max_length=150)
    first_name = forms.CharField(label=_("Given name"), required=False, max_length=150)
    email = forms.EmailField(label=_("Email"), required=True)

    class Meta:
        model = get_user_model()
        fields = ["last_name", "first_name", "email"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not email_management_enabled():
            del self.fields["email"]


class NameSettingsPanel(NameEmailSettingsPanel):
    form_class = NameForm


class PortalAccountView(AccountView):
    def get_panels(self):
        return [
            NameSettingsPanel(self.request, panel.user, panel.profile)
            if type(panel) is NameEmailSettingsPanel
            else panel
            for panel in super().get_panels()
        ]
