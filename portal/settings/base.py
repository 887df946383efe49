"""All settings. test.py and production.py only override; values from the environment come from
portal.env, the single schema of environment variables."""

from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from portal import embedded, env

ENV = env.load()
BASE_DIR = env.BASE_DIR
DATA_DIR = ENV["DATA_DIR"]

SECRET_KEY = ENV["SECRET_KEY"] or "development-only-insecure-key-never-used-in-production"
DEBUG = ENV["DEBUG"]
ALLOWED_HOSTS = ENV["ALLOWED_HOSTS"] or ["localhost", ".localhost", "127.0.0.1"]
PLATFORM_HOSTS = ENV["PLATFORM_HOSTS"]
CSRF_TRUSTED_ORIGINS = ENV["CSRF_TRUSTED_ORIGINS"]

# --- Tenancy -------------------------------------------------------------------------------
# Users, groups, sessions and the admin log are in BOTH lists: the public schema has the
# platform operators, each federation schema its own users. Keeping auth and sessions together
# means a session id can only ever resolve to a user of the schema that issued it
# (shared/PITFALLS.md). See docs/architecture.md.
SHARED_APPS = [
    "django_tenants",
    "tenants",
    "portal",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.admin",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    # The second factor and the sign-in lockout live with the users they protect: in both lists.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_email",
    "accounts",
]
TENANT_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.admin",
    "django_otp",
    "django_otp.plugins.otp_totp",
    # Codes by e-mail: only enterprise users use them, only where the federation allows it (the
    # rule profile's enterprise_email_code); in both lists like every device model, so deleting
    # a user never looks for a table a schema lacks.
    "django_otp.plugins.otp_email",
    "accounts",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    # The public site (cms_pages): footer contacts, routable notice pages, sitemap.
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "django.contrib.sitemaps",
    "modelcluster",
    "taggit",
    "simple_history",
    "compliance",
    "cms_pages",
]
INSTALLED_APPS = list(SHARED_APPS) + [app for app in TENANT_APPS if app not in SHARED_APPS]
# django_filters is a library Wagtail's admin imports; it has no models.
INSTALLED_APPS.append("django_filters")
# The open data's API (cms_pages/opendata) and its generated OpenAPI description; no models.
INSTALLED_APPS += ["rest_framework", "drf_spectacular"]

TENANT_MODEL = "tenants.Federation"
TENANT_DOMAIN_MODEL = "tenants.Domain"
PUBLIC_SCHEMA_URLCONF = "portal.urls_public"
ROOT_URLCONF = "portal.urls"
# New federations are cloned from this migrated, user-free schema instead of being migrated
# one by one (9 s+ each, see bench/): `manage.py migrate_platform` keeps it current.
TENANT_BASE_SCHEMA = "tenant_template"
TENANT_CREATION_FAKES_MIGRATIONS = True
TENANT_LIMIT_SET_CALLS = True
DATABASE_ROUTERS = ("django_tenants.routers.TenantSyncRouter",)

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside the page cache, so cached public pages get the policy too.
    "portal.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.middleware.FederationMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal.middleware.LanguageMiddleware",
    # After the language is known: cached public pages are kept per federation and language.
    "cms_pages.middleware.PublicPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Which session passed the second factor (django-otp), then: no back office without it.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "portal" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.display.display",
            ],
        },
    },
]
WSGI_APPLICATION = "portal.wsgi.application"

# --- Database ------------------------------------------------------------------------------
if ENV["DATABASE_URL"]:
    import dj_database_url

    _db = dj_database_url.parse(ENV["DATABASE_URL"])
else:
    _db = embedded.database_settings(DATA_DIR)
DATABASES = {
    "default": {
        **_db,
        # django-tenants' backend, counting the schemas and requests each connection served.
        "ENGINE": "portal.db_backend",
        # Recycle connections: PostgreSQL's catalog cache grows with every tenant table a
        # connection touches and is never freed (shared/PITFALLS.md): after a minute idle, and
        # after DB_RECYCLE_SCHEMAS schemas or DB_RECYCLE_REQUESTS requests (portal.db_backend).
        "CONN_MAX_AGE": 60,
        "CONN_HEALTH_CHECKS": True,
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache: keys always carry the schema -------------------------------------------------
_cache_common = {
    "KEY_FUNCTION": "django_tenants.cache.make_key",
    "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
}
if ENV["CACHE_URL"]:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": ENV["CACHE_URL"],
            **_cache_common,
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "portal",
            **_cache_common,
        }
    }

