"""Broken rules. Each exception is named after the rule; its message can be shown as is."""


class TwoFactorRuleBroken(Exception):
    """Base of every rule of the 2FA domain."""


class TwoFactorAlreadyOn(TwoFactorRuleBroken):
    def __init__(self) -> None:
        super().__init__("Two-factor authentication is already on.")


class TwoFactorIsOff(TwoFactorRuleBroken):
    def __init__(self) -> None:
        super().__init__("Two-factor authentication is off.")


class NoApplicationChosen(TwoFactorRuleBroken):
    def __init__(self) -> None:
        super().__init__("Press Turn On and choose an authentication application first.")


class TwoFactorRequiredByCompany(TwoFactorRuleBroken):
    def __init__(self) -> None:
        super().__init__(
            "Your company requires two-factor authentication: it cannot be turned off. "
            "You can change the authentication application instead."
        )


class NotAnAdminOfThisCompany(TwoFactorRuleBroken):
    def __init__(self) -> None:
        super().__init__("Only an admin of this company can do this.")


class NotASupportAgent(TwoFactorRuleBroken):
    def __init__(self) -> None:
        super().__init__("Only Precoro support can do this.")


class AnotherSupportAgentNeeded(TwoFactorRuleBroken):
    def __init__(self) -> None:
        super().__init__(
            "The request of a company's only admin is approved by another Precoro support agent "
            "than the one who recorded it."
        )


class CannotApproveOwnRequest(TwoFactorRuleBroken):
    def __init__(self) -> None:
        super().__init__("A request must be approved by another admin of the company.")


class RequestAlreadyDecided(TwoFactorRuleBroken):
    def __init__(self) -> None:
        super().__init__("This request has already been approved or rejected.")


class RequestNotApproved(TwoFactorRuleBroken):
    def __init__(self) -> None:
        super().__init__("Two-factor authentication is reset only for an approved request.")


class ResetAlreadyPerformed(TwoFactorRuleBroken):
    def __init__(self) -> None:
        super().__init__("Two-factor authentication was already reset for this request.")


class RequestAlreadyOpen(TwoFactorRuleBroken):
    def __init__(self) -> None:
        super().__init__("A reset request for this user is already open.")


class ApprovalExpired(TwoFactorRuleBroken):
    def __init__(self) -> None:
        super().__init__("This approval has expired: record a new request for an admin to approve.")


class TryAuthyRestoreFirst(TwoFactorRuleBroken):
    def __init__(self, hint: str) -> None:
        super().__init__(hint)


class InvalidLogin(TwoFactorRuleBroken):
    def __init__(self) -> None:
        super().__init__("A login must be non-empty and cannot contain a colon.")


class LoginTaken(TwoFactorRuleBroken):
    def __init__(self) -> None:
        super().__init__("This login is already taken.")


class UnknownUser(TwoFactorRuleBroken):
    def __init__(self) -> None:
        super().__init__("No such user.")


class UnknownCompany(TwoFactorRuleBroken):
    def __init__(self) -> None:
        super().__init__("No such company.")


class UnknownRequest(TwoFactorRuleBroken):
    def __init__(self) -> None:
        super().__init__("No such recovery request.")


class PasswordTooShort(TwoFactorRuleBroken):
    def __init__(self, minimum: int) -> None:
        super().__init__(f"A password has at least {minimum} characters.")


class BackupCodesNotAllowed(TwoFactorRuleBroken):
    def __init__(self) -> None:
        super().__init__("Your company does not allow backup codes.")


class GracePeriodOutOfRange(TwoFactorRuleBroken):
    def __init__(self, longest: int) -> None:
        super().__init__(f"The grace period is from 0 to {longest} hours.")


class TrustPeriodOutOfRange(TwoFactorRuleBroken):
    def __init__(self, longest: int) -> None:
        super().__init__(f"Trust this browser is from 0 (off) to {longest} days.")


class UnknownTimeZone(TwoFactorRuleBroken):
    def __init__(self) -> None:
        super().__init__("Choose a time zone from the list.")
