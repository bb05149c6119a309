@turn_on
Feature: Turn On two-factor authentication
  As a Precoro user
  I want my account to ask for a code from my phone as well as for my password
  So that a hacker who learns my password still cannot get in

  The help article, "To Activate two-factor authentication": go to Profile settings and
  select Two-factor authentication, press Turn On, choose Authy or Google Authenticator and
  press Next, scan the QR code (or enter the secret code in the application manually),
  enter the 6-digit code the application generates and press Confirm. The page answers
  "Congratulations, you have activated two-factor authentication".

  Decision (decision-4 of spec/article.md): "enter the secret code in the application
  manually and press the Next button" is the application's own Next. Precoro shows the QR
  code, the secret grouped for typing and the code field on one page, with Confirm; after
  typing the secret into Authy or Google Authenticator, the person presses that app's Next
  (or Add) to save the account, and the app then shows the 6-digit code. Precoro's Next is
  the one of step 3, after choosing the application, and it is never asked for twice.

  Decision (decision-5): each press of Next issues a new secret, and once two-factor
  authentication is on, Turn On neither shows nor replaces it. A secret shown once is a
  secret that may have been seen (over a shoulder, in a screenshot, in the browser's
  history); showing it again, or keeping the one shown before, would let whoever saw it make
  codes. So an unfinished set-up is started again with a fresh secret, and the confirmed
  one is never shown again.

  Decision (decision-13): "Install the app and scan the QR code", the article's caption under
  its picture of the QR code, is a step the person takes, and the person reads the page, not
  the article: the page says it under the QR code, in the article's words.

  Background:
    Given Eve is an employee of Acme

  Rule: Turn On, choose the application, scan the QR code and Confirm activate two-factor authentication

    @article-3 @article-4 @article-5 @article-8 @article-10 @article-11 @article-12 @article-13 @article-35
    @pages
    Scenario Outline: Eve activates two-factor authentication with <application>
      When Eve goes to Profile settings and selects Two-factor authentication
      And presses the Turn On button
      And chooses <application> and presses the Next button
      And scans the QR code with the authentication application
      And enters the 6-digit code from the application
      And presses the Confirm button
      Then two-factor authentication is activated
      And the page says "Congratulations, you have activated two-factor authentication"
      And the Two-factor authentication page shows <application>

      Examples:
        | application          |
        | Google Authenticator |
        | Authy                |

    @article-9
    Scenario: Eve cannot use the QR code and enters the secret code in the application manually
      When Eve goes to Profile settings and selects Two-factor authentication
      And presses the Turn On button
      And chooses Authy and presses the Next button
      And enters the secret code in the application manually
      And enters the 6-digit code from the application
      And presses the Confirm button
      Then two-factor authentication is activated

    @article-5 @article-35
    @pages
    Scenario: Turn On offers Authy and Google Authenticator
      When Eve goes to Profile settings and selects Two-factor authentication
      And presses the Turn On button
      Then Eve can choose Authy or Google Authenticator

    Scenario: The QR code holds Precoro's key URI for Eve, with a fresh 160-bit secret
      When Eve goes to Profile settings and selects Two-factor authentication
      And presses the Turn On button
      And chooses Google Authenticator and presses the Next button
      Then the QR code reads "otpauth://totp/Precoro:eve?secret=" then the secret then "&issuer=Precoro"
      And the secret is 32 base32 characters, 160 bits
      And the page shows the same secret in groups of four characters for typing by hand
      And the QR code is offered as PNG and as SVG

    @article-8 @article-36 @pages
    Scenario: The page says "Install the app and scan the QR code" under the QR code
      When Eve goes to Profile settings and selects Two-factor authentication
      And presses the Turn On button
      And chooses Google Authenticator and presses the Next button
      Then the caption under the QR code says "Install the app and scan the QR code"

    @article-5
    Scenario: Each press of Next issues a new secret
      When Eve goes to Profile settings and selects Two-factor authentication
      And presses the Turn On button
      And chooses Google Authenticator and presses the Next button
      And scans the QR code with the authentication application
      And presses Turn On again, chooses Google Authenticator and presses the Next button
      Then the second secret differs from the first
      And the authentication page shows the second secret
      When Eve enters the 6-digit code from the application
      And presses the Confirm button
      Then the code is refused as wrong

  Rule: Each page of Turn On says, in its words, what Eve does there

    @article-5 @article-8 @article-9 @article-10 @pages
    Scenario: Eve reads each page of Turn On, from the settings page to the QR code
      When Eve goes to Profile settings and selects Two-factor authentication
      Then the page reads, in this order:
        """
        Two-factor authentication
        Two-factor authentication helps protect your Precoro account from hackers and identity theft: what only you know, your password, and what only you have, your phone.
        Two-factor authentication is off.
        Turn On
        """
      When Eve presses the Turn On button
      Then the page reads, in this order:
        """
        Turn On two-factor authentication
        Choose an application that you want to use and press the Next button.
        Next
        Cancel
        """
      When Eve chooses Authy and presses the Next button
      Then the page reads, in this order:
        """
        Set up Authy
        QR code for Authy
        Install the app and scan the QR code
        The QR code as SVG
        If you cannot use the QR code, enter this secret code in the application manually:
        The application will generate a dynamic 6-digit code for you. Enter the code and press the Confirm button.
        Confirm
        Cancel
        """
      When Eve goes to Profile settings and selects Two-factor authentication
      Then the page reads, in this order:
        """
        Two-factor authentication is off.
        You chose Authy: scan the QR code and confirm.
        Turn On
        """

    @pages
    Scenario: Once Eve confirms, the settings page says which application she uses
      When Eve turns on two-factor authentication with Google Authenticator
      And Eve goes to Profile settings and selects Two-factor authentication
      Then the page reads, in this order:
        """
        Two-factor authentication
        Two-factor authentication is on, with Google Authenticator.
        Change authentication application
        Turn Off
        """

  Rule: Choosing an application shows the article's notes about restoring the account

    @article-6 @article-7
    Scenario: Choosing Google Authenticator warns that it cannot restore the account
      When Eve goes to Profile settings and selects Two-factor authentication
      And presses the Turn On button
      And chooses Google Authenticator and presses the Next button
      Then the page notes "Google Authenticator does not have a function to restore the account."
      And the page warns "Do not remove Google Authenticator from your phone!"

    @article-7
    @pages
    Scenario: The choice of the application warns beside Google Authenticator
      When Eve goes to Profile settings and selects Two-factor authentication
      And presses the Turn On button
      Then the page warns "Do not remove Google Authenticator from your phone!" beside the choice of Google Authenticator

    @article-6
    Scenario: Choosing Authy says it can restore the account
      When Eve goes to Profile settings and selects Two-factor authentication
      And presses the Turn On button
      And chooses Authy and presses the Next button
      Then the page notes "The Authy application allows you to restore the account if necessary."
      And the page does not warn "Do not remove Google Authenticator from your phone!"

  Rule: Confirm activates two-factor authentication only with the current code from the application

    @article-11 @article-12
    Scenario Outline: Confirm with <what> leaves two-factor authentication off and keeps the same secret
      When Eve goes to Profile settings and selects Two-factor authentication
      And presses the Turn On button
      And chooses Google Authenticator and presses the Next button
      And scans the QR code with the authentication application
      And enters <what>
      And presses the Confirm button
      Then the code is refused as <reason>
      And two-factor authentication is waiting for confirmation for "eve"
      And the authentication page still shows the same secret
      When Eve enters the 6-digit code from the application
      And presses the Confirm button
      Then two-factor authentication is activated

      Examples:
        | what                         | reason    |
        | a wrong code                 | wrong     |
        | the code shown a minute ago  | wrong     |
        | only 5 digits of the code    | malformed |
        | the code in fullwidth digits | malformed |
        | an empty code                | malformed |

    Scenario: Confirm without choosing an application
      When Eve opens the page of the QR code by its address
      Then Confirm is refused with "Press Turn On and choose an authentication application first."
      And two-factor authentication is off for "eve"

  Rule: Once two-factor authentication is on, Turn On neither shows nor replaces the secret

    The page no longer offers Turn On; its address (a bookmark, the browser's history) and its
    form sent from an old tab are refused all the same.

    @article-4
    @pages
    Scenario: Eve tries Turn On again while two-factor authentication is on
      Given Eve has turned on two-factor authentication with Google Authenticator
      When Eve goes to Profile settings and selects Two-factor authentication
      Then the page offers no Turn On button
      When Eve opens the Turn On page by its address
      Then Turn On is refused with "Two-factor authentication is already on."
      And the refusal is shown on the two-factor authentication settings page
      And no secret is shown
      When Eve sends Next with Authy chosen, without the page
      Then Next is refused with "Two-factor authentication is already on."
      And the refusal is shown on the two-factor authentication settings page
      And no secret is shown
      And the Two-factor authentication page shows Google Authenticator
      When Eve enters her unique login and password
      And Eve enters the 6-digit code from the application to sign in
      Then Eve is signed in

    Scenario: The code Eve confirmed with cannot then be used to sign in
      When Eve goes to Profile settings and selects Two-factor authentication
      And presses the Turn On button
      And chooses Google Authenticator and presses the Next button
      And scans the QR code with the authentication application
      And enters the 6-digit code from the application
      And presses the Confirm button
      And Eve enters her unique login and password
      And Eve enters the 6-digit code from the application to sign in
      Then the sign-in code is refused as already used
      When 30 seconds pass
      And Eve enters the 6-digit code from the application to sign in
      Then Eve is signed in

  Rule: Cancel on either step of Turn On leaves two-factor authentication off

    @pages
    Scenario: Eve cancels when she is asked to choose the application
      When Eve goes to Profile settings and selects Two-factor authentication
      And presses the Turn On button
      And presses Cancel
      Then the page says "Turn On cancelled: two-factor authentication is off."
      And two-factor authentication is off for "eve"

    @pages
    Scenario: Eve cancels on the page of the QR code: the secret is forgotten, and the audit trail says so
      Given Ann is an admin of Acme
      When Eve goes to Profile settings and selects Two-factor authentication
      And presses the Turn On button
      And chooses Google Authenticator and presses the Next button
      And presses Cancel
      Then the page says "Turn On cancelled: two-factor authentication is off."
      And two-factor authentication is off for "eve"
      And the Audit log of Acme shows these events, oldest first
        | 2026-11-27 09:00:00 | set-up cancelled | eve | eve | Google Authenticator |
      When Eve opens the page of the QR code by its address
      Then Confirm is refused with "Press Turn On and choose an authentication application first."
