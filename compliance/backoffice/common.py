"""What every procedure of the back office shares: the inspect page with the audit timeline, flat
list queries, no free-form edit where a procedure's steps own the data, saves through a service,
the step-form runner, the permission check, date fields a browser can fill, and downloads."""

from __future__ import annotations

import datetime as dt
import functools
import re

import django_filters
from django import forms
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, models
from django.http import FileResponse, HttpResponse
from django.shortcuts import redirect
from django.template.defaultfilters import linebreaksbr
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views import generic
from wagtail.admin.viewsets import viewsets
from wagtail.permission_policies import ModelPermissionPolicy

from accounts.names import person_name
from compliance.excel import XLSX_CONTENT_TYPE
from compliance.models import Contract
from compliance.selectors.history import history_timeline
from compliance.services.history import REASON_LENGTH
from tenants.regions import region_label, regions_within

# --- Permissions ---------------------------------------------------------------------------------


def may(user, action: str, model) -> bool:
    """Whether `user` may take `action` on `model`, decided as Wagtail's own views decide: by the
    model's permission policy ("add", "change", "view", "delete", or a custom action such as
    "review" for compliance.review_bargaininground)."""
    return ModelPermissionPolicy(model).user_has_permission(user, action)


def require(user, action: str, model) -> None:
    """Refuse (403) unless `user` may take `action` on `model` (see `may`)."""
    if not may(user, action, model):
        raise PermissionDenied


# --- Forms ---------------------------------------------------------------------------------------


class DateInput(forms.DateInput):
    """The browser's date picker. Its value must be ISO (2026-12-05): the Chinese format's
    "2026/12/05" is discarded by the browser, which then shows an empty field."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


def date_field(label, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput(), **kwargs)


class RenewedContractField(forms.ModelChoiceField):
    """The contract a new one renews, named with its term and status; empty for a first one."""

    def __init__(self, **kwargs):
        super().__init__(
            queryset=Contract.objects.none(),
            required=False,
            label=gettext_lazy("renews the contract"),
            empty_label=gettext_lazy("None: not a renewal"),
            help_text=gettext_lazy(
                "The renewal rate counts a contract as renewed through this link. Proposed: the "
                "enterprise's contract of the same kind that expires or expired most recently."
            ),
            **kwargs,
        )

    def label_from_instance(self, obj) -> str:
        return _("%(title)s (%(start)s – %(end)s, %(status)s)") % {
            "title": obj.title,
            "start": obj.starts_on.isoformat(),
            "end": obj.ends_on.isoformat(),
            "status": obj.get_status_display(),
        }


class RegionCodesField(forms.CharField):
    """Region codes typed in one box, separated by commas (either width), 、, semicolons or
    spaces; cleaned to a list without repeats. The model field's validator checks each code."""

    _SEPARATORS = re.compile(r"[\s,，、;；]+")

    def to_python(self, value) -> list[str]:
        codes = self._SEPARATORS.split(super().to_python(value) or "")
        return list(dict.fromkeys(code for code in codes if code))

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return ", ".join(value)
        return value


def areas_display(codes) -> str:
    """An instructor's areas by name (the code where the portal knows no name), or a dash."""
    if not codes:
        return "—"
    return pgettext("enumeration", ", ").join(region_display(code) for code in codes)


def formfield_with_dates(db_field, **kwargs):
    """A model field's form field, a date with the browser's date picker (ISO values).

    A viewset that lists `form_fields` gets Django's plain text box for a date, which shows
    "2026/12/25" in Chinese and offers no picker, unlike every other date of the back office."""
    if isinstance(db_field, models.DateField) and not isinstance(db_field, models.DateTimeField):
        kwargs.setdefault("widget", DateInput())
    return db_field.formfield(**kwargs)


# --- Why a record is changed by hand --------------------------------------------------------------

CHANGE_REASON = "change_reason"


def change_reason_field() -> forms.CharField:
    """The reason every edit of an existing record asks for (issue 15); it becomes the change
    reason of the history row the edit writes. As long as that column holds: nothing is cut."""
    return forms.CharField(
        label=gettext_lazy("Reason for the change"),
        max_length=REASON_LENGTH,
        help_text=gettext_lazy("Kept in the record's history."),
        error_messages={
            "required": gettext_lazy(
                "Say why you change this record: the reason is kept in its history."
            )
        },
    )


@functools.cache
def with_change_reason(form_class):
    """`form_class` with the reason for the change as its last field (its Meta, date pickers
    included, inherited)."""
    return type(
        form_class.__name__,
        (form_class,),
        {CHANGE_REASON: change_reason_field(), "__module__": form_class.__module__},
    )


class ChangeReasonMixin:
    """An edit view of an existing record that asks why it is changed: `self.reason` is what the
    person gave, for the service the view saves through. Creating a record asks nothing: its
    history says it was entered."""

    def get_form_class(self):
        return with_change_reason(super().get_form_class())

    @property
    def reason(self) -> str:
        return self.form.cleaned_data[CHANGE_REASON]


