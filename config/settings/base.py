"""canbo settings, read from the environment.

CANBO_DATABASE_URL   database (default: SQLite file var/canbo.sqlite3)
CANBO_SECRET_KEY     secret key (default: generated once and kept in var/secret_key)
CANBO_DEBUG          "1"/"true" for development; off by default
CANBO_ALLOWED_HOSTS  comma-separated host names (default: localhost, 127.0.0.1)
CANBO_VAR_DIR        where the SQLite database, secret and uploaded files live (default: ./var)
Login protection, sessions and HTTPS (CANBO_SESSION_SECONDS, CANBO_SECURE_COOKIES, CANBO_HSTS_SECONDS,
CANBO_PROXY_SSL_HEADER, CANBO_TRUSTED_PROXY_COUNT, …): see docs/SECURITY.md.
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("CANBO_VAR_DIR", BASE_DIR / "var")).resolve()


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    key = os.environ.get("CANBO_SECRET_KEY")
    if key:
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("CANBO_DEBUG")
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("CANBO_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")
    if h.strip()
]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CANBO_CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "canbo.security.apps.CanboAdminConfig",  # django.contrib.admin behind canbo's login
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_filters",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "canbo.core",
    "canbo.security",
    "canbo.units",
    "canbo.catalogs",
    "canbo.posts",
    "canbo.people",
    "canbo.discipline",
    "canbo.audit",
    "canbo.access",
    "canbo.api",
    "canbo.stats",
    "canbo.imports",
    "canbo.exports",
    "canbo.evaluation",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "canbo.audit.middleware.AuditMiddleware",  # request id, IP; unsafe requests in one transaction
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "canbo.security.middleware.HtmxLoginRedirectMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the login page with a message
]

ROOT_URLCONF = "config.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    }
]
WSGI_APPLICATION = "config.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("CANBO_DATABASE_URL", f"sqlite:///{VAR_DIR / 'canbo.sqlite3'}"),
        conn_max_age=int(os.environ.get("CANBO_DB_CONN_MAX_AGE", "60")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets readers work while a writer commits; IMMEDIATE avoids "database is locked"
    # surprises when two requests upgrade a read transaction to a write at the same time.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Strong passwords, Vietnamese messages (canbo/security/passwords.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "canbo.security.passwords.UserAttributeSimilarityValidator"},
    {
        "NAME": "canbo.security.passwords.MinimumLengthValidator",
        "OPTIONS": {"min_length": int(os.environ.get("CANBO_PASSWORD_MIN_LENGTH", "12"))},
    },
    {"NAME": "canbo.security.passwords.CommonPasswordValidator"},
    {"NAME": "canbo.security.passwords.NumericPasswordValidator"},
    {
        "NAME": "canbo.security.passwords.CharacterClassValidator",
        "OPTIONS": {"min_classes": 3},
    },
]
AUTHENTICATION_BACKENDS = [
    "canbo.security.backends.LoginLockoutBackend",  # first: refuses a locked-out username + IP
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise serves from finders in the demo
MEDIA_URL = "media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# -- login protection, sessions, headers, HTTPS (canbo/security; docs/SECURITY.md) ------------
# Failed logins (django-axes): 5 failures for one username from one IP lock it for 15 minutes;
# an administrator unlocks in the admin ("Access attempts") or with `canbo axes_reset_username`.
AXES_FAILURE_LIMIT = int(os.environ.get("CANBO_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("CANBO_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False  # the period runs from the last failure
AXES_LOCKOUT_CALLABLE = "canbo.security.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "canbo.security.ip.client_ip"
AXES_VERBOSE = False
# Reverse proxies in front of canbo whose X-Forwarded-For is trusted (0: use REMOTE_ADDR).
CANBO_TRUSTED_PROXY_COUNT = int(os.environ.get("CANBO_TRUSTED_PROXY_COUNT", "0"))

# Second factor (django-otp, TOTP): optional per user; the admin requires it of those who have it
# (of every staff user with CANBO_ADMIN_REQUIRE_OTP=1).
OTP_TOTP_ISSUER = os.environ.get("CANBO_OTP_ISSUER", "canbo")
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
CANBO_ADMIN_REQUIRE_OTP = env_bool("CANBO_ADMIN_REQUIRE_OTP")

# Sessions end after 30 minutes without a request (each request pushes the end further).
SESSION_COOKIE_AGE = int(os.environ.get("CANBO_SESSION_SECONDS", 30 * 60))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("CANBO_SESSION_BROWSER_CLOSE")
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
CSRF_FAILURE_VIEW = "canbo.security.views.csrf_failure"

# Content-Security-Policy: only canbo's own files; no inline script or style anywhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# HTTPS. Production (DEBUG off) defaults: secure cookies, HSTS for a year (sent only over HTTPS).
# Behind a TLS proxy set CANBO_PROXY_SSL_HEADER=X-Forwarded-Proto (only if the proxy sets it).
SESSION_COOKIE_SECURE = env_bool("CANBO_SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = int(os.environ.get("CANBO_HSTS_SECONDS", "0" if DEBUG else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("CANBO_HSTS_INCLUDE_SUBDOMAINS")
SECURE_SSL_REDIRECT = env_bool("CANBO_SSL_REDIRECT")
if _proxy_ssl_header := os.environ.get("CANBO_PROXY_SSL_HEADER", "").strip():
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _proxy_ssl_header.upper().replace("-", "_"), "https")

PEOPLE_PAGE_SIZE = 50
# Lists count exactly up to this many rows, then say "more than …" (canbo.core.paging).
LIST_COUNT_CAP = 10_000
FILTERS_EMPTY_CHOICE_LABEL = _("Tất cả")

# REST API (/api/): token or session authentication, everything behind a login, paginated.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",  # first: 401 with WWW-Authenticate
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "canbo.api.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "canbo.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "canbo.api.errors.exception_handler",
    # JSON only: people read the API in the docs (/api/docs/), not in DRF's HTML pages
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "canbo API",
    "DESCRIPTION": _(
        "Xác thực: Authorization: Token <khóa> (lệnh canbo token TÊN), hoặc phiên đăng nhập web."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",  # served from our static files: works offline
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "UnitKindEnum": "canbo.units.choices.UnitKind",
        "AssignmentKindEnum": "canbo.posts.choices.AssignmentKind",
        "DecisionKindEnum": "canbo.posts.choices.DecisionKind",
        "TrainingKindEnum": "canbo.people.choices.TrainingKind",
        "DatePrecisionEnum": "canbo.core.choices.DatePrecision",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("CANBO_LOG_LEVEL", "WARNING")},
}
