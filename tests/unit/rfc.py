"""Known answers, copied from the RFCs' tables (security.md), never computed."""

from typing import NamedTuple

RFC_SEED = b"12345678901234567890"
RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
"""The RFC 4226 Appendix D secret (and RFC 6238's SHA1 seed) in base32."""

STEP_CODES = (
    "755224",
    "287082",
    "359152",
    "969429",
    "338314",
    "254676",
    "287922",
    "162583",
    "399871",
    "520489",
)
"""RFC 4226 Appendix D: the 6-digit HOTP code of counters 0 to 9."""


class TotpRow(NamedTuple):
    unix_time: int
    utc: str
    step: int
    sha1: str
    sha256: str
    sha512: str
    six_digits: str


TOTP_ROWS = (
    TotpRow(59, "1970-01-01 00:00:59", 0x1, "94287082", "46119246", "90693936", "287082"),
    TotpRow(
        1111111109, "2005-03-18 01:58:29", 0x23523EC, "07081804", "68084774", "25091201", "081804"
    ),
    TotpRow(
        1111111111, "2005-03-18 01:58:31", 0x23523ED, "14050471", "67062674", "99943326", "050471"
    ),
    TotpRow(
        1234567890, "2009-02-13 23:31:30", 0x273EF07, "89005924", "91819424", "93441116", "005924"
    ),
    TotpRow(
        2000000000, "2033-05-18 03:33:20", 0x3F940AA, "69279037", "90698825", "38618901", "279037"
    ),
    TotpRow(
        20000000000, "2603-10-11 11:33:20", 0x27BC86AA, "65353130", "77737706", "47863826", "353130"
    ),
)
"""RFC 6238 Appendix B: unix time, UTC, T (as tabled, in hex), the 8-digit codes per
algorithm, and the 6-digit SHA1 code (its last six digits)."""
