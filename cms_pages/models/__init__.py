from cms_pages.models.cases import CaseStudyIndexPage, CaseStudyPage, CaseStudyTag
from cms_pages.models.home import HomePage, NoticeIndexPage, PublicPageMixin
from cms_pages.models.legal import DownloadsPage, LegalIndexPage, LegalPage
from cms_pages.models.notices import ContractNotice
from cms_pages.models.site_settings import FederationContact

__all__ = [
    "CaseStudyIndexPage",
    "CaseStudyPage",
    "CaseStudyTag",
    "ContractNotice",
    "DownloadsPage",
    "FederationContact",
    "HomePage",
    "LegalIndexPage",
    "LegalPage",
    "NoticeIndexPage",
    "PublicPageMixin",
]
