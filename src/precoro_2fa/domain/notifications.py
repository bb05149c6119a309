"""The emails Precoro sends about two-factor authentication. Never a code, a secret, or a link
that signs anyone in: each says what happened and where to look."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from precoro_2fa.domain.audit import AuditEvent, AuditKind
from precoro_2fa.domain.model import User
from precoro_2fa.domain.time_zones import date_and_time_in, zone_shown

NOT_YOU = "If this was not you, contact your company's admin or Precoro support at once."


@dataclass(frozen=True, slots=True)
class Notification:
    recipient: str
    subject: str
    body: str


@dataclass(frozen=True, slots=True)
class Envelope:
    """A notification in the outbox: ``number`` in the order it was queued; ``sent_at`` None
    while it waits for the mail server (it is tried again at each delivery)."""

    number: int
    notification: Notification
    queued_at: datetime
    sent_at: datetime | None = None


_TO_THE_PERSON = {
    AuditKind.TURNED_ON: (
        "Two-factor authentication is on",
        "Two-factor authentication was turned on for your Precoro account {subject} at {at}.",
    ),
    AuditKind.TURNED_OFF: (
        "Two-factor authentication is off",
        "Two-factor authentication was turned off for your Precoro account {subject} at {at}.",
    ),
    AuditKind.APPLICATION_CHANGED: (
        "Your authentication application was changed",
        "The authentication application of your Precoro account {subject} was changed at {at}.",
    ),
    AuditKind.BACKUP_CODE_USED: (
        "A backup code was used",
        "A backup code was used to sign in to your Precoro account {subject} at {at} "
        "({detail}). Each works once; regenerate them in Profile settings → Two-factor "
        "authentication if few are left.",
    ),
    AuditKind.RESET_PERFORMED: (
        "Your two-factor authentication was reset",
        "Precoro support reset the two-factor authentication of your account {subject} at "
        "{at}, as your company's admin approved. Sign in with your password and set it up "
        "again in Profile settings → Two-factor authentication.",
    ),
}


def notifications_for(
    event: AuditEvent, admins: Sequence[User], support: str, person_zone: str | None = None
) -> list[Notification]:
    """The emails an audit event sends: to the person, to the company's admins, or to support;
    each says the time in the time zone its reader chose (``person_zone``, the admins' own),
    else in UTC (an email has no browser)."""
    if event.kind in _TO_THE_PERSON and event.subject is not None:
        subject, body = _TO_THE_PERSON[event.kind]
        at = _at(event, person_zone)
        text = body.format(subject=event.subject, at=at, detail=event.detail) + "\n\n" + NOT_YOU
        return [Notification(event.subject, subject, text)]
    if event.kind is AuditKind.RESET_REQUESTED:
        return [_waiting(event, admin) for admin in admins]
    if event.kind is AuditKind.RESET_APPROVED:
        body = (
            f"{event.actor} approved the request to reset the two-factor authentication of "
            f"{event.subject} ({_at(event, None)}). Reset it in Support → Recovery requests."
        )
        return [Notification(support, "A recovery request was approved", body)]
    return []


def _waiting(event: AuditEvent, admin: User) -> Notification:
    body = (
        f"Precoro support recorded a request to reset the two-factor authentication of "
        f"{event.subject} ({_at(event, admin.time_zone)}). Approve it in Configuration → "
        "Recovery requests only if you are sure it is theirs; otherwise reject it."
    )
    return Notification(admin.login, "A recovery request waits for your approval", body)


def _at(event: AuditEvent, zone: str | None) -> str:
    return date_and_time_in(event.at, zone_shown(zone))
