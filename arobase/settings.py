"""Settings of the arobase platform.

Everything that differs between a laptop and production comes from environment
variables (see the README, "Configuration"); the defaults are safe for local use.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# ENVIRONMENT=production turns every security default on and makes SECRET_KEY mandatory.
ENVIRONMENT = env.str("ENVIRONMENT", default="local")
PRODUCTION = ENVIRONMENT == "production"
DEBUG = env.bool("DEBUG", default=not PRODUCTION)
if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="insecure-local-development-key-never-used-in-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "arobase.accounts.apps.ArobaseAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "axes",
    "django_filters",
    "ninja",
    "django_tasks",
    "django_tasks_db",
    "arobase.core",
    "arobase.accounts",
    "arobase.territories",
    "arobase.referential",
    "simple_history",
    "arobase.actions",
    "arobase.demo",
    "arobase.mosaic",
    "arobase.label",
    "arobase.atlaas",
    "arobase.barometre",
    "arobase.notifications",
    "arobase.forum",
    "arobase.timeline",
    "arobase.network",
    "arobase.peers",
    "arobase.bilan",
    "arobase.elunum",
    "arobase.www",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Permissions-Policy on every response; `Cache-Control: private, no-store` on every signed-in page.
    "arobase.core.middleware.SecurityHeadersMiddleware",
    # Pages compressed by the app servers themselves, whatever the proxy (a big collectivité page: 334 KB of HTML,
    # about a tenth gzipped). Django pads each gzip body with a random length and masks CSRF tokens (BREACH).
    # Responses that already carry an encoding (map points, WhiteNoise static files) are left as they are.
    "django.middleware.gzip.GZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Outside CSRF and the views, to see every 403 they answer.
    "arobase.accounts.security_middleware.SecurityLogMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "arobase.accounts.middleware.RequireTwoFactorMiddleware",
    # Axes must come last so that it sees the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

if PRODUCTION:
    # Static files are served by the app servers themselves (compressed, cache-busted names); locally
    # runserver and the test live server serve them.
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.middleware.gzip.GZipMiddleware"), "whitenoise.middleware.WhiteNoiseMiddleware"
    )

ROOT_URLCONF = "arobase.urls"
WSGI_APPLICATION = "arobase.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "arobase" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "arobase.core.context_processors.site",
            ],
        },
    },
]

# Every form: required fields marked, error summary, text without bidirectional controls (core/forms.py).
FORM_RENDERER = "arobase.core.forms.SiteFormRenderer"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # WAL and a busy timeout let the dev server and a management command share the file.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
        }
    )
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://")}
# Public pages that are the same for every anonymous visitor (home, palmarès, collectivité pages, Atlaas map) are
# kept in this cache under what they show (arobase.core.caching) and marked `public, s-maxage` for the proxy.
PUBLIC_PAGE_CACHE_SECONDS = env.int("PUBLIC_PAGE_CACHE_SECONDS", default=300)
PUBLIC_PAGE_S_MAXAGE = env.int("PUBLIC_PAGE_S_MAXAGE", default=10)
# How long a worker reuses what those pages depend on (the data versions) before asking the database again.
PUBLIC_PAGE_VERSION_SECONDS = env.float("PUBLIC_PAGE_VERSION_SECONDS", default=1.0 if PRODUCTION else 0)

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "arobase.accounts.password_validation.CnilPasswordValidator"},
    # Django's list of common passwords and a French one, around digits and symbols; repeated words; own names.
    {"NAME": "arobase.accounts.password_validation.GuessablePasswordValidator"},
]

# django-allauth: email is the login; the address must be verified before the first login.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Villes Internet] "
ACCOUNT_ADAPTER = "arobase.accounts.adapter.AccountAdapter"
# Passwords are throttled by django-axes below (the adapter skips allauth's per-account password limiter);
# allauth's `login_failed` limit then only applies to second-factor codes: 5 wrong codes per account in 5 minutes.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
ACCOUNT_FORMS = {"signup": "arobase.www.accounts.forms.SignupForm"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_FORMS = {
    "authenticate": "arobase.www.accounts.forms.TotpAuthenticateForm",
    "reauthenticate": "arobase.www.accounts.forms.TotpReauthenticateForm",
}
MFA_TOTP_ISSUER = "Villes Internet"
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
ACCOUNT_LOGOUT_REDIRECT_URL = "core:home"

# django-axes: lock an account for a while after repeated failures (CNIL recommendation), but only from the
# address that failed: colleagues behind the same town-hall address, or another attacker, are not locked out.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "arobase.accounts.lockout.login_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account/lockout.html"
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)
# The client address (locks, allauth's limits, the security log) comes from django-ipware. Behind N proxies, the
# nearest appends the client's address to X-Forwarded-For and is itself REMOTE_ADDR, so the header lists the client
# then N-1 proxies; addresses a client put before its own are ignored (non-strict chains).
proxies_in_front = env.int("AXES_PROXY_COUNT", default=0)
AXES_IPWARE_PROXY_ORDER = "left-most"
if proxies_in_front:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    AXES_IPWARE_PROXY_COUNT = proxies_in_front - 1
else:
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)
    AXES_IPWARE_PROXY_COUNT = None
IPWARE_STRICT = False

EMAIL_CONFIG = env.email("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Villes Internet <ne-pas-repondre@villes-internet.net>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
LOCALE_PATHS = [BASE_DIR / "arobase" / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=VAR_DIR / "static")
# Front-end packages from npm are copied here by `make setup` (see scripts/build_assets.mjs).
STATICFILES_DIRS = [BASE_DIR / "arobase" / "static", BASE_DIR / "build" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_STORAGE",
            default="django.contrib.staticfiles.storage.StaticFilesStorage"
            if not PRODUCTION
            else "whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")

# Security: strict in production, relaxed only where DEBUG says we run locally over HTTP.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = 60 * 60 * 12
if env.bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=PRODUCTION)
SESSION_COOKIE_SECURE = env.bool("SECURE_COOKIES", default=PRODUCTION)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365 if PRODUCTION else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = PRODUCTION
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=PRODUCTION)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "filters": {"no_403_traceback": {"()": "arobase.accounts.security_log.PermissionDeniedWithoutTraceback"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        "django.request": {"filters": ["no_403_traceback"]},
        # Security events (logins, second factor, lockouts, refusals): see arobase/accounts/security_log.py.
        "arobase.security": {"level": "INFO"},
    },
}

# Paths of the official data shipped with the repository.
TERRITORIES_SNAPSHOT = BASE_DIR / "data" / "territories.json.gz"

# Actions (fiches-action): image uploads above this size are refused before being read; the geocoder of places.
ACTION_IMAGE_MAX_BYTES = 5 * 1024 * 1024
GEOCODER = env.str("GEOCODER", default="arobase.actions.geocoding.BanGeocoder")
# The edit history of actions is a record: nobody reverts or edits it, not even from the admin.
SIMPLE_HISTORY_REVERT_DISABLED = True

# Atlaas map tiles (any XYZ tile server; OpenStreetMap's by default, with its required attribution).
ATLAAS_TILE_URL = env.str("ATLAAS_TILE_URL", default="https://tile.openstreetmap.org/{z}/{x}/{y}.png")
ATLAAS_TILE_ATTRIBUTION = env.str(
    "ATLAAS_TILE_ATTRIBUTION",
    default='&copy; <a href="https://www.openstreetmap.org/copyright">les contributeurs d\'OpenStreetMap</a>',
)
# Where `export_opendata` writes the open-data files served by /atlaas/donnees/.
ATLAAS_OPENDATA_DIR = env.path("ATLAAS_OPENDATA_DIR", default=VAR_DIR / "opendata")


def _tile_origin(tile_url: str) -> str:
    """`https://{s}.tile.example.org/{z}/{x}/{y}.png` → `https://*.tile.example.org`, for the CSP's img-src."""
    parts = urlsplit(tile_url)
    return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"


