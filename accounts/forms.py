from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from accounts import lockout

LOCKED_MESSAGE = _(
    "Too many failed sign-in attempts. Sign-in is paused for up to 15 minutes; please try "
    "again later or ask your administrator for help."
)


class LockoutMessageMixin:
    """When the sign-in is refused because of the lockout, say so (the same words for every
    name typed, existing or not) instead of "wrong password"."""

    def get_invalid_login_error(self):
        if lockout.is_locked(account=self.cleaned_data.get("username")):
            return forms.ValidationError(LOCKED_MESSAGE, code="locked")
        return super().get_invalid_login_error()


ENTERPRISE_ACCOUNT_MESSAGE = _(
    "This is an enterprise account: sign in to the enterprise area at /enterprise/ instead."
)


REVIEWER_ACCOUNT_MESSAGE = _(
    "This is a reviewer account of the labour administration: sign in to the review area at "
    "/review/ instead."
)


class LoginForm(LockoutMessageMixin, WagtailLoginForm):
    """Wagtail's admin login (WAGTAILADMIN_USER_LOGIN_FORM)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Wagtail's field has no label, so Django shows the untranslated field name.
        self.fields["password"].label = pgettext_lazy("sign-in form", "Password")

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        # Enterprise users (compliance.EnterpriseAccount, issue 17) sign in to their own area;
        # the admin's login would sign them in, half-way to pages they may never see.
        if hasattr(user, "enterprise_account"):
            raise forms.ValidationError(ENTERPRISE_ACCOUNT_MESSAGE, code="enterprise_account")
        # Likewise the labour administration's reviewers (compliance.ReviewerAccount).
        if hasattr(user, "reviewer_account"):
            raise forms.ValidationError(REVIEWER_ACCOUNT_MESSAGE, code="reviewer_account")


class AdminLoginForm(LockoutMessageMixin, AdminAuthenticationForm):
    """The platform console's login (django.contrib.admin in the public schema)."""


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Six-digit code"),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": "",
                "placeholder": "123456",
            }
        ),
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not (code.isdigit() and len(code) == 6):
            raise forms.ValidationError(_("Enter the six digits your authenticator app shows."))
        return code
