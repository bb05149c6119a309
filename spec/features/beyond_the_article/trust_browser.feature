@beyond_the_article @trust_browser
Feature: Trust this browser for some days (beyond the article; off by default, at most 30 days)
  As an employee who signs in every day from the same computer
  I want that browser to skip the 6-digit code for some days
  So that I take my phone out only on a new browser or once the period is over

  Not in the article. Flask-Security (a 30-day cookie) and django-two-factor-auth ("remember
  this device") let a person trust a browser; GitHub and GitLab do not. What it changes in the
  article's flows: when the company sets "Trust this browser for (days)" in Configuration →
  Account Settings (1 to 30; 0 is off), the code step offers the box "Trust this browser".
  Ticked with a right code, the browser keeps a random token (a cookie); Precoro keeps only
  its SHA-256, with the person. Signing in there again with the password skips the code step
  until the period ends. The token opens nothing for anyone else, and every trusted browser
  is forgotten when two-factor authentication is turned off or its application changed, when
  the password changes, or when the person presses "Forget trusted browsers" on the
  two-factor authentication page.
  Why off by default: the article asks for the code "every time you log into Precoro"; a
  trusted browser is protected by the password alone for days, so whoever uses that computer
  needs only the password.

  Background:
    Given Ann is an admin of Acme
    And Eve is an employee of Acme
    And Eve has turned on two-factor authentication with Google Authenticator

  Rule: Off by default, the code step offers no such box

    @pages
    Scenario: Without the option, Eve is asked for the code every time
      When Eve enters her unique login and password
      Then the code step offers no "Trust this browser" box

  Rule: A trusted browser skips the code step for the person who trusted it, until the period ends

    Background:
      Given Ann has allowed trusting a browser for 30 days at Acme

    @pages
    Scenario: The code step offers to trust the browser for 30 days
      When Eve enters her unique login and password
      Then the page reads, in this order:
        """
        Trust this browser
        For 30 days this browser will not ask you for the 6-digit code.
        Sign in
        """

    Scenario: Eve trusts her browser for 30 days
      When Eve enters her unique login and password
      And Eve enters the 6-digit code from the application and trusts this browser
      Then Eve is signed in
      When 29 days pass
      And Eve signs in again in the browser she trusted
      Then Eve is signed in
      When 2 days pass
      And Eve signs in again in the browser she trusted
      Then Eve is asked for the 6-digit code
      And the Audit log of Acme shows these events, oldest first
        | 2026-11-27 09:00:30 | browser trusted                | eve | eve | 30 days |
        | 2026-12-26 09:00:30 | sign-in from a trusted browser | eve | eve |         |

    Scenario: Another browser still asks for the code
      Given Eve has signed in and trusted her browser
      When Eve enters her unique login and password
      Then Eve is asked for the 6-digit code

    Scenario Outline: Every trusted browser is forgotten when <what>
      Given Eve has signed in and trusted her browser
      And <change>
      When Eve signs in again in the browser she trusted
      Then Eve is asked for the 6-digit code

      Examples:
        | what                                    | change                                                  |
        | two-factor authentication is turned off | Eve has turned off and on two-factor authentication     |
        | the authentication application changes  | Eve has changed her authentication application to Authy |
        | the password changes                    | Eve has changed her password                            |
        | Ann no longer allows it                 | Ann has allowed trusting a browser for 0 days at Acme   |

    @pages
    Scenario: Eve forgets her trusted browsers on the two-factor authentication page
      Given Eve has signed in and trusted her browser
      When Eve goes to Profile settings and selects Two-factor authentication
      Then the page reads, in this order:
        """
        Trusted browsers: 1.
        Forget trusted browsers
        """
      When Eve presses Forget trusted browsers on her two-factor authentication page
      Then the page says "Trusted browsers are forgotten: each asks for the 6-digit code again."
      When Eve signs in again in the browser she trusted
      Then Eve is asked for the 6-digit code

  Rule: The token is worthless in another person's session, and cannot be made up

    Background:
      Given Ann has allowed trusting a browser for 30 days at Acme
      And Bob is an employee of Acme
      And Bob has turned on two-factor authentication with Authy

    Scenario: Eve's trust cookie copied into Bob's browser does not skip Bob's code step
      Given Bob has signed in and trusted his browser
      And Eve has signed in and trusted her browser
      When Eve's trust cookie is copied into Bob's browser
      And Bob signs in again in the browser he trusted
      Then Bob is asked for the 6-digit code

    Scenario: A forged trust cookie does not skip the code step
      Given Bob has signed in and trusted his browser
      When Bob's browser is given a made-up trust cookie
      And Bob signs in again in the browser he trusted
      Then Bob is asked for the 6-digit code

  Rule: The period is from 0 (off) to 30 days

    Scenario: Ann cannot trust browsers for more than 30 days
      When Ann sets Trust this browser for 31 days in Configuration → Account Settings
      Then it is refused with "Trust this browser is from 0 (off) to 30 days."
