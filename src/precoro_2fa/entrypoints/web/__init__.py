"""The reference app: Precoro's 2FA screens, server-rendered with Flask and Jinja2."""

from .app import create_app

__all__ = ["create_app"]
