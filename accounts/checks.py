"""System check: the demo exemption from the second factor never reaches production.

SECOND_FACTOR_EXEMPT is set only in portal/settings/demo.py. The exemption is honoured only with
DEBUG on (accounts.second_factor.is_exempt); this check makes any other use an error, so
`manage.py check`, migrate, runserver and gunicorn's first request refuse to run with it.
"""

from django.conf import settings
from django.core.checks import Error, Tags, register

PRODUCTION_SETTINGS = "portal.settings.production"


@register(Tags.security)
def second_factor_exemption_check(app_configs, **kwargs):
    exempt = getattr(settings, "SECOND_FACTOR_EXEMPT", ())
    if not exempt:
        return []
    if settings.DEBUG and settings.SETTINGS_MODULE != PRODUCTION_SETTINGS:
        return []
    return [
        Error(
            "SECOND_FACTOR_EXEMPT exempts accounts from the second factor outside the demo.",
            hint=(
                "Only portal.settings.demo (DEBUG on) may set it; remove it from these settings "
                f"({settings.SETTINGS_MODULE})."
            ),
            id="accounts.E001",
        )
    ]
