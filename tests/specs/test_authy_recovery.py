"""Restore an account in Authy: Authy's backup first, the admin-approved reset as a last resort.

Authy's backup and restore happen on the phone, not in Precoro: their steps are in
tests/conftest.py, shared with the HTTP binding; every other step is a shared one too.
"""

from pytest_bdd import scenarios

scenarios("authy_recovery.feature")
