from cms_pages.models.home import HomePage
from cms_pages.models.notices import ContractNotice

__all__ = ["ContractNotice", "HomePage"]
