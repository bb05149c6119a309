"""Times as a person reads them: in the time zone they chose in Profile settings, else their
browser's, else UTC. Every time is kept in UTC; only what a page or an email shows changes.

A zone is an IANA name ("Europe/Kyiv") from the ``tzdata`` package, the same on every machine.
"""

from datetime import datetime
from functools import cache
from zoneinfo import ZoneInfo, available_timezones

from precoro_2fa.domain.exceptions import UnknownTimeZone

UTC_ZONE = "UTC"


@cache
def time_zone_names() -> tuple[str, ...]:
    """Every zone a person can choose, sorted (the IANA names, without the legacy aliases)."""
    return tuple(sorted(name for name in available_timezones() if "/" in name or name == UTC_ZONE))


@cache
def _known() -> frozenset[str]:
    return frozenset(time_zone_names())


def is_time_zone(name: object) -> bool:
    return isinstance(name, str) and name in _known()


def validated_time_zone(name: object) -> str | None:
    """A zone from the list, or None (empty: the browser's time zone); anything else is refused."""
    if name is None or name == "":
        return None
    if not isinstance(name, str) or not is_time_zone(name):
        raise UnknownTimeZone()
    return name


def zone_shown(chosen: str | None, browser: object = None) -> str:
    """The zone a page shows times in: the person's choice, else the browser's (if it is a
    zone from the list: it comes from a cookie anyone can write), else UTC."""
    if chosen is not None:
        return chosen
    return browser if isinstance(browser, str) and is_time_zone(browser) else UTC_ZONE


def local(at: datetime, zone: str = UTC_ZONE) -> datetime:
    """``at`` (aware) on the clocks of ``zone``."""
    return at.astimezone(ZoneInfo(zone))


def time_in(at: datetime, zone: str = UTC_ZONE) -> str:
    """``at`` as a sentence says it: "09:15 UTC", "11:15 Europe/Kyiv"."""
    return f"{local(at, zone):%H:%M} {zone}"


def date_and_time_in(at: datetime, zone: str = UTC_ZONE) -> str:
    """``at`` with its date: "2026-11-27 11:15 Europe/Kyiv"."""
    return f"{local(at, zone):%Y-%m-%d %H:%M} {zone}"