class ReasonEditView(ChangeReasonMixin, generic.EditView):
    """Wagtail's own edit (the form saves the record) with the reason asked for, written on the
    history row with the person who gave it."""

    def save_instance(self):
        self.form.instance._history_user = self.request.user
        self.form.instance._change_reason = self.reason
        return super().save_instance()


# --- Viewset building blocks ---------------------------------------------------------------------


def inspect_url(instance) -> str:
    """The admin page of `instance` (its viewset's inspect view), or "" when it has none."""
    for viewset in viewsets.viewsets:
        if getattr(viewset, "model", None) is type(instance) and getattr(
            viewset, "inspect_view_enabled", False
        ):
            return reverse(viewset.get_url_name("inspect"), args=[quote(instance.pk)])
    return ""


class HistoryInspectView(generic.InspectView):
    template_name = "compliance/inspect.html"

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return "—"
        if isinstance(value, dt.datetime):
            # Wagtail's inspect template prints values through |localize, which formats an aware
            # datetime in UTC; every time is shown in the federation's time zone.
            return date_format(timezone.localtime(value), "Y-m-d H:i")
        if value is True:
            return gettext_lazy("Yes")
        if value is False:
            return gettext_lazy("No")
        if isinstance(value, get_user_model()):
            return person_name(value)  # a name, never the sign-in e-mail address
        if isinstance(field, models.ForeignKey) and isinstance(value, models.Model):
            # The record this one belongs to (a violation's enterprise, a letter's case) is a
            # link to its own page, for whoever may read it.
            url = inspect_url(value)
            if url and may(self.request.user, "view", type(value)):
                return format_html('<a href="{}">{}</a>', url, value)
        if isinstance(field, models.TextField) and isinstance(value, str):
            # A letter's required actions are one per line, a reply has paragraphs: HTML would
            # run them together into one line ("发出要约 召开职代会").
            return linebreaksbr(value, autoescape=True)
        return value

    def get_timeline(self):
        """The audit timeline shown below the fields (a page may gather related records')."""
        return history_timeline(instance=self.object)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["timeline"] = self.get_timeline()
        return context


class PersonChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return person_name(obj)


class PersonFilter(django_filters.ModelChoiceFilter):
    """A list filter over people (a case's supervisor) that names them, family name first,
    instead of listing their sign-in e-mail addresses."""

    field_class = PersonChoiceField


def region_choices(current: str = "") -> list[tuple[str, str]]:
    """The regions within the federation's own, named in the admin's language with their code
    ("向阳区（230803）"), for a chooser instead of a bare six-digit field; empty when the portal
    knows no names for the federation's regions (the field then stays a code)."""
    parent = getattr(connection.tenant, "region_code", "") or ""
    codes = regions_within(parent) if parent else []
    if not codes:
        return []
    if current and current not in codes:
        codes.append(current)
    english = not (translation.get_language() or "").startswith("zh")
    pattern = "{name} ({code})" if english else "{name}（{code}）"
    return [
        (code, pattern.format(name=region_label(code, english=english), code=code))
        for code in codes
    ]


def region_display(code: str) -> str:
    english = not (translation.get_language() or "").startswith("zh")
    return region_label(code, english=english)


def region_with_code(code: str) -> str:
    """ "向阳区（230803）", or the code alone where the portal knows no name."""
    name = region_display(code)
    if name == code:
        return code
    english = not (translation.get_language() or "").startswith("zh")
    return f"{name} ({code})" if english else f"{name}（{code}）"


class PortalFilterSet(WagtailFilterSet):
    @classmethod
    def filter_for_lookup(cls, field, lookup_type):
        filter_class, params = super().filter_for_lookup(field, lookup_type)
        if field.name == "region_code" and lookup_type == "exact":
            return django_filters.ChoiceFilter, {
                "choices": region_choices,
                "widget": forms.Select,
                "empty_label": gettext_lazy("All"),
            }
        if filter_class is django_filters.ModelChoiceFilter and (
            getattr(field, "related_model", None) is get_user_model()
        ):
            params["queryset"] = params["queryset"].order_by("last_name", "first_name", "pk")
            return PersonFilter, params
        return filter_class, params


def index_view(queryset, *, title_opens_inspect: bool = False, addable: bool = True):
    """An index view over `queryset` (e.g. with select_related), so list pages stay flat.

    title_opens_inspect: the title column opens the inspect page, for records whose changes go
    through step forms rather than an edit form.
    addable: False for records that are never typed in (the list shows no "add" button; the
    viewset's add view explains where they come from).
    """
    attrs = {"queryset": queryset, "base_filterset_class": PortalFilterSet}
    if title_opens_inspect:
        attrs["get_edit_url"] = lambda self, instance: self.get_inspect_url(instance)
    if not addable:
        attrs["get_add_url"] = lambda self: None
    return type("IndexView", (generic.IndexView,), attrs)


