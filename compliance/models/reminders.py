from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from compliance.models.bargaining import BargainingRound
from compliance.models.contracts import Contract
from compliance.models.supervision import ReminderNotice


class DeadlineReminder(models.Model):
    """A reminder of a bargaining or contract deadline (R1, R16, R20/R21, R23, R29) to the staff
    responsible, recorded once (outbox) per deadline, due date and moment: the unique constraints
    make a repeated or restarted task unable to remind twice, and a changed due date (a new
    signature after an objection) reminds again."""

    class Kind(models.TextChoices):
        OFFER_REPLY = "offer_reply", _("Reply to the offer")
        SUBMISSION = "submission", _("Submission for review")
        REVIEW_END = "review_end", _("End of the review period")
        PUBLICATION = "publication", _("Publication to employees")
        RENEWAL = "renewal", _("Renewal before expiry")

    Moment = ReminderNotice.Moment

    ROUND_KINDS = (Kind.OFFER_REPLY, Kind.SUBMISSION, Kind.REVIEW_END)

    kind = models.CharField(_("deadline"), max_length=15, choices=Kind.choices)
    moment = models.CharField(_("when"), max_length=10, choices=Moment.choices)
    round = models.ForeignKey(
        BargainingRound,
        verbose_name=_("bargaining round"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deadline_reminders",
    )
    contract = models.ForeignKey(
        Contract,
        verbose_name=_("contract"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deadline_reminders",
    )
    due_on = models.DateField(_("due"))
    # The person responsible when the reminder was recorded; none means the federation's
    # administrators.
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sent_to = models.TextField(_("sent to"), blank=True)  # the addresses, one a line

    class Meta:
        verbose_name = _("deadline reminder")
        verbose_name_plural = _("deadline reminders")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        kind__in=["offer_reply", "submission", "review_end"],
                        round__isnull=False,
                        contract__isnull=True,
                    )
                    | models.Q(
                        kind__in=["publication", "renewal"],
                        round__isnull=True,
                        contract__isnull=False,
                    )
                ),
                name="deadline_reminder_of_round_or_contract",
            ),
            models.UniqueConstraint(
                fields=["kind", "round", "due_on", "moment"],
                condition=models.Q(round__isnull=False),
                name="round_reminded_once_per_moment",
            ),
            models.UniqueConstraint(
                fields=["kind", "contract", "due_on", "moment"],
                condition=models.Q(contract__isnull=False),
                name="contract_reminded_once_per_moment",
            ),
        ]

    def __str__(self) -> str:
        record = self.round or self.contract
        return f"{record} · {self.get_kind_display()} · {self.get_moment_display()}"
