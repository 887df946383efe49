from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self):
        from django.contrib import admin

        from accounts import checks, forms  # noqa: F401 - registers the system checks

        # The platform console (Django's admin in the public schema) signs in through the same
        # lockout-aware form as the federations' Wagtail admin.
        admin.site.login_form = forms.AdminLoginForm
