"""The authentication applications the article offers."""

from enum import Enum

AUTHY_RESTORE_HINT = (
    "Restore your Authy account on the new phone from Authy's backup "
    "(see Authy's article on restoring an account); your codes will keep working."
)


class AuthenticationApplication(Enum):
    AUTHY = "Authy"
    GOOGLE_AUTHENTICATOR = "Google Authenticator"

    @property
    def can_restore_account(self) -> bool:
        return self is AuthenticationApplication.AUTHY

    @property
    def notes(self) -> tuple[str, ...]:
        if self.can_restore_account:
            return ("The Authy application allows you to restore the account if necessary.",)
        return ("Google Authenticator does not have a function to restore the account.",)

    @property
    def warnings(self) -> tuple[str, ...]:
        """What the page shows as a warning beside this application (the article's "!")."""
        if self.can_restore_account:
            return ()
        return ("Do not remove Google Authenticator from your phone!",)
