"""authy_recovery.feature over HTTP: Authy's backup first, the admin-approved reset last.

Authy's backup and restore happen on the phone, not in Precoro: their steps are in
tests/conftest.py; every check of what Precoro does goes through its pages.
"""

from pytest_bdd import scenarios

scenarios("authy_recovery.feature")
