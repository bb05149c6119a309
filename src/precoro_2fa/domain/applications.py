"""The authentication applications the article offers."""

from enum import Enum

AUTHY_RESTORE_HINT = (
    "Restore your Authy account on the new phone from Authy's backup "
    "(see Precoro's article on restoring an Authy account); your codes will keep working."
)


LOST_YOUR_PHONE = "Lost your phone?"


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
    def lost_phone(self) -> str:
        """Where to go without the phone, as the article says it: said on the code step and on
        the Two-factor authentication page, under "Lost your phone?"."""
        if self.can_restore_account:
            return (
                "Authy: restore your Authy account on the new phone from Authy's backup; your "
                "codes will keep working. If the restore fails, contact your CSM manager or get "
                "in touch with us via online chat."
            )
        return (
            "Google Authenticator: contact your CSM manager or get in touch with us via online "
            "chat. We will ask an admin at your company to approve this request, then reset "
            "the two-factor authentication in your account."
        )

    @property
    def warnings(self) -> tuple[str, ...]:
        """What the page shows as a warning beside this application (the article's "!")."""
        if self.can_restore_account:
            return ()
        return ("Do not remove Google Authenticator from your phone!",)
