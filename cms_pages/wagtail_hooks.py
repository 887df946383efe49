"""The public site's subscriptions to the back office's announcements, and its snippets."""

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms_pages.models import CaseTopic
from cms_pages.panels import NoticeAlertsPanel
from cms_pages.selectors.home import notice_index_live
from cms_pages.selectors.notices import notices_public
from cms_pages.services.notices import notice_sync
from compliance.selectors.contracts import CONTRACT_NOTICE_URL
from compliance.services.contracts import CONTRACT_CHANGED


@hooks.register(CONTRACT_CHANGED)
def contract_notice_follows(*, contract) -> None:
    """A contract changed: its public notice is created, updated or withdrawn to match (R23, R26).
    Runs inside the transaction that changed the contract, so both commit or neither does."""
    notice_sync(contract=contract)


class CaseTopicViewSet(SnippetViewSet):
    """English names of case-study topics, kept beside the pages (Snippets menu)."""

    model = CaseTopic
    icon = "tag"
    list_display = ["tag", "name_en"]
    search_fields = ["name_en"]
    panels = [FieldPanel("tag"), FieldPanel("name_en")]


register_snippet(CaseTopicViewSet)


@hooks.register(CONTRACT_NOTICE_URL)
def contract_notice_address(*, contract, request=None) -> str | None:
    """The address of the contract's published notice, for the contract's page in the admin."""
    notice = notices_public().filter(contract=contract).only("public_id").first()
    index = notice_index_live() if notice is not None else None
    return index.notice_url(notice, request) if index is not None else None


@hooks.register("construct_homepage_panels")
def add_notice_alerts_panel(request, panels):
    """Counts of readers' notice alerts, for who may administer the federation."""
    if request.user.is_superuser:
        panels.append(NoticeAlertsPanel())
