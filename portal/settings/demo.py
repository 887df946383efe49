"""`make demo` / `manage.py demo`: base settings plus the demo accounts' exemption from the
second factor, so the printed sign-ins work without an authenticator app.

The only settings module that sets SECOND_FACTOR_EXEMPT, and the only one under which it is
honoured (accounts.second_factor.is_exempt). System check accounts.E001 stops any other settings
module that sets it, and this one if it serves anything but local host names. DEBUG stays off, as
in production: a visitor of the demo sees the portal's own error pages, not Django's list of URL
patterns or a traceback. Never deploy with these settings.
"""

from .base import *

DEBUG = False
# Only this machine's names: the demo's federations are served on *.localhost.
ALLOWED_HOSTS = ["localhost", ".localhost", "127.0.0.1"]
SECOND_FACTOR_EXEMPT = [
    "operator@platform.localhost",
    "admin@hlj.localhost",
    "admin@hnx.localhost",
    "admin@jms.localhost",
    "supervisor@jms.localhost",
    "committee@jms.localhost",
    "admin@gxq.localhost",
    "supervisor@gxq.localhost",
    "committee@gxq.localhost",
    # The enterprise's side in the high-tech zone (portal/demo/enterprise_side.py).
    "union@gxq.localhost",
    "employer@gxq.localhost",
    "instructor@gxq.localhost",
    "reviewer@gxq.localhost",
]
