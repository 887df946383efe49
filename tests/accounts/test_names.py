"""People are named by name, in their name's own order, never by their sign-in e-mail."""

from types import SimpleNamespace

import pytest

from accounts.names import person_name


def _user(first="", last="", username="someone@a.test"):
    return SimpleNamespace(first_name=first, last_name=last, get_username=lambda: username)


@pytest.mark.parametrize(
    ("first", "last", "shown"),
    [
        ("晓燕", "刘", "刘晓燕"),  # family name first, no space
        ("Mei", "Lin", "Mei Lin"),
        ("", "王", "王"),
        ("", "", "someone@a.test"),  # no name: the account's sign-in name
    ],
)
def test_a_person_is_named_in_their_names_order(first, last, shown):
    assert person_name(_user(first, last)) == shown


def test_nobody_is_named_empty():
    assert person_name(None) == ""
