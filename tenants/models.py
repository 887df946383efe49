from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin

from tenants.regions import region_code_problem


def validate_region_code(value: str) -> None:
    problem = region_code_problem(value)
    if problem:
        raise ValidationError(problem)


class Federation(TenantMixin):
    """A trade-union federation (总工会): one tenant, one PostgreSQL schema."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("Provincial federation")
        CITY = "city", _("City federation")
        COUNTY = "county", _("County or district federation")
        ZONE = "zone", _("Development-zone federation")

    name = models.CharField(_("name (Chinese)"), max_length=100, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    short_name = models.CharField(
        _("short name"),
        max_length=10,
        help_text=_("Used in document numbers, e.g. 佳 in 佳工函〔2026〕3号."),
    )
    level = models.CharField(_("level"), max_length=10, choices=Level.choices)
    region_code = models.CharField(
        _("region code (GB/T 2260)"), max_length=6, validators=[validate_region_code]
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent federation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # The rule profile's preset it was created from (compliance.rules.presets), kept here so that
    # the console shows it without reading the federation's schema; empty for federations created
    # before it was recorded. Its administrators may have changed values since.
    rule_preset = models.CharField(_("rule preset"), max_length=20, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    # Schemas are created by tenants.services.federation_create, inside its transaction.
    auto_create_schema = True
    auto_drop_schema = False

    class Meta:
        verbose_name = _("federation")
        verbose_name_plural = _("federations")
        ordering = ["region_code", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        """The name in the visitor's language: the English name when reading English and one is
        recorded, else the Chinese name."""
        if self.name_en and (translation.get_language() or "").startswith("en"):
            return self.name_en
        return self.name


class Domain(DomainMixin):
    """A host name that serves one federation's site and admin."""

    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")

    def __str__(self) -> str:
        return self.domain
