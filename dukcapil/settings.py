"""Settings for Dukcapil Online, read from the environment.

With nothing set, the portal runs on one laptop: SQLite and a Celery filesystem transport
under ``var/``. ``DUKCAPIL_ENV=production`` switches on the deployment settings and makes the
secrets mandatory; ``python manage.py check --deploy`` is clean in that mode.
"""

from __future__ import annotations

from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from dukcapil.env import env_bool, env_choice, env_float, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("DUKCAPIL_VAR_DIR", str(BASE_DIR / "var")))

ENVIRONMENT = env_choice("DUKCAPIL_ENV", ("development", "production"), "development")
PRODUCTION = ENVIRONMENT == "production"

DEBUG = env_bool("DEBUG", default=not PRODUCTION)
if PRODUCTION and DEBUG:
    raise ImproperlyConfigured("DEBUG must be off when DUKCAPIL_ENV=production.")

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if PRODUCTION:
        raise ImproperlyConfigured("SECRET_KEY (or SECRET_KEY_FILE) is required in production.")
    SECRET_KEY = "dev-only-insecure-key-never-used-in-production-" + "x" * 20  # noqa: S105
elif PRODUCTION and (len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5):
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters with 5 distinct ones.")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", [] if PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
if PRODUCTION and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("ALLOWED_HOSTS is required in production.")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The portal's address in links sent out and in QR codes (HTTPS://<HOST>/V/<TOKEN>, see
# verification.tokens.verify_url). PUBLIC_HOST only gives PUBLIC_BASE_URL's production default.
PUBLIC_HOST = env_str("PUBLIC_HOST", ALLOWED_HOSTS[0] if ALLOWED_HOSTS else "127.0.0.1:8000")
PUBLIC_BASE_URL = env_str("PUBLIC_BASE_URL", "http://127.0.0.1:8000" if not PRODUCTION else f"https://{PUBLIC_HOST}")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    "accounts",
    "registry",
    "requests_app",
    "documents",
    "verification",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

if PRODUCTION:
    # gunicorn serves the collected static files itself (compressed, cache-busted names).
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "dukcapil.urls"
WSGI_APPLICATION = "dukcapil.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: DATABASE_URL, e.g. postgres://user:pass@host:5432/dukcapil. Default: SQLite in var/.
VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'dukcapil.sqlite3'}")
try:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
except ValueError as exc:
    raise ImproperlyConfigured(f"DATABASE_URL is not a valid database URL: {exc}") from exc
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process read while the worker writes; IMMEDIATE takes the write
    # lock at BEGIN, so two writers queue instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 30,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: REDIS_URL in production; a per-process memory cache on a laptop.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.NikOrEmailBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
# Account sign-ups tried per address per hour (accounts.views).
SIGNUP_ATTEMPTS_PER_HOUR = env_int("SIGNUP_ATTEMPTS_PER_HOUR", 10)
AXES_COOLOFF_TIME = 0.5  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
# Failed logins count per account, however it was named (username, NIK or email, any case),
# and per client address behind the proxy.
AXES_USERNAME_CALLABLE = "accounts.backends.lockout_username"
AXES_CLIENT_IP_CALLABLE = "dukcapil.clients.client_address"
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Makassar"  # WITA, Kota Gorontalo
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "staticfiles")))

