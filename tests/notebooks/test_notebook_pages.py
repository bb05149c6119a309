"""What the notebooks' front shows, word for word: as text (a terminal, nbval) and as HTML
(JupyterLab), for each kind of line a page has."""

import io
from datetime import UTC, datetime
from types import SimpleNamespace

import pyotp
import pytest
from freezegun.api import FrozenDateTimeFactory
from PIL import Image

from precoro_2fa import (
    Activated,
    AuthenticationApplication,
    BackupCodesIssued,
    CodeRequired,
    RecoveryRequest,
    SignedIn,
)
from precoro_2fa.domain.recovery import Channel, RequestStatus
from precoro_2fa.entrypoints.notebook import (
    ADMIN,
    NINE_O_CLOCK,
    START_OVER,
    TRAINER,
    Part,
    Shown,
    TryIt,
    code_on,
    freeze_the_clock,
    release_the_clock,
    scan,
    show,
    show_all,
    yes_no,
)
from precoro_2fa.service_layer.views import RecoveryRequestRow
from tests.notebooks.test_notebook_front import CHEAP

KINDS = ("heading", "success", "error", "warning", "note", "text", "secret")
MORE_KINDS = ("choice", "box", "caption", "info")
EVERY_KIND = Shown(
    *(Part(kind, f"{kind} <&>") for kind in (*KINDS, *MORE_KINDS)),
    Part("button", "Sign in|Use <backup> code"),
    Part("link", "Authy's article", address="https://help.test/?a=1&b=<2>"),
    Part("qr", "QR code for Authy", png=b"\x89PNG"),
)
BUTTON = "border:1px solid #1565c0;border-radius:4px;padding:.1em .6em;color:#1565c0"
COLOURED = "padding:.3em .6em;margin:.3em 0"
LOST_PHONE = """\
Lost your phone?
Note: Authy: restore your Authy account on the new phone from Authy's backup; your codes will \
keep working. If the restore fails, contact your CSM manager or get in touch with us via online \
chat.
Precoro's article on restoring an Authy account: \
https://help.precoro.com/en/support/solutions/articles/35000177574-how-to-restore-an-authy-account
Note: Google Authenticator: contact your CSM manager or get in touch with us via online chat. We \
will ask an admin at your company to approve this request, then reset the two-factor \
authentication in your account."""
LOST_GOOGLE_AUTHENTICATOR = """\
Lost your phone?
Note: Google Authenticator: contact your CSM manager or get in touch with us via online chat. We \
will ask an admin at your company to approve this request, then reset the two-factor \
authentication in your account."""
BACKUP_CODES = """\
Your backup codes
Keep these codes somewhere safe. If you lose your phone, each of them signs you in once instead \
of the 6-digit code. They are shown only now.
"""
BACKUP_CODES_AFTER_CONFIRM = [
    "✔ Congratulations, you have activated two-factor authentication",
    *BACKUP_CODES.splitlines(),
]
CODE_STEP = """\
Two-factor authentication
Go to the authentication application on your phone and enter the dynamic 6-digit code from there.
"""


def text_of(shown: Shown) -> str:
    """The page as text (a terminal, nbval); it renders as HTML too (JupyterLab), every line
    styled as its kind."""
    assert shown._repr_html_().startswith('<div style="border:1px solid #ccc;')
    return str(shown)


def test_each_kind_of_line_as_text() -> None:
    assert text_of(EVERY_KIND).splitlines() == [
        "heading <&>",
        "✔ success <&>",
        "✘ error <&>",
        "⚠ warning <&>",
        "Note: note <&>",
        "text <&>",
        "secret <&>",
        "◯ choice <&>",
        "☐ box <&>",
        "caption <&>",
        "info <&>",
        "[ Sign in ]   [ Use <backup> code ]",
        "Authy's article: https://help.test/?a=1&b=<2>",
        "[QR code for Authy]",
    ]


