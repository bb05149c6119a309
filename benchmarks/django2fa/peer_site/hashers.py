"""argon2id at OWASP's parameters, the project's defaults (Django's own are m=100 MiB, p=8)."""

from django.contrib.auth.hashers import Argon2PasswordHasher


class OwaspArgon2PasswordHasher(Argon2PasswordHasher):
    """Django's documented way to change the parameters: a subclass named in the settings."""

    time_cost = 2
    memory_cost = 19456
    parallelism = 1