# Uploaded requirements and issued PDFs: private storage, never under a public URL.
# Files are streamed by views that check who is asking.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": env_str("FILE_STORAGE_BACKEND", "django.core.files.storage.FileSystemStorage")},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
UPLOAD_MAX_BYTES = env_int("UPLOAD_MAX_BYTES", 5 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = UPLOAD_MAX_BYTES + 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Email: console/file on a laptop, SMTP from the environment.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
EMAIL_FILE_PATH = VAR_DIR / "mail"
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Dukcapil Kota Gorontalo <noreply@dukcapil.gorontalokota.go.id>")
SMS_BACKEND = env_str("SMS_BACKEND", "accounts.sms.FileSmsBackend")
SMS_FILE_PATH = VAR_DIR / "sms"

# Signing keys (ES256) for the QR tokens: a directory outside the repository.
SIGNING_KEY_DIR = Path(env_str("SIGNING_KEY_DIR", str(VAR_DIR / "keys")))
# The private key files are encrypted (PKCS#8, AES-256) with this passphrase; required in
# production, so a copied key file or backup alone cannot sign. Unset on a laptop: plain files.
SIGNING_KEY_PASSPHRASE = env_str("SIGNING_KEY_PASSPHRASE")
if PRODUCTION and len(SIGNING_KEY_PASSPHRASE) < 16:
    raise ImproperlyConfigured(
        "SIGNING_KEY_PASSPHRASE (or SIGNING_KEY_PASSPHRASE_FILE) of 16+ characters is required in production."
    )
SIGNING_KEY_AUTO_CREATE = env_bool("SIGNING_KEY_AUTO_CREATE", default=not PRODUCTION)  # first use creates a key
VERIFY_RATE_LIMIT_PER_MINUTE = env_int("VERIFY_RATE_LIMIT_PER_MINUTE", 60)  # per client on the public verify pages
# File checks on /verifikasi/ render PDF pages (up to seconds of CPU each): a budget of their own.
VERIFY_FILE_RATE_LIMIT_PER_MINUTE = env_int("VERIFY_FILE_RATE_LIMIT_PER_MINUTE", 6)
# Web processes re-read a signing key's row (status, revocation) at most this often.
VERIFY_KEY_CACHE_SECONDS = env_float("VERIFY_KEY_CACHE_SECONDS", 10.0)
# Scan counts are written by a background thread this often (0: at once, in the request).
VERIFY_SCAN_FLUSH_SECONDS = env_float("VERIFY_SCAN_FLUSH_SECONDS", 1.0)
# The verify lookup as a prepared statement on PostgreSQL; off behind a transaction pooler.
VERIFY_PREPARED_STATEMENTS = env_bool("VERIFY_PREPARED_STATEMENTS", default=True)
# A token signed this long after its key was retired reads TIDAK DIKENAL (verification.verdicts).
VERIFY_RETIRED_KEY_GRACE_SECONDS = env_int("VERIFY_RETIRED_KEY_GRACE_SECONDS", 600)
ISSUER_CODE = env_str("ISSUER_CODE", "7571")
SIGNING_OFFICIAL_NAME = env_str("SIGNING_OFFICIAL_NAME", "Dra. Hj. Nurlela Yusuf, M.Si")
SIGNING_OFFICIAL_TITLE = env_str(
    "SIGNING_OFFICIAL_TITLE", "Kepala Dinas Kependudukan dan Pencatatan Sipil Kota Gorontalo"
)
for _name, _value in (
    ("SIGNING_OFFICIAL_NAME", SIGNING_OFFICIAL_NAME),
    ("SIGNING_OFFICIAL_TITLE", SIGNING_OFFICIAL_TITLE),
):
    if not 0 < len(_value) <= 200:  # stored with every issued document (IssuedDocument.official_*)
        raise ImproperlyConfigured(f"{_name} must have 1 to 200 characters.")

# Celery: Redis in production; kombu's filesystem transport under var/ on a laptop, so a
# real worker process runs with nothing else installed.
# The host part means nothing to that transport; naming one spares every start a kombu
# warning ("No hostname was supplied").
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "filesystem://localhost//")
if CELERY_BROKER_URL.startswith("filesystem://"):
    _queue_dir = VAR_DIR / "celery" / "queue"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_queue_dir),
        "data_folder_out": str(_queue_dir),
        "processed_folder": str(VAR_DIR / "celery" / "processed"),
        "store_processed": False,
        # Broadcast (remote control) messages; kombu's default is ./control in the cwd.
        "control_folder": str(VAR_DIR / "celery" / "control"),
    }
    for _folder in (_queue_dir, VAR_DIR / "celery" / "processed", VAR_DIR / "celery" / "control"):
        _folder.mkdir(parents=True, exist_ok=True)
elif not CELERY_BROKER_URL.startswith(("redis://", "rediss://", "amqp://", "memory://")):
    raise ImproperlyConfigured(f"CELERY_BROKER_URL={CELERY_BROKER_URL!r} uses an unsupported transport.")
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Without this Celery's Django fixup closes the database connection before and after every
# task (a new PostgreSQL backend per document). Reused for this many tasks; a connection
# that failed is dropped before the next task (documents.tasks, close_old_connections).
CELERY_DB_REUSE_MAX = env_int("CELERY_DB_REUSE_MAX", 1000)
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
# Document jobs still PENDING (or stuck RENDERING) this long are re-sent by the beat.
DOCUMENT_JOB_RESEND_AFTER_SECONDS = env_int("DOCUMENT_JOB_RESEND_AFTER_SECONDS", 300)
# Jobs per Celery task: a worker issues them as one batch (a mass re-issue costs a few
# queries per batch, not per document); an approval's few jobs go in one task.
DOCUMENT_JOBS_PER_TASK = env_int("DOCUMENT_JOBS_PER_TASK", 20)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]  # the container health check speaks plain http
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_REFERRER_POLICY = "same-origin"
    if not SECURE_SSL_REDIRECT:
        # Behind a proxy that itself redirects http to https.
        SILENCED_SYSTEM_CHECKS = ["security.W008"]
