"""The public site's subscriptions to the back office's announcements, and its snippets."""

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms_pages.models import CaseTopic
from cms_pages.services.notices import notice_sync
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
