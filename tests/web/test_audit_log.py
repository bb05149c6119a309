"""Configuration → Audit log: filtered by person and kind, a page at a time, exported as CSV."""

import csv
import io
from collections.abc import Callable

from precoro_2fa import Channel, Precoro
from tests.conftest import Phone
from tests.drivers.html import table
from tests.web.visitor import ADMIN, ANNA, BOB, SUPPORT, Visitor

Visitors = Callable[[], Visitor]
TurnOn = Callable[[str], Phone]


def admin_of_acme(visitor: Visitors) -> Visitor:
    admin = visitor()
    admin.sign_in(ADMIN)
    return admin


def rows(admin: Visitor) -> list[dict[str, str]]:
    return table(admin.soup)


def employees(admin: Visitor) -> list[str]:
    return [row["Employee"] for row in rows(admin)]


def test_filtered_by_person_and_by_kind(visitor: Visitors, with_two_factor: TurnOn) -> None:
    with_two_factor(ANNA)
    with_two_factor(BOB)
    admin = admin_of_acme(visitor)
    admin.get("/configuration/audit-log")
    assert set(employees(admin)) == {ANNA, BOB}
    admin.get(f"/configuration/audit-log?person={ANNA}")
    assert set(employees(admin)) == {ANNA}
    admin.get("/configuration/audit-log?kind=TURNED_ON")
    assert [row["Event"] for row in rows(admin)] == 2 * ["two-factor authentication turned on"]


def test_fifty_events_a_page_newest_first(visitor: Visitors, precoro: Precoro) -> None:
    for ticked in [True, False] * 30:
        precoro.update_account_settings(ADMIN, ticked)
    admin = admin_of_acme(visitor)
    admin.get("/configuration/audit-log")
    assert len(rows(admin)) == 50
    assert "Page 1 of 2" in admin.text
    assert rows(admin)[0]["Detail"] == "unticked"
    admin.get("/configuration/audit-log?page=2")
    assert len(rows(admin)) == 10
    assert "Page 2 of 2" in admin.text
    for nonsense in ("0", "two"):  # no such page: the first
        admin.get(f"/configuration/audit-log?page={nonsense}")
        assert "Page 1 of 2" in admin.text, nonsense


def test_the_csv_export_has_every_chosen_event_in_utc(
    visitor: Visitors, with_two_factor: TurnOn
) -> None:
    with_two_factor(ANNA)
    admin = admin_of_acme(visitor)
    page = admin.get(f"/configuration/audit-log.csv?person={ANNA}")
    assert page.mimetype == "text/csv"
    rows = list(csv.DictReader(io.StringIO(page.get_data(as_text=True))))
    assert rows and {row["for"] for row in rows} == {ANNA}
    assert all(row["time_utc"].endswith("+00:00") for row in rows)


def test_an_employee_cannot_export_the_audit_log(visitor: Visitors) -> None:
    anna = visitor()
    anna.sign_in(ANNA)
    assert anna.get("/configuration/audit-log.csv").status_code == 403


def test_the_person_filter_lists_the_company_s_people_and_finds_support_s_reset(
    visitor: Visitors, precoro: Precoro, with_two_factor: TurnOn
) -> None:
    """Not Globex's admin nor the support agent: the agent's reset is under its employee."""
    with_two_factor(ANNA)
    request = precoro.request_reset(SUPPORT, ANNA, Channel.ONLINE_CHAT)
    precoro.approve(ADMIN, request.id)
    precoro.reset(SUPPORT, request.id)
    admin = admin_of_acme(visitor)
    admin.get("/configuration/audit-log")
    people = [option.text for option in admin.soup.select("select[name=person] option")]
    assert people == ["Everyone", ADMIN, ANNA, BOB]
    admin.get(f"/configuration/audit-log?person={ANNA}&kind=RESET_PERFORMED")
    assert [(row["By"], row["Employee"]) for row in rows(admin)] == [(SUPPORT, ANNA)]
