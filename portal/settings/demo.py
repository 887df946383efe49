"""`make demo` / `manage.py demo`: base settings plus the demo accounts' exemption from the
second factor, so the printed sign-ins work without an authenticator app.

The only settings module that sets SECOND_FACTOR_EXEMPT. The exemption is honoured only with
DEBUG on, and system check accounts.E001 stops any process that sets it with DEBUG off or under
production settings. Never deploy with these settings: DEBUG shows tracebacks to anyone.
"""

from .base import *

DEBUG = True
SECOND_FACTOR_EXEMPT = [
    "operator@platform.localhost",
    "admin@jms.localhost",
    "supervisor@jms.localhost",
    "committee@jms.localhost",
    "admin@gxq.localhost",
    "supervisor@gxq.localhost",
    "committee@gxq.localhost",
]
