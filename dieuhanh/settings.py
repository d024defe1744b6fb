"""Settings for dieuhanh, read from the environment in this one module.

Nothing to configure for a first run: the database is an SQLite file under
data/, the secret key is generated once into data/, and e-mail is written to
data/mail/ (one line on the console per message). A province or national deployment sets DATABASE_URL to
PostgreSQL and the EMAIL_* variables to its SMTP server.
"""

import datetime
import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("DIEUHANH_DATA_DIR", BASE_DIR / "data"))


def envbool(name: str, default: str) -> bool:
    return os.environ.get(name, default).strip().lower() in ("1", "true", "yes", "on")


def envint(name: str, default: str) -> int:
    return int(os.environ.get(name, default))


def envsecret(name: str, default: str | None = None) -> str | None:
    """A secret from NAME, or from the file named by NAME_FILE (Docker/systemd style)."""
    if os.environ.get(name):
        return os.environ[name]
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return default


def _generated_secret_key() -> str:
    """A key made once per installation and kept in data/, so sessions survive restarts."""
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = DATA_DIR / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


def database_config(url: str | None, conn_max_age: int = 60) -> dict:
    """DATABASES['default'] for a DATABASE_URL; SQLite under data/ when it is unset.

    A PostgreSQL connection is kept for `conn_max_age` seconds (DB_CONN_MAX_AGE) and checked
    before each request reuses it, instead of a new connection (and its authentication) per
    request. SQLite opens a file in microseconds: its connections are not kept, so nothing
    holds the file open across a restore.
    """
    if not url:
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{DATA_DIR / 'dieuhanh.sqlite3'}"
    config = dj_database_url.parse(url, conn_max_age=0)
    if config["ENGINE"] == "django.db.backends.postgresql":
        config["CONN_MAX_AGE"] = conn_max_age
        config["CONN_HEALTH_CHECKS"] = conn_max_age > 0
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # Production SQLite: WAL so readers never block the writer, a busy timeout
        # and IMMEDIATE transactions so concurrent writers queue instead of failing
        # with "database is locked".
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;PRAGMA busy_timeout=20000;"
            ),
        }
    return config


SECRET_KEY = envsecret("SECRET_KEY") or _generated_secret_key()
DEBUG = envbool("DEBUG", "false")
ALLOWED_HOSTS = [
    h.strip() for h in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h.strip()
]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()]
# The address in e-mails and feeds; `dieuhanh serve` sets it to the port it serves when unset.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
SITE_URL_FROM_ENV = "SITE_URL" in os.environ

# Behind an HTTPS reverse proxy, HTTPS=on is the one switch: cookies only over HTTPS, HSTS, a
# redirect from plain HTTP, and the proxy's X-Forwarded-Proto trusted (the proxy must set it).
# `manage.py check --deploy` is then clean. /healthz stays reachable over plain HTTP for probes.
HTTPS = envbool("HTTPS", "off")
if HTTPS:
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = envint("HSTS_SECONDS", str(365 * 24 * 3600))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_HTTPONLY = True
# A working day, not Django's two weeks: a session left open on a shared office PC ends overnight.
SESSION_COOKIE_AGE = envint("SESSION_HOURS", "10") * 3600
# Pages load only their own scripts and styles (htmx and Chart.js are served from /static/);
# style attributes in templates stay allowed, inline scripts and eval do not.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "axes",
    "dieuhanh.core",
    "dieuhanh.org",
    "dieuhanh.documents",
    "dieuhanh.tasks",
    "dieuhanh.intake",
    "dieuhanh.notify",
    "dieuhanh.inbox",
    "dieuhanh.reports",
    "dieuhanh.evaluation",
    "dieuhanh.exchange",
    "dieuhanh.api",
    "dieuhanh.site",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "dieuhanh.core.middleware.SQLiteWriteQueueMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "dieuhanh.core.middleware.AuditActorMiddleware",
    "dieuhanh.core.middleware.ContentSecurityPolicyMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the Vietnamese lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "dieuhanh.urls"
WSGI_APPLICATION = "dieuhanh.wsgi.application"
AUTH_USER_MODEL = "org.User"
LOGIN_URL = "/dang-nhap/"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/dang-nhap/"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": database_config(os.environ.get("DATABASE_URL"), envint("DB_CONN_MAX_AGE", "60"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Every password set through a form or `dieuhanh createuser` passes these (messages in Vietnamese).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "dieuhanh.org.passwords.SimilarityValidator"},
    {"NAME": "dieuhanh.org.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "dieuhanh.org.passwords.CommonPasswordValidator"},
    {"NAME": "dieuhanh.org.passwords.NumericPasswordValidator"},
]

# Login throttling (django-axes): after 5 wrong passwords for one name from one address, that
# pair is locked out for 15 minutes and sees a Vietnamese page (HTTP 429).
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]
AXES_FAILURE_LIMIT = envint("LOGIN_FAILURE_LIMIT", "5")
AXES_COOLOFF_TIME = datetime.timedelta(minutes=envint("LOGIN_LOCKOUT_MINUTES", "15"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Vietnamese only: our own strings are written in Vietnamese, and USE_I18N gives Django's own
# messages (admin, forms, auth) from its Vietnamese catalogue; no language switching.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y H:i"
SHORT_DATE_FORMAT = "d/m/Y"
FORMAT_MODULE_PATH = ["dieuhanh.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
WHITENOISE_USE_FINDERS = True
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_BYTES = envint("FILE_UPLOAD_MAX_BYTES", str(20 * 1024 * 1024))
# The whole body of one request (all its files together), refused before any file is read.
UPLOAD_MAX_REQUEST_BYTES = envint("UPLOAD_MAX_REQUEST_BYTES", str(50 * 1024 * 1024))
FILE_UPLOAD_HANDLERS = [
    "dieuhanh.core.uploads.RequestSizeLimitHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = envint("EMAIL_PORT", "587")
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = envsecret("EMAIL_HOST_PASSWORD", "") or ""
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "false")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "dieuhanh@localhost")
# Without an SMTP server, each e-mail is a .eml file under data/mail/ and one line on the console.
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend" if EMAIL_HOST else "dieuhanh.core.mail.FolderEmailBackend"
)
EMAIL_FILE_PATH = Path(os.environ.get("EMAIL_FILE_PATH", DATA_DIR / "mail"))

# Days before a deadline when an open task counts as "sắp đến hạn".
DUE_SOON_DAYS = envint("DUE_SOON_DAYS", "7")

# How long a worker's claim on a digest, webhook post or scheduled report lasts: after a crash,
# another worker sends it again once this has passed (at-least-once delivery).
NOTIFY_LEASE_SECONDS = envint("NOTIFY_LEASE_SECONDS", str(15 * 60))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}, "axes": {"level": "WARNING"}},
}
