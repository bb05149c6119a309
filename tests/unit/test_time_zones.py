"""Times as a person reads them: the zone chosen, else the browser's, else UTC; UTC is kept."""

from datetime import UTC, datetime

import pytest

from precoro_2fa import AuditKind, Precoro, Role, bootstrap
from precoro_2fa.adapters.memory import InMemoryStore
from precoro_2fa.domain.audit import AuditEvent
from precoro_2fa.domain.exceptions import UnknownTimeZone
from precoro_2fa.domain.model import User
from precoro_2fa.domain.notifications import notifications_for
from precoro_2fa.domain.time_zones import (
    date_and_time_in,
    time_in,
    time_zone_names,
    validated_time_zone,
    zone_shown,
)
from precoro_2fa.service_layer.views import PAGE_SIZE, Page, paged
from tests.conftest import PASSWORD, TEST_CONFIG

WINTER = datetime(2026, 11, 27, 9, 15, tzinfo=UTC)
SUMMER = datetime(2026, 7, 1, 9, 15, tzinfo=UTC)


@pytest.mark.parametrize(
    ("at", "zone", "said"),
    [
        (WINTER, "UTC", "09:15 UTC"),
        (WINTER, "Asia/Tokyo", "18:15 Asia/Tokyo"),
        (WINTER, "Europe/Warsaw", "10:15 Europe/Warsaw"),
        (SUMMER, "Europe/Warsaw", "11:15 Europe/Warsaw"),  # summer time
        (WINTER, "America/New_York", "04:15 America/New_York"),
        (WINTER, "Asia/Kolkata", "14:45 Asia/Kolkata"),  # a half-hour offset
    ],
)
def test_a_time_is_said_on_the_clocks_of_its_zone(at: datetime, zone: str, said: str) -> None:
    assert time_in(at, zone) == said


def test_a_time_near_midnight_says_the_other_day() -> None:
    late = datetime(2026, 11, 27, 23, 30, tzinfo=UTC)
    assert date_and_time_in(late, "Asia/Tokyo") == "2026-11-28 08:30 Asia/Tokyo"


def test_the_list_holds_the_iana_names_and_utc_but_no_legacy_alias() -> None:
    names = time_zone_names()
    assert {"UTC", "Europe/Kyiv", "America/Sao_Paulo", "Asia/Tokyo"} <= set(names)
    assert not {"GMT", "EST", "Japan", "Navajo"} & set(names)
    assert list(names) == sorted(names)


@pytest.mark.parametrize("empty", [None, ""])
def test_an_empty_choice_is_the_browsers_time_zone(empty: str | None) -> None:
    assert validated_time_zone(empty) is None


@pytest.mark.parametrize(
    "typed", ["Mars/Olympus", "europe/warsaw", "../../etc/passwd", "Europe/Warsaw ", 42, ["UTC"]]
)
def test_a_name_not_on_the_list_is_refused(typed: object) -> None:
    with pytest.raises(UnknownTimeZone) as refused:
        validated_time_zone(typed)
    assert str(refused.value) == "Choose a time zone from the list."


@pytest.mark.parametrize(
    ("chosen", "browser", "shown"),
    [
        ("America/New_York", "Asia/Tokyo", "America/New_York"),
        (None, "Asia/Tokyo", "Asia/Tokyo"),
        (None, None, "UTC"),
        (None, "<script>alert(1)</script>", "UTC"),  # a cookie anyone can write
        (None, "Mars/Olympus", "UTC"),
    ],
)
def test_the_zone_shown(chosen: str | None, browser: str | None, shown: str) -> None:
    assert zone_shown(chosen, browser) == shown


@pytest.fixture
def acme() -> Precoro:
    precoro = bootstrap(InMemoryStore(), config=TEST_CONFIG)
    precoro.add_company("acme", "Acme")
    precoro.add_user("ann", PASSWORD, "acme", Role.ADMIN)
    return precoro


def test_a_chosen_time_zone_is_kept_and_a_refused_one_changes_nothing(acme: Precoro) -> None:
    acme.choose_time_zone("ann", "Asia/Tokyo")
    with pytest.raises(UnknownTimeZone):
        acme.choose_time_zone("ann", "Asia/Tokio")
    assert acme.visitor("ann").time_zone == "Asia/Tokyo"
    acme.choose_time_zone("ann", "")
    assert acme.visitor("ann").time_zone is None


def test_each_admin_reads_the_waiting_request_in_the_zone_they_chose() -> None:
    event = AuditEvent(WINTER, AuditKind.RESET_REQUESTED, "sam", "acme", "eve", "")
    tokyo = User("ann", "acme", Role.ADMIN, "hash", time_zone="Asia/Tokyo")
    browser_only = User("adam", "acme", Role.ADMIN, "hash")
    emails = notifications_for(event, [tokyo, browser_only], "support@precoro.test")
    assert [(e.recipient, "(2026-11-27 18:15 Asia/Tokyo)" in e.body) for e in emails] == [
        ("ann", True),
        ("adam", False),
    ]
    assert "(2026-11-27 09:15 UTC)" in emails[1].body


@pytest.mark.parametrize(
    ("requested", "number", "first", "rows"),
    [(1, 1, 0, PAGE_SIZE), (3, 3, 100, 1), (0, 1, 0, PAGE_SIZE), (99, 3, 100, 1), (-2, 1, 0, 50)],
)
def test_a_page_of_a_long_list(requested: int, number: int, first: int, rows: int) -> None:
    page = page_of(list(range(101)), requested)
    assert (page.number, page.count, page.shown[0], len(page.shown)) == (number, 3, first, rows)


def test_an_empty_list_has_one_empty_page() -> None:
    assert page_of([], 5) == page_of([], 1)
    assert (page_of([], 5).shown, page_of([], 5).count) == ((), 1)


def page_of(rows: list[int], requested: int) -> Page[int]:
    """``paged`` over a list, as a store reads it: a slice of ``limit`` after ``skip``."""
    return paged(len(rows), requested, lambda skip, limit: rows[skip : skip + limit])
