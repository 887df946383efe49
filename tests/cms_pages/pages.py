"""What the tests of the public pages share: reading a page, publishing a notice or a case."""

from __future__ import annotations

import datetime as dt

from cms_pages.models import CaseStudyIndexPage, CaseStudyPage, ContractNotice
from tenants import context
from tests.factories.notices import published_contract


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def notice(fed, **kwargs) -> ContractNotice:
    """The public notice of a contract published in `fed`."""
    with context.federation_context(fed):
        contract = published_contract(**kwargs)
        return ContractNotice.objects.get(contract=contract)


def case(
    fed, *, title: str, slug: str, date: dt.date, tags: tuple[str, ...] = (), **fields
) -> CaseStudyPage:
    """A published case study under `fed`'s case index."""
    with context.federation_context(fed):
        index = CaseStudyIndexPage.objects.get()
        page = CaseStudyPage(
            title=title,
            slug=slug,
            date=date,
            summary=fields.pop("summary", "一家企业通过工资集体协商提高了一线职工收入。"),
            body=[("paragraph", "<p>协商经过。</p>")],
            **fields,
        )
        page.tags.add(*tags)
        index.add_child(instance=page)
        page.save_revision().publish()
        return page