def test_each_kind_of_line_as_html_escaped_and_styled() -> None:
    assert EVERY_KIND._repr_html_() == "".join(
        [
            '<div style="border:1px solid #ccc;border-radius:6px;padding:.6em .9em;'
            'max-width:46em">',
            '<div style="font-weight:bold;font-size:1.1em;margin:0 0 .4em">heading &lt;&amp;&gt;'
            "</div>",
            f'<div style="background:#e6f4ea;border-left:4px solid #1e7e34;{COLOURED}">'
            "success &lt;&amp;&gt;</div>",
            f'<div style="background:#fdecea;border-left:4px solid #c62828;{COLOURED}">'
            "error &lt;&amp;&gt;</div>",
            f'<div style="background:#fff4e5;border-left:4px solid #ef6c00;{COLOURED}">'
            "warning &lt;&amp;&gt;</div>",
            '<div style="color:#555;font-style:italic;margin:.2em 0">note &lt;&amp;&gt;</div>',
            '<div style="margin:.2em 0">text &lt;&amp;&gt;</div>',
            '<div style="font-family:monospace;font-size:1.2em;letter-spacing:.1em;margin:.3em 0">'
            "secret &lt;&amp;&gt;</div>",
            '<div style="margin:.2em 0">◯ choice &lt;&amp;&gt;</div>',
            '<div style="margin:.2em 0">☐ box &lt;&amp;&gt;</div>',
            '<div style="font-size:.9em;margin:.1em 0 .5em">caption &lt;&amp;&gt;</div>',
            f'<div style="background:#e3f9e5;border-left:4px solid #3ebd93;{COLOURED}">'
            "info &lt;&amp;&gt;</div>",
            '<div style="margin:.4em 0">',
            f'<span style="{BUTTON}">Sign in</span> ',
            f'<span style="{BUTTON}">Use &lt;backup&gt; code</span>',
            "</div>",
            '<div><a href="https://help.test/?a=1&amp;b=&lt;2&gt;" target="_blank">'
            "Authy&#x27;s article</a></div>",
            '<img alt="QR code for Authy" src="data:image/png;base64,iVBORw==">',
            "</div>",
        ]
    )


def test_the_code_step_offers_trust_and_a_backup_code_when_the_company_allows_them() -> None:
    expires = datetime(2026, 11, 27, 9, 5, tzinfo=UTC)
    offered = CodeRequired("attempt", expires, backup_codes=True, trust_browser_days=30)
    assert text_of(show(offered)) == (
        CODE_STEP
        + "☐ Trust this browser\n"
        + "Note: For 30 days this browser will not ask you for the 6-digit code.\n"
        + "[ Sign in ]\n[ Use backup code ]\n"
        + LOST_PHONE
    )
    assert (
        text_of(show(CodeRequired("attempt", expires))) == CODE_STEP + "[ Sign in ]\n" + LOST_PHONE
    )


def test_signed_in_with_a_backup_code_says_how_many_are_left_above_the_welcome() -> None:
    assert text_of(show(SignedIn("anna@acme.test", backup_codes_left=3))) == (
        "You signed in with a backup code. Backup codes left: 3.\n"
        "✔ Welcome to Precoro, anna@acme.test."
    )
    assert text_of(show(SignedIn("anna@acme.test", backup_codes_left=0))).startswith(
        "You signed in with a backup code. Backup codes left: 0.\n"
    )
    assert text_of(show(SignedIn("anna@acme.test"))) == "✔ Welcome to Precoro, anna@acme.test."
    assert text_of(show(SignedIn("anna@acme.test", notice="Turn it on."))) == "⚠ Turn it on."


def test_a_recovery_request_and_its_row_say_who_did_what_and_when() -> None:
    request = RecoveryRequest(
        "r1",
        "anna@acme.test",
        "acme",
        Channel.CSM_MANAGER,
        "admin@acme.test",
        datetime(2026, 11, 27, 9, 5, tzinfo=UTC),
        RequestStatus.RESET,
        "admin@acme.test",
        datetime(2026, 11, 27, 9, 7, tzinfo=UTC),
        "support@precoro.test",
        datetime(2026, 11, 27, 10, 15, tzinfo=UTC),
    )
    row = RecoveryRequestRow(request, "Acme", "reset")
    decided_and_reset = (
        "decided by admin@acme.test at 09:07\nreset by support@precoro.test at 10:15"
    )
    assert text_of(show_all([request, row])) == (
        "anna@acme.test (acme), via CSM manager\n"
        f"recorded by admin@acme.test at 27 Nov 09:05; status: reset\n{decided_and_reset}\n"
        "anna@acme.test (Acme), via CSM manager\n"
        f"recorded by admin@acme.test at 27 Nov 09:05; state: reset\n{decided_and_reset}"
    )
    waiting = RecoveryRequest(
        "r2",
        "bob@acme.test",
        "acme",
        Channel.CSM_MANAGER,
        "support@precoro.test",
        datetime(2026, 11, 27, 11, 0, tzinfo=UTC),
    )
    assert text_of(show(waiting)) == (
        "bob@acme.test (acme), via CSM manager\n"
        "recorded by support@precoro.test at 27 Nov 11:00; status: waiting for approval"
    )
    assert text_of(show_all([])) == ""


