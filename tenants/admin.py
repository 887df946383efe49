"""The platform operator's admin (public schema): federations and their domains."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from compliance.models.profile import PRESET_CHOICES
from compliance.rules.presets import PRESETS
from tenants.models import Domain, Federation
from tenants.services import (
    FederationSpec,
    ProvisioningError,
    federation_create,
    federation_move,
    federation_move_check,
    federation_validate,
)

# The console's name in its header and tab titles, instead of Django's.
admin.site.site_header = _("Collective Bargaining Supervision Portal")
admin.site.site_title = _("Platform console")


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0
    fields = ("domain", "is_primary")
    readonly_fields = ("domain", "is_primary")
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


# The rule presets the operator chooses from (compliance.rules.presets), national first.
DEFAULT_PRESET = "national"
PRESET_LABELS = {
    code: _("National (default)") if code == DEFAULT_PRESET else label
    for code, label in PRESET_CHOICES
}
assert set(PRESET_LABELS) == set(PRESETS) and next(iter(PRESET_LABELS)) == DEFAULT_PRESET


class FederationCreateForm(forms.ModelForm):
    """Everything create_federation asks for; saving goes through tenants.services."""

    domain = forms.CharField(label=_("domain"), help_text=_("e.g. jms.example.org"))
    admin_email = forms.EmailField(label=_("first administrator's e-mail"), required=False)
    admin_password = forms.CharField(
        label=_("first administrator's password"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("At least 12 characters; common passwords are refused."),
    )
    preset = forms.ChoiceField(
        label=_("rule preset"),
        choices=list(PRESET_LABELS.items()),
        initial=DEFAULT_PRESET,
        help_text=_(
            "The statutory deadlines and thresholds the federation starts from (its province's "
            "rules, or the national ones); its administrators can change each of them later."
        ),
    )

    class Meta:
        model = Federation
        fields = ("schema_name", "name", "name_en", "short_name", "level", "region_code", "parent")

    def spec(self) -> FederationSpec:
        data = self.cleaned_data
        return FederationSpec(
            schema_name=data["schema_name"],
            name=data["name"],
            domain=data["domain"],
            name_en=data.get("name_en", ""),
            short_name=data.get("short_name", ""),
            level=data["level"],
            region_code=data["region_code"],
            parent_schema=data["parent"].schema_name if data.get("parent") else None,
            admin_email=data.get("admin_email") or None,
            admin_password=data.get("admin_password") or None,
            preset=data["preset"],
        )

    def clean(self):
        cleaned = super().clean()
        if not self.errors:
            try:
                federation_validate(spec=self.spec())
            except ProvisioningError as exc:
                raise forms.ValidationError(exc.messages) from exc
        return cleaned


class FederationChangeForm(forms.ModelForm):
    """A federation's names and its place in the tree; a move goes through federation_move."""

    def clean(self):
        cleaned = super().clean()
        if "parent" in cleaned and not self.errors:
            try:
                federation_move_check(
                    federation=Federation.objects.get(pk=self.instance.pk),
                    parent=cleaned["parent"],
                )
            except ProvisioningError as exc:
                raise forms.ValidationError(exc.messages) from exc
        return cleaned


@admin.register(Federation)
class FederationAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "short_name",
        "level",
        "region_code",
        "parent",
        "schema_name",
        "preset_label",
        "created_at",
    )
    list_filter = ("level",)
    search_fields = ("name", "name_en", "region_code", "schema_name")
    inlines = [DomainInline]
    readonly_fields = ("schema_name", "preset_label", "created_at")
    fields = (
        "schema_name",
        "name",
        "name_en",
        "short_name",
        "level",
        "region_code",
        "parent",
        "preset_label",
        "created_at",
    )

    @admin.display(description=_("rule preset"))
    def preset_label(self, obj):
        # What it was created from: its administrators may have changed values since.
        if not obj.rule_preset:
            return _("not recorded (created before the console recorded it)")
        return PRESET_LABELS.get(obj.rule_preset, obj.rule_preset)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = FederationCreateForm
            kwargs["fields"] = None
        else:
            kwargs["form"] = FederationChangeForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return [
                *FederationCreateForm.Meta.fields,
                "preset",
                "domain",
                "admin_email",
                "admin_password",
            ]
        return super().get_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        # The schema, level and region are fixed once created: documents and statistics use them.
        # The parent may change (federation_move checks it), as a zone moves to another city.
        fixed = ("schema_name", "level", "region_code", "preset_label", "created_at")
        return fixed if obj else ()

    def save_model(self, request, obj, form, change):
        if change:
            parent = obj.parent
            stored = Federation.objects.get(pk=obj.pk)
            obj.parent = stored.parent
            super().save_model(request, obj, form, change)
            federation_move(federation=obj, parent=parent)
            return
        created = federation_create(spec=form.spec())
        obj.pk = created.pk
        obj.__dict__.update({k: v for k, v in created.__dict__.items() if not k.startswith("_")})

    def save_related(self, request, form, formsets, change):
        if change:
            super().save_related(request, form, formsets, change)
            return
        # federation_create made the domain; the (read-only, empty) inline saves nothing, but
        # the admin's change message reads what each formset saved: a 500 on every creation.
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def has_delete_permission(self, request, obj=None):
        # Dropping a federation's schema is an operation with a backup first (docs/operations.md).
        return False


@admin.register(Domain)
class DomainAdmin(admin.ModelAdmin):
    list_display = ("domain", "tenant", "is_primary")
    search_fields = ("domain", "tenant__name")
    readonly_fields = ("tenant",)

    def has_add_permission(self, request):
        return False
