"""The monthly bargaining meeting (集体协商月例会, seed 003): about thirty key enterprises invited
each month, and for each the outcome of the month, "完成一批，补充一批，指导一批，落实一批"."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from compliance.models.enterprises import Enterprise


class MonthlyMeeting(models.Model):
    """One month's meeting: when and where it was held, who chaired it, and its minutes."""

    month = models.DateField(
        pgettext_lazy("meeting", "month"),
        unique=True,
        help_text=_("The month the meeting belongs to (its first day); one meeting a month."),
    )
    held_on = models.DateField(_("held on"))
    place = models.CharField(_("place"), max_length=100, blank=True)
    chair = models.CharField(_("chaired by"), max_length=50, blank=True)
    minutes = models.TextField(pgettext_lazy("meeting", "minutes"), blank=True)
    minutes_file = models.FileField(
        _("minutes file"),
        upload_to="monthly_meetings/%Y/",
        blank=True,
        help_text=_("The signed minutes as scanned, PDF or Word, up to 10 MB."),
    )
    proposed_from = models.ForeignKey(
        "self",
        verbose_name=_("invitations proposed from"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The earlier meeting whose outcomes proposed this meeting's invitations."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("monthly bargaining meeting")
        verbose_name_plural = _("monthly bargaining meetings")
        ordering = ["-month"]

    def __str__(self) -> str:
        return _("Monthly meeting %(month)s") % {"month": f"{self.month:%Y-%m}"}


class Attendance(models.TextChoices):
    CAME = "came", pgettext_lazy("attendance", "Came")
    DELEGATE = "delegate", _("Sent someone")
    ABSENT = "absent", pgettext_lazy("attendance", "Absent")


class Outcome(models.TextChoices):
    # What each means (seed 003's 完成一批，补充一批，指导一批，落实一批), also the help text.
    COMPLETED = "completed", pgettext_lazy("meeting outcome", "Completed (完成)")
    ADDED = "added", pgettext_lazy("meeting outcome", "Added (补充)")
    GUIDED = "guided", pgettext_lazy("meeting outcome", "Guided (指导)")
    IMPLEMENTED = "implemented", pgettext_lazy("meeting outcome", "Implementing (落实)")


OUTCOME_HELP = _(
    "Completed: signed its contract this round. Added: newly brought into the pipeline this "
    "month. Guided: given guidance and still working towards a contract, invited again. "
    "Implementing: signed earlier and now carrying out its commitments, checked on."
)


class Action(models.TextChoices):
    SECOND_OFFER = "second_offer", _("Send a second offer (再次发出要约)")
    ONE_TO_ONE = "one_to_one", _("One-to-one guidance (一对一辅导)")
    INSTRUCTOR_VISIT = "instructor_visit", _("Instructor to visit")
    CHECK_PERFORMANCE = "check_performance", _("Check that the contract is carried out")


class Invitation(models.Model):
    """An enterprise invited to a monthly meeting, whether it came, and the month's outcome."""

    meeting = models.ForeignKey(
        MonthlyMeeting,
        verbose_name=_("monthly meeting"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="meeting_invitations",
    )
    invited_because = models.CharField(_("invited because"), max_length=200, blank=True)
    attendance = models.CharField(
        pgettext_lazy("meeting", "attendance"),
        max_length=10,
        choices=Attendance.choices,
        blank=True,
    )
    outcome = models.CharField(
        pgettext_lazy("meeting outcome", "outcome"),
        max_length=12,
        choices=Outcome.choices,
        blank=True,
        help_text=OUTCOME_HELP,
    )
    action = models.CharField(_("action asked"), max_length=20, choices=Action.choices, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("meeting invitation")
        verbose_name_plural = _("meeting invitations")
        ordering = ["meeting", "enterprise__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "enterprise"],
                name="invitation_once_per_meeting",
                violation_error_message=_("This enterprise is already invited to the meeting."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · {self.enterprise}"