def test_yes_and_no() -> None:
    assert (yes_no(True), yes_no(False)) == ("yes", "no")


def test_the_frozen_clock_starts_at_nine_and_moves_the_phone_s_codes() -> None:
    phone = pyotp.TOTP("CWBLPUYZXJZISYDLIYE7D4OKZ3SUTNK6")
    clock = freeze_the_clock()
    try:
        assert datetime.now(UTC) == NINE_O_CLOCK == datetime(2026, 11, 27, 9, tzinfo=UTC)
        first = code_on(phone)
        clock.tick(30)
        assert code_on(phone, seconds_ago=30) == first == phone.at(NINE_O_CLOCK)
        assert code_on(phone) == phone.at(datetime(2026, 11, 27, 9, 0, 30, tzinfo=UTC))
    finally:
        release_the_clock()
    assert datetime.now(UTC) > NINE_O_CLOCK  # the real time again
    release_the_clock()  # harmless when the clock is not frozen


def test_the_phone_s_camera_reads_the_qr_code_of_the_page(try_it: TryIt) -> None:
    assert scan(try_it.enrollment.qr_code) == try_it.enrollment.provisioning_uri
    assert scan(try_it.enrollment.qr_code).startswith("otpauth://totp/Precoro:trainer%40")


def phone_of(try_it: TryIt) -> pyotp.TOTP:
    """The trainer's phone, set up from the QR code's address the notebook shows."""
    phone = pyotp.parse_uri(try_it.enrollment.provisioning_uri)
    assert isinstance(phone, pyotp.TOTP)
    return phone


@pytest.fixture
def try_it() -> TryIt:
    return TryIt.start(config=CHEAP)


def test_try_it_signs_in_only_after_confirm(try_it: TryIt, clock: FrozenDateTimeFactory) -> None:
    phone = phone_of(try_it)
    not_yet = "Note: Precoro did not ask for a code: Confirm first, above."
    assert text_of(try_it.sign_in("123456")) == not_yet
    assert text_of(try_it.confirm(phone.now())) == (
        "✔ Congratulations, you have activated two-factor authentication\n"
        "Two-factor authentication\n"
        "Two-factor authentication is on, with Google Authenticator.\n"
        "[ Change authentication application ]   [ Turn Off ]\n"
        f"{LOST_GOOGLE_AUTHENTICATOR}"
    )
    clock.tick(30)
    assert text_of(try_it.sign_in(phone.now())) == "✔ Welcome to Precoro, trainer@training.test."
    type_a_code = try_it.sign_in("  ")
    assert text_of(type_a_code) == (
        "Type the 6 digits your app shows between the quotes, then run this cell."
    )
    assert type_a_code._repr_html_() == (
        '<div style="border:1px solid #ccc;border-radius:6px;padding:.6em .9em;max-width:46em">'
        '<div style="margin:.2em 0">'
        "Type the 6 digits your app shows between the quotes, then run this cell.</div></div>"
    )
    clock.tick(30)
    assert text_of(try_it.turn_off(phone.now())) == (
        "✔ Two-factor authentication has been turned off.\n"
        "Two-factor authentication\nTwo-factor authentication is off.\n[ Turn On ]"
    )
    assert text_of(try_it.settings()) == (
        "Two-factor authentication\nTwo-factor authentication is off.\n[ Turn On ]"
    )


