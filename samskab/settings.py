"""Samskab's one settings module, driven by environment variables.

Every variable read here is listed in the configuration table in README.md
(a test keeps the two in step). SQLite is the default database; set
``DATABASE_URL`` for PostgreSQL. ``SAMSKAB_ENV=production`` turns on the
production defaults and refuses to start without a secret key and hosts.
"""

import json
import os
from decimal import Decimal
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_json(name: str, default):
    """A setting given as JSON in the environment (lists of identity providers, mappings)."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    try:
        return json.loads(value)
    except ValueError as error:
        raise ImproperlyConfigured(f"{name} is not valid JSON: {error}") from error


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


SAMSKAB_ENV = env("SAMSKAB_ENV", "development")
if SAMSKAB_ENV not in {"development", "production"}:
    raise ImproperlyConfigured("SAMSKAB_ENV must be 'development' or 'production'.")
PRODUCTION = SAMSKAB_ENV == "production"

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY must be set when SAMSKAB_ENV=production.")
    SECRET_KEY = "development-only-key-never-use-in-production-" + "x" * 20

DEBUG = env_bool("DEBUG", default=not PRODUCTION)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,[::1]")
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS must be set when SAMSKAB_ENV=production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "csp",
    "django_htmx",
    "template_partials",
    "rules.apps.AutodiscoverRulesConfig",
    "samskab.core",
    "samskab.accounts",
    "samskab.network",
    "samskab.organisation",
    "samskab.notifications",
    "samskab.ideas",
    "samskab.portfolio",
    "samskab.governance",
    "samskab.teams",
    "samskab.evidence",
    "samskab.benefits",
    "samskab.spread",
    "samskab.finance",
    "samskab.barometer",
    "samskab.catalogue",
    "samskab.methods",
    "samskab.house",
    "samskab.events",
    "samskab.dashboards",
    "samskab.api",
    "ninja",
    "simple_history",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "samskab.core.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "samskab.core.middleware.RequestSizeLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    # After CSP's: adds the identity providers to the policy it then writes.
    "samskab.accounts.middleware.IdentityProviderFormActionMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "samskab.urls"
FORM_RENDERER = "samskab.core.forms.FormRenderer"
WSGI_APPLICATION = "samskab.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "samskab" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "samskab.core.context_processors.samskab",
            ],
        },
    },
]

# Database: SQLite file by default, PostgreSQL (or another) through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while one writer writes; IMMEDIATE takes the write lock up
    # front, so a read-then-write request waits instead of failing with "database is locked".
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Shared by every worker process, so that rate limits hold across them: Redis when
# REDIS_URL is set (production), else a table in the database.
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": env("REDIS_URL")}
        if env("REDIS_URL")
        else {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "samskab_cache",
        }
    )
}
# Sessions are read from the cache and kept in the database too.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# The user of each request is kept in the cache until their account or the
# organisation changes (samskab/accounts/backends.py).
SAMSKAB_CACHE_REQUEST_USER = True
# The glossary's terms, for its links in help texts, are kept in each process's memory
# until a term changes (samskab/methods/glossary.py); off, they are read once per request.
SAMSKAB_GLOSSARY_CACHE = True

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    # Logs in by user name or e-mail; reads no model permissions (samskab/accounts/backends.py).
    "samskab.accounts.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:home"

# django-allauth: local accounts with verified e-mail, TOTP two-factor login.
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "samskab.accounts.forms.SignupForm"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_REDIRECT_URL = "core:home"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Samskab: "
ACCOUNT_ADAPTER = "samskab.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"login": "samskab.accounts.forms.LoginForm"}
# Failed logins: 5 per address and account and 30 per address, each in 15 minutes
# (the key is address + account, see accounts/adapter.py). A right password is
# refused only from the address that guessed; SECURITY.md weighs the choice.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "30/15m/ip,5/15m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]

# Reverse proxies in front of Samskab that each append the address they got the request
# from to X-Forwarded-For. 0: the header is ignored (anyone can forge it) and REMOTE_ADDR
# is the client. Every rate limit, allauth's and Samskab's own, keys on this address.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("SAMSKAB_TRUSTED_PROXY_COUNT", 0)

# Login through identity providers (README: "Login through identity providers"):
# employees through the municipality's OpenID Connect providers (Entra ID, ADFS,
# OS2faktor; several at once), citizens and companies through MitID (NemLog-in, SAML).
# Each OpenID Connect provider: {"id", "name", "server_url", "client_id", "secret"}
# and optionally "employee_id_claim", "groups_claim", "trust_email".
SAMSKAB_OIDC_PROVIDERS = env_json("SAMSKAB_OIDC_PROVIDERS", [])
# The claim that carries the employee's id in the HR system (organisation.Person.external_id).
SAMSKAB_OIDC_EMPLOYEE_ID_CLAIM = env("SAMSKAB_OIDC_EMPLOYEE_ID_CLAIM", "employee_id")
SAMSKAB_OIDC_GROUPS_CLAIM = env("SAMSKAB_OIDC_GROUPS_CLAIM", "groups")
# The provider's group → Samskab's role group (accounts/roles.py); empty: roles are set in Samskab.
SAMSKAB_OIDC_ROLE_GROUPS = env_json("SAMSKAB_OIDC_ROLE_GROUPS", {})
# Off: employees log in through their identity provider only, never with a password.
SAMSKAB_EMPLOYEE_PASSWORD_LOGIN = env_bool("SAMSKAB_EMPLOYEE_PASSWORD_LOGIN", True)
# MitID through NemLog-in: {"idp": {"entity_id", "sso_url", "x509cert"} or
# {"idp": {"entity_id", "metadata_url"}}, optionally "sp": {"entity_id"} and "advanced".
SAMSKAB_MITID = env_json("SAMSKAB_MITID", {})
SOCIALACCOUNT_ADAPTER = "samskab.accounts.social.SocialAccountAdapter"
SOCIALACCOUNT_LOGIN_ON_GET = False
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
# The identity provider vouches for the person: no e-mail round trip on top.
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": provider["id"],
                "name": provider.get("name", provider["id"]),
                "client_id": provider["client_id"],
                "secret": provider.get("secret", ""),
                "settings": {
                    "server_url": provider["server_url"],
                    **{
                        k: provider[k]
                        for k in ("employee_id_claim", "groups_claim", "trust_email")
                        if k in provider
                    },
                },
            }
            for provider in SAMSKAB_OIDC_PROVIDERS
        ],
    },
    "saml": {
        # Keeps only the pseudonymous identifier and the company's CVR: never a CPR number.
        "provider_class": "samskab.accounts.mitid.MitIDProvider",
        "APPS": [],
    },
}
if SAMSKAB_MITID:
    SOCIALACCOUNT_PROVIDERS["saml"]["APPS"].append(
        {"client_id": "mitid", "name": "MitID", "settings": SAMSKAB_MITID}
    )

SAMSKAB_MUNICIPALITY_NAME = env("SAMSKAB_MUNICIPALITY_NAME", "Gentofte Kommune")
SAMSKAB_MUNICIPALITY_LOGO = env("SAMSKAB_MUNICIPALITY_LOGO", "img/kommune-logo.svg")
SAMSKAB_CONTACT_EMAIL = env("SAMSKAB_CONTACT_EMAIL", "innovation@example.dk")
# Where Samskab is reached from outside; links in e-mails are built from it. Without
# it, the development server's address on PORT (which `make run` serves on).
_port = env("PORT", "8000")
SAMSKAB_BASE_URL = env("SAMSKAB_BASE_URL", f"http://127.0.0.1:{_port}").rstrip("/")
MFA_TOTP_ISSUER = f"Samskab {SAMSKAB_MUNICIPALITY_NAME}"

# Internationalisation: Danish first, English complete.
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
# English dates day before month, on a 24-hour clock (samskab/formats/en/formats.py).
FORMAT_MODULE_PATH = ["samskab.formats"]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Europe/Copenhagen"
USE_TZ = True

# Static and uploaded files.
STATIC_URL = "static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "samskab" / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Uploads: a file larger than 2.5 MB is streamed to a temporary file, not held in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
SAMSKAB_IMPORT_MAX_BYTES = env_int("SAMSKAB_IMPORT_MAX_BYTES", 10_485_760)
SAMSKAB_UPLOAD_MAX_BYTES = env_int("SAMSKAB_UPLOAD_MAX_BYTES", 10_485_760)
# A request's form fields other than files (Django's default, 2.5 MB) ...
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# ... and its whole body: room for the largest form, an import file or an idea with its
# five attachments (ideas.services.MAX_ATTACHMENTS), plus its fields. A larger body is
# refused with 413 before it is read (samskab.core.middleware).
SAMSKAB_REQUEST_MAX_BYTES = env_int(
    "SAMSKAB_REQUEST_MAX_BYTES",
    max(SAMSKAB_IMPORT_MAX_BYTES, 5 * SAMSKAB_UPLOAD_MAX_BYTES) + DATA_UPLOAD_MAX_MEMORY_SIZE,
)

# E-mail: printed to the console in development, SMTP in production.
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if PRODUCTION
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "samskab@example.dk")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security. The content security policy allows no inline script or style.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = PRODUCTION
SESSION_COOKIE_HTTPONLY = True
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = PRODUCTION
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if env_bool("SECURE_PROXY_SSL_HEADER", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}
# Browser features no page uses, switched off on every response (Permissions-Policy):
# for Samskab's pages and for anything that might ever be embedded in them. Only
# features Chromium knows; it warns about others.
PERMISSIONS_POLICY = [
    "accelerometer",
    "autoplay",
    "browsing-topics",
    "camera",
    "display-capture",
    "encrypted-media",
    "geolocation",
    "gyroscope",
    "hid",
    "idle-detection",
    "interest-cohort",
    "local-fonts",
    "magnetometer",
    "microphone",
    "midi",
    "payment",
    "screen-wake-lock",
    "serial",
    "usb",
    "xr-spatial-tracking",
]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # A refused (403) or bad (400) request is one line in the log, not a traceback.
    "filters": {"client_errors": {"()": "samskab.core.logging.ClientErrorWithoutTraceback"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "filters": ["client_errors"]}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "django_tasks": {"level": "WARNING"},
        # WeasyPrint (the council report's PDF) logs each step and every CSS property it
        # does not use (the SVG charts' fill and stroke): only its errors are worth a line.
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
    },
}

SAMSKAB_PAGE_SIZE = 25
# Calls of the REST API per caller (user, or address when anonymous), as "count/period".
SAMSKAB_API_RATE = env("SAMSKAB_API_RATE", "600/m")
# Ideas with no status change for this many days are listed as overdue (DESIGN rule 9).
SAMSKAB_IDEA_ANSWER_DAYS = env_int("SAMSKAB_IDEA_ANSWER_DAYS", 30)
# At most this many deep innovation tasks are active at once (DESIGN rule 1, seed §3: 3-5).
SAMSKAB_MAX_ACTIVE_TASKS = env_int("SAMSKAB_MAX_ACTIVE_TASKS", 5)
SAMSKAB_MIN_ACTIVE_TASKS = env_int("SAMSKAB_MIN_ACTIVE_TASKS", 3)
SAMSKAB_SPARRING_HOURS = env_int("SAMSKAB_SPARRING_HOURS", 20)
# Business cases discount future kroner at this yearly rate, in percent (the Ministry of
# Finance's rate for public investments is 3.5 %).
SAMSKAB_DISCOUNT_RATE = Decimal(env("SAMSKAB_DISCOUNT_RATE", "3.5"))
# A full-time year in hours, for the team's time on a task's costs (37 hours × 52 weeks).
SAMSKAB_HOURS_PER_YEAR = env_int("SAMSKAB_HOURS_PER_YEAR", 1924)
# A meeting's agenda proposes the gates due before the forum's following meeting; when
# none is planned, those due within this many days of the meeting.
SAMSKAB_AGENDA_HORIZON_DAYS = env_int("SAMSKAB_AGENDA_HORIZON_DAYS", 30)

# The innovation house (samskab.house): its opening hours (local time, Europe/Copenhagen) on
# the days it is open (ISO weekdays, 1 = Monday), within which resources are booked, and the
# most occurrences one recurring booking may have.
SAMSKAB_HOUSE_OPENS = env("SAMSKAB_HOUSE_OPENS", "07:00")
SAMSKAB_HOUSE_CLOSES = env("SAMSKAB_HOUSE_CLOSES", "18:00")
SAMSKAB_HOUSE_DAYS = env("SAMSKAB_HOUSE_DAYS", "1,2,3,4,5")
SAMSKAB_HOUSE_MAX_OCCURRENCES = env_int("SAMSKAB_HOUSE_MAX_OCCURRENCES", 52)

# Other municipalities' catalogue feeds (samskab.catalogue): the time to connect and to wait
# for each read, in seconds, the largest feed accepted, and how often a feed is fetched by
# `manage.py fetch_catalogues`. A feed's address must be https; http on 127.0.0.1 or
# localhost is accepted only with DEBUG or SAMSKAB_CATALOGUE_ALLOW_LOOPBACK (tests).
SAMSKAB_CATALOGUE_CONNECT_TIMEOUT = float(env("SAMSKAB_CATALOGUE_CONNECT_TIMEOUT", "5"))
SAMSKAB_CATALOGUE_READ_TIMEOUT = float(env("SAMSKAB_CATALOGUE_READ_TIMEOUT", "10"))
SAMSKAB_CATALOGUE_MAX_BYTES = env_int("SAMSKAB_CATALOGUE_MAX_BYTES", 2_097_152)
SAMSKAB_CATALOGUE_FETCH_MINUTES = env_int("SAMSKAB_CATALOGUE_FETCH_MINUTES", 60)
SAMSKAB_CATALOGUE_ALLOW_LOOPBACK = env_bool("SAMSKAB_CATALOGUE_ALLOW_LOOPBACK", default=False)

# Organisation data from OS2mo (samskab.organisation.os2mo, `manage.py sync_os2mo`): the
# address of OS2mo, the Keycloak client allowed the client-credentials grant, the GraphQL
# version, how many objects each page asks for, and the seconds to wait for an answer.
OS2MO_URL = env("OS2MO_URL").rstrip("/")
OS2MO_CLIENT_ID = env("OS2MO_CLIENT_ID")
OS2MO_CLIENT_SECRET = env("OS2MO_CLIENT_SECRET")
OS2MO_TOKEN_URL = env("OS2MO_TOKEN_URL")  # empty: OS2MO_URL + /auth/realms/mo/protocol/...
OS2MO_GRAPHQL_VERSION = env_int("OS2MO_GRAPHQL_VERSION", 22)
OS2MO_PAGE_SIZE = env_int("OS2MO_PAGE_SIZE", 500)
OS2MO_TIMEOUT = float(env("OS2MO_TIMEOUT", "30"))

# Background work (django-tasks). In development tasks run right after the request
# that enqueued them; in production they are queued in the database and run by
# `manage.py db_worker`, so a mail server that is down never loses anything.
TASKS = {
    "default": {
        "BACKEND": {
            "immediate": "django_tasks.backends.immediate.ImmediateBackend",
            "database": "django_tasks_db.backend.DatabaseBackend",
        }[env("SAMSKAB_TASKS", "database" if PRODUCTION else "immediate")]
    }
}
