"""Workers' voice (职工满意度测评, DOMAIN.md §9, seed 004): the codes that let each worker answer
once, how a typed code is read, and the two rates the answers give.

- A survey of an effective contract is answered with a code: either one-time codes the
  enterprise prints and hands out (each answers once; only a keyed hash of each is stored, so a
  stored code cannot be printed again nor tied to the answer it allowed), or one code for the
  whole contract printed on the poster, whose abuse the per-address rate limit and a mark in the
  browser contain.
- Codes are ten characters from an alphabet without the characters people confuse (0/O, 1/I/L),
  written ABCDE-FGHJK: 31^10 ≈ 8 × 10^14 codes (49 bits); guessing one of a sheet's few hundred
  within the rate limit is hopeless.
- 知晓率 (awareness) = answers saying the worker knows the contract exists / answers;
  满意率 (satisfaction) = answers satisfied or basically satisfied with the result (the contract)
  / answers (seed 004: 知晓率 ≥ 90%). Rates are summed from numerators and denominators, never
  averaged (DOMAIN.md §7).
- The main terms are asked as a multiple choice against the contract's own clause topics: a
  self-assessment ("I know its terms") says nothing checkable, whereas ticking which of wages,
  hours, leave … the contract covers is right or wrong topic by topic. A contract entered
  without clauses is not quizzed.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
GROUPS, GROUP_LENGTH = 2, 5
LENGTH = GROUPS * GROUP_LENGTH
FORMATTED_LENGTH = LENGTH + GROUPS - 1
MAX_CODES_PER_SHEET = 2000
TOKEN_BYTES = 16  # the public link's random part


def code_formatted(raw: str) -> str:
    return "-".join(raw[i : i + GROUP_LENGTH] for i in range(0, LENGTH, GROUP_LENGTH))


def code_new() -> str:
    """A fresh random code, formatted (ABCDE-FGHJK)."""
    return code_formatted("".join(secrets.choice(ALPHABET) for _ in range(LENGTH)))


def code_read(text: str) -> str | None:
    """The code a person typed, formatted; None when it cannot be one. Case, spaces, hyphens
    and full-width characters do not matter."""
    raw = "".join(unicodedata.normalize("NFKC", text or "").split()).replace("-", "").upper()
    if len(raw) != LENGTH or any(char not in ALPHABET for char in raw):
        return None
    return code_formatted(raw)


def code_hash(*, code: str, survey_key: str) -> str:
    """The stored form of a one-time code: an HMAC keyed by the survey's own secret, so a hash
    is worthless for another survey and a leaked table gives no code."""
    return hmac.new(survey_key.encode(), code.encode(), hashlib.sha256).hexdigest()


def token_new() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def terms_score(*, chosen: set[str], covered: set[str], asked: tuple[str, ...]) -> int:
    """How many of the `asked` topics the worker placed right: ticked and covered, or left
    unticked and not covered."""
    return sum(1 for topic in asked if (topic in chosen) == (topic in covered))


def _percent(numerator: int, denominator: int) -> Decimal | None:
    if not denominator:
        return None
    value = Decimal(numerator * 100) / Decimal(denominator)
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class SurveyRates:
    """A contract's (or a federation's) answers and the two numerators."""

    answers: int = 0
    aware: int = 0
    satisfied: int = 0

    def __add__(self, other: SurveyRates) -> SurveyRates:
        return SurveyRates(
            self.answers + other.answers,
            self.aware + other.aware,
            self.satisfied + other.satisfied,
        )

    @property
    def awareness(self) -> Decimal | None:  # 知晓率
        return _percent(self.aware, self.answers)

    @property
    def satisfaction(self) -> Decimal | None:  # 满意率
        return _percent(self.satisfied, self.answers)
