"""The routes of the reference app. Every POST carries a CSRF token (field ``csrf_token``).

=======  ==========================================  ==========================================
method   path                                        what (form fields)
=======  ==========================================  ==========================================
GET      /sign-in                                    login and password form
POST     /sign-in                                    ``login``, ``password`` → the code step, or in
GET      /sign-in/code                               the 6-digit code step
POST     /sign-in/code                               ``code`` (``trust_browser`` = y), or
                                                     ``backup_code`` (beyond the article)
POST     /sign-out                                   sign out (from any step)
GET      /                                           Dashboard
GET      /purchase-orders                            Purchase orders (an ordinary page)
GET      /profile                                    Profile settings
POST     /profile                                    Update: ``time_zone`` (an IANA name, or
                                                     empty: the browser's)
GET      /time-zone.js                               sets the cookie of the browser's time zone
GET      /profile/two-factor                         Two-factor authentication (the 2FA settings)
GET      /profile/two-factor/turn-on                 Turn On: the app choice and notes
POST     /profile/two-factor/turn-on                 Next: ``application`` = AUTHY |
                                                     GOOGLE_AUTHENTICATOR
GET      /profile/two-factor/confirm                 QR code, grouped secret, code field
POST     /profile/two-factor/confirm                 Confirm: ``code``
GET      /profile/two-factor/turn-off                Turn Off: asks for a current code
POST     /profile/two-factor/turn-off                ``code``
GET      /profile/two-factor/change                  change the authentication application
POST     /profile/two-factor/change                  ``code`` (current app), ``application``;
                                                     or ``backup_code`` (beyond the article)
GET      /profile/two-factor/backup-codes            regenerate backup codes (beyond the article)
POST     /profile/two-factor/backup-codes            ``code``: ten new backup codes, shown once
POST     /profile/two-factor/forget-browsers         forget trusted browsers (beyond the article)
GET      /configuration/account-settings             Account Settings (admins)
POST     /configuration/account-settings             Update: ``required_two_factor`` = y or absent;
                                                     ``backup_codes`` = y, ``grace_period_hours``,
                                                     ``trust_browser_days`` (beyond the article)
GET      /configuration/recovery-requests            requests of the admin's company
POST     /configuration/recovery-requests/<id>/approve
POST     /configuration/recovery-requests/<id>/reject
GET      /configuration/audit-log                    the audit log of the admin's company
GET      /support/recovery-requests                  record a request; every request, its state
POST     /support/recovery-requests                  ``login``, ``channel`` = CSM_MANAGER |
                                                     ONLINE_CHAT, ``authy_restore_failed`` = y
POST     /support/recovery-requests/<id>/approve     a company's only admin: a 2nd agent approves
POST     /support/recovery-requests/<id>/reject      … or rejects
POST     /support/recovery-requests/<id>/reset       reset 2FA for an approved request
GET      /healthz                                    200 "ok" if the database can be read, else 503
=======  ==========================================  ==========================================

Success answers ``303 See Other``; a refused input re-renders its form with ``422`` and the
message; a broken rule shows its message (403 not allowed, 404 unknown, 409 otherwise);
a missing or wrong CSRF token gets ``400``.
"""

from flask import Flask

from . import configuration, health, pages, signing_in, support, time_zones, two_factor


def register_blueprints(app: Flask) -> None:
    for blueprint in (
        signing_in.blueprint,
        pages.blueprint,
        two_factor.blueprint,
        configuration.blueprint,
        support.blueprint,
        health.blueprint,
        time_zones.blueprint,
    ):
        app.register_blueprint(blueprint)
