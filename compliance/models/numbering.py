from django.db import models
from django.utils.translation import gettext_lazy as _


class Sequence(models.Model):
    """A gap-free yearly counter for document numbers (filing numbers, letters).

    Incremented only under SELECT … FOR UPDATE inside the transaction that uses the number, so
    concurrent issuers wait for each other and a rolled-back transaction gives its number back.
    """

    name = models.CharField(_("sequence"), max_length=30)
    year = models.PositiveIntegerField(_("year"))
    last = models.PositiveIntegerField(_("last number issued"), default=0)

    class Meta:
        verbose_name = _("document number sequence")
        verbose_name_plural = _("document number sequences")
        constraints = [models.UniqueConstraint(fields=["name", "year"], name="sequence_unique")]

    def __str__(self) -> str:
        return f"{self.name} {self.year}: {self.last}"
