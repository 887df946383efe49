"""The admin's "Instructors and experts" menu (issue 18 items 6 and 7): visits, training given,
yearly assessments, negotiators' training sessions, certificates, the expert pool and the
consultations; and the signed-in instructor's phone page.

New records are saved through the services (compliance.services.instructors / training); edits
are Wagtail's own with the reason asked for (ReasonEditView), as the other registries."""

from __future__ import annotations

import datetime as dt

import django_filters
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSet

from compliance.backoffice.common import (
    HistoryInspectView,
    PortalFilterSet,
    ReasonEditView,
    ServiceSaveMixin,
    index_view,
    may,
    refusing_view,
)
from compliance.backoffice.instructors import views
from compliance.backoffice.instructors.forms import AttendeeForm
from compliance.models import (
    Certificate,
    Consultation,
    Expert,
    InstructorAssessment,
    InstructorTraining,
    InstructorVisit,
    NegotiatorTraining,
)
from compliance.services import instructors as services
from compliance.services import training as training_services

EXPIRY_WINDOWS = (30, 60, 90, 180)


def service_create(service):
    """A create view that saves through `service(data, user)`; its refusals go to the form."""

    class ServiceCreateView(ServiceSaveMixin, generic.CreateView):
        def save_instance(self):
            return service(self.form.cleaned_data, self.request.user)

    return ServiceCreateView


def _date(field: str):
    return lambda obj: f"{getattr(obj, field):%Y-%m-%d}" if getattr(obj, field) else "—"


# --- instructors' work ---------------------------------------------------------------------------


class VisitViewSet(ModelViewSet):
    model = InstructorVisit
    icon = "site"
    menu_label = _("Instructors' visits")
    add_view_class = service_create(lambda d, user: services.visit_record(user=user, **d))
    edit_view_class = ReasonEditView
    inspect_view_class = HistoryInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = index_view(
        InstructorVisit.objects.select_related("instructor", "enterprise")
    )
    form_fields = ["instructor", "enterprise", "visited_on", "topic", "outcome", "follow_up"]
    list_display = [
        Column("visited_on", label=_("visited on"), accessor=_date("visited_on")),
        "enterprise",
        "instructor",
        "topic",
    ]
    list_filter = ["instructor", "visited_on"]
    search_fields = ["topic", "enterprise__name"]
    inspect_view_fields = [
        "instructor",
        "enterprise",
        "visited_on",
        "topic",
        "outcome",
        "follow_up",
        "entered_by",
        "created_at",
    ]


class TrainingGivenViewSet(ModelViewSet):
    model = InstructorTraining
    icon = "user"
    menu_label = _("Training given by instructors")
    add_view_class = service_create(lambda d, user: services.training_given_record(user=user, **d))
    edit_view_class = ReasonEditView
    inspect_view_class = HistoryInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = index_view(InstructorTraining.objects.select_related("instructor"))
    form_fields = ["instructor", "held_on", "topic", "audience", "attendees"]
    list_display = [
        Column("held_on", label=_("held on"), accessor=_date("held_on")),
        "topic",
        "instructor",
        "audience",
        "attendees",
    ]
    list_filter = ["instructor"]
    search_fields = ["topic", "audience"]


class AssessmentIndexView(generic.IndexView):
    def get_edit_url(self, instance):
        return views.sheet_url(instance.instructor_id, instance.year)


class AssessmentViewSet(ModelViewSet):
    """The assessments made: each opens its instructor's sheet, where a grade is given."""

    model = InstructorAssessment
    icon = "tasks"
    menu_label = _("Yearly assessments")
    add_view_class = refusing_view(
        generic.CreateView,
        _(
            "An instructor is assessed from their yearly sheet: open the instructor, then the "
            "sheet."
        ),
        "instructors:index",
    )
    index_view_class = type(
        "IndexView",
        (AssessmentIndexView,),
        {
            "queryset": InstructorAssessment.objects.select_related("instructor"),
            "base_filterset_class": PortalFilterSet,
            "get_add_url": lambda self: None,
        },
    )
    inspect_view_class = HistoryInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    edit_view_class = ReasonEditView
    form_fields = ["grade", "comment"]
    list_display = [
        "instructor",
        "year",
        Column("grade", label=_("grade"), accessor="get_grade_display"),
        Column("assessed_on", label=_("assessed on"), accessor=_date("assessed_on")),
    ]
    list_filter = ["year", "grade"]


# --- negotiators' training and the expert pool ---------------------------------------------------


class TrainingInspectView(HistoryInspectView):
    template_name = "compliance/instructors/training_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        attendees = list(
            self.object.attendees.select_related("enterprise", "representative__round")
            .prefetch_related("certificates")
            .order_by("name", "pk")
        )
        for attendee in attendees:
            for certificate in attendee.certificates.all():
                certificate.days_left = (certificate.expires_on - today).days
        context.update(
            attendees=attendees,
            may_change=may(self.request.user, "change", NegotiatorTraining),
            attendee_form=AttendeeForm(),
        )
        return context