# --- Auth and sessions ---------------------------------------------------------------------
# OWASP ASVS 5.0 level 2 (issue 7 item 1, docs/architecture.md "Accounts"): at least 12
# characters, any length above (nothing truncates), no composition rules (so no
# NumericPasswordValidator), common passwords and ones close to the user's name refused, no
# forced rotation.
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# The sign-in lockout (5 failures in 15 minutes per account and schema) sits in the backend, so
# every password check passes through it (accounts.lockout).
AUTHENTICATION_BACKENDS = ["accounts.backends.LockoutModelBackend"]
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.LoginForm"
# django-otp's per-device delay after a wrong code is off: the account lockout above counts wrong
# codes too and is stricter, and the delay would refuse a right code typed just after a typo.
OTP_TOTP_THROTTLE_FACTOR = 0
OTP_EMAIL_THROTTLE_FACTOR = 0
OTP_EMAIL_SUBJECT = _("Your sign-in code")
OTP_EMAIL_BODY_TEMPLATE_PATH = "compliance/enterprise_area/email_code.txt"
OTP_EMAIL_TOKEN_VALIDITY = 600
# Sign-in names exempt from the second factor: only portal/settings/demo.py sets any, and only
# under it are they honoured (system check accounts.E001 refuses them anywhere else).
SECOND_FACTOR_EXEMPT: list[str] = []
# Host-only cookies: a federation's session cookie is never sent to another federation's host.
SESSION_COOKIE_DOMAIN = None
CSRF_COOKIE_DOMAIN = None
SESSION_COOKIE_HTTPONLY = True
LOGIN_URL = "wagtailadmin_login"

