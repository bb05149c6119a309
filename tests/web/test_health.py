"""``GET /healthz``: what a load balancer asks, open to anyone, about the database only."""

from contextlib import AbstractContextManager

from cachelib import SimpleCache
from flask import Flask

from precoro_2fa import bootstrap
from precoro_2fa.adapters.memory import InMemoryStore
from precoro_2fa.entrypoints.web import create_app
from precoro_2fa.service_layer.ports import Reading
from tests.conftest import TEST_CONFIG


class UnreachableStore(InMemoryStore):
    """A store whose database does not answer."""

    def reading(self) -> AbstractContextManager[Reading]:
        raise ConnectionRefusedError("the database does not answer")


def test_the_health_check_says_ok_to_anyone_when_the_database_answers(app: Flask) -> None:
    answer = app.test_client().get("/healthz")
    assert (answer.status_code, answer.text) == (200, "ok\n")
    assert answer.headers["Content-Type"] == "text/plain; charset=utf-8"
    assert "Set-Cookie" not in answer.headers


def test_the_health_check_says_unavailable_when_the_database_does_not_answer() -> None:
    app = create_app(bootstrap(UnreachableStore(), TEST_CONFIG), "key", SimpleCache())
    answer = app.test_client().get("/healthz")
    assert (answer.status_code, answer.text) == (503, "unavailable\n")
