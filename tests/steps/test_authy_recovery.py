"""Restore an account in Authy: Authy's backup first, the admin-approved reset as a last resort.

Every step is a shared one (tests/steps/conftest.py): Authy's backup and restore happen on
the phone, the last resort is the Google Authenticator way.
"""

from pytest_bdd import scenarios

scenarios("authy_recovery.feature")
