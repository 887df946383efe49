"""The platform console (Django's admin, public schema): an action to reset operators' second
factor; django-otp's own device admin is removed so nobody reads another operator's secret."""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import second_factor

User = get_user_model()

if admin.site.is_registered(TOTPDevice):
    admin.site.unregister(TOTPDevice)


@admin.action(description=_("Reset second factor"), permissions=["change"])
def reset_second_factor(modeladmin, request, queryset):
    users = list(queryset)
    if any(user.is_superuser for user in users) and not request.user.is_superuser:
        modeladmin.message_user(
            request, _("Only a superuser may reset a superuser's second factor."), messages.ERROR
        )
        return
    for user in users:
        second_factor.second_factor_reset(user=user, by=request.user, request=request)
    modeladmin.message_user(
        request,
        ngettext(
            "Second factor reset for %(count)d user.",
            "Second factor reset for %(count)d users.",
            len(users),
        )
        % {"count": len(users)},
        messages.SUCCESS,
    )


class PortalUserAdmin(UserAdmin):
    actions = [reset_second_factor]


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, PortalUserAdmin)
