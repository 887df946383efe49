"""Building blocks shared by the back office's viewsets: inspect pages with the audit timeline,
flat list queries, no free-form edit where a procedure's steps own the data, service saves."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic

from compliance.selectors.history import history_timeline


class HistoryInspectView(generic.InspectView):
    template_name = "compliance/inspect.html"

    def get_field_display_value(self, field_name, field):
        value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return "—"
        if value is True:
            return _("Yes")
        if value is False:
            return _("No")
        return value

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["timeline"] = history_timeline(instance=self.object)
        return context


def index_view(queryset, *, title_opens_inspect: bool = False):
    """An index view over `queryset` (e.g. with select_related), so list pages stay flat.

    title_opens_inspect: the title column opens the inspect page, for records whose changes go
    through step forms rather than an edit form.
    """
    attrs = {"queryset": queryset}
    if title_opens_inspect:
        attrs["get_edit_url"] = lambda self, instance: self.get_inspect_url(instance)
    return type("IndexView", (generic.IndexView,), attrs)


class InspectRedirectView(generic.EditView):
    """No free-form editing: status and dates change only through the procedure's steps."""

    def dispatch(self, request, *args, **kwargs):
        from django.shortcuts import redirect
        from django.urls import reverse

        if "pk" not in kwargs:  # in place of an add view: such records are never typed in
            return redirect(reverse(self.index_url_name))
        return redirect(reverse(self.inspect_url_name, args=[kwargs["pk"]]))


class _ServiceSaveMixin:
    """Create/edit views whose save goes through a service; its errors return to the form."""

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
            return self.form_invalid(form)
