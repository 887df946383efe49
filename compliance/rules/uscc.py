"""The unified social credit code (统一社会信用代码), GB 32100-2015.

Eighteen characters from a 31-character alphabet (digits and capitals without I, O, S, V, Z):
registration authority (1), organisation type (1), GB/T 2260 region (6), organisation code (9),
and a check character computed from the first seventeen with weights 3^(i-1) mod 31.
"""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_VALUE = {char: index for index, char in enumerate(ALPHABET)}
WEIGHTS = tuple(pow(3, i, 31) for i in range(17))


def check_character(first17: str) -> str:
    """The 18th character for the first seventeen (which must be in the alphabet)."""
    total = sum(_VALUE[char] * weight for char, weight in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def uscc_problem(code: str) -> str | None:
    """What is wrong with `code`, in English (callers translate), or None if it is valid."""
    if len(code) != 18:
        return "length"
    if any(char not in _VALUE for char in code):
        return "alphabet"
    if not code[2:8].isdigit():
        return "region"
    if check_character(code[:17]) != code[17]:
        return "check"
    return None


def normalize(code: str) -> str:
    """Upper-case and strip spaces, the forms people type codes in."""
    return "".join(code.split()).upper()
