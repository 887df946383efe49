from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="mail")
class FederationContact(BaseSiteSetting):
    """The federation's contacts, shown in every page's footer."""

    address = models.CharField(_("address"), max_length=200, blank=True)
    address_en = models.CharField(_("address (English)"), max_length=200, blank=True)
    postcode = models.CharField(_("postcode"), max_length=6, blank=True)
    phone = models.CharField(_("office telephone"), max_length=50, blank=True)
    hotline = models.CharField(
        _("workers' rights hotline"), max_length=50, blank=True, default="12351"
    )
    email = models.EmailField(_("e-mail"), blank=True)
    office_hours = models.CharField(_("office hours"), max_length=100, blank=True)
    office_hours_en = models.CharField(_("office hours (English)"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("contacts in the footer")
