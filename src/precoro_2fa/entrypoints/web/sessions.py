"""Server-side sessions: Flask's ``SessionInterface`` over the store's table ``web_sessions``
(or, in tests and the in-memory demo, a cachelib cache of this process).

The browser holds only a random id (``secrets.token_urlsafe``) in an HttpOnly cookie that
ends with the browser; the server keeps the session's data (Flask's tagged JSON) under the
id's SHA-256, with an expiry ``PERMANENT_SESSION_LIFETIME`` after it was last written. A
request reads its session in one statement, and writes it only when it changes:

- a new session is inserted, a changed one updated; an unchanged one is written only when
  less than half its lifetime is left, so an idle session expires 4 to 8 hours after its
  last request, and a page view writes nothing;
- ``regenerate`` (at each sign-in step and at sign-out) gives the session a new id: its row
  goes on under the new id's hash, in one statement (inserted again if it was deleted
  meanwhile); no row is left under the old id;
- an emptied session's row and cookie are deleted; a session deleted meanwhile (signed out
  in another tab, purged) is not written again;
- an id that names no live session is never taken over: the session gets a new one.

Expired rows are never read; ``precoro-2fa purge`` and the server's purger delete them.
"""

import hashlib
import secrets
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, Protocol

from cachelib.base import BaseCache
from flask import Flask, Request, Response
from flask.sessions import SessionInterface, SessionMixin, session_json_serializer
from werkzeug.datastructures import CallbackDict

from precoro_2fa.adapters.sql import SqlStore
from precoro_2fa.adapters.sql.repositories import SqlWebSessions


class Rows(Protocol):
    """Where the sessions are kept, under the SHA-256 of their ids."""

    def read(self, key: str, now: datetime) -> tuple[str, datetime] | None: ...
    def add(self, key: str, data: str, expires_at: datetime, replacing: str | None) -> None: ...
    def change(self, key: str, data: str, expires_at: datetime) -> None: ...
    def remove(self, key: str) -> None: ...


class StoredSession(CallbackDict[str, Any], SessionMixin):
    """A session as read (``key`` and ``expires_at`` None: none yet); ``modified`` once
    anything in it changes; ``new_id``: the id it goes on under (``regenerate``)."""

    def __init__(
        self, data: Mapping[str, Any], key: str | None = None, expires_at: datetime | None = None
    ) -> None:
        def changed(_: object) -> None:
            self.modified = True

        super().__init__(data, changed)
        self.key, self.expires_at = key, expires_at
        self.new_id: str | None = None
        self.modified = False


class KeptSessions(SessionInterface):
    """The app's ``session_interface``; ``now`` is the app's clock."""

    def __init__(self, rows: Rows, now: Callable[[], datetime]) -> None:
        self._rows, self._now = rows, now

    def open_session(self, app: Flask, request: Request) -> StoredSession:
        cookie = request.cookies.get(self.get_cookie_name(app))
        found = self._rows.read(_key(cookie), self._now()) if cookie else None
        if found is None:
            return StoredSession({})
        data, expires_at = found
        return StoredSession(session_json_serializer.loads(data), _key(str(cookie)), expires_at)

    def regenerate(self, session: StoredSession) -> None:
        """Go on under a new id; the old one's row is deleted when the session is saved."""
        session.new_id = secrets.token_urlsafe(32)
        session.modified = True

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        if not isinstance(session, StoredSession):  # not one of ours: Flask's null session
            return
        response.vary.add("Cookie")
        if not session:
            self._forget(app, session, response)
            return
        now = self._now()
        lifetime = app.permanent_session_lifetime
        expires_at = now + lifetime
        if session.key is None or session.new_id is not None:
            new_id = session.new_id or secrets.token_urlsafe(32)
            self._rows.add(_key(new_id), _data(session), expires_at, replacing=session.key)
            self._set_cookie(app, response, new_id)
        elif session.modified or _half_spent(session.expires_at, now, lifetime.total_seconds()):
            self._rows.change(session.key, _data(session), expires_at)

    def _forget(self, app: Flask, session: StoredSession, response: Response) -> None:
        if session.key is None:
            return
        self._rows.remove(session.key)
        response.delete_cookie(
            self.get_cookie_name(app),
            domain=self.get_cookie_domain(app),
            path=self.get_cookie_path(app),
            secure=self.get_cookie_secure(app),
            httponly=self.get_cookie_httponly(app),
            samesite=self.get_cookie_samesite(app),
        )

    def _set_cookie(self, app: Flask, response: Response, session_id: str) -> None:
        response.set_cookie(
            self.get_cookie_name(app),
            session_id,
            domain=self.get_cookie_domain(app),
            path=self.get_cookie_path(app),
            secure=self.get_cookie_secure(app),
            httponly=self.get_cookie_httponly(app),
            samesite=self.get_cookie_samesite(app),
        )


def _data(session: StoredSession) -> str:
    """The session as kept (Flask's tagged JSON): made only for a write."""
    return session_json_serializer.dumps(dict(session))


def _key(session_id: str) -> str:
    return hashlib.sha256(session_id.encode()).hexdigest()


def _half_spent(expires_at: datetime | None, now: datetime, lifetime_seconds: float) -> bool:
    return expires_at is None or (expires_at - now).total_seconds() < lifetime_seconds / 2


class StoreRows:
    """The store's table: a read is one statement on a pooled connection; a write, a unit of
    work's transaction (on SQLite, in the writers' turn)."""

    def __init__(self, store: SqlStore) -> None:
        self._store = store

    def read(self, key: str, now: datetime) -> tuple[str, datetime] | None:
        with self._store.engine.connect() as connection:
            return SqlWebSessions(connection).read(key, now)

    def add(self, key: str, data: str, expires_at: datetime, replacing: str | None) -> None:
        """A session regenerated is one statement: its row goes on under the new key."""
        with self._store.unit_of_work() as uow:
            rows = SqlWebSessions(uow.connection)
            if replacing is None or not rows.move(replacing, key, data, expires_at):
                rows.add(key, data, expires_at)
            uow.commit()

    def change(self, key: str, data: str, expires_at: datetime) -> None:
        with self._store.unit_of_work() as uow:
            SqlWebSessions(uow.connection).change(key, data, expires_at)
            uow.commit()

    def remove(self, key: str) -> None:
        with self._store.unit_of_work() as uow:
            SqlWebSessions(uow.connection).remove(key)
            uow.commit()


class CacheRows:
    """A cachelib cache of this process (kept until read past its expiry, or pruned by the
    cache's threshold)."""

    def __init__(self, cache: BaseCache) -> None:
        self._cache = cache

    def read(self, key: str, now: datetime) -> tuple[str, datetime] | None:
        found: tuple[str, datetime] | None = self._cache.get(key)
        return found if found is not None and found[1] > now else None

    def add(self, key: str, data: str, expires_at: datetime, replacing: str | None) -> None:
        if replacing is not None:
            self._cache.delete(replacing)
        self._cache.set(key, (data, expires_at), timeout=0)

    def change(self, key: str, data: str, expires_at: datetime) -> None:
        if self._cache.has(key):
            self._cache.set(key, (data, expires_at), timeout=0)

    def remove(self, key: str) -> None:
        self._cache.delete(key)
