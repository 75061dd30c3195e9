"""Test settings: fast hashing, in-memory-friendly SQLite or the PostgreSQL of CANBO_TEST_DATABASE_URL."""

import os

import dj_database_url

from .base import *  # noqa: F403
from .base import VAR_DIR

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DEBUG = False
MEDIA_ROOT = VAR_DIR / "test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False

_url = os.environ.get("CANBO_TEST_DATABASE_URL")
if _url:
    DATABASES = {"default": dj_database_url.parse(_url)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "test.sqlite3"),
            "TEST": {"NAME": None},  # in memory
        }
    }
