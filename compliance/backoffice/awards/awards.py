"""Awards such as 五一劳动奖状 (one-vote veto, R37–R40): entering an award, then its criteria
(criteria.py) and its eligibility checks (eligibility_checks.py)."""

from __future__ import annotations

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from compliance.backoffice.awards import eligibility_checks
from compliance.backoffice.awards.criteria import criteria_view
from compliance.backoffice.common import (
    ChangeReasonMixin,
    HistoryInspectView,
    ServiceSaveMixin,
    index_view,
    may,
)
from compliance.models import Award, EligibilityRun
from compliance.rules.veto import CATALOGUE
from compliance.services.awards import award_save


class _AwardSaveMixin(ServiceSaveMixin):
    reason = ""

    def save_instance(self):
        return award_save(
            award=getattr(self, "object", None),
            data=self.form.cleaned_data,
            user=self.request.user,
            reason=str(self.reason),
        )


class AwardCreateView(_AwardSaveMixin, generic.CreateView):
    reason = _("Entered in the admin")


class AwardEditView(ChangeReasonMixin, _AwardSaveMixin, generic.EditView):
    pass


class AwardInspectView(HistoryInspectView):
    template_name = "compliance/awards/award_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        award = self.object
        user = self.request.user
        criteria = list(award.criteria.order_by("pk"))
        context.update(
            criteria=[(c, CATALOGUE[c.code]) for c in criteria],
            runs=list(award.runs.select_related("created_by")[:10]),
            can_change=may(user, "change", Award),
            can_check=may(user, "add", EligibilityRun),
        )
        return context


class AwardViewSet(ModelViewSet):
    model = Award
    icon = "success"
    menu_label = _("Awards (one-vote veto)")
    add_view_class = AwardCreateView
    edit_view_class = AwardEditView
    inspect_view_class = AwardInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = index_view(Award.objects.all(), title_opens_inspect=True)
    list_display = ["name", "year", "created_at"]
    list_filter = ["year"]
    search_fields = ["name"]
    form_fields = ["name", "year"]
    inspect_view_fields = ["name", "year", "created_at"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("criteria/<int:pk>/", criteria_view, name="criteria"),
            path("check/", eligibility_checks.check_view, name="check"),
            path("upload/<int:pk>/", eligibility_checks.upload_view, name="upload"),
            path(
                "nominations-template.xlsx",
                eligibility_checks.nomination_template,
                name="template",
            ),
        ]