class LandOnRecordMixin:
    """A create view that opens the new record's page, where its step buttons are, rather than
    the list it was added to (or the edit form, for records without an inspect page)."""

    inspect_url_name = None  # declared so the viewset passes it (Wagtail passes known names)

    def get_success_url(self):
        for name in (self.inspect_url_name, self.edit_url_name):
            if name:
                return reverse(name, args=[quote(self.object.pk)])
        return super().get_success_url()


def land_on_created(viewset) -> None:
    """Make `viewset`'s create view land on the record it created (see LandOnRecordMixin).
    Applied to every back-office viewset where the menu registers them."""
    view_class = getattr(viewset, "add_view_class", None)  # None: not a model viewset
    if (
        isinstance(view_class, type)
        and issubclass(view_class, generic.CreateView)
        and not issubclass(view_class, LandOnRecordMixin)
    ):
        viewset.add_view_class = type(view_class.__name__, (LandOnRecordMixin, view_class), {})


class InspectRedirectView(generic.EditView):
    """No free-form editing: status and dates change only through the procedure's steps."""

    def dispatch(self, request, *args, **kwargs):
        if "pk" not in kwargs:  # in place of an add view: such records are never typed in
            return redirect(reverse(self.index_url_name))
        return redirect(reverse(self.inspect_url_name, args=[kwargs["pk"]]))


def refusing_view(base, message, target: str):
    """A view in place of `base` that explains where the thing is done instead, and goes there."""

    def dispatch(self, request, *args, **kwargs):
        messages.info(request, message)
        return redirect(reverse(target))

    return type("RefuseView", (base,), {"dispatch": dispatch})


class ServiceSaveMixin:
    """Create/edit views whose save goes through a service; its errors return to the form."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as exc:
            if hasattr(exc, "error_dict") and set(exc.error_dict) <= set(form.fields):
                form.add_error(None, exc)  # each message beside its field
            else:
                for message in exc.messages:
                    form.add_error(None, message)
            # Wagtail's form_invalid reads this, set only when the form itself is invalid: a
            # service's refusal of a valid form was a server error (500) instead of the form.
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


# --- Step forms ----------------------------------------------------------------------------------


def step_page(request, *, form, title, back_url, obj=None, multipart=False, status=200):
    return TemplateResponse(
        request,
        "compliance/round_action.html",
        {
            "round": obj,
            "form": form,
            "title": title,
            "inspect_url": back_url,
            "page_title": title,
            "header_title": title,
            "multipart": multipart,
        },
        status=status,
    )


def run_step_form(
    request,
    form,
    action,
    *,
    title,
    back_url,
    obj=None,
    multipart=False,
    error_field=None,
    success=None,
):
    """The one pattern every step form follows: on a valid POST run `action(cleaned_data)`; a
    ValidationError goes back to the form in the user's language (on `error_field`, or the whole
    form). An action may return its own response; `success` is the confirmation, or a function
    of the action's result that makes it."""
    if request.method == "POST" and form.is_valid():
        try:
            result = action(form.cleaned_data)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(error_field, message)
        else:
            if callable(success):
                success = success(result)
            messages.success(request, success or _("%(step)s: saved.") % {"step": title})
            return result if isinstance(result, HttpResponse) else redirect(back_url)
    return step_page(
        request, form=form, title=title, back_url=back_url, obj=obj, multipart=multipart
    )


# --- Uploads -------------------------------------------------------------------------------------


def announces_too_much(request, *, limit: int) -> bool:
    """Whether a POST announces a body past `limit` (with room for the form's other fields): such
    a request is refused before Django spools its body to disk."""
    announced = int(request.META.get("CONTENT_LENGTH") or 0)
    return request.method == "POST" and announced > limit + 64 * 1024


def too_large_form(form_class, *, limit: int):
    """A `form_class` form that says only that its file is too large (its page answers 413)."""
    form = form_class({}, {})
    form.is_valid()
    form.errors.clear()
    form.errors["file"] = form.error_class(
        [
            _("The file is larger than %(limit)d MB. Split the rows into smaller files.")
            % {"limit": limit // (1024 * 1024)}
        ]
    )
    return form


# --- Downloads -----------------------------------------------------------------------------------


def attachment(content, *, name: str, content_type: str) -> HttpResponse:
    """A private download: `content` is bytes or an open binary file (read from its start)."""
    if isinstance(content, bytes):
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
    else:
        content.seek(0)
        response = FileResponse(
            content, as_attachment=True, filename=name, content_type=content_type
        )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def xlsx_response(content, *, name: str) -> HttpResponse:
    return attachment(content, name=name, content_type=XLSX_CONTENT_TYPE)
