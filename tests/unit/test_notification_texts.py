"""The emails' words, as their readers get them: who is told, what, and the time on the
reader's own clocks (an admin's chosen time zone, else UTC)."""

from datetime import UTC, datetime

from precoro_2fa import AuditEvent, AuditKind, Role
from precoro_2fa.domain.model import User
from precoro_2fa.domain.notifications import Notification, notifications_for

AT = datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
ANN = User("ann", "acme", Role.ADMIN, password_hash="", time_zone="Asia/Tokyo")
BOB = User("bob", "acme", Role.ADMIN, password_hash="")
SUPPORT = "support@precoro.test"


def test_each_admin_is_asked_to_approve_a_recorded_request_at_their_own_time() -> None:
    recorded = AuditEvent(AT, AuditKind.RESET_REQUESTED, "sam", "acme", subject="eve")
    asked = "A recovery request waits for your approval"
    body = (
        "Precoro support recorded a request to reset the two-factor authentication of eve "
        "({at}). Approve it in Configuration → Recovery requests only if you are sure it is "
        "theirs; otherwise reject it."
    )
    assert notifications_for(recorded, [ANN, BOB], SUPPORT) == [
        Notification("ann", asked, body.format(at="2026-11-27 18:00 Asia/Tokyo")),
        Notification("bob", asked, body.format(at="2026-11-27 09:00 UTC")),
    ]


def test_support_is_told_an_approved_request_waits_for_the_reset() -> None:
    approved = AuditEvent(AT, AuditKind.RESET_APPROVED, "ann", "acme", subject="eve")
    assert notifications_for(approved, [ANN, BOB], SUPPORT) == [
        Notification(
            SUPPORT,
            "A recovery request was approved",
            "ann approved the request to reset the two-factor authentication of eve "
            "(2026-11-27 09:00 UTC). Reset it in Support → Recovery requests.",
        )
    ]


def test_the_person_is_told_2fa_was_turned_on_at_their_own_time() -> None:
    turned_on = AuditEvent(AT, AuditKind.TURNED_ON, "eve", "acme", subject="eve")
    assert notifications_for(turned_on, [ANN, BOB], SUPPORT, person_zone="Asia/Tokyo") == [
        Notification(
            "eve",
            "Two-factor authentication is on",
            "Two-factor authentication was turned on for your Precoro account eve at "
            "2026-11-27 18:00 Asia/Tokyo.\n\nIf this was not you, contact your company's "
            "admin or Precoro support at once.",
        )
    ]


def test_an_event_no_one_is_told_of_sends_nothing() -> None:
    refused = AuditEvent(AT, AuditKind.CODE_REFUSED, "eve", "acme", subject="eve")
    assert notifications_for(refused, [ANN, BOB], SUPPORT) == []
