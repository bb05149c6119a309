"""The front a scenario runs on: a driver, and the stage its Givens set up, over one store.

``driver`` is parametrised as the stores are: the service over memory, SQLite and
PostgreSQL; the HTTP layer (Flask's test client) over memory and SQLite; a real browser
against ``precoro-2fa serve`` over SQLite. ``@domain`` scenarios run on the service only.
"""

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser

from precoro_2fa import Precoro, bootstrap
from precoro_2fa.adapters.smtp import SmtpMailer
from precoro_2fa.bootstrap import bootstrap_sql
from tests.conftest import START, TEST_CONFIG, stores
from tests.drivers import Driver
from tests.drivers.browser import BrowserDriver, FileClock, Window, served
from tests.drivers.phone import MovableClock
from tests.drivers.service import ServiceDriver
from tests.drivers.stage import Stage
from tests.mail import MailServer
from tests.store.databases import Databases

FRONTS = [
    "service-memory",
    "service-sqlite",
    "service-postgres",
    "http-memory",
    "http-sqlite",
    "browser-sqlite",
]


@dataclass
class Front:
    driver: Driver
    stage: Stage


def in_process_front(
    kind: str, store: str, databases: Databases, mail: MailServer | None
) -> Iterator[Front]:
    """The service or the HTTP layer over a fresh store of ``store``, at the start time;
    notifications go to the test's SMTP server, or without one to the Mailbox."""
    clock = MovableClock(START)
    for kept in stores(store, databases):
        precoro = bootstrap(kept, TEST_CONFIG, clock, mailer=mailer_of(mail))
        stage = Stage(precoro, clock, inbox=None if mail is None else mail.inbox)
        with stage.outage:
            yield Front(in_process_driver(kind, stage), stage)


def mailer_of(mail: MailServer | None) -> SmtpMailer | None:
    """What sends the notifications to ``mail``; None: the app keeps them in its Mailbox."""
    return None if mail is None else SmtpMailer(mail.host, mail.port)


def in_process_driver(kind: str, stage: Stage) -> Driver:
    if kind == "service":
        return ServiceDriver(stage.precoro)
    from tests.drivers.http import HttpDriver

    return HttpDriver.over(stage)


@dataclass
class Served:
    """``precoro-2fa serve`` for this test session (or xdist worker), and a browser."""

    url: str
    clock: FileClock
    precoro: Precoro
    browser: Browser
    scenarios: Iterator[int]
    mail: MailServer | None
    """The SMTP server the app sends to; None: the app shows the emails in its Mailbox."""
    spare: list[Window] = field(default_factory=list)
    """The browser windows scenarios left, to be used again with their cookies cleared."""


@contextmanager
def served_app(folder: Path, browser: Browser, mail: MailServer | None) -> Iterator[Served]:
    clock = FileClock(folder / "clock", START)
    smtp = None if mail is None else f"{mail.host}:{mail.port}"
    with served(folder, clock, smtp) as url:
        database = f"sqlite:///{folder / 'served.sqlite3'}"
        precoro = bootstrap_sql(database, None, TEST_CONFIG, clock, mailer=mailer_of(mail))
        yield Served(url, clock, precoro, browser, itertools.count(1), mail)


@contextmanager
def browser_front(served: Served) -> Iterator[Front]:
    """Fresh logins and companies for each scenario, on the shared server, at the start time."""
    served.clock.move_to(START)
    suffix = f"-{next(served.scenarios)}"
    inbox = None if served.mail is None else served.mail.inbox
    stage = Stage(served.precoro, served.clock, suffix=suffix, inbox=inbox)
    driver = BrowserDriver(browser=served.browser, url=served.url, spare=served.spare)
    with stage.outage:
        yield Front(driver, stage)
