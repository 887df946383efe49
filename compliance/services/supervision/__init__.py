"""Supervision cases and the "一函两书" letters (R41–R47): every write, with history.

Letters are numbered per kind and year without gaps (row-locked sequence), get their deadline from
the rule profile with the rule that produced it, and carry a private reply link for the employer
(only its hash is stored). A case closes only when every rectification item has an outcome.
"""

from compliance.services.supervision.cases import area_reminder_issue, case_close, case_open
from compliance.services.supervision.deadlines import letters_sweep, reminders_send
from compliance.services.supervision.letters import (
    REPLY_LINK_DAYS,
    item_decide,
    legal_basis_clean,
    letter_for_token,
    letter_issue,
    letter_new_reply_link,
    letter_record_delivery,
    letter_record_department_result,
    letter_record_reply,
    letter_template,
    letter_templates_ensure,
    token_hash,
)
from compliance.services.supervision.referral import case_refer

__all__ = [
    "REPLY_LINK_DAYS",
    "area_reminder_issue",
    "case_close",
    "case_open",
    "case_refer",
    "item_decide",
    "legal_basis_clean",
    "letter_for_token",
    "letter_issue",
    "letter_new_reply_link",
    "letter_record_delivery",
    "letter_record_department_result",
    "letter_record_reply",
    "letter_template",
    "letter_templates_ensure",
    "letters_sweep",
    "reminders_send",
    "token_hash",
]