class NegotiatorTrainingViewSet(ModelViewSet):
    model = NegotiatorTraining
    icon = "group"
    menu_label = _("Negotiators' training")
    add_view_class = service_create(
        lambda d, user: training_services.negotiator_training_record(user=user, **d)
    )
    edit_view_class = ReasonEditView
    inspect_view_class = TrainingInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = index_view(NegotiatorTraining.objects.all())
    form_fields = ["held_on", "topic", "organiser", "hours"]
    list_display = [
        Column("held_on", label=_("held on"), accessor=_date("held_on")),
        "topic",
        "organiser",
        "hours",
    ]
    search_fields = ["topic", "organiser"]

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("<int:pk>/attendees/add/", views.attendee_add, name="attendee_add"),
            path("attendees/<int:pk>/remove/", views.attendee_remove, name="attendee_remove"),
            path("attendees/<int:pk>/certificate/", views.certificate_issue, name="certificate"),
        ]


class ExpiringFilterSet(PortalFilterSet):
    expiring = django_filters.ChoiceFilter(
        label=_("expires within"),
        choices=[(str(n), _("%(days)s days") % {"days": n}) for n in EXPIRY_WINDOWS],
        method="within",
    )

    def within(self, queryset, name, value):
        today = timezone.localdate()
        return queryset.filter(
            expires_on__gte=today, expires_on__lte=today + dt.timedelta(days=int(value))
        )

    class Meta:
        model = Certificate
        fields = []


def _expiry(certificate) -> str:
    days = (certificate.expires_on - timezone.localdate()).days
    day = f"{certificate.expires_on:%Y-%m-%d}"
    if days < 0:
        return gettext("%(day)s (expired)") % {"day": day}
    return gettext("%(day)s (in %(days)s days)") % {"day": day, "days": days}


class CertificateViewSet(ModelViewSet):
    """Certificates are issued from a training session's page; the list shows their expiry and
    filters those expiring within N days."""

    model = Certificate
    icon = "doc-full"
    menu_label = _("Qualification certificates")
    add_view_class = refusing_view(
        generic.CreateView,
        _("A certificate is issued to an attendee from the training session's page."),
        "negotiator_trainings:index",
    )
    index_view_class = type(
        "IndexView",
        (generic.IndexView,),
        {
            "queryset": Certificate.objects.select_related(
                "attendee__enterprise", "attendee__training"
            ),
            "filterset_class": ExpiringFilterSet,
            "get_add_url": lambda self: None,
        },
    )
    edit_view_class = ReasonEditView
    inspect_view_class = HistoryInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    form_fields = ["number", "issued_on", "expires_on"]
    list_display = [
        "number",
        Column("holder", label=_("holder"), accessor="attendee"),
        Column(
            "enterprise",
            label=_("enterprise"),
            accessor=lambda c: c.attendee.enterprise or "—",
        ),
        Column("issued_on", label=_("issued on"), accessor=_date("issued_on")),
        Column("expires_on", label=_("expires on"), accessor=_expiry),
    ]
    search_fields = ["number", "attendee__name"]


class ExpertInspectView(HistoryInspectView):
    template_name = "compliance/instructors/expert_inspect.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["consultations"] = self.object.consultations.select_related(
            "enterprise", "round"
        ).order_by("-given_on", "-pk")[:100]
        return context


class ExpertViewSet(ModelViewSet):
    model = Expert
    icon = "user"
    menu_label = _("Expert pool")
    add_view_class = service_create(
        lambda d, user: training_services.expert_record(
            user=user,
            name=d["name"],
            expertise=d["expertise"],
            organisation=d["organisation"],
            contact=d["contact"],
        )
    )
    edit_view_class = ReasonEditView
    inspect_view_class = ExpertInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = index_view(Expert.objects.all())
    form_fields = ["name", "expertise", "organisation", "contact", "active"]
    list_display = ["name", "expertise", "organisation", "contact"]
    list_filter = ["active"]
    search_fields = ["name", "expertise", "organisation"]


class ConsultationViewSet(ModelViewSet):
    model = Consultation
    icon = "help"
    menu_label = _("Expert consultations")
    add_view_class = service_create(
        lambda d, user: training_services.consultation_record(
            user=user,
            expert=d["expert"],
            given_on=d["given_on"],
            enterprise=d["enterprise"],
            round_=d["round"],
            topic=d["topic"],
            advice=d["advice"],
        )
    )
    edit_view_class = ReasonEditView
    inspect_view_class = HistoryInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = index_view(
        Consultation.objects.select_related("expert", "enterprise", "round")
    )
    form_fields = ["expert", "given_on", "enterprise", "round", "topic", "advice"]
    list_display = [
        Column("given_on", label=_("given on"), accessor=_date("given_on")),
        "expert",
        "enterprise",
        "topic",
    ]
    list_filter = ["expert"]
    search_fields = ["topic", "advice", "enterprise__name"]


# --- the instructor's own page -------------------------------------------------------------------


class MyWorkViewSet(ViewSet):
    """The signed-in instructor's page (my enterprises, log a visit), reached from the admin
    home's panel; the views refuse anyone without an instructor record."""

    name = "my_work"
    url_prefix = "my-work"

    def get_urlpatterns(self):
        return [
            path("", views.my_work, name="index"),
            path("visit/", views.my_visit, name="visit"),
        ]
