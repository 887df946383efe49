"""Instructors' work (issue 18 item 6): the enterprises assigned to an instructor by name (分片包干
beside the areas of Instructor), the visits they make, the training they give and the yearly
assessment (年度考核) of each.

The records are written by compliance.services.instructors; the sheet that gathers them for a
year is compliance.selectors.instructors.assessment_sheet.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from compliance.models.bargaining import Instructor
from compliance.models.enterprises import Enterprise


class EnterpriseAssignment(models.Model):
    """An enterprise assigned to one instructor by name: it takes precedence over the areas when
    a round's instructor is proposed."""

    enterprise = models.OneToOneField(
        Enterprise,
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="instructor_assignment",
    )
    instructor = models.ForeignKey(
        Instructor,
        verbose_name=_("instructor"),
        on_delete=models.CASCADE,
        related_name="assignments",
    )
    assigned_on = models.DateField(_("assigned on"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("enterprise assigned to an instructor")
        verbose_name_plural = _("enterprises assigned to instructors")
        ordering = ["enterprise__name"]

    def __str__(self) -> str:
        return f"{self.enterprise} → {self.instructor}"


class InstructorVisit(models.Model):
    """A visit (走访, one-to-one guidance) an instructor paid an enterprise."""

    instructor = models.ForeignKey(
        Instructor, verbose_name=_("instructor"), on_delete=models.PROTECT, related_name="visits"
    )
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="instructor_visits",
    )
    visited_on = models.DateField(_("visited on"))
    topic = models.CharField(pgettext_lazy("visit", "topic"), max_length=200)
    outcome = models.TextField(pgettext_lazy("visit", "outcome"))
    follow_up = models.TextField(
        _("follow-up"), blank=True, help_text=_("What is to be done next, by whom and when.")
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("instructor's visit")
        verbose_name_plural = _("instructors' visits")
        ordering = ["-visited_on", "-pk"]
        indexes = [models.Index(fields=["instructor", "visited_on"])]

    def __str__(self) -> str:
        return f"{self.visited_on:%Y-%m-%d} {self.enterprise}"


class InstructorTraining(models.Model):
    """A training session an instructor gave (授课): to representatives, union officers …"""

    instructor = models.ForeignKey(
        Instructor,
        verbose_name=_("instructor"),
        on_delete=models.PROTECT,
        related_name="trainings_given",
    )
    held_on = models.DateField(_("held on"))
    topic = models.CharField(pgettext_lazy("training", "topic"), max_length=200)
    audience = models.CharField(
        _("audience"), max_length=200, help_text=_("e.g. employee-side representatives of …")
    )
    attendees = models.PositiveIntegerField(_("number of attendees"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("training given by an instructor")
        verbose_name_plural = _("training given by instructors")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.topic}"


class InstructorAssessment(models.Model):
    """The evaluator's yearly grade of an instructor (年度考核). The four grades are those of the
    civil service's yearly assessment (《公务员考核规定》: 优秀、称职、基本称职、不称职), which
    federations apply to the staff they appoint: 不称职 is the ground for ending an appointment,
    优秀 for renewing it first."""

    class Grade(models.TextChoices):
        EXCELLENT = "excellent", _("Excellent (优秀)")
        COMPETENT = "competent", _("Competent (称职)")
        BASIC = "basic", _("Basically competent (基本称职)")
        INCOMPETENT = "incompetent", _("Not competent (不称职)")

    instructor = models.ForeignKey(
        Instructor,
        verbose_name=_("instructor"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    year = models.PositiveIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    grade = models.CharField(_("grade"), max_length=12, choices=Grade.choices)
    comment = models.TextField(pgettext_lazy("assessment", "comment"))
    assessed_on = models.DateField(_("assessed on"))
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("evaluator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("instructor's yearly assessment")
        verbose_name_plural = _("instructors' yearly assessments")
        ordering = ["-year", "instructor__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["instructor", "year"], name="one_assessment_per_instructor_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instructor} {self.year}"
