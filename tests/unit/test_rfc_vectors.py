"""RFC 4226 Appendix D and RFC 6238 Appendix B, with pyotp and with Precoro's Authenticator."""

import base64
import copy
import hashlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

import pyotp
import pytest

from precoro_2fa import AuthenticationApplication
from precoro_2fa.domain.authenticator import Authenticator
from tests.unit.rfc import RFC_SECRET, RFC_SEED, STEP_CODES, TOTP_ROWS, TotpRow

SEEDS: dict[str, tuple[bytes, Callable[..., object]]] = {
    "sha1": (RFC_SEED, hashlib.sha1),
    "sha256": (b"12345678901234567890123456789012", hashlib.sha256),
    "sha512": (b"1234567890" * 6 + b"1234", hashlib.sha512),
}


def when(row: TotpRow) -> datetime:
    return datetime.fromtimestamp(row.unix_time, UTC)


def authenticator() -> Authenticator:
    return Authenticator(AuthenticationApplication.GOOGLE_AUTHENTICATOR, RFC_SECRET)


def test_the_rfc_secret_is_the_base32_of_the_ascii_seed() -> None:
    assert base64.b32encode(RFC_SEED).decode() == RFC_SECRET


def test_the_sha512_seed_is_64_bytes() -> None:
    assert len(SEEDS["sha512"][0]) == 64


@pytest.mark.parametrize(("counter", "code"), list(enumerate(STEP_CODES)))
def test_pyotp_gives_the_rfc_4226_hotp_codes(counter: int, code: str) -> None:
    assert pyotp.HOTP(RFC_SECRET).at(counter) == code


@pytest.mark.parametrize(("counter", "code"), list(enumerate(STEP_CODES)))
def test_the_authenticator_gives_the_rfc_4226_code_of_each_step(counter: int, code: str) -> None:
    assert authenticator().code_at(counter) == code


def test_one_authenticator_gives_every_rfc_4226_code_in_turn() -> None:
    """One authenticator serves every check of a sign-in: each later code is still the RFC's."""
    one = authenticator()
    assert [one.code_at(counter) for counter in range(len(STEP_CODES))] == list(STEP_CODES)


def test_a_deep_copy_of_an_authenticator_uses_its_steps_apart_from_the_original() -> None:
    original = authenticator()
    copied = copy.deepcopy(original)
    copied.use(5)
    assert (original.last_used_step, copied.last_used_step) == (None, 5)
    assert copied.code_at(1) == STEP_CODES[1]


@pytest.mark.parametrize("row", TOTP_ROWS, ids=lambda row: str(row.unix_time))
def test_each_rfc_6238_time_is_the_utc_time_it_tables(row: TotpRow) -> None:
    assert f"{when(row):%Y-%m-%d %H:%M:%S}" == row.utc


@pytest.mark.parametrize("algorithm", SEEDS)
@pytest.mark.parametrize("row", TOTP_ROWS, ids=lambda row: str(row.unix_time))
def test_pyotp_gives_the_rfc_6238_totp_codes(row: TotpRow, algorithm: str) -> None:
    seed, digest = SEEDS[algorithm]
    totp = pyotp.TOTP(base64.b32encode(seed).decode(), digits=8, digest=digest)
    assert totp.at(when(row)) == getattr(row, algorithm)


@pytest.mark.parametrize("row", TOTP_ROWS, ids=lambda row: str(row.unix_time))
def test_the_authenticator_steps_time_as_rfc_6238_does(row: TotpRow) -> None:
    assert authenticator().current_step(when(row)) == row.step


@pytest.mark.parametrize("row", TOTP_ROWS, ids=lambda row: str(row.unix_time))
def test_the_authenticator_accepts_the_six_digit_sha1_code_at_each_rfc_6238_time(
    row: TotpRow,
) -> None:
    assert authenticator().code_at(row.step) == row.six_digits
    assert authenticator().matching_step(row.six_digits, when(row)) == row.step


def test_the_six_digit_code_is_the_end_of_the_eight_digit_one() -> None:
    assert all(row.sha1.endswith(row.six_digits) for row in TOTP_ROWS)


def test_a_code_with_a_leading_zero_keeps_it() -> None:
    at_1111111109 = datetime(2005, 3, 18, 1, 58, 29, tzinfo=UTC)
    assert authenticator().code_at(0x23523EC) == "081804"
    assert authenticator().matching_step("081804", at_1111111109) == 0x23523EC
    as_a_number = str(int("081804"))
    assert authenticator().matching_step(as_a_number, at_1111111109) is None


def test_codes_keep_working_past_2038_when_unix_time_needs_more_than_32_bits() -> None:
    year_2603 = datetime(2603, 10, 11, 11, 33, 20, tzinfo=UTC)
    assert year_2603.timestamp() == 20_000_000_000 > 2**32
    assert authenticator().current_step(year_2603) == 666_666_666
    assert authenticator().matching_step("353130", year_2603) == 666_666_666


@pytest.mark.parametrize(
    ("moment", "step"),
    [
        (datetime(1970, 1, 1, 0, 0, 29, 999_999, tzinfo=UTC), 0),
        (datetime(1970, 1, 1, 0, 0, 30, tzinfo=UTC), 1),
        (datetime(2005, 3, 18, 1, 58, 29, 999_999, tzinfo=UTC), 0x23523EC),
        (datetime(2005, 3, 18, 1, 58, 30, tzinfo=UTC), 0x23523ED),
        (datetime(2005, 3, 18, 3, 58, 29, 999_999, tzinfo=timezone(timedelta(hours=2))), 0x23523EC),
    ],
    ids=["last microsecond of step 0", "step 1", "1111111109.999999", "1111111110", "UTC+2"],
)
def test_a_step_starts_on_its_whole_30th_second(moment: datetime, step: int) -> None:
    """Microseconds never round up; another offset is the same instant, the same step."""
    assert authenticator().current_step(moment) == step


def test_the_authenticator_does_not_accept_a_code_of_another_time() -> None:
    at_59 = datetime(1970, 1, 1, 0, 0, 59, tzinfo=UTC)
    assert authenticator().matching_step("050471", at_59) is None


@pytest.mark.parametrize(
    "secret",
    [RFC_SECRET.lower(), base64.b32encode(RFC_SEED[:16]).decode(), RFC_SECRET[:26]],
    ids=["small letters", "padded", "not whole groups"],
)
def test_a_secret_in_another_form_pyotp_takes_gives_pyotps_codes(secret: str) -> None:
    authenticator = Authenticator(AuthenticationApplication.AUTHY, secret)
    assert authenticator.code_at(7) == pyotp.HOTP(secret).at(7)


@pytest.mark.parametrize("secret", ["JBSWY3DP", "JBSWY3DPJBSWY3D1", "JBSWY3DP JBSWY3DP"])
def test_a_secret_pyotp_refuses_is_refused(secret: str) -> None:
    """Too short (40 bits; NIST asks for at least 112), or not base32 at all."""
    with pytest.raises(ValueError, match=r"Secrets must be at least|Non-base32|Incorrect padding"):
        Authenticator(AuthenticationApplication.AUTHY, secret)
