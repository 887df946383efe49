"""Uploaded files: a round's ledger documents (台账) and the evidence an employer sends with its
reply to a letter. Each is size- and type-checked (by its real content, not only its name) and
stored in the federation's own private media folder (TenantFileSystemStorage). Both keep history:
who uploaded what, and why, hash-chained with the rest of the audit trail."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from compliance.models import BargainingRound, ItemEvidence, RectificationItem, RoundDocument
from compliance.services.history import save_with_history

MAX_BYTES = 10 * 1024 * 1024
# Extension -> the magic bytes the file must start with (None: plain text, checked as UTF-8).
ALLOWED = {
    ".pdf": (b"%PDF",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".odt": (b"PK\x03\x04",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".txt": None,
}


def upload_problem(*, name: str, size: int, head: bytes) -> str | None:
    """Why an upload is refused, or None. Checks size, extension and the file's real content."""
    suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if size > MAX_BYTES:
        return _("The file is larger than 10 MB.")
    if size == 0:
        return _("The file is empty.")
    if suffix not in ALLOWED:
        return _("Only PDF, DOCX, XLSX, ODT, JPG, PNG and TXT files are accepted.")
    magics = ALLOWED[suffix]
    if magics is None:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError:
            return _("A .txt file must be UTF-8 text.")
        return None
    if not any(head.startswith(magic) for magic in magics):
        return _("The file's content does not match its %(suffix)s extension.") % {"suffix": suffix}
    return None


@transaction.atomic
def round_add_document(*, round_id: int, kind: str, upload, user=None) -> RoundDocument:
    round_ = BargainingRound.objects.get(pk=round_id)
    head = upload.read(2048)
    upload.seek(0)
    problem = upload_problem(name=upload.name, size=upload.size, head=head)
    if problem:
        raise ValidationError(problem)
    document = RoundDocument(round=round_, kind=kind, file=upload, uploaded_by=user)
    save_with_history(
        document,
        user=user,
        reason=_("Ledger document uploaded: %(kind)s") % {"kind": document.get_kind_display()},
    )
    return document


def item_evidence_add(
    *, item: RectificationItem, upload, from_employer: bool, user=None
) -> ItemEvidence:
    """Keep one file of evidence for a rectification item (checked by the caller with
    upload_problem, so that every file of a reply is refused before any is stored)."""
    evidence = ItemEvidence(item=item, original_name=upload.name[:200], from_employer=from_employer)
    evidence.file.save(upload.name, upload, save=False)
    reason = (
        _("Sent with the employer's reply")
        if from_employer
        else _("Evidence uploaded in the admin")
    )
    save_with_history(evidence, user=user, reason=reason)
    return evidence
