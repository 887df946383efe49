"""How a person is named on a page: by name, not by the e-mail address they sign in with.

A Chinese name is written family name first, with no space (王立新); a name in Latin letters
given name first. An account without a name shows its sign-in name."""

from __future__ import annotations


def _is_cjk(text: str) -> bool:
    return any("\u3400" <= char <= "\u9fff" for char in text)


def person_name(user) -> str:
    if user is None:
        return ""
    family, given = user.last_name.strip(), user.first_name.strip()
    if not (family or given):
        return user.get_username()
    if _is_cjk(family + given):
        return f"{family}{given}"
    return " ".join(part for part in (given, family) if part)
