from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from accounts import audit


@hooks.register("register_log_actions")
def second_factor_log_actions(actions):
    actions.register_action(audit.ENROLLED, _("Set up second factor"), _("Second factor set up"))
    actions.register_action(audit.RESET, _("Reset second factor"), _("Second factor reset"))


@hooks.register("register_user_listing_buttons")
def second_factor_reset_button(user, request_user):
    if request_user.has_perm("auth.change_user") and (
        request_user.is_superuser or not user.is_superuser
    ):
        yield Button(
            _("Reset second factor"),
            reverse("accounts_reset", args=[user.pk]),
            icon_name="key",
            priority=60,
        )


@hooks.register("register_account_menu_item")
def second_factor_account_item(request):
    return {
        "url": reverse("accounts_manage"),
        "label": _("Second factor"),
        "help_text": _("Your authenticator app: see it or replace it with a new one."),
    }
