"""The 2FA domain: pure Python, no web and no database."""
