"""Failed sign-ins, one row each, in the schema of the site they were made on.

The table is in SHARED_APPS and TENANT_APPS like auth: the public schema counts the platform
operators' failures, each federation its own users', so the same e-mail address in two
federations is two independent accounts with two independent counts.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SignInFailure(models.Model):
    class Stage(models.TextChoices):
        PASSWORD = "password", _("Password")
        SECOND_FACTOR = "second_factor", _("Second factor")

    # The name as typed, case-folded: unknown names are counted exactly like real accounts, so
    # the lockout says nothing about whether an account exists.
    account = models.CharField(_("account"), max_length=254)
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    created_at = models.DateTimeField(_("at"), db_index=False)

    class Meta:
        verbose_name = _("failed sign-in")
        verbose_name_plural = _("failed sign-ins")
        indexes = [models.Index(fields=["account", "created_at"], name="accounts_failure_window")]

    def __str__(self):
        return f"{self.account} {self.stage} {self.created_at:%Y-%m-%d %H:%M:%S}"
