from cms_pages.models.alerts import AlertDelivery, AlertRecipient, AlertWatermark, NoticeAlert
from cms_pages.models.case_index import CaseStudyIndexPage
from cms_pages.models.case_study import CaseStudyPage, CaseStudyTag
from cms_pages.models.downloads import DownloadsPage
from cms_pages.models.home import HomePage
from cms_pages.models.legal_index import LegalIndexPage
from cms_pages.models.legal_page import LegalPage
from cms_pages.models.mixins import PublicPageMixin
from cms_pages.models.notice_index import NoticeIndexPage
from cms_pages.models.notices import ContractNotice, KeyTermsSnapshot
from cms_pages.models.site_settings import FederationContact
from cms_pages.models.topics import CaseTopic
from cms_pages.models.wage_guideline import WageGuidelinePage

__all__ = [
    "AlertDelivery",
    "AlertRecipient",
    "AlertWatermark",
    "CaseStudyIndexPage",
    "CaseStudyPage",
    "CaseStudyTag",
    "CaseTopic",
    "ContractNotice",
    "DownloadsPage",
    "FederationContact",
    "HomePage",
    "KeyTermsSnapshot",
    "LegalIndexPage",
    "LegalPage",
    "NoticeAlert",
    "NoticeIndexPage",
    "PublicPageMixin",
    "WageGuidelinePage",
]