# --- Languages: Simplified Chinese first, English complete --------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
# The project's catalogue, then Chinese for Wagtail admin strings that Wagtail's own zh_Hans
# catalogue lacks (portal/wagtail_locale; makemessages writes only to the first).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "portal" / "wagtail_locale"]
LANGUAGE_COOKIE_NAME = "portal_language"
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# --- Static and media ----------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = ENV["STATIC_ROOT"] or DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise scans it even when using finders
MEDIA_URL = "/media/"
MEDIA_ROOT = ENV["MEDIA_ROOT"] or DATA_DIR / "media"
# Files only the back office serves, after a permission check (compliance.models.imports).
PRIVATE_MEDIA_ROOT = ENV["PRIVATE_MEDIA_ROOT"] or DATA_DIR / "private"
# One folder per schema: MEDIA_ROOT/<schema>/…; served only on that federation's host
# (portal.views.serve_media).
MULTITENANT_RELATIVE_MEDIA_ROOT = "%s"
STORAGES = {
    "default": {"BACKEND": "django_tenants.files.storage.TenantFileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = False
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- Wagtail -------------------------------------------------------------------------------
WAGTAIL_SITE_NAME = _("Collective Bargaining Supervision Portal")
# Scheme and port of links in e-mails; the host is the federation's primary domain.
WAGTAILADMIN_BASE_URL = "http://localhost:8000"
# Upgrades are the platform operator's: no "upgrade available" banner for federation clerks, and
# no request from their browsers to Wagtail's release server.
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No banner about what is new in Wagtail: the back office speaks for the federation.
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "rtf", "txt", "xlsx", "zip", "jpg", "png"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAIL_I18N_ENABLED = False
# No third-party avatar requests: staff e-mail hashes must not leave the portal.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Wagtail's own background jobs (django-tasks), not Celery: run them in-process.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# --- Celery (tenant-schemas-celery: a task runs in the schema it was queued from) ---------
if ENV["CELERY_BROKER_URL"]:
    CELERY_BROKER_URL = ENV["CELERY_BROKER_URL"]
    CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2 * 60 * 60}
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = embedded.broker_folders(DATA_DIR)
    # The filesystem transport has no fanout exchange: no remote control, mingle or gossip.
    CELERY_WORKER_ENABLE_REMOTE_CONTROL = False
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(DATA_DIR / "celerybeat-schedule")
CELERY_TASK_TENANT_CACHE_SECONDS = 30
FLEET_MIGRATION_WORKERS = ENV["FLEET_MIGRATION_WORKERS"]
DB_RECYCLE_SCHEMAS = ENV["DB_RECYCLE_SCHEMAS"]
DB_RECYCLE_REQUESTS = ENV["DB_RECYCLE_REQUESTS"]
CELERY_BEAT_SCHEDULE = {
    # Beat runs in the public schema; the fan-out queues one task per federation, staggered.
    "publish-scheduled-pages": {
        "task": "tenants.tasks.fan_out",
        "schedule": 60.0,
        "args": ("cms_pages.tasks.publish_scheduled_pages",),
    },
    # Notice alerts (issue 19): sent within 15 minutes of publication, so every five minutes
    # with a short stagger (300 federations start within 2.5 minutes).
    "notice-alerts": {
        "task": "tenants.tasks.fan_out",
        "schedule": 300.0,
        "args": ("cms_pages.tasks.notice_alerts_run", 0.5),
    },
    # The key-terms dataset's dated bulk download (issue 19), one file per day and federation.
    "key-terms-snapshot": {
        "task": "tenants.tasks.fan_out",
        "schedule": crontab(hour=3, minute=20),
        "args": ("cms_pages.tasks.key_terms_snapshot",),
    },
    "bargaining-daily-sweep": {
        "task": "tenants.tasks.fan_out",
        "schedule": crontab(hour=0, minute=30),
        "args": ("compliance.tasks.bargaining_daily_sweep",),
    },
    "audits-daily": {
        "task": "tenants.tasks.fan_out",
        "schedule": crontab(hour=1, minute=0),
        "args": ("compliance.tasks.audits_daily",),
    },
    "statistics-compact": {
        "task": "tenants.tasks.fan_out",
        "schedule": crontab(hour=2, minute=0),
        "args": ("compliance.tasks.statistics_compact",),
    },
    # Figures to the network channel: within minutes of a change, and every night.
    "network-publish-changed": {
        "task": "tenants.tasks.fan_out_changed",
        "schedule": 60.0,
        "args": ("compliance.tasks.network_publish_changed",),
    },
    "network-publish-daily": {
        "task": "tenants.tasks.fan_out",
        "schedule": crontab(hour=0, minute=10),
        "args": ("compliance.tasks.network_publish_daily",),
    },
    "supervision-daily-sweep": {
        "task": "tenants.tasks.fan_out",
        "schedule": crontab(hour=7, minute=0),
        "args": ("compliance.tasks.supervision_daily_sweep",),
    },
    # Wage highlights (issue 19 item 4): the quarter just ended, on its next quarter's first day.
    "wage-highlights-quarterly": {
        "task": "tenants.tasks.fan_out",
        "schedule": crontab(day_of_month=1, month_of_year="1,4,7,10", hour=3, minute=0),
        "args": ("compliance.tasks.wage_highlights_generate_quarterly",),
    },
}

# --- Open data (cms_pages/opendata) ---------------------------------------------------------
OPEN_DATA_RATE_LIMIT = 120  # requests per client address, federation and minute
OPEN_DATA_CLIENT_HEADER = ""  # e.g. "X-Real-IP" behind a proxy that sets it; see ratelimit.py
# Only the schema class is set globally (drf-spectacular's); the open-data views set their own
# renderers, authentication, throttle and error handler (cms_pages/opendata/api.py), so Wagtail's
# admin API keeps DRF's defaults.
REST_FRAMEWORK = {"DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema"}
SPECTACULAR_SETTINGS = {
    "OAS_VERSION": "3.1.0",
    "TITLE": "Collective contract notices",
    "VERSION": "1.0.0",
    "DESCRIPTION": (
        "Public notices of collective contracts of this trade-union federation. Personal data "
        "is never included and clauses kept as business secrets are withheld. Rate limited per "
        "client; every error answers {error, message} and, for invalid parameters, errors."
    ),
    # Enum descriptions would list the choices' labels in the asking reader's language: the
    # description is the same for everyone (labels are in the answers' *_label fields).
    "ENUM_GENERATE_CHOICE_DESCRIPTION": False,
    "SERVE_INCLUDE_SCHEMA": False,
    # `check --deploy` generates the description and fails on any warning of the generator.
    "DEFAULT_GENERATOR_CLASS": "cms_pages.opendata.schema.OpenDataSchemaGenerator",
}

# --- Filing receipts (compliance/public/verify.py) ------------------------------------------
# Checks of a receipt per client address, federation and minute (the client address is read as
# for the open data: OPEN_DATA_CLIENT_HEADER).
FILING_VERIFY_RATE_LIMIT = 10
# Attempts at a workers' survey per client address and minute (compliance.public.worker_survey).
WORKER_SURVEY_RATE_LIMIT = 10

# Notice alert sign-ups (cms_pages.alerts_views): per client address and minute, and per e-mail
# address and hour (the address is counted by a digest, never stored in the cache as itself).
ALERT_SIGNUP_RATE_LIMIT = 5
ALERT_ADDRESS_RATE_LIMIT = 3

# --- E-mail and logging --------------------------------------------------------------------
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = "noreply@localhost"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": ENV["LOG_LEVEL"]},
    "loggers": {
        "pgserver": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
