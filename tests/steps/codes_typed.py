"""What a person types into a code field, made from the codes their phone shows."""

import re
from collections.abc import Callable

from tests.drivers.phone import Phone

FULLWIDTH = {ord("0") + digit: 0xFF10 + digit for digit in range(10)}
"""０１２３４５６７８９, which pyotp would NFKC-normalise to ASCII digits."""  # noqa: RUF001
ARABIC_INDIC = {ord("0") + digit: 0x0660 + digit for digit in range(10)}
"""٠١٢٣٤٥٦٧٨٩, which ``int()`` and ``\\d`` accept."""


def wrong_code(phone: Phone) -> str:
    """Six ASCII digits that are none of the codes of the accepted window, or near it."""
    near = {phone.code(offset) for offset in range(-3, 4)}
    return next(code for code in ("000000", "111111", "222222", "333333") if code not in near)


CodeForm = Callable[[Phone], object]

CODE_FORMS: dict[str, CodeForm] = {
    "the 6-digit code from the application": lambda phone: phone.code(),
    "the code from the application in two groups of three": (
        lambda phone: f"{phone.code()[:3]} {phone.code()[3:]}"
    ),
    "a wrong code": wrong_code,
    "the code shown a minute ago": lambda phone: phone.code(-2),
    "the code shown 30 seconds ago": lambda phone: phone.code(-1),
    "the code due in 30 seconds": lambda phone: phone.code(1),
    "the code due in a minute": lambda phone: phone.code(2),
    "only 5 digits of the code": lambda phone: phone.code()[:5],
    "the code with a 7th digit": lambda phone: phone.code() + "7",
    "the code with a letter for its last digit": lambda phone: phone.code()[:5] + "a",
    "the code in letters": lambda phone: "abcdef",
    "the code with a leading space": lambda phone: " " + phone.code(),
    "the code with a trailing space": lambda phone: phone.code() + " ",
    "the code with a trailing newline": lambda phone: phone.code() + "\n",
    "the code with a tab between the groups": (
        lambda phone: f"{phone.code()[:3]}\t{phone.code()[3:]}"
    ),
    "the code with two spaces between the groups": (
        lambda phone: f"{phone.code()[:3]}  {phone.code()[3:]}"
    ),
    "the code with a hyphen between the groups": (
        lambda phone: f"{phone.code()[:3]}-{phone.code()[3:]}"
    ),
    "the code with a space and a hyphen between the groups": (
        lambda phone: f"{phone.code()[:3]} -{phone.code()[3:]}"
    ),
    "the code with a space after its second digit": (
        lambda phone: f"{phone.code()[:2]} {phone.code()[2:]}"
    ),
    "the code pasted with spaces around it": lambda phone: f"  {phone.code()}   ",
    "the code with a tab before it": lambda phone: "\t" + phone.code(),
    "an empty code": lambda phone: "",
    "the code in fullwidth digits": lambda phone: phone.code().translate(FULLWIDTH),
    "the code in Arabic-Indic digits": lambda phone: phone.code().translate(ARABIC_INDIC),
    "the code followed by 9,994 more digits": lambda phone: phone.code() + "0" * 9_994,
    "the code as a number": lambda phone: int(phone.code()),
    "no code at all": lambda phone: None,
}
CODE_FORM = "(?P<form>" + "|".join(sorted(map(re.escape, CODE_FORMS), key=len, reverse=True)) + ")"

NewAppCode = Callable[[Phone, Phone], str]
NEW_APP_CODES: dict[str, NewAppCode] = {
    "the code from her new app": lambda old, new: new.code(),
    "a wrong code": lambda old, new: wrong_code(new),
    "the code from her old app": lambda old, new: old.code(),
    "the code from her new app, 5 digits only": lambda old, new: new.code()[:5],
}
NEW_APP_CODE = "(?P<what>" + "|".join(NEW_APP_CODES) + ")"

REASONS = {
    "wrong": "This code is incorrect or has expired. Enter the current code from your app.",
    "malformed": "Enter the 6-digit code from your authentication application.",
    "already used": "This code has already been used. Wait for the next code in your app.",
    "locked": "Too many incorrect codes.",
    "an expired sign-in": ("Your sign-in has expired. Please enter your login and password again."),
}
"""Why a code is refused, as the screen says it (a lock adds when it ends)."""
REASON = "(?P<reason>" + "|".join(REASONS) + ")"
