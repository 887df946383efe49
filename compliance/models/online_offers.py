"""A written offer (要约书, R1/R2) made in the enterprise area, and the other side's answer.

The round itself is a BargainingRound (its status, dates and R1 deadline); this holds what the
round does not: the offer's proposed time, place and agenda, how it was delivered, each side's
representatives as that side entered them (until both sides have, when they become the round's
Representative rows), and the answer's counter-proposal or reason for refusing.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from compliance.models.bargaining import BargainingRound
from compliance.models.enterprise_accounts import Side


class OnlineOffer(models.Model):
    class Delivery(models.TextChoices):
        ONLINE = "online", _("Sent online")
        PAPER = "paper", _("Paper offer, scan uploaded")

    round = models.OneToOneField(
        BargainingRound,
        verbose_name=_("bargaining round"),
        on_delete=models.CASCADE,
        related_name="online_offer",
    )
    delivery = models.CharField(_("delivery"), max_length=10, choices=Delivery.choices)
    sender_side = models.CharField(_("sent by the side"), max_length=10, choices=Side.choices)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=100, blank=True)
    agenda = models.TextField(_("agenda"), blank=True)
    # Each side's representatives as that side entered them: [{name, identity, is_chief,
    # is_outsider}]. Identity numbers stay in the area; they are never shown to the other side.
    union_representatives = models.JSONField(
        _("union side's representatives"), default=list, blank=True
    )
    employer_representatives = models.JSONField(
        _("employer side's representatives"), default=list, blank=True
    )

    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    counter_proposed_at = models.DateTimeField(_("counter-proposed time"), null=True, blank=True)
    counter_place = models.CharField(_("counter-proposed place"), max_length=100, blank=True)
    refusal_reason = models.TextField(_("reason for refusing"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("offer made in the enterprise area")
        verbose_name_plural = _("offers made in the enterprise area")

    def __str__(self) -> str:
        return str(self.round)

    @property
    def receiver_side(self) -> str:
        return Side.EMPLOYER if self.sender_side == Side.UNION else Side.UNION

    def representatives_of(self, side: str) -> list[dict]:
        return self.union_representatives if side == Side.UNION else self.employer_representatives
