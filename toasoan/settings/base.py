"""Settings shared by every environment.

Environment-specific files (dev, test, production) import everything from here and change
only what differs. Our own options start with ``TOASOAN_``.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent
# Everything the running site writes (SQLite database, media, logs) lives under var/.
VAR_DIR = Path(os.environ.get("TOASOAN_VAR_DIR", BASE_DIR / "var"))

INSTALLED_APPS = [
    "toasoan.core",
    "toasoan.vi",
    "toasoan.news",
    "toasoan.botcheck",
    "toasoan.comments",
    "toasoan.sitesettings",
    "toasoan.search",
    "toasoan.legacy",
    "toasoan.newsroom",
    "toasoan.distribution",
    "toasoan.security",
    "toasoan.ops",
    # The state-agency portal (Decree 42/2022/NĐ-CP): one app per concept.
    "toasoan.outbox",
    "toasoan.documents",
    "toasoan.consultations",
    "toasoan.questions",
    "toasoan.contact",
    "toasoan.polls",
    "toasoan.organisation",
    "toasoan.schedule",
    "toasoan.procedures",
    "toasoan.photos",
    "toasoan.videos",
    "toasoan.statistics",
    "toasoan.decree42",
    "toasoan.english",
    # English news as Wagtail translations (docs/decisions/english.md): locales in the admin
    # ("Ngôn ngữ") and the "Dịch" action that copies a page into the English tree.
    "wagtail.locales",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.table_block",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.api.v2",
    "rest_framework",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Login throttling and its audit trail; TOTP two-factor (toasoan/security).
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    # Anonymous pages from the shared cache, before anything else does work (toasoan/ops);
    # first, so a stored page carries every header the middleware below adds.
    "toasoan.ops.pagecache.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # %00 in a URL is a 400, never a database error (toasoan/security/middleware.py).
    "toasoan.security.middleware.RejectNullBytesMiddleware",
    # A body in another charset than UTF-8 is a 400, never mojibake or a 500 (same module).
    "toasoan.security.middleware.RequireUtf8BodyMiddleware",
    # Database unreachable: a Vietnamese 503 page, and recovery without a restart.
    "toasoan.ops.middleware.DatabaseUnavailableMiddleware",
    "toasoan.security.middleware.SecurityHeadersMiddleware",
    "toasoan.security.middleware.ToasoanCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # No LocaleMiddleware on purpose: the portal is Vietnamese whatever the browser asks for
    # (content and <html lang> stay "vi", one cached copy per page), and the admin follows
    # each user's Wagtail language preference, "vi" by default (docs/i18n.md).
    # /en/… is English, everything else Vietnamese: from the path only, never from the
    # browser (toasoan/english/middleware.py); before URL resolution (i18n_patterns).
    "toasoan.english.middleware.PathLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # The Wagtail site, home page and root paths from the fragment cache (toasoan/news);
    # after CommonMiddleware, which has validated the host by then.
    "toasoan.news.middleware.SiteLookupMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Two-factor step for the admin (toasoan/security/twofactor.py).
    "django_otp.middleware.OTPMiddleware",
    "toasoan.security.twofactor.TwoFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Before Wagtail's redirects, so an editor's redirect wins over an imported old URL.
    "toasoan.legacy.middleware.LegacyURLMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last: turns a locked-out login into the Vietnamese lockout page (toasoan/security).
    "axes.middleware.AxesMiddleware",
]

# Axes first: a locked-out account or IP is refused before any password is checked.
AUTHENTICATION_BACKENDS = [
    "toasoan.security.auth.LoginThrottleBackend",  # django-axes, see toasoan/security/auth.py
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "toasoan.urls"
WSGI_APPLICATION = "toasoan.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# SQLite under var/ is the embedded default; production sets DATABASE_URL (PostgreSQL).
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'toasoan.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + a busy timeout let readers and one writer work side by side without
    # "database is locked" errors; IMMEDIATE transactions take the write lock up front.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
        ),
    }

# The article route query runs as a PostgreSQL prepared statement (toasoan/core/prepared.py);
# 0 behind a connection pooler in transaction mode (PgBouncer), which shares sessions.
TOASOAN_DB_PREPARED_STATEMENTS = os.environ.get("TOASOAN_DB_PREPARED_STATEMENTS", "1") == "1"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "core.User"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "toasoan.core.staticfiles.RememberingManifestStaticFilesStorage"},
}
# Static files have hashed names, so browsers may keep them for a year.
WHITENOISE_MAX_AGE = 31536000
# Folders of MEDIA_ROOT that `toasoan serve` / `make run` has granian itself serve (Rust, no
# Python, no Django), fresh for SECONDS: small files every page fetches, like the statistics
# snapshot (toasoan/statistics/snapshot.py). nginx serves them in production.
TOASOAN_SERVER_MEDIA_FOLDERS = ["thong-ke"]
TOASOAN_SERVER_MEDIA_SECONDS = 30

REDIS_URL = os.environ.get("REDIS_URL", "")
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "toasoan",
    }
}
# Full-page cache (toasoan/ops/pagecache.py): shared by every worker process, so without
# Redis it lives in files under var/ (the embedded `make run` mode).
CACHES["pagecache"] = {
    # FileBasedCache without zlib; the content generation is a memory-mapped file next to it.
    "BACKEND": "toasoan.ops.filecache.PageFileCache",
    "LOCATION": str(VAR_DIR / "pagecache"),
    "TIMEOUT": 300,
    "OPTIONS": {"MAX_ENTRIES": 5000},
}
if REDIS_URL:
    # SafeRedisCache: when Redis is down the site works uncached instead of failing.
    CACHES["default"] = {
        "BACKEND": "toasoan.ops.cache.SafeRedisCache",
        "LOCATION": REDIS_URL,
        # Several sites (or test runs) can share one Redis with prefixes of their own.
        "KEY_PREFIX": os.environ.get("TOASOAN_CACHE_PREFIX", "toasoan"),
        "TIMEOUT": 300,
    }
    CACHES["pagecache"] = {
        **CACHES["default"],
        "KEY_PREFIX": CACHES["default"]["KEY_PREFIX"] + "-page",
    }
    # Sessions in Redis with the database behind it: a Redis restart logs nobody out.
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
# Every key and its default: toasoan/ops/conf.py. TOASOAN_PAGECACHE=0 switches it off.
TOASOAN_PAGECACHE = {
    "ENABLED": os.environ.get("TOASOAN_PAGECACHE", "1") == "1",
    "TIMEOUT": int(os.environ.get("TOASOAN_PAGECACHE_TIMEOUT", "300")),
    "MEMORY_BYTES": int(os.environ.get("TOASOAN_PAGECACHE_MEMORY_MB", "4")) * 2**20,
}

WAGTAIL_SITE_NAME = "Tòa soạn"
WAGTAILADMIN_BASE_URL = os.environ.get("TOASOAN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILIMAGES_IMAGE_MODEL = "core.NewsImage"
# English news are translations of Vietnamese pages under an English home (/en/).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no request may leave the site
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_USER_TIME_ZONES = ["Asia/Ho_Chi_Minh"]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# Decoding an image and resizing a copy (what a rendition does) costs ~8 bytes a pixel at
# peak: measured, a 6000×5000 PNG (30 MP) took a process from 17 to 251 MB, an 11000×11000
# one (121 MP, under Wagtail's default 128 MP cap) to 945 MB (#23; docs/security.md).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(os.environ.get("TOASOAN_MAX_IMAGE_MEGAPIXELS", "30")) * 10**6
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "doc", "xls", "odt", "ods"]
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Every document is a download (Content-Disposition: attachment), never rendered in the page.
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
# Read-only API at /api/v2/ (toasoan/distribution, docs/distribution.md).
WAGTAILAPI_LIMIT_MAX = 100
TOASOAN_API_CORS_ORIGINS = [
    origin for origin in os.environ.get("TOASOAN_API_CORS_ORIGINS", "").split(",") if origin
]
# Newsroom (toasoan/newsroom): alt text required on images, size/type limits on documents,
# the two-step approval workflow; review emails go to the section's editors, not superusers.
WAGTAILIMAGES_IMAGE_FORM_BASE = "toasoan.newsroom.forms.NewsImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "toasoan.newsroom.forms.NewsDocumentForm"
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH = True
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
TOASOAN_NEWSROOM = {"DOCUMENT_MAX_SIZE": 20 * 1024 * 1024}
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024

EMAIL_SUBJECT_PREFIX = "[Tòa soạn] "
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "toasoan@localhost")

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 60 * 60  # a working day: staff sessions expire
CSRF_COOKIE_SAMESITE = "Lax"
# Nothing may frame the site; Wagtail's preview views opt back in to SAMEORIGIN themselves
# (xframe_options_sameorigin_override). Public pages also send "frame-ancestors 'none'".
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"

TOASOAN_SITE_TITLE = _("Cổng thông tin điện tử")
# Paginated lists and the "Tin khác"/"Thông báo" blocks.
TOASOAN_NEWS = {
    "SECTION_PAGE_SIZE": 15,
    "OTHER_NEWS_COUNT": 8,
    "ANNOUNCEMENT_COUNT": 5,
    "HOME_LATEST_COUNT": 10,
    "HOME_SECTION_COUNT": 4,
}
# Search ranking boosts and limits; every key and its default is in toasoan/search/conf.py.
TOASOAN_SEARCH = {
    "TITLE_WEIGHT": 8,
    "SAPO_WEIGHT": 3,
    "BODY_WEIGHT": 1,
    "PHRASE_BOOST": 2,
    "ACCENT_BOOST": 40,
}
# Reader comments; every key and its default is in toasoan/comments/conf.py.
TOASOAN_COMMENTS = {
    "CLOSE_AFTER_DAYS": 30,
    "RATE_LIMIT_PER_IP": 2,
    "RATE_LIMIT_PER_EMAIL": 2,
    "IP_RETENTION_DAYS": 30,
    # Behind nginx set this to 1 so the client IP comes from X-Forwarded-For.
    "TRUSTED_PROXY_COUNT": int(os.environ.get("TOASOAN_TRUSTED_PROXY_COUNT", "0")),
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {"toasoan": {"level": "INFO", "propagate": True}},
}

# Content Security Policy (django-csp). Public pages: no inline script or style, nothing
# from other origins except YouTube's privacy-enhanced player after a reader's click.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'", "blob:"],
        "frame-src": ["https://www.youtube-nocookie.com"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# The Wagtail admin (staff only, never cached) still uses inline scripts and styles.
TOASOAN_ADMIN_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", "'unsafe-eval'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "worker-src": ["'self'", "blob:"],
    "frame-src": ["'self'", "https://www.youtube-nocookie.com"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
TOASOAN_ADMIN_URL_PREFIXES = ("/quan-tri/",)
# Staff login throttling (django-axes): 5 failures lock the address (for any account) and the
# (address, account) pair for 15 minutes; never the account alone, so nobody can lock an
# administrator out from elsewhere (docs/security.md). Page passwords are throttled the same
# way. Every attempt is kept in the database, under Cài đặt → "Đăng nhập thất bại".
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = ["ip_address", ["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "toasoan.security.auth.axes_username"
AXES_HANDLER = "axes.handlers.database.AxesDatabaseHandler"
AXES_LOCKOUT_CALLABLE = "toasoan.security.auth.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = False  # a valid login elsewhere must not clear an attacker's count
AXES_ENABLE_ACCESS_FAILURE_LOG = True
AXES_CLIENT_IP_CALLABLE = "toasoan.security.auth.client_ip"
AXES_VERBOSE = False
# Superusers and the "Quản trị" group must enrol a TOTP app (any staff member may).
TOASOAN_REQUIRE_2FA_FOR_ADMINS = os.environ.get("TOASOAN_REQUIRE_2FA_FOR_ADMINS", "0") == "1"
OTP_TOTP_ISSUER = "Tòa soạn"
TOASOAN_SECURITY_HEADERS = {
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}
# Wagtail hard-codes the login form's "Password" label; ours goes through gettext.
WAGTAILADMIN_USER_LOGIN_FORM = "toasoan.security.forms.LoginForm"
