@change_application
Feature: Change an authentication application
  As a Precoro user
  I want to move my two-factor authentication to another authentication application
  So that I can use the application (or the phone) I prefer, while my account never loses its second factor

  The article: "You can change an authentication application at any time but you will need
  to turn off the two-factor authentication and configure it again." The same article says
  that under Required two-factor authentication employees "won't be able to disable it", so
  for them the article's way is closed and "at any time" could not hold. We keep both
  promises (decision-2 of spec/article.md). "Change authentication application" is offered on
  the Two-factor authentication page to everyone with two-factor authentication on: it asks
  for a current code from the old application, sets the new application up beside the old
  one, and replaces the old secret only when the new application's code is confirmed. Until
  then the old application keeps working, so the account is never without two-factor
  authentication. Where Turn Off is allowed, the article's way (Turn Off, configure again)
  works as written beside it; where the company requires two-factor authentication, Turn Off
  is refused and the change is the way. Turn Off and the change both ask for a current code: a deliberate
  tightening of the article (changing or disabling 2FA re-authenticates with the enrolled
  factor first, ASVS 5.0 7.5.1).

  Background:
    Given Ann is an admin of Acme
    And Eve is an employee of Acme

  Rule: As the article says, turn off two-factor authentication and configure it again

    @article-18
    @pages
    Scenario: Where the company does not require it, the change is offered beside Turn Off
      Given Eve has turned on two-factor authentication with Google Authenticator
      When Eve goes to Profile settings and selects Two-factor authentication
      Then the page offers the Turn Off button
      When Eve goes to Profile settings and selects Two-factor authentication
      And chooses to change the authentication application to Authy
      And enters the 6-digit code from the application to change the application
      Then the page shows the QR code and the secret to set up Authy
      And Eve's two-factor authentication is on with Google Authenticator
      When Eve scans the new QR code with her new app
      And enters the code from her new app and presses the Confirm button
      Then the authentication application is changed
      And the page says "Your authentication application has been changed."
      And Eve's two-factor authentication is on with Authy

    @article-18
    Scenario Outline: Eve changes from <old> to <new>
      Given Eve has turned on two-factor authentication with <old>
      When Eve turns off two-factor authentication with a code from her phone
      Then two-factor authentication is turned off
      And Eve's two-factor authentication is off
      When Eve configures two-factor authentication again with <new>
      Then two-factor authentication is activated
      And Eve's two-factor authentication is on with <new>
      When 30 seconds pass
      Then Eve cannot sign in with a code from her old app
      And Eve can sign in with a code from her new app

      Examples:
        | old                  | new                  |
        | Google Authenticator | Authy                |
        | Authy                | Google Authenticator |

    Scenario Outline: Turn Off asks for a current code: <code form> is refused
      Given Eve has turned on two-factor authentication with Google Authenticator
      When Eve tries to turn off two-factor authentication with <code form>
      Then the code is refused as <reason>
      And Eve's two-factor authentication is on with Google Authenticator

      Examples:
        | code form                    | reason    |
        | a wrong code                 | wrong     |
        | the code shown a minute ago  | wrong     |
        | the code in letters          | malformed |
        | the code in fullwidth digits | malformed |

  Rule: When the company requires two-factor authentication, the new application is confirmed before the old one is replaced

    Background:
      Given Ann has required two-factor authentication for Acme

    @article-18 @article-30
    @pages
    Scenario: Turn Off is refused, and the change is offered instead
      Given Eve has turned on two-factor authentication with Google Authenticator
      When Eve goes to Profile settings and selects Two-factor authentication
      Then the page offers no Turn Off button
      And the page reads, in this order:
        """
        Two-factor authentication is on, with Google Authenticator.
        Change authentication application
        Your company requires two-factor authentication: it cannot be turned off.
        """
      When Eve opens the Turn Off page by its address and tries to turn it off with a code from her phone
      Then Turn Off is refused with "Your company requires two-factor authentication: it cannot be turned off. You can change the authentication application instead."
      And the refusal is shown on the two-factor authentication settings page
      And Eve's two-factor authentication is on with Google Authenticator

    @pages
    Scenario: While the new application waits for its code, the settings page says so
      Given Eve has turned on two-factor authentication with Google Authenticator
      When Eve goes to Profile settings and selects Two-factor authentication
      And chooses to change the authentication application to Authy
      And enters the 6-digit code from the application to change the application
      And Eve goes to Profile settings and selects Two-factor authentication
      Then the page reads, in this order:
        """
        Two-factor authentication is on, with Google Authenticator.
        You are changing to Authy: finish with the code from the new app.
        """

    @article-18 @article-30
    Scenario Outline: Eve changes from <old> to <new> without ever turning two-factor authentication off
      Given Eve has turned on two-factor authentication with <old>
      When Eve goes to Profile settings and selects Two-factor authentication
      And chooses to change the authentication application to <new>
      And enters the 6-digit code from the application to change the application
      Then the page shows the QR code and the secret to set up <new>
      And Eve's two-factor authentication is on with <old>
      When Eve scans the new QR code with her new app
      And enters the code from her new app and presses the Confirm button
      Then the authentication application is changed
      And Eve's two-factor authentication is on with <new>
      When 30 seconds pass
      Then Eve cannot sign in with a code from her old app
      And Eve can sign in with a code from her new app

      Examples:
        | old                  | new                  |
        | Google Authenticator | Authy                |
        | Authy                | Google Authenticator |
        | Google Authenticator | Google Authenticator |
        | Authy                | Authy                |

    Scenario: The old application keeps working until the new one is confirmed
      Given Eve has turned on two-factor authentication with Google Authenticator
      When Eve goes to Profile settings and selects Two-factor authentication
      And chooses to change the authentication application to Authy
      And enters the 6-digit code from the application to change the application
      And Eve scans the new QR code with her new app
      And 10 minutes pass
      Then Eve can still sign in with a code from her old app
      And Eve cannot sign in with a code from her new app
      And the page shows the QR code and the secret to set up Authy
      When 30 seconds pass
      And enters the code from her new app and presses the Confirm button
      Then the authentication application is changed
      And Eve's two-factor authentication is on with Authy

    Scenario Outline: The change asks for a current code from the old application: <code form> is refused
      Given Eve has turned on two-factor authentication with Google Authenticator
      When Eve goes to Profile settings and selects Two-factor authentication
      And chooses to change the authentication application to Authy
      And enters <code form> to change the application
      Then the change is refused as <reason>
      And no QR code of a new application is shown
      And Eve's two-factor authentication is on with Google Authenticator

      Examples:
        | code form                       | reason    |
        | a wrong code                    | wrong     |
        | the code shown a minute ago     | wrong     |
        | the code in letters             | malformed |
        | the code in Arabic-Indic digits | malformed |
        | an empty code                   | malformed |

    Scenario: A code already used to sign in cannot start the change
      Given Eve has turned on two-factor authentication with Google Authenticator
      When Eve signs in with her password and a code from her phone
      And Eve goes to Profile settings and selects Two-factor authentication
      And chooses to change the authentication application to Authy
      And enters the 6-digit code from the application to change the application
      Then the change is refused as already used
      And no QR code of a new application is shown

    Scenario Outline: A wrong code from the new application leaves the old one in place: <new app code>
      Given Eve has turned on two-factor authentication with Google Authenticator
      When Eve goes to Profile settings and selects Two-factor authentication
      And chooses to change the authentication application to Authy
      And enters the 6-digit code from the application to change the application
      And Eve scans the new QR code with her new app
      And enters <new app code> and presses the Confirm button
      Then the code is refused as <reason>
      And Eve's two-factor authentication is on with Google Authenticator
      And the page shows the QR code and the secret to set up Authy
      When 30 seconds pass
      Then Eve can still sign in with a code from her old app
      When enters the code from her new app and presses the Confirm button
      Then the authentication application is changed
      And Eve's two-factor authentication is on with Authy

      Examples:
        | new app code                             | reason    |
        | a wrong code                             | wrong     |
        | the code from her old app                | wrong     |
        | the code from her new app, 5 digits only | malformed |

    @pages
    Scenario: Nothing to change while two-factor authentication is off
      Given Bob is an employee of Acme
      When Bob goes to Profile settings and selects Two-factor authentication
      Then the page offers no Turn Off button
      When Bob opens the page to change the authentication application by its address
      And chooses to change the authentication application to Authy
      And enters the code "123456" to change the application
      Then the change is refused with "Two-factor authentication is off."

    Scenario: The audit trail records the change, never a code or a secret
      Given Eve has turned on two-factor authentication with Google Authenticator
      And Ann has turned on two-factor authentication with Google Authenticator
      When Eve goes to Profile settings and selects Two-factor authentication
      And chooses to change the authentication application to Authy
      And enters a wrong code to change the application
      And enters the 6-digit code from the application to change the application
      And Eve scans the new QR code with her new app
      And enters the code from her new app and presses the Confirm button
      Then the Audit log of Acme shows these events, oldest first
        | 2026-11-27 09:00:00 | two-factor authentication turned on | eve | eve | Google Authenticator         |
        | 2026-11-27 09:01:00 | code refused                        | eve | eve | wrong                        |
        | 2026-11-27 09:01:00 | authentication application changed  | eve | eve | Google Authenticator → Authy |

  Rule: Cancel on either step of the change keeps the current application

    Background:
      Given Eve has turned on two-factor authentication with Google Authenticator

    @pages
    Scenario: Eve opens the change, then presses Cancel
      When Eve opens the page to change the authentication application by its address
      Then the page reads, in this order:
        """
        Change authentication application
        Enter the current code from the application you use now, choose the new application and press Next. Your current application keeps working until you confirm the new one.
        Next
        Cancel
        """
      When Eve presses Cancel
      Then the page says "Change cancelled: you keep using Google Authenticator."
      And Eve's two-factor authentication is on with Google Authenticator

    @pages
    Scenario: Eve cancels on the new application's QR code: the new secret is forgotten, and the audit trail says so
      When Eve goes to Profile settings and selects Two-factor authentication
      And chooses to change the authentication application to Authy
      And enters the 6-digit code from the application to change the application
      And Eve scans the new QR code with her new app
      And presses Cancel
      Then the page says "Change cancelled: you keep using Google Authenticator."
      And Eve's two-factor authentication is on with Google Authenticator
      And the Audit log of Acme shows these events, oldest first
        | 2026-11-27 09:00:30 | change of application cancelled | eve | eve | Authy |
      When 30 seconds pass
      Then Eve can still sign in with a code from her old app
      And Eve cannot sign in with a code from her new app
