"""The verification code of a filing receipt (备案回执) and how a typed pair is read.

A filed contract's receipt carries a code anyone can check on the federation's public
verification page together with the filing number (DOMAIN.md §8, issue 17 item 7). The code is
random (from the operating system's generator), never derived from ids or numbers, and short
enough to type from paper: three groups of four characters from an alphabet without the
characters people confuse (0/O, 1/I/L), written ABCD-EFGH-JKMN. 31^12 ≈ 7.9 × 10^17 codes
(59 bits): with the filing number also required and requests rate-limited, guessing is hopeless.

What a person types is read leniently: case, spaces and hyphens do not matter, and the brackets
of a filing number (〔2026〕 is hard to type) may be given as [], (), （）, 【】 or ［］, and
full-width letters and digits count as their ASCII forms.
"""

from __future__ import annotations

import secrets
import unicodedata

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
GROUPS, GROUP_LENGTH = 3, 4
LENGTH = GROUPS * GROUP_LENGTH
FORMATTED_LENGTH = LENGTH + GROUPS - 1  # with the hyphens: 14

_OPENING = "[(（【［〔"
_CLOSING = "])）】］〕"
_BRACKETS = str.maketrans({**dict.fromkeys(_OPENING, "〔"), **dict.fromkeys(_CLOSING, "〕")})


def code_formatted(raw: str) -> str:
    """`raw` (LENGTH characters of the alphabet) in groups: ABCD-EFGH-JKMN."""
    return "-".join(raw[i : i + GROUP_LENGTH] for i in range(0, LENGTH, GROUP_LENGTH))


def code_new() -> str:
    """A fresh random code, formatted. The caller makes sure it is not in use yet."""
    return code_formatted("".join(secrets.choice(ALPHABET) for _ in range(LENGTH)))


def code_read(text: str) -> str | None:
    """The code a person typed, formatted as stored; None when it cannot be one (wrong length
    or a character outside the alphabet)."""
    # NFKC: the full-width letters and digits a Chinese input method types become ASCII.
    raw = "".join(unicodedata.normalize("NFKC", text).split()).replace("-", "").upper()
    if len(raw) != LENGTH or any(char not in ALPHABET for char in raw):
        return None
    return code_formatted(raw)


def filing_number_key(text: str) -> str:
    """A filing number as compared: without spaces, its brackets made the official 〔〕."""
    return "".join(unicodedata.normalize("NFKC", text).split()).translate(_BRACKETS)
