"""Precoro's 2FA as one object: every use case of the help article."""

from precoro_2fa.service_layer.accounts import Accounts
from precoro_2fa.service_layer.company_policy import CompanyPolicy
from precoro_2fa.service_layer.enrollment import TwoFactorSettingsPage
from precoro_2fa.service_layer.recovery import Recovery
from precoro_2fa.service_layer.signing_in import SigningIn


class Precoro(Accounts, TwoFactorSettingsPage, SigningIn, Recovery, CompanyPolicy):
    """Each method is one command in its own transaction, named as in the article."""