def test_a_locked_sign_in_says_which_cell_starts_over(
    try_it: TryIt, clock: FrozenDateTimeFactory
) -> None:
    phone = phone_of(try_it)
    try_it.confirm(phone.now())
    wrong = [text_of(try_it.sign_in("000000")) for _ in range(5)]
    assert not wrong[0].endswith(START_OVER)
    assert wrong[-1] == (
        "✘ This code is incorrect or has expired. Enter the current code from your app. "
        f"Code entry is locked until 09:15 UTC.\nNote: {START_OVER}"
    )


def test_backup_codes_are_shown_once_under_the_answer() -> None:
    codes = ("abcde-fghij", "klmno-pqrst")
    assert text_of(show(Activated(backup_codes=codes))) == (
        "✔ Congratulations, you have activated two-factor authentication\n"
        f"{BACKUP_CODES}abcde-fghij\nklmno-pqrst\n[ Download the codes ]"
    )
    assert text_of(show(BackupCodesIssued(backup_codes=codes[:1]))) == (
        "✔ New backup codes replace all your earlier ones.\n"
        f"{BACKUP_CODES}abcde-fghij\n[ Download the codes ]"
    )


def test_try_it_under_required_two_factor_with_backup_codes(clock: FrozenDateTimeFactory) -> None:
    try_it = TryIt.start(required=True, backup_codes=True, config=CHEAP)
    phone = phone_of(try_it)
    confirmed = text_of(try_it.confirm(phone.now())).splitlines()
    assert confirmed[:3] == BACKUP_CODES_AFTER_CONFIRM
    assert len(confirmed[3:13]) == 10 and all(len(code) == 11 for code in confirmed[3:13])
    assert "\n".join(confirmed[13:]) == (
        "[ Download the codes ]\n"
        "Two-factor authentication\n"
        "Two-factor authentication is on, with Google Authenticator.\n"
        "Backup codes left: 10.\n"
        "[ Regenerate backup codes ]\n"
        "[ Change authentication application ]\n"
        "Note: Your company requires two-factor authentication: it cannot be turned off.\n"
        f"{LOST_GOOGLE_AUTHENTICATOR}"
    )


@pytest.mark.parametrize(("required", "backup_codes"), [(True, False), (False, True)])
def test_try_it_with_one_company_setting(
    clock: FrozenDateTimeFactory, required: bool, backup_codes: bool
) -> None:
    try_it = TryIt.start(required=required, backup_codes=backup_codes, config=CHEAP)
    phone = phone_of(try_it)
    confirmed = text_of(try_it.confirm(phone.now()))
    assert ("Backup codes left: 10." in confirmed) is backup_codes
    assert ("it cannot be turned off." in confirmed) is required


def test_the_settings_page_while_changing_application_with_trusted_browsers(
    try_it: TryIt, clock: FrozenDateTimeFactory
) -> None:
    phone = phone_of(try_it)
    try_it.confirm(phone.now())
    try_it.precoro.update_account_settings(ADMIN, False, trust_browser_days=30)
    clock.tick(30)
    try_it.precoro.change_application(TRAINER, phone.now(), AuthenticationApplication.AUTHY)
    assert text_of(try_it.settings()) == (
        "Two-factor authentication\n"
        "Two-factor authentication is on, with Google Authenticator.\n"
        "You are changing to Authy: finish with the code from the new app.\n"
        "Trusted browsers: 0.\n"
        "[ Forget trusted browsers ]\n"
        "[ Change authentication application ]   [ Turn Off ]\n"
        f"{LOST_GOOGLE_AUTHENTICATOR}"
    )


def test_confirm_run_again_says_why_not_and_which_cell_starts_over(
    try_it: TryIt, clock: FrozenDateTimeFactory
) -> None:
    phone = phone_of(try_it)
    try_it.confirm(phone.now())
    assert text_of(try_it.confirm(phone.now())) == (
        f"✘ Two-factor authentication is already on.\nNote: {START_OVER}"
    )


def test_the_camera_reads_nothing_from_a_picture_without_a_qr_code() -> None:
    blank = io.BytesIO()
    Image.new("L", (64, 64), 255).save(blank, format="PNG")
    assert scan(SimpleNamespace(png=blank.getvalue)) == ""
