@beyond_the_article @backup_codes
Feature: Backup codes (beyond the article; a company option, off by default)
  As an employee who may lose her phone
  I want one-time backup codes, kept on paper or in a file
  So that I can sign in and set two-factor authentication up again without support

  Not in the article. GitHub (16 codes), GitLab (10), Keycloak (12), django-two-factor-auth
  (10) and devise-two-factor (5, hashed) give each person one-time backup codes. What it
  changes in the article's flows: when the company ticks "Allow backup codes" in
  Configuration → Account Settings, Confirm shows ten codes once (to download or print);
  Precoro keeps only their argon2id hashes. At sign-in, "Use backup code" takes one in place
  of the 6-digit code, once; the person is told how many are left. A backup code never turns
  two-factor authentication off, but it does let someone who lost the phone set up a new
  application (Change authentication application, with a backup code for the current code).
  Wrong backup codes and wrong codes lock code entry together. Regenerating, after a current
  code, replaces them all.
  Why off by default: the article's only recovery is support with an admin's approval, which
  proves the person's identity each time; a sheet of codes is a second "something you have"
  that can be copied from a drawer without anyone knowing, so a company chooses it.

  Background:
    Given Ann is an admin of Acme
    And Eve is an employee of Acme
    And Sam is a Precoro support agent

  Rule: Off by default, the article's flows are unchanged

    @pages
    Scenario: Without the option, the lost phone's only way back is the article's recovery
      Given Eve has turned on two-factor authentication with Google Authenticator
      And Eve lost her phone
      When Eve enters her unique login and password
      Then the code step offers no backup code
      When Eve contacts her CSM manager
      And the request is approved by Ann
      And we reset the two-factor authentication in her account
      Then Eve can log in to Precoro without two-factor authentication and set it up again

  Rule: An admin of the company allows backup codes in Configuration → Account Settings

    @pages
    Scenario: Ann allows backup codes for Acme
      When Ann allows backup codes in Configuration → Account Settings
      And Eve turns on two-factor authentication with Google Authenticator
      Then two-factor authentication is activated and Eve's 10 backup codes are shown once
      And the page says "Congratulations, you have activated two-factor authentication"
      And the page reads, in this order:
        """
        Your backup codes
        Keep these codes somewhere safe. If you lose your phone, each of them signs you in once instead of the 6-digit code. They are shown only now.
        Download the codes
        Back to two-factor authentication
        """
      And the codes download as a text file headed "Precoro backup codes (each works once)"
      And the Audit log of Acme shows these events, oldest first
        | 2026-11-27 09:00:00 | backup codes setting changed | ann | ann | ticked   |
        | 2026-11-27 09:00:00 | backup codes issued          | eve | eve | 10 codes |

  Rule: Each backup code signs in once, in place of the 6-digit code

    Background:
      Given Ann has allowed backup codes for Acme
      And Eve has turned on two-factor authentication with Google Authenticator

    @pages
    Scenario: A Google Authenticator user who lost her phone signs in with a backup code and sets it up again
      Given Eve lost her phone
      When Eve enters her unique login and password
      Then the page reads, in this order:
        """
        Sign in
        Backup code
        Use backup code
        """
      When Eve enters one of her backup codes to sign in
      Then Eve is signed in and told "You signed in with a backup code. Backup codes left: 9."
      When Eve sets up Google Authenticator on a new phone with another backup code
      Then the authentication application is changed
      And Eve's two-factor authentication is on with Google Authenticator
      And the Audit log of Acme shows these events, oldest first
        | 2026-11-27 09:00:00 | backup codes issued                | eve | eve | 10 codes                                    |
        | 2026-11-27 09:00:30 | backup code used                   | eve | eve | 9 left                                      |
        | 2026-11-27 09:00:30 | backup code used                   | eve | eve | 8 left                                      |
        | 2026-11-27 09:00:30 | authentication application changed | eve | eve | Google Authenticator → Google Authenticator |

    @pages
    Scenario: The change of application offers a backup code in place of the current code
      When Eve opens the page to change the authentication application by its address
      Then the page reads, in this order:
        """
        Change authentication application
        Current 6-digit code
        Lost your phone? Enter a backup code instead of the current code.
        Backup code
        Next
        """

    Scenario: A backup code used once is refused the second time
      Given Eve has signed in with one of her backup codes
      When Eve enters her unique login and password
      And Eve enters the backup code she already used to sign in
      Then the sign-in code is refused with "This backup code has already been used."
      And the Audit log of Acme shows these events, oldest first
        | 2026-11-27 09:00:30 | backup code used      | eve | eve | 9 left           |
        | 2026-11-27 09:00:30 | replayed code refused | eve | eve | backup_code_used |

    Scenario: A backup code never turns two-factor authentication off
      When Eve tries to turn off two-factor authentication with one of her backup codes
      Then the code is refused as malformed
      And Eve's two-factor authentication is on

    Scenario: Wrong backup codes and wrong codes lock code entry together
      Given Eve has entered her unique login and password
      When Eve enters a wrong backup code to sign in 5 times
      Then the sign-in code is refused with "This backup code is incorrect. Code entry is locked until 09:15 UTC."
      When Eve enters the 6-digit code from the application to sign in
      Then the sign-in code is refused as locked

    Scenario: A backup code of Acme does not sign in at Globex
      Given Olga is an admin of Globex
      And Gus is an employee of Globex
      And Olga has allowed backup codes for Globex
      And Gus has turned on two-factor authentication with Authy
      And Gus has entered his unique login and password
      When Eve's backup code is entered in Gus's code step
      Then the sign-in code is refused with "This backup code is incorrect."

    @pages
    Scenario: Regenerating replaces every earlier backup code
      When Eve goes to Profile settings and selects Two-factor authentication
      Then the page reads, in this order:
        """
        Backup codes left: 10.
        Regenerate backup codes
        """
      When Eve opens the page to regenerate backup codes by its address
      Then the page reads, in this order:
        """
        Regenerate backup codes
        Enter the current 6-digit code from your authentication application: ten new backup codes replace all your earlier ones.
        Regenerate backup codes
        """
      When Eve regenerates her backup codes with the 6-digit code from the application
      Then Eve's 10 new backup codes are shown once
      And the page says "New backup codes replace all your earlier ones."
      When Eve enters her unique login and password
      And Eve enters a backup code of her earlier sheet to sign in
      Then the sign-in code is refused with "This backup code is incorrect."
      When Eve enters one of her backup codes to sign in
      Then Eve is signed in and told "You signed in with a backup code. Backup codes left: 9."

    @pages
    Scenario: When Ann no longer allows backup codes, the code step offers none
      Given Ann has stopped allowing backup codes for Acme
      When Eve enters her unique login and password
      Then the code step offers no backup code
