"""Contract notices (集体合同公示): the public, already-redacted projection of a contract.

Why a model of its own in cms_pages rather than fields on compliance.Contract or Wagtail pages:
public views, the API and the feeds read only this table, never the back office's contracts and
clauses, so nothing a template or serializer touches can leak an unredacted clause or a business
secret; the content is built in one place (cms_pages.services.notices.notice_build). It is not a
Wagtail Page because a federation may hold hundreds of thousands of notices (tree paths,
revisions and page routing for each would make lists and provisioning slow); the notice index
page serves them through its routes.
"""

from __future__ import annotations

import uuid

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from compliance.models import Contract, Industry, Kind, Scope

_LISTED = Q(withdrawn_at__isnull=True)


class ContractNotice(models.Model):
    """One published contract. Withdrawn notices keep their row (and public id) but no content."""

    public_id = models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)
    contract = models.OneToOneField(
        Contract,
        verbose_name=_("collective contract"),
        on_delete=models.PROTECT,
        related_name="notice",
    )
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("previous notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="successors",
    )
    relation = models.CharField(
        _("relation to predecessor"), max_length=10, choices=Contract.Relation.choices, blank=True
    )
    title = models.CharField(pgettext_lazy("notice", "title"), max_length=200)
    employer = models.CharField(_("employer party"), max_length=200)
    union = models.CharField(_("union party"), max_length=220)
    covered_enterprises = models.JSONField(_("covered enterprises"), default=list, blank=True)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices)
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    status = models.CharField(
        pgettext_lazy("notice", "status"), max_length=12, choices=Contract.Status.choices
    )
    industry = models.CharField(_("industry (GB/T 4754)"), max_length=1, choices=Industry.choices)
    region_code = models.CharField(_("region code (GB/T 2260)"), max_length=6)
    year = models.PositiveSmallIntegerField(_("year in force"))
    starts_on = models.DateField(_("term starts"))
    ends_on = models.DateField(_("term ends"))
    in_force_from = models.DateField(_("in force from"))
    in_force_until = models.DateField(_("in force until"))
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    effective_on = models.DateField(_("effective on"), null=True, blank=True)
    published_on = models.DateField(_("published on"))
    filing_number = models.CharField(_("filing number"), max_length=40, blank=True)
    covered_employees = models.PositiveIntegerField(_("employees covered"), default=0)
    wage_growth_pct = models.DecimalField(
        _("wage growth (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    minimum_wage = models.DecimalField(
        _("minimum monthly wage (yuan)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    weekly_hours = models.DecimalField(
        _("weekly working hours"), max_digits=4, decimal_places=1, null=True, blank=True
    )
    # Every codebook variable stated, by code (compliance.rules.codebook.key_terms_all).
    key_terms = models.JSONField(_("key terms"), default=dict, db_default={}, blank=True)
    codebook_version = models.CharField(
        _("codebook version"), max_length=10, blank=True, db_default=""
    )
    # [{"order": 1, "topic": "wages", "text": "…"}], already redacted; secret clauses left out.
    clauses = models.JSONField(_("clauses"), default=list, blank=True)
    withheld_clauses = models.PositiveSmallIntegerField(_("clauses withheld"), default=0)
    # The public text the search and the LIKE baseline read: title, parties, clauses.
    body_text = models.TextField(_("searchable text"), blank=True)
    search = SearchVectorField(null=True, editable=False)
    first_published_at = models.DateTimeField(_("first published at"))
    updated_at = models.DateTimeField(_("updated at"), db_index=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        verbose_name = _("contract notice")
        verbose_name_plural = _("contract notices")
        ordering = ["-in_force_from", "-id"]
        indexes = [
            GinIndex(fields=["search"], name="notice_search"),
            # The list's sort orders, over listed notices only (each ends with the id, so pages
            # and cursors are stable).
            models.Index(fields=["-in_force_from", "-id"], condition=_LISTED, name="notice_newest"),
            models.Index(fields=["ends_on", "id"], condition=_LISTED, name="notice_ends"),
            # The alerts read the notices first published since their last run.
            models.Index(
                fields=["first_published_at"], condition=_LISTED, name="notice_first_published"
            ),
            models.Index(
                fields=["-covered_employees", "-id"], condition=_LISTED, name="notice_employees"
            ),
            # A facet with the default order: the first page is read in order from the index.
            *(
                models.Index(
                    fields=[facet, "-in_force_from", "-id"],
                    condition=_LISTED,
                    name=f"notice_{facet}_newest",
                )
                for facet in ("industry", "region_code", "kind", "status")
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_listed(self) -> bool:
        return self.withdrawn_at is None


class KeyTermsSnapshot(models.Model):
    """A dated bulk download of the key-terms dataset (notices × codebook variables) under one
    codebook version: made once a day (cms_pages.tasks.key_terms_snapshot), never changed after,
    so a citation of "version 1.0 of 2026-12-06" always finds the same file."""

    codebook_version = models.CharField(_("codebook version"), max_length=10)
    made_on = models.DateField(_("made on"))
    file = models.FileField(_("file"), upload_to="opendata/key-terms/")
    size = models.PositiveIntegerField(_("size in bytes"))
    rows = models.PositiveIntegerField(_("notices"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("key-terms snapshot")
        verbose_name_plural = _("key-terms snapshots")
        ordering = ["-made_on", "-codebook_version"]
        constraints = [
            models.UniqueConstraint(
                fields=["codebook_version", "made_on"], name="key_terms_snapshot_once_a_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.codebook_version} · {self.made_on}"
