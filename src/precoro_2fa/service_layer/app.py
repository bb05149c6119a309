"""Precoro's 2FA as one object: every use case of the help article."""

from precoro_2fa.service_layer.accounts import Accounts
from precoro_2fa.service_layer.company_policy import CompanyPolicy
from precoro_2fa.service_layer.housekeeping import Housekeeping
from precoro_2fa.service_layer.notifying import Notifying
from precoro_2fa.service_layer.recovery import Recovery
from precoro_2fa.service_layer.signing_in import SigningIn
from precoro_2fa.service_layer.two_factor import TwoFactorSetup


class Precoro(
    Accounts, TwoFactorSetup, SigningIn, Recovery, CompanyPolicy, Housekeeping, Notifying
):
    """Named as in the article. A command changes one thing in its own transaction and says what
    happened; a reading returns what a page shows (``views.py``) and changes nothing."""
