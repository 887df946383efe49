"""The labour administration's departments the federation submits to, their reviewers and the
invitations that open reviewer accounts (issue 17 item 6); and the federation's record of the
missing materials it sent. Inviting and revoking need the permission to change departments."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet

from compliance.backoffice.common import (
    HistoryInspectView,
    ReasonEditView,
    date_field,
    index_view,
    may,
    require,
    run_step_form,
)
from compliance.models import BargainingRound, Department, MaterialsRequest, ReviewerInvitation
from compliance.services.department_review import (
    materials_record_sent,
    reviewer_invitation_create,
    reviewer_invitation_revoke,
)


class InviteReviewerForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("E-mail address"))


class MaterialsSentForm(forms.Form):
    sent_on = date_field(gettext_lazy("materials sent on"), initial=timezone.localdate)
    note = forms.CharField(
        label=gettext_lazy("what was sent"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("The department's reviewers and the enterprise read it."),
    )


class DepartmentInspectView(HistoryInspectView):
    template_name = "compliance/department_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        invitations = list(ReviewerInvitation.objects.filter(department=self.object))
        for invitation in invitations:
            invitation.state = invitation.status_at(now)
            invitation.state_label = ReviewerInvitation.Status(invitation.state).label
        context.update(
            reviewers=self.object.reviewers.select_related("user"),
            invitations=invitations,
            can_invite=may(self.request.user, "change", Department) and self.object.active,
            invite_form=InviteReviewerForm(),
        )
        return context


def invite(request, pk: int):
    require(request.user, "change", Department)
    department = get_object_or_404(Department, pk=pk)
    form = InviteReviewerForm(request.POST or None)

    def accept_url(token: str) -> str:
        return request.build_absolute_uri(reverse("review_invitation", args=[token]))

    return run_step_form(
        request,
        form,
        lambda data: reviewer_invitation_create(
            department_id=department.pk,
            email=data["email"],
            user=request.user,
            accept_url=accept_url,
        ),
        title=_("Invite a reviewer"),
        back_url=reverse("departments:inspect", args=[department.pk]) + "#reviewers",
        obj=department,
        error_field="email",
        success=lambda result: _("Invitation sent to %(email)s.") % {"email": result[0].email},
    )


@require_POST
def revoke(request, pk: int):
    require(request.user, "change", Department)
    invitation = get_object_or_404(ReviewerInvitation, pk=pk)
    try:
        reviewer_invitation_revoke(invitation_id=invitation.pk, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Invitation to %(email)s revoked.") % {"email": invitation.email}
        )
    return redirect(reverse("departments:inspect", args=[invitation.department_id]) + "#reviewers")


def materials_sent(request, pk: int):
    """The federation records the missing materials it sent to the department."""
    require(request.user, "change", BargainingRound)
    item = get_object_or_404(
        MaterialsRequest.objects.select_related("submission__round__enterprise"), pk=pk
    )
    round_ = item.submission.round
    form = MaterialsSentForm(request.POST or None)
    form.fields["note"].help_text = _("The department asked for: %(items)s") % {"items": item.items}
    return run_step_form(
        request,
        form,
        lambda data: materials_record_sent(request_id=item.pk, user=request.user, **data),
        title=_("Record the missing materials sent"),
        back_url=reverse("bargaining_rounds:inspect", args=[round_.pk]) + "#department-review",
        obj=round_,
        success=_("Recorded; the department and the enterprise are notified."),
    )


class DepartmentViewSet(ModelViewSet):
    model = Department
    icon = "group"
    menu_label = gettext_lazy("Labour administration departments")
    edit_view_class = ReasonEditView
    inspect_view_class = DepartmentInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = index_view(Department.objects.all())
    list_display = [
        "name",
        Column(
            "active",
            label=Department._meta.get_field("active").verbose_name,
            accessor=lambda d: _("Yes") if d.active else _("No"),
        ),
    ]
    list_filter = ["active"]
    search_fields = ["name"]
    form_fields = ["name", "active"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("invite/<int:pk>/", invite, name="invite"),
            path("invitations/revoke/<int:pk>/", revoke, name="revoke_invitation"),
            path("materials/<int:pk>/sent/", materials_sent, name="materials_sent"),
        ]
