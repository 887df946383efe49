"""The platform console (Django's admin, public schema): an action to reset operators' second
factor; django-otp's own device admins (TOTP, e-mail) are removed so nobody reads another
operator's secret or code.

Operators are deactivated, never deleted. Groups are deleted with a collector that skips the
models whose tables exist only in federation schemas: Django gathers the rows of every model
related to a group, Wagtail's page, collection and site permissions included, and the public
schema has none of those tables (the delete pages crashed on them)."""

from django.contrib import admin, messages
from django.contrib.admin.utils import NestedObjects
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.db import router
from django.db.models.deletion import Collector
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_email.models import EmailDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import second_factor

User = get_user_model()

for device_model in (TOTPDevice, EmailDevice):
    if admin.site.is_registered(device_model):
        admin.site.unregister(device_model)


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

    def has_delete_permission(self, request, obj=None):
        """Never: deleting an operator deletes their entries in the console's log with them
        (Django's LogEntry cascades). Clearing "active" signs them out for good and keeps the
        record of what they did."""
        return False


class _ThisSchemaOnly:
    """A collector that skips related models without a table in the current schema (the
    tenant router refuses to migrate them here): rows of theirs cannot exist."""

    using: str

    def related_objects(self, related_model, related_fields, objs):
        if not router.allow_migrate_model(self.using, related_model):
            return related_model._base_manager.using(self.using).none()
        return super().related_objects(related_model, related_fields, objs)


class _Collector(_ThisSchemaOnly, Collector):
    pass


class _NestedObjects(_ThisSchemaOnly, NestedObjects):
    pass


class PlatformGroupAdmin(GroupAdmin):
    def get_deleted_objects(self, objs, request):
        """What the confirmation page lists: Django's own get_deleted_objects, with this
        schema's collector. A group's dependants here are its user and permission links,
        which have no admin pages, so no links or permissions are involved."""
        collector = _NestedObjects(using=router.db_for_write(Group), origin=objs)
        collector.collect(objs)
        to_delete = collector.nested(lambda obj: f"{capfirst(obj._meta.verbose_name)}: {obj}")
        counts = {
            model._meta.verbose_name_plural: len(found)
            for model, found in collector.model_objs.items()
        }
        protected = [f"{capfirst(obj._meta.verbose_name)}: {obj}" for obj in collector.protected]
        return to_delete, counts, set(), protected

    def delete_model(self, request, obj):
        self._delete([obj])

    def delete_queryset(self, request, queryset):
        self._delete(list(queryset))

    def _delete(self, groups: list[Group]) -> None:
        collector = _Collector(using=router.db_for_write(Group), origin=groups)
        collector.collect(groups)
        collector.delete()


if admin.site.is_registered(User):
    admin.site.unregister(User)
admin.site.register(User, PortalUserAdmin)
if admin.site.is_registered(Group):
    admin.site.unregister(Group)
admin.site.register(Group, PlatformGroupAdmin)