# Content-Security-Policy (django-csp): scripts only from our own static files, never inline nor eval'd (htmx is
# configured in base.html not to evaluate anything); images also from the map tile server.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # style="" attributes of a few templates and libraries (Leaflet, the admin); they cannot run code.
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:", _tile_origin(ATLAAS_TILE_URL)],
        "connect-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Browser features no page of the site uses (Permissions-Policy header; an empty list forbids the feature).
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}
# The open-data files are regenerated in the background after writes of actions, at most once per interval.
ATLAAS_OPENDATA_EXPORT_INTERVAL = env.int("ATLAAS_OPENDATA_EXPORT_INTERVAL", default=300)

# Background tasks (Django Tasks API through django-tasks): the database backend of django-tasks-db by default, run
# by `manage.py db_worker` (started by `make run`); any backend can be chosen with TASKS_BACKEND (tests run them at
# once).
TASKS = {"default": {"BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend")}}

# Notifications: how long an unsubscribe link of an email stays valid (RFC 8058 one-click, signed per person and kind).
NOTIFICATION_UNSUBSCRIBE_MAX_AGE = env.int("NOTIFICATION_UNSUBSCRIBE_MAX_AGE", default=60 * 60 * 24 * 365)

# Elunum's crawler (arobase/elunum/crawler.py). CRAWLER_ALLOW_PRIVATE_NETWORKS lets it reach loopback and private
# addresses: for the tests' fixture site only, never in production.
CRAWLER_USER_AGENT = env.str(
    "CRAWLER_USER_AGENT",
    default=f"ElunumBot/1.0 (+{SITE_URL.rstrip('/')}/elunum/sources/#robot)",
)
CRAWLER_ALLOW_PRIVATE_NETWORKS = env.bool("CRAWLER_ALLOW_PRIVATE_NETWORKS", default=False)
CRAWLER_MAX_BYTES = env.int("CRAWLER_MAX_BYTES", default=5 * 1024 * 1024)
CRAWLER_TIMEOUT_SECONDS = env.float("CRAWLER_TIMEOUT_SECONDS", default=15.0)
CRAWLER_MAX_REDIRECTS = env.int("CRAWLER_MAX_REDIRECTS", default=5)
CRAWLER_MIN_DELAY_SECONDS = env.float("CRAWLER_MIN_DELAY_SECONDS", default=1.0)
# The schedule's tick: how often due sources are looked for.
ELUNUM_TICK_SECONDS = env.int("ELUNUM_TICK_SECONDS", default=300)

# Production tasks on Redis (django-tasks-rq): TASKS_BACKEND=rq and REDIS_URL; workers run `manage.py rqworker`.
INSTALLED_APPS.append("django_rq")
RQ_QUEUES = {"default": {"URL": env.str("REDIS_URL", default="redis://127.0.0.1:6379/0"), "DEFAULT_TIMEOUT": 3600}}
if env.str("TASKS_BACKEND", default="") == "rq":
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
