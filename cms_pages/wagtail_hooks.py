"""The public site's subscriptions to the back office's announcements."""

from wagtail import hooks

from cms_pages.services.notices import notice_sync
from compliance.services.contracts import CONTRACT_CHANGED


@hooks.register(CONTRACT_CHANGED)
def contract_notice_follows(*, contract) -> None:
    """A contract changed: its public notice is created, updated or withdrawn to match (R23, R26).
    Runs inside the transaction that changed the contract, so both commit or neither does."""
    notice_sync(contract=contract)
