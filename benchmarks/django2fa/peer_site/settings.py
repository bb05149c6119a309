"""Settings of the peer site: django-two-factor-auth's login wizard, django-otp TOTP devices,
argon2id at OWASP's parameters (as the project), sessions in the database.

The database is a SQLite file (``PEER_DATABASE``) at the project's SQLite settings: WAL,
``synchronous=NORMAL``, ``BEGIN IMMEDIATE`` transactions and a 30 s busy timeout, so that
concurrent requests queue for the writer instead of failing with "database is locked".
"""

import os
from pathlib import Path

SECRET_KEY = os.environ.get("PEER_SECRET_KEY", "benchmark-peer-site-not-a-secret")
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "peer_site.urls"
WSGI_APPLICATION = "peer_site.wsgi.application"

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django_otp",
    "django_otp.plugins.otp_static",
    "django_otp.plugins.otp_totp",
    "two_factor",
    "peer_site",
]
MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [Path(__file__).parent / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
            ]
        },
    }
]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("PEER_DATABASE", "peer.sqlite3"),
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 30,
        },
    }
}
PASSWORD_HASHERS = ["peer_site.hashers.OwaspArgon2PasswordHasher"]
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_HTTPONLY = True
LOGIN_URL = "two_factor:login"
LOGIN_REDIRECT_URL = "signed-in"
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
