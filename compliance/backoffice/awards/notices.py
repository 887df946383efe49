"""Public notices of an award's shortlist (R40): published from an eligibility check for at least
the rule profile's period (5 working days nationally), corrected, or withdrawn; the public pages
are compliance.public.award_notices."""

from __future__ import annotations

from django import forms
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from compliance.backoffice.common import (
    ChangeReasonMixin,
    HistoryInspectView,
    ServiceSaveMixin,
    date_field,
    index_view,
    may,
    refusing_view,
    require,
    run_step_form,
)
from compliance.models import AwardNotice, EligibilityRun
from compliance.rules.notice import earliest_end
from compliance.rules.presets import Key
from compliance.selectors.profile import current_profile, working_calendar
from compliance.services.awards import notice_publish, notice_update, notice_withdraw

# --- Publishing --------------------------------------------------------------------------------


class PublishForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("title"), max_length=200)
    starts_on = date_field(gettext_lazy("notice from"))
    ends_on = date_field(
        gettext_lazy("notice until"),
        help_text=gettext_lazy(
            "At least the rule profile's notice period (5 working days by default)."
        ),
    )
    body = forms.CharField(
        label=gettext_lazy("introduction"), widget=forms.Textarea, required=False
    )
    contact = forms.CharField(
        label=gettext_lazy("objections to"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Where and how to raise an objection: office, telephone, address."),
    )
    title_en = forms.CharField(
        label=gettext_lazy("title (English)"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("For visitors reading the site in English; optional."),
    )
    body_en = forms.CharField(
        label=gettext_lazy("introduction (English)"), widget=forms.Textarea, required=False
    )
    contact_en = forms.CharField(
        label=gettext_lazy("objections to (English)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("reason for withdrawing"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy(
            "The public page disappears at once; the notice and this reason stay in its history."
        ),
    )


def _suggested_period(today):
    try:
        end = earliest_end(
            starts_on=today,
            period=current_profile().period(Key.AWARD_NOTICE),
            calendar=working_calendar(),
        )
    except ValueError:  # the calendar for the coming days is not loaded: the form will say so
        end = None
    return today, end


def publish_view(request, pk: int):
    require(request.user, "add", AwardNotice)
    run = get_object_or_404(EligibilityRun.objects.select_related("award"), pk=pk)
    starts, ends = _suggested_period(timezone.localdate())
    form = PublishForm(
        request.POST or None,
        initial={
            "title": _("Public notice of the nominees for %(award)s") % {"award": run.award},
            "starts_on": starts,
            "ends_on": ends,
        },
    )

    def action(data):
        notice = notice_publish(run_id=run.pk, data=data, user=request.user)
        return redirect(reverse("award_notices:inspect", args=[notice.pk]))

    return run_step_form(
        request,
        form,
        action,
        title=_("Publish the shortlist"),
        back_url=reverse("eligibility_checks:inspect", args=[run.pk]),
        obj=run,
        success=_("The shortlist is published on the federation's site."),
    )


def withdraw_view(request, pk: int):
    """Withdrawing takes a confirmation with a reason: one click once took a running notice
    off the site."""
    require(request.user, "change", AwardNotice)
    notice = get_object_or_404(AwardNotice, pk=pk, status=AwardNotice.Status.PUBLISHED)
    back = reverse("award_notices:inspect", args=[notice.pk])
    return run_step_form(
        request,
        WithdrawForm(request.POST or None),
        lambda data: notice_withdraw(notice_id=notice.pk, user=request.user, reason=data["reason"]),
        title=_("Withdraw “%(title)s” from the public site") % {"title": notice.title},
        back_url=back,
        obj=notice,
        success=_("The notice is withdrawn from the public site."),
    )


# --- The notices in the admin ------------------------------------------------------------------


class NoticeForm(forms.ModelForm):
    starts_on = date_field(gettext_lazy("notice from"))
    ends_on = date_field(gettext_lazy("notice until"))

    class Meta:
        model = AwardNotice
        fields = [
            "title",
            "starts_on",
            "ends_on",
            "body",
            "contact",
            "title_en",
            "body_en",
            "contact_en",
        ]

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contact"].required = True  # R40: a notice says where to object
        # The earliest lawful end of the notice as it starts now, computed as publishing does.
        end = _suggested_period(self.instance.starts_on)[1] if self.instance.pk else None
        help_text = _("At least the rule profile's notice period (R40: 5 working days).")
        if end:
            help_text += " " + _("From %(start)s, the earliest last day is %(end)s.") % {
                "start": self.instance.starts_on.isoformat(),
                "end": end.isoformat(),
            }
        self.fields["ends_on"].help_text = help_text


class NoticeEditView(ChangeReasonMixin, ServiceSaveMixin, generic.EditView):
    """A correction lands on the notice's page (its public link and history), not the list."""

    def get_success_url(self):
        return reverse("award_notices:inspect", args=[self.object.pk])

    def save_instance(self):
        return notice_update(
            notice_id=self.object.pk,
            data=self.form.cleaned_data,
            reason=self.reason,
            user=self.request.user,
        )


class NoticeInspectView(HistoryInspectView):
    template_name = "compliance/awards/notice_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["public_url"] = reverse("award_notice", args=[self.object.pk])
        context["can_change"] = may(self.request.user, "change", AwardNotice)
        return context


# A shortlist is published from its run; a notice is withdrawn, not deleted (its history stays).
_PUBLISH_FROM_RUN = gettext_lazy("A shortlist is published from its eligibility check's page.")


class AwardNoticeViewSet(ModelViewSet):
    model = AwardNotice
    icon = "globe"
    menu_label = gettext_lazy("Award public notices")
    add_view_class = refusing_view(
        generic.CreateView, _PUBLISH_FROM_RUN, "eligibility_checks:index"
    )
    edit_view_class = NoticeEditView
    delete_view_class = refusing_view(generic.DeleteView, _PUBLISH_FROM_RUN, "award_notices:index")
    inspect_view_class = NoticeInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = index_view(
        AwardNotice.objects.select_related("run__award"), title_opens_inspect=True
    )
    list_display = ["title", "run", "starts_on", "ends_on", "status"]
    list_filter = ["status", "starts_on"]
    search_fields = ["title"]
    inspect_view_fields = [
        "title",
        "run",
        "status",
        "starts_on",
        "ends_on",
        "body",
        "contact",
        "title_en",
        "body_en",
        "contact_en",
        "published_at",
        "published_by",
    ]

    def get_form_class(self, for_update=False):
        return NoticeForm

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("withdraw/<int:pk>/", withdraw_view, name="withdraw"),
        ]
