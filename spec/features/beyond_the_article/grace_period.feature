@beyond_the_article @grace_period
Feature: A grace period for Required two-factor authentication (beyond the article; 0 hours by default)
  As an admin of a company
  I want to give employees some hours to turn two-factor authentication on
  So that requiring it does not stop anyone's work in the middle of the day

  Not in the article. GitLab's "delay 2FA enforcement" gives a grace period in hours before a
  required policy bites; GitHub removes members without 2FA at once. What it changes in the
  article's flows: when Required two-factor authentication is ticked with a grace period of
  N hours in Configuration → Account Settings, employees without two-factor authentication
  get a warning notice that says until when, but every page still opens; once the period is
  over, the article's behaviour starts: the notice of the article, and any of their clicks
  leads to the two-factor authentication settings page. The period runs from the moment the
  box is ticked, for current and new employees alike.
  Why 0 by default: the article says the clicks lead to the settings page as soon as the box
  is ticked; every hour of grace is an hour in which an account of the company is protected by
  a password alone (the scenarios of required_two_factor.feature run with 0 hours).

  Background:
    Given Ann is an admin of Acme
    And Eve is an employee of Acme

  Rule: During the grace period, the warning notice says until when and every page opens

    Scenario: Ann gives Acme's employees 48 hours
      Given Ann has turned on two-factor authentication with Google Authenticator
      When Ann sets a grace period of 48 hours in Configuration → Account Settings
      And Ann requires two-factor authentication in Configuration → Account Settings
      And Eve signs in with her password
      Then Eve sees the warning notice "Your company requires two-factor authentication. Please turn it on in Profile settings → Two-factor authentication by 2026-11-29 09:00 UTC."
      And a click of Eve on any other page opens it, with the same warning notice
      And the Audit log of Acme shows these events, oldest first
        | 2026-11-27 09:00:30 | grace period changed                       | ann | ann | 48 hours |
        | 2026-11-27 09:00:30 | required two-factor authentication changed | ann |     | ticked   |

    Scenario: When the grace period is over, every click leads to the settings page
      Given Ann has set a grace period of 48 hours for Acme
      And Ann has required two-factor authentication for Acme
      When 48 hours pass
      And Eve signs in with her password
      Then Eve sees the warning notice "Your company requires two-factor authentication. Please turn it on in Profile settings → Two-factor authentication to continue."
      And a click of Eve on any other page leads to the two-factor authentication settings

    Scenario: An employee who turns it on during the grace period sees no notice
      Given Ann has set a grace period of 48 hours for Acme
      And Ann has required two-factor authentication for Acme
      When Eve turns on two-factor authentication with Authy
      And 48 hours pass
      And Eve signs in with her password and a code from her phone
      Then Eve is signed in with no warning notice

  Rule: The grace period is from 0 to 720 hours (30 days)

    Scenario: Ann cannot give more than 720 hours
      When Ann sets a grace period of 1000 hours in Configuration → Account Settings
      Then it is refused with "The grace period is from 0 to 720 hours."
