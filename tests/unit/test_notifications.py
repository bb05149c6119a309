"""The outbox: written with the change, sent after the commit, kept while the server is down."""

from collections.abc import Iterator
from datetime import timedelta

import pytest

from precoro_2fa import (
    ApplicationChanged,
    AuthenticationApplication,
    Enrollment,
    Precoro,
    bootstrap,
)
from precoro_2fa.adapters.memory import InMemoryStore
from precoro_2fa.adapters.smtp import SmtpMailer
from precoro_2fa.domain.notifications import Notification
from tests.conftest import START, TEST_CONFIG, Phone
from tests.drivers.phone import MovableClock
from tests.mail import MailServer, mail_server
from tests.unit.conftest import add_employee

AUTHY = AuthenticationApplication.AUTHY


@pytest.fixture
def mail() -> Iterator[MailServer]:
    with mail_server() as server:
        yield server


def closed_port() -> SmtpMailer:
    """A mail server that is down: nothing listens on the port of a server just stopped."""
    with mail_server() as stopped:
        pass
    return SmtpMailer(stopped.host, stopped.port, timeout=2)


def precoro_at_start(mailer: SmtpMailer) -> tuple[Precoro, MovableClock]:
    clock = MovableClock(START)
    return bootstrap(config=TEST_CONFIG, clock=clock, mailer=mailer), clock


def turned_on(precoro: Precoro, clock: MovableClock, login: str) -> Phone:
    enrollment = precoro.choose_application(login, AUTHY)
    phone = Phone(enrollment.secret, clock)
    precoro.confirm(login, phone.code())
    clock.advance(timedelta(seconds=30))
    return phone


def test_a_notification_is_sent_after_the_commit_of_its_change(mail: MailServer) -> None:
    precoro, clock = precoro_at_start(SmtpMailer(mail.host, mail.port))
    add_employee(precoro, "eve")
    turned_on(precoro, clock, "eve")
    assert [e.subject for e in mail.inbox.to("eve")] == ["Two-factor authentication is on"]
    assert [e.sent_at is not None for e in precoro.mailbox("eve")] == [True]


def test_while_the_server_is_down_the_message_waits_and_is_sent_at_the_next_delivery(
    mail: MailServer,
) -> None:
    precoro, clock = precoro_at_start(closed_port())
    add_employee(precoro, "eve")
    turned_on(precoro, clock, "eve")
    assert [e.sent_at for e in precoro.mailbox("eve")] == [None]
    precoro.mailer = SmtpMailer(mail.host, mail.port)
    assert precoro.deliver_notifications() == 1
    assert precoro.deliver_notifications() == 0
    assert [e.subject for e in mail.inbox.to("eve")] == ["Two-factor authentication is on"]


def test_a_change_of_application_is_notified_without_a_code_or_secret(mail: MailServer) -> None:
    precoro, clock = precoro_at_start(SmtpMailer(mail.host, mail.port))
    add_employee(precoro, "eve")
    old = turned_on(precoro, clock, "eve")
    enrollment = precoro.change_application("eve", old.code(), AUTHY)
    assert isinstance(enrollment, Enrollment), enrollment
    new_secret = enrollment.secret
    clock.advance(timedelta(seconds=30))
    assert precoro.confirm("eve", Phone(new_secret, clock).code()) == ApplicationChanged()
    emails = mail.inbox.to("eve")
    assert [e.subject for e in emails][-1] == "Your authentication application was changed"
    for email in emails:
        assert old.secret not in email.body and new_secret not in email.body
        assert old.code() not in email.body


def test_nothing_is_queued_by_a_unit_of_work_that_is_not_committed() -> None:
    store = InMemoryStore()
    with store.unit_of_work() as uow:
        uow.outbox.add(Notification("eve", "Subject", "Body"), START)
    with store.reading() as reading:
        assert reading.outbox.waiting() == []
    with store.unit_of_work() as uow:
        uow.outbox.add(Notification("eve", "Subject", "Body"), START)
        uow.commit()
    with store.reading() as reading:
        assert [e.notification.recipient for e in reading.outbox.waiting()] == ["eve"]


def test_a_delivery_says_how_many_it_sent_and_stops_at_the_first_refusal() -> None:
    """The mail server refuses Bob's message: Eve's is sent, Bob's and Ann's wait, in their
    order, for the next delivery, which sends both."""
    precoro, clock = precoro_at_start(closed_port())
    for login in ("eve", "bob", "ann"):
        add_employee(precoro, login)
        turned_on(precoro, clock, login)
    delivered: list[str] = []

    def refusing_bob(notification: Notification) -> None:
        if notification.recipient == "bob":
            raise OSError("451 Requested action aborted: try again later")
        delivered.append(notification.recipient)

    precoro.mailer = refusing_bob
    assert precoro.deliver_notifications() == 1
    precoro.mailer = lambda notification: delivered.append(notification.recipient)
    assert precoro.deliver_notifications() == 2
    assert delivered == ["eve", "bob", "ann"]
