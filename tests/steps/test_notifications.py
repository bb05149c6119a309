"""Steps of notifications.feature: what the test's SMTP server received."""

from pytest_bdd import parsers, scenarios, then

from tests.conftest import TEST_CONFIG
from tests.drivers import Seen, on_page
from tests.drivers.stage import Stage
from tests.steps.conftest import COMPANY, NAME, never_shown

scenarios("notifications.feature")


def subjects(stage: Stage, login: str) -> list[str]:
    return [email.subject for email in stage.emails_to(login)]


@then(parsers.re(rf'{NAME} receives an email "(?P<subject>.+)"'))
def receives(stage: Stage, name: str, subject: str) -> None:
    assert subject in subjects(stage, stage.people[name].login)


@then(parsers.re(rf'{NAME} receives no email "(?P<subject>.+)"'))
def receives_none(stage: Stage, name: str, subject: str) -> None:
    login = stage.people[name].login
    assert subject not in subjects(stage, login)
    assert stage.emails_to(login), "she was told that two-factor authentication is on"


@then(parsers.re(rf'every admin of {COMPANY} receives an email "(?P<subject>.+)"'))
def every_admin_receives(stage: Stage, company: str, subject: str) -> None:
    admins = stage.admins(stage.company_id(company))
    assert len(admins) == 2
    for admin in admins:
        assert subject in subjects(stage, admin.login), admin.name


@then(parsers.parse('Precoro support receives an email "{subject}"'))
def support_receives(stage: Stage, subject: str) -> None:
    """The support address is shared by every scenario: the email names this one's requester."""
    [requester] = [p for p in stage.people.values() if p.name == "Eve"]
    bodies = [e.body for e in stage.emails_to(TEST_CONFIG.support_address) if e.subject == subject]
    assert [body for body in bodies if requester.login in body]


@then("no email tells a code or a secret")
def no_code_or_secret(stage: Stage) -> None:
    assert stage.inbox is not None
    emails = stage.inbox.received[stage.first_email :]
    assert emails
    never_shown(stage, [f"{email.subject}\n{email.body}" for email in emails])


@then(parsers.parse("the menu offers {links}"))
def menu_offers(seen: Seen, links: str) -> None:
    """The menu's links, all of them, in its order."""
    assert on_page(seen).menu == tuple(links.split(", ")), seen
