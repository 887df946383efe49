"""Production settings: only what differs from base.

The environment is validated first, so a missing SECRET_KEY, ALLOWED_HOSTS or DATABASE_URL stops
start-up with one clear message before anything else (the embedded database included) starts.
"""

from portal import env

env.load(production=True)

from .base import *  # noqa: E402

DEBUG = False
SECRET_KEY = ENV["SECRET_KEY"]
ALLOWED_HOSTS = ENV["ALLOWED_HOSTS"]
STORAGES["staticfiles"] = {
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
}
WHITENOISE_USE_FINDERS = False

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = ENV["SECURE_SSL_REDIRECT"]
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
# Links in e-mails (deadline reminders) use each federation's primary domain with this scheme and
# port: the site is served over https.
WAGTAILADMIN_BASE_URL = "https://localhost"
