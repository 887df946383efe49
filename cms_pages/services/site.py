"""Writes to a federation's Wagtail site."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from cms_pages.models import HomePage


@transaction.atomic
def site_setup(*, federation, hostname: str) -> HomePage:
    """Give a freshly cloned federation schema its home page and its one Wagtail Site.

    The template schema holds Wagtail's default welcome page and site; both are replaced.
    """
    root = Page.get_first_root_node()
    # Content, unlike the interface, is written once: in the portal's default language,
    # whatever language the operator who provisions happens to use.
    with translation.override(settings.LANGUAGE_CODE):
        intro = _(
            "%(name)s supervises collective bargaining and collective contracts in its region."
        ) % {"name": federation.name}
    home = HomePage(title=federation.name, slug="home", intro=intro)
    # Wagtail's welcome page occupies the slug "home" under the root; drop it first.
    for page in root.get_children().exclude(content_type__model="homepage"):
        page.delete()
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(
        hostname=hostname,
        port=80,
        root_page=home,
        is_default_site=True,
        site_name=federation.name,
    )
    return home
