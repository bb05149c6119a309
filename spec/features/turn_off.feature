@turn_off
Feature: Turn Off two-factor authentication
  As a Precoro user with two-factor authentication
  I want to turn it off in Profile settings
  So that I can sign in with my password alone again, or configure another application

  The help article: "To turn off the two-factor authentication: 1. Go to Profile settings and
  select Two-factor authentication. 2. Press the Turn Off button."

  A deliberate tightening of the article: Precoro also asks for a current 6-digit code from
  the authentication application before it turns two-factor authentication off. Removing a
  factor must re-authenticate with that factor (ASVS 5.0 7.5.1, ASVS 4.0.3 2.5.5, OWASP MFA
  Cheat Sheet), so that whoever finds Eve's browser signed in cannot switch her second factor
  off. The code follows the rules of every code (codes.feature): once only, ±30 seconds.

  Background:
    Given Eve is an employee of Acme
    And Eve has turned on two-factor authentication with Google Authenticator

  Rule: Turn Off with a current code turns two-factor authentication off and forgets the secret

    @article-16 @article-17
    Scenario: Eve turns off two-factor authentication
      When Eve goes to Profile settings and selects Two-factor authentication
      And presses the Turn Off button
      And enters the 6-digit code from the application
      And presses the Turn Off button again
      Then two-factor authentication is turned off and no secret is kept
      When Eve enters her unique login and password
      Then Eve is signed in with the password alone

    Scenario: After Turn Off, Turn On issues a new secret and the old application's codes are refused
      Given Eve has turned off two-factor authentication
      When Eve goes to Profile settings and selects Two-factor authentication
      And presses the Turn On button
      And chooses Google Authenticator and presses the Next button
      Then the authentication page shows a secret other than the one Eve turned off
      When Eve enters the 6-digit code from the application
      And presses the Confirm button
      Then the code is refused as wrong

    @article-16 @article-17 @pages
    Scenario: The Turn Off page asks for the current code, and the page then says it is off
      When Eve goes to Profile settings and selects Two-factor authentication
      And presses the Turn Off button
      Then the page reads, in this order:
        """
        Turn Off two-factor authentication
        Enter the current 6-digit code from your authentication application to turn two-factor authentication off.
        Turn Off
        Cancel
        """
      When Eve enters the 6-digit code from the application
      And presses the Turn Off button again
      Then the page says "Two-factor authentication has been turned off."
      And the page reads, in this order:
        """
        Two-factor authentication is off.
        Turn On
        """

  Rule: Turn Off is refused without a current code of Eve's own application

    @article-17
    Scenario Outline: Turn Off with <what> is refused and two-factor authentication stays on
      When Eve goes to Profile settings and selects Two-factor authentication
      And presses the Turn Off button
      And enters <what>
      And presses the Turn Off button again
      Then the code is refused as <reason>
      And two-factor authentication is on for "eve"

      Examples:
        | what                            | reason    |
        | a wrong code                    | wrong     |
        | the code shown a minute ago     | wrong     |
        | an empty code                   | malformed |
        | the code in Arabic-Indic digits | malformed |

      @domain
      Examples: a request without the code field, which no page sends
        | what           | reason    |
        | no code at all | malformed |

    Scenario: The code Eve just signed in with cannot turn two-factor authentication off
      Given Eve has entered her unique login and password
      And Eve has entered the 6-digit code from the application to sign in
      When Eve goes to Profile settings and selects Two-factor authentication
      And presses the Turn Off button
      And enters the 6-digit code from the application
      And presses the Turn Off button again
      Then the code is refused as already used
      And two-factor authentication is on for "eve"

    Scenario: The code of Mallory's application cannot turn off Eve's two-factor authentication
      Given Mallory is an employee of Acme
      And Mallory has turned on two-factor authentication with Google Authenticator
      When Eve goes to Profile settings and selects Two-factor authentication
      And presses the Turn Off button
      And enters the current code of Mallory's application
      And presses the Turn Off button again
      Then the code is refused as wrong
      And two-factor authentication is on for "eve"

    Scenario: While code entry is locked, even the right code cannot turn two-factor authentication off
      Given Eve has entered her unique login and password
      And Eve has entered a wrong code to sign in 5 times
      When Eve goes to Profile settings and selects Two-factor authentication
      And presses the Turn Off button
      And enters the 6-digit code from the application
      And presses the Turn Off button again
      Then the code is refused as locked
      And two-factor authentication is on for "eve"

  Rule: Two-factor authentication that is off cannot be turned off

    The page offers Turn Off only while two-factor authentication is on; the Turn Off page
    opened by its address (a bookmark) refuses it all the same.

    @pages
    Scenario: Bob, who never turned it on, presses Turn Off
      Given Bob is an employee of Acme
      When Bob goes to Profile settings and selects Two-factor authentication
      Then the page offers no Turn Off button
      When Bob opens the Turn Off page by its address
      And enters the code "123456"
      And presses the Turn Off button of that page
      Then Turn Off is refused with "Two-factor authentication is off."
      And the refusal is shown on the two-factor authentication settings page
      And two-factor authentication is off for "bob"

    @pages
    Scenario: Eve presses Turn Off a second time
      Given Eve has turned off two-factor authentication
      When 30 seconds pass
      And Eve goes to Profile settings and selects Two-factor authentication
      Then the page offers no Turn Off button
      When Eve opens the Turn Off page by its address
      And enters the 6-digit code from the application
      And presses the Turn Off button of that page
      Then Turn Off is refused with "Two-factor authentication is off."
      And the refusal is shown on the two-factor authentication settings page

  Rule: Cancel on the Turn Off page leaves two-factor authentication on

    @pages
    Scenario: Eve opens Turn Off, then presses Cancel
      When Eve opens the Turn Off page by its address
      And presses Cancel
      Then two-factor authentication is on for "eve"
      And the page offers the Turn Off button

  Rule: A Turn Off page left open after the sign-in ended changes nothing

    Precoro keeps a sign-in for 8 hours after it was last used. A form sent from a page left
    open longer, like a form sent from another site, is refused with a page that says so, and
    nothing changes: Eve signs in again to turn two-factor authentication off.

    @pages
    Scenario: Eve leaves the Turn Off page open overnight, and her Turn Off is refused
      When Eve goes to Profile settings and selects Two-factor authentication
      And presses the Turn Off button
      And 9 hours pass
      And enters the 6-digit code from the application
      And presses the Turn Off button again
      Then the page reads, in this order:
        """
        Sorry
        This form has expired or did not come from this site. Please try again.
        Back to Precoro
        """
      When Eve signs in with her password and a code from her phone
      Then Eve's two-factor authentication is on with Google Authenticator
