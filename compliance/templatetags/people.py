from django import template

from accounts.names import person_name

register = template.Library()


@register.filter
def person(user) -> str:
    """{{ run.created_by|person }}: the person's name, never their sign-in e-mail."""
    return person_name(user)
