import os

from django.conf import settings
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_tenants.files.storage import TenantFileSystemStorage


class PrivateTenantStorage(TenantFileSystemStorage):
    """One folder per federation like the media storage, but outside MEDIA_ROOT: /media/ never
    serves these files; only compliance.import_views does, after checking permissions."""

    @cached_property
    def relative_media_root(self) -> str:
        root = getattr(settings, "PRIVATE_MEDIA_ROOT", None) or (
            f"{os.fspath(settings.MEDIA_ROOT).rstrip(os.sep)}-private"
        )
        return os.path.join(os.fspath(root), "%s")

    def url(self, name):
        raise ValueError("private files have no public URL")


def private_storage() -> PrivateTenantStorage:
    return PrivateTenantStorage()


class ImportJob(models.Model):
    """One uploaded ledger workbook and the outcome of importing it (run by a Celery task)."""

    class Kind(models.TextChoices):
        ENTERPRISES = "enterprises", _("Enterprises")
        CONTRACTS = "contracts", _("Existing collective contracts")
        VIOLATIONS = "violations", _("Violation records")
        SURVEYS = "surveys", _("Baseline survey")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Not imported")

    class Stage(models.TextChoices):
        READING = "reading", _("Reading the file")
        CHECKING = "checking", _("Checking the rows")
        WRITING = "writing", _("Writing the rows")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.QUEUED
    )
    stage = models.CharField(_("stage"), max_length=8, choices=Stage.choices, blank=True)
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/", storage=private_storage)
    file_name = models.CharField(_("file name"), max_length=255)
    error_file = models.FileField(
        _("error workbook"), upload_to="imports/errors/%Y/%m/", storage=private_storage, blank=True
    )
    message = models.TextField(_("message"), blank=True)
    total = models.PositiveIntegerField(_("rows"), default=0)
    processed = models.PositiveIntegerField(_("rows processed"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    invalid = models.PositiveIntegerField(_("rows with errors"), default=0)
    language = models.CharField(_("language"), max_length=10, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    started_at = models.DateTimeField(
        pgettext_lazy("import job", "started at"), null=True, blank=True
    )
    finished_at = models.DateTimeField(
        pgettext_lazy("import job", "finished at"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.file_name}"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int:
        return round(100 * self.processed / self.total) if self.total else 0
