"""The world a scenario starts from, set up through the ``Precoro`` service on every front.

Givens ("Eve is an employee of Acme", "Eve has turned on two-factor authentication") are
preconditions, not what the scenario is about: they are made here, fast, through the service
the app runs on; what a person then does goes through the driver. Logins and companies carry
the scenario's suffix, so that scenarios sharing one served app never meet.
"""

import dataclasses
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

from precoro_2fa import (
    Activated,
    AuthenticationApplication,
    Channel,
    CodeRejected,
    Precoro,
    Role,
)
from precoro_2fa.adapters.sql import SqlStore
from tests.drivers import Person, Seen
from tests.drivers.phone import MovableClock, Phone
from tests.mail import Email, Inbox
from tests.store.faults import read_only

PASSWORD = "correct horse battery"
APPLICATIONS = {application.value: application for application in AuthenticationApplication}
CHANNELS = {channel.value: channel for channel in Channel}


@dataclass
class Stage:
    precoro: Precoro
    clock: MovableClock
    suffix: str = ""
    people: dict[str, Person] = field(default_factory=dict)
    lost_phones: list[Phone] = field(default_factory=list)
    authy_backups: dict[str, str] = field(default_factory=dict)
    """Authy's encrypted backups, by login: each holds the secret of that user's account."""
    inbox: Inbox | None = None
    """What the test's SMTP server received (shared by the scenarios of a test worker)."""
    first_email: int = 0
    recorded: Seen | None = None
    """What support's page said when it last recorded a request."""
    outage: ExitStack = field(default_factory=ExitStack)
    """The fault made on the app's SQLite file (``cannot_save``), undone by ``saves_again`` or
    when the scenario ends (``Front``'s teardown)."""

    def __post_init__(self) -> None:
        self.first_email = 0 if self.inbox is None else len(self.inbox.received)

    def emails_to(self, login: str) -> list[Email]:
        """The emails to ``login`` since the scenario began."""
        assert self.inbox is not None, "no mail server on this stage"
        return [e for e in self.inbox.received[self.first_email :] if e.to == login]

    def cannot_save(self) -> None:
        """The app's SQLite file, and its WAL, made read-only under the running app."""
        store = self.precoro.store
        assert isinstance(store, SqlStore) and store.is_sqlite, f"no SQLite file: {store}"
        assert store.url.database is not None
        self.outage.enter_context(read_only(Path(store.url.database)))

    def saves_again(self) -> None:
        self.outage.close()

    def login(self, name: str) -> str:
        return f"{name.lower()}{self.suffix}"

    def company_id(self, company: str) -> str:
        return f"{company.lower()}{self.suffix}"

    def as_typed(self, login: str) -> str:
        """A login as a feature file writes it ("eve"): the login of that person, if named."""
        named = [p.login for p in self.people.values() if p.login == self.login(login)]
        return named[0] if named else login

    def typed_at_sign_in(self, login: str) -> str:
        """A login typed on the sign-in page: a person's (``as_typed``), or one nobody has
        ("nobody") made the scenario's own, so that the wrong passwords of scenarios sharing
        one served app never add up against it."""
        named = self.as_typed(login)
        return named if named != login or not login else f"{login}{self.suffix}"

    def add(self, name: str, company: str, role: Role) -> Person:
        person = Person(name, company, self.company_id(company), role.value, self.login(name))
        if role is Role.SUPPORT:
            self.precoro.add_support_agent(person.login, PASSWORD)
        else:
            self.precoro.add_company(person.company_id, company)
            self.precoro.add_user(person.login, PASSWORD, person.company_id, role)
        self.people[name] = person
        return person

    def admins(self, company_id: str) -> list[Person]:
        return [p for p in self.people.values() if p.role == "admin" and p.company_id == company_id]

    def support_agent(self) -> Person:
        """The Precoro support agent of the scenario: "we" in the article (the first named)."""
        return next(person for person in self.people.values() if person.role == "support")

    def turn_on(self, person: Person, application: str) -> None:
        """Turn On, the application, Next, the QR code scanned, Confirm; then the next step."""
        self.precoro.turn_on(person.login)
        chosen = self.precoro.choose_application(person.login, APPLICATIONS[application])
        person.phone = Phone(chosen.secret, self.clock)
        confirmed = self.precoro.confirm(person.login, person.phone.code())
        assert confirmed.accepted
        if isinstance(confirmed, Activated):  # backup codes, where the company allows them
            person.backup_codes = list(confirmed.backup_codes)
        self.clock.advance(timedelta(seconds=30))

    def turn_on_with_secret(self, person: Person, secret: str) -> None:
        """Turn On with Precoro issuing ``secret`` this once (a known answer of RFC 6238)."""
        issuing = dataclasses.replace(self.precoro, new_secret=lambda: secret)
        issuing.turn_on(person.login)
        issuing.choose_application(person.login, AuthenticationApplication.GOOGLE_AUTHENTICATOR)
        person.phone = Phone(secret, self.clock)
        assert self.precoro.confirm(person.login, person.phone.code()).accepted

    def turn_off(self, person: Person) -> None:
        assert person.phone is not None, f"{person.name} has no phone"
        assert self.precoro.turn_off(person.login, person.phone.code()).accepted

    def allow_backup_codes(self, admin: Person, allowed: bool) -> None:
        required = self.precoro.account_settings(admin.login)
        self.precoro.update_account_settings(admin.login, required, backup_codes=allowed)

    def set_grace_period(self, admin: Person, hours: int) -> None:
        required = self.precoro.account_settings(admin.login)
        self.precoro.update_account_settings(admin.login, required, grace_period_hours=hours)

    def allow_trusted_browsers(self, admin: Person, days: int) -> None:
        required = self.precoro.account_settings(admin.login)
        self.precoro.update_account_settings(admin.login, required, trust_browser_days=days)

    def change_application(self, person: Person, application: str) -> None:
        """A current code, the new app's QR code scanned, Confirm; then the next step."""
        chosen = self.precoro.change_application(
            person.login, phone_of(person).code(), APPLICATIONS[application]
        )
        assert not isinstance(chosen, CodeRejected), chosen
        person.phone = Phone(chosen.secret, self.clock)
        assert self.precoro.confirm(person.login, person.phone.code()).accepted
        self.clock.advance(timedelta(seconds=30))

    def require_two_factor(self, admin: Person, required: bool) -> None:
        self.precoro.update_account_settings(admin.login, required_two_factor=required)

    def record_request(self, person: Person, channel: str, authy_restore_failed: bool) -> str:
        agent = self.support_agent()
        recorded = self.precoro.request_reset(
            agent.login, person.login, CHANNELS[channel], authy_restore_failed
        )
        return recorded.id

    def request_id(self, login: str) -> str:
        """The id of the latest request for ``login``, as its company's admins see it."""
        [person] = [p for p in self.people.values() if p.login == login]
        admin = self.admins(person.company_id)[0]
        rows = self.precoro.requests_to_decide(admin.login)
        requests = [row.request for row in rows if row.request.login == login]
        return max(requests, key=lambda r: r.recorded_at).id

    def decide(self, admin: Person, request_id: str, decision: str) -> None:
        decide = self.precoro.approve if decision == "approved" else self.precoro.reject
        decide(admin.login, request_id)

    def reset(self, request_id: str) -> None:
        self.precoro.reset(self.support_agent().login, request_id)


def phone_of(person: Person) -> Phone:
    assert person.phone is not None, f"{person.name} has no phone with the application"
    return person.phone
