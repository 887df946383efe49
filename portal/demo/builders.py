"""The records every demo seeder needs, built one way: ledger enterprises, contracts registered
from the ledger (published or not), case studies, legal pages, contract templates to download and
staff sign-ins. Writes go through the services and Wagtail's page API, as a clerk or an editor's
would; nothing here sets a status.

Seeders keep what is theirs (the demo's texts and dates, the isolation test's markers, the browser
tests' words, the load bench's volume) and call these for the building.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
from collections.abc import Collection, Iterable, Sequence

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from docx import Document as Docx
from wagtail.documents import get_document_model

from cms_pages.models import (
    CaseStudyIndexPage,
    CaseStudyPage,
    DownloadsPage,
    LegalIndexPage,
    LegalPage,
)
from cms_pages.services.topics import case_topic_name_set
from compliance.models import Clause, Contract, Enterprise
from compliance.rules.uscc import ALPHABET, check_character
from compliance.services import contracts
from compliance.services.enterprises import enterprise_save

REASON = "演示数据 / demo data"

# A unionised manufacturer of 150: what an enterprise is unless the seeder says otherwise.
ENTERPRISE_DEFAULTS = {
    "industry": "C",
    "region_code": "230803",
    "ownership": "private",
    "employees": 150,
    "union_established": True,
    "union_members": 120,
}


def demo_credit_code(region: str, stem: str) -> str:
    """A well-formed code: 9 (enterprise registered by industry & commerce) 1 (company)."""
    first17 = f"91{region}{stem}0"
    return first17 + check_character(first17)


def _stem(name: str) -> str:
    """Eight code characters drawn from the name, so that seeding the same enterprise again finds
    it by its code instead of adding a twin."""
    number = int.from_bytes(hashlib.sha256(name.encode()).digest()[:8])
    stem = ""
    for _ in range(8):
        number, index = divmod(number, len(ALPHABET))
        stem += ALPHABET[index]
    return stem


def enterprise(
    *, name: str, credit_code: str | None = None, reason: str = REASON, **data
) -> Enterprise:
    """The ledger's enterprise of this code (by default one drawn from the name), created or
    brought up to `data`."""
    data = {**ENTERPRISE_DEFAULTS, "name": name, **data}
    code = credit_code or demo_credit_code(data["region_code"], _stem(name))
    return enterprise_save(credit_code=code, data=data, reason=reason)[0]


def clauses_add(
    contract: Contract, clauses: Iterable[tuple[str, str]], *, secret_orders: Collection[int] = ()
) -> None:
    """The contract's clauses as (topic, text), numbered from 1; `secret_orders` are withheld from
    the public notice as business secrets."""
    for order, (topic, text) in enumerate(clauses, start=1):
        Clause.objects.create(
            contract=contract,
            order=order,
            topic=topic,
            text=text,
            is_business_secret=order in secret_orders,
        )


def registered_contract(
    *,
    enterprise: Enterprise,
    starts_on: dt.date,
    ends_on: dt.date,
    as_of: dt.date,
    clauses: Sequence[tuple[str, str]] = (),
    secret_orders: Collection[int] = (),
    user=None,
    reason: str = REASON,
    **data,
) -> Contract:
    """A contract signed before the portal, entered from the ledger: the enterprise's whole
    workforce covered, passed by the workers' congress, effective or expired by its dates on
    `as_of`. Its clauses are added once; registering it again adds none."""
    contract, _created = contracts.contract_register_existing(
        data={
            "enterprise": enterprise,
            "title": f"{enterprise.name}集体合同",
            "starts_on": starts_on,
            "ends_on": ends_on,
            "covered_employees": enterprise.employees,
            "passed_by_congress": True,
            "as_of": as_of,
            **data,
        },
        user=user,
        reason=reason,
    )
    if not contract.clauses.exists():
        clauses_add(contract, clauses, secret_orders=secret_orders)
    return contract


def published_contract(*, publicly: bool = True, **registered) -> Contract:
    """A registered contract in force (registered_contract's arguments), published to the
    employees from its first day (R23) and, when `publicly`, on the public site."""
    contract = registered_contract(**registered)
    return contracts.contract_publish(
        contract_id=contract.pk, published_on=contract.starts_on, publish_publicly=publicly
    )


def _case_body(paragraphs: Sequence[str], figures: Sequence[tuple[str, str]]) -> list:
    body = [("paragraph", f"<p>{text}</p>") for text in paragraphs]
    if figures:
        body.append(("figures", [{"value": value, "label": label} for value, label in figures]))
    return body


def case_study(
    *,
    paragraphs: Sequence[str],
    figures: Sequence[tuple[str, str]] = (),
    tags: Sequence[tuple[str, str]] = (),
    paragraphs_en: Sequence[str] = (),
    figures_en: Sequence[tuple[str, str]] = (),
    user=None,
    log_action: bool = False,
    **fields,
) -> CaseStudyPage:
    """A case study under the site's index, published; its body is the paragraphs, then the
    figures as (value, label) when there are any; its English body likewise from the `_en`
    ones. Tags are (Chinese, English) topic names."""
    page = CaseStudyPage(
        body=_case_body(paragraphs, figures),
        body_en=_case_body(paragraphs_en, figures_en),
        **fields,
    )
    CaseStudyIndexPage.objects.get().add_child(instance=page)
    if tags:
        for name, name_en in tags:
            case_topic_name_set(name=name, name_en=name_en)
        page.tags.add(*(name for name, _name_en in tags))
    page.save_revision(user=user, log_action=log_action).publish(user=user)
    return page


def legal_page(*, user=None, publish: bool = True, **fields) -> LegalPage:
    """A legal page under the site's index; left as a draft revision unless `publish`."""
    page = LegalPage(**fields)
    LegalIndexPage.objects.get().add_child(instance=page)
    revision = page.save_revision(user=user)
    if publish:
        revision.publish(user=user)
    return page


def template_document(*, title: str, filename: str, lines: Sequence[str]):
    """A DOCX in the document library, the title as its heading and a paragraph a line; the one
    of that title when it exists."""
    model = get_document_model()
    existing = model.objects.filter(title=title).first()
    if existing:
        return existing
    docx = Docx()
    docx.add_heading(title, level=1)
    for line in lines:
        docx.add_paragraph(line)
    buffer = io.BytesIO()
    docx.save(buffer)
    document = model(title=title)
    document.file.save(filename, ContentFile(buffer.getvalue()), save=False)
    document.file_size = len(buffer.getvalue())
    document.save()
    return document


def downloads_publish(
    *, heading: str, heading_en: str, items: Iterable[tuple[object, str, str, str]]
) -> None:
    """The downloads page as one section of (document, description, English title, English
    description), published."""
    downloads = DownloadsPage.objects.get()
    downloads.sections = [
        (
            "section",
            {
                "heading": heading,
                "heading_en": heading_en,
                "items": [
                    {
                        "document": document,
                        "description": description,
                        "title_en": title_en,
                        "description_en": description_en,
                    }
                    for document, description, title_en, description_en in items
                ],
            },
        )
    ]
    downloads.save_revision().publish()


def staff_member(
    *, email: str, password: str, group: str, first_name: str = "", last_name: str = ""
):
    """A back-office sign-in in one of the federation's groups; the existing one when the e-mail
    is taken."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=email).first()
    if user is None:
        user = user_model.objects.create_user(
            username=email,
            email=email,
            password=password,
            first_name=first_name,
            last_name=last_name,
        )
        user.groups.add(Group.objects.get(name=group))
    return user
