"""Negotiators' training and the expert pool (issue 18 item 7): training sessions for
employee-side representatives with their attendees and qualification certificates (资格证书),
and the experts (专家指导团) with the consultations they gave.

Written by compliance.services.training.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from compliance.models.bargaining import BargainingRound, Representative
from compliance.models.enterprises import Enterprise


class NegotiatorTraining(models.Model):
    """A training session for negotiators (协商代表培训)."""

    held_on = models.DateField(_("held on"))
    topic = models.CharField(pgettext_lazy("training", "topic"), max_length=200)
    organiser = models.CharField(_("organiser"), max_length=100)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("negotiators' training session")
        verbose_name_plural = _("negotiators' training sessions")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.held_on:%Y-%m-%d} {self.topic}"


class TrainingAttendee(models.Model):
    """An employee-side representative who attended a session; linked to the representative of a
    round where there is one."""

    training = models.ForeignKey(
        NegotiatorTraining,
        verbose_name=_("training session"),
        on_delete=models.CASCADE,
        related_name="attendees",
    )
    name = models.CharField(_("name"), max_length=50)
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trained_negotiators",
    )
    representative = models.ForeignKey(
        Representative,
        verbose_name=_("representative"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="trainings",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("training attendee")
        verbose_name_plural = _("training attendees")
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class Certificate(models.Model):
    """A negotiator's qualification certificate (资格证书) obtained through a session."""

    attendee = models.ForeignKey(
        TrainingAttendee,
        verbose_name=_("holder"),
        on_delete=models.CASCADE,
        related_name="certificates",
    )
    number = models.CharField(_("certificate number"), max_length=40, unique=True)
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("qualification certificate")
        verbose_name_plural = _("qualification certificates")
        ordering = ["expires_on", "number"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_on__gt=models.F("issued_on")),
                name="certificate_expires_after_issue",
            )
        ]

    def __str__(self) -> str:
        return self.number


class Expert(models.Model):
    """A member of the expert pool (专家指导团 / 专家顾问组)."""

    name = models.CharField(_("name"), max_length=50)
    expertise = models.CharField(
        _("fields of expertise"),
        max_length=200,
        help_text=_("e.g. wages, labour law, occupational safety; separated by commas."),
    )
    organisation = models.CharField(_("organisation"), max_length=100)
    contact = models.CharField(_("contact"), max_length=100, blank=True)
    active = models.BooleanField(pgettext_lazy("expert", "active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("expert pool")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Consultation(models.Model):
    """Advice an expert gave an enterprise or a bargaining round."""

    expert = models.ForeignKey(
        Expert, verbose_name=_("expert"), on_delete=models.PROTECT, related_name="consultations"
    )
    given_on = models.DateField(_("given on"))
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    round = models.ForeignKey(
        BargainingRound,
        verbose_name=_("bargaining round"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    topic = models.CharField(pgettext_lazy("consultation", "topic"), max_length=200)
    advice = models.TextField(_("advice"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("expert consultation")
        verbose_name_plural = _("expert consultations")
        ordering = ["-given_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.given_on:%Y-%m-%d} {self.expert}: {self.topic}"
