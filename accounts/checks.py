"""System check: the demo exemption from the second factor never reaches production.

SECOND_FACTOR_EXEMPT is set only in portal/settings/demo.py and honoured only under that
settings module (accounts.second_factor.is_exempt); this check makes any other use an error, and
the demo settings serving any host name but this machine's, so `manage.py check`, migrate,
runserver and gunicorn's first request refuse to run with it.
"""

from django.conf import settings
from django.core.checks import Error, Tags, register

DEMO_SETTINGS = "portal.settings.demo"
LOCAL_HOSTS = {"localhost", ".localhost", "127.0.0.1"}


@register(Tags.security)
def second_factor_exemption_check(app_configs, **kwargs):
    exempt = getattr(settings, "SECOND_FACTOR_EXEMPT", ())
    if not exempt:
        return []
    if settings.SETTINGS_MODULE != DEMO_SETTINGS:
        return [
            Error(
                "SECOND_FACTOR_EXEMPT exempts accounts from the second factor outside the demo.",
                hint=(
                    f"Only {DEMO_SETTINGS} may set it; remove it from these settings "
                    f"({settings.SETTINGS_MODULE})."
                ),
                id="accounts.E001",
            )
        ]
    if not set(settings.ALLOWED_HOSTS) <= LOCAL_HOSTS:
        return [
            Error(
                "The demo, whose accounts skip the second factor, serves host names other than "
                "this machine's.",
                hint=f"ALLOWED_HOSTS may hold only {sorted(LOCAL_HOSTS)} under {DEMO_SETTINGS}.",
                id="accounts.E001",
            )
        ]
    return []
