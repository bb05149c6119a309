@sign_in
Feature: Sign in with a code
  As a Precoro user with two-factor authentication
  I want every sign-in to ask for my login and password and then for the 6-digit code on my phone
  So that nobody gets in without both what only I know and what only I have

  The help article: "Now every time you log into Precoro, you will need to: enter your unique
  login and password; go to the authentication application on your phone and enter a dynamic
  6-digit code from there."

  Background:
    Given Eve is an employee of Acme
    And Eve has turned on two-factor authentication with Google Authenticator

  Rule: Every time Eve logs in she enters her login and password, then the 6-digit code

    @article-1 @article-2 @article-14 @article-15
    Scenario: Eve signs in with her login, her password and the code from her phone
      When Eve enters her unique login and password
      Then Eve is asked for the 6-digit code
      When Eve enters the 6-digit code from the application to sign in
      Then Eve is signed in

    @article-14
    Scenario: A user without two-factor authentication signs in with the password alone
      Given Bob is an employee of Acme
      When Bob enters his unique login and password
      Then Bob is signed in with the password alone

    @article-1 @article-2 @pages
    Scenario: Each page of signing in says what Eve does there
      When someone signs in as "eve" with a wrong password
      Then the page reads, in this order:
        """
        Sign in to Precoro
        Incorrect login or password.
        Sign in
        """
      When Eve enters her unique login and password
      Then the page reads, in this order:
        """
        Two-factor authentication
        Go to the authentication application on your phone and enter the dynamic 6-digit code from there.
        Sign in
        Lost your phone?
        """
      When Eve enters the 6-digit code from the application to sign in
      Then the page reads, in this order:
        """
        Dashboard
        Purchase orders
        Profile settings
        Sign out
        Dashboard
        Welcome to Precoro, eve.
        Purchase orders
        Profile settings
        """
      When Eve opens Purchase orders from the menu
      Then the page reads, in this order:
        """
        Purchase orders
        Purchase orders
        No purchase orders yet. (This page stands for every page of Precoro besides the 2FA settings.)
        """
      When Eve signs out
      Then the page reads, in this order:
        """
        You have signed out.
        Sign in to Precoro
        Sign in
        """

  Rule: An unknown login and a wrong password get the same message

    @article-14
    Scenario Outline: <attempt> is refused as an incorrect login or password
      When someone signs in as "<login>" with <password>
      Then the sign-in is refused as an incorrect login or password

      Examples:
        | attempt                                 | login  | password          |
        | An unknown login                        | nobody | Eve's password    |
        | A wrong password for a user with 2FA    | eve    | a wrong password  |
        | A wrong password for a user without 2FA | bob    | a wrong password  |
        | An empty password                       | eve    | an empty password |
        | An empty login                          |        | Eve's password    |

      @domain
      Examples: no password field at all (a request no sign-in page sends)
        | attempt            | login | password    |
        | No password at all | eve   | no password |

  Rule: A sign-in form too large to be read is refused whole

    A password or a login pasted by mistake can be huge. Precoro reads no form over 64 KB:
    the page says so, and nothing is changed.

    @pages
    Scenario: A password of 70000 characters gets a page that says the form is too large
      When someone signs in as "eve" with a password of 70000 characters
      Then the page reads, in this order:
        """
        Sorry
        This form is too large to be read (64 KB at most). Nothing was changed.
        Back to Precoro
        """

  Rule: The code step belongs to that one sign-in attempt: it expires after 5 minutes and completes once

    Scenario: The code step expires 5 minutes after the password
      Given Eve has entered her unique login and password
      When 5 minutes pass
      And Eve enters the 6-digit code from the application to sign in
      Then the sign-in code is refused as an expired sign-in
      When Eve enters her unique login and password
      And Eve enters the 6-digit code from the application to sign in
      Then Eve is signed in

    Scenario: A second before 5 minutes have passed the code step still works
      Given Eve has entered her unique login and password
      When 4 minutes pass
      And 59 seconds pass
      And Eve enters the 6-digit code from the application to sign in
      Then Eve is signed in

    # Once signed in, the browser shows no code step any more; replaying the attempt's old
    # session cookie is an HTTP check (tests/web/test_signing_in.py).
    @domain
    Scenario: A completed sign-in attempt cannot be completed again
      Given Eve has entered her unique login and password
      When Eve enters the 6-digit code from the application to sign in
      And 30 seconds pass
      And Eve enters the 6-digit code from the application to sign in
      Then the sign-in code is refused as an expired sign-in

    @article-1 @article-15
    Scenario: Bob's valid code is refused in Eve's code step
      Given Bob is an employee of Acme
      And Bob has turned on two-factor authentication with Authy
      And Eve has entered her unique login and password
      When Bob's current code is entered in Eve's code step
      Then the sign-in code is refused as wrong

    Scenario: A code entered without a sign-in attempt opened by the password is refused
      When Eve's current code is entered in a sign-in attempt nobody opened
      Then the sign-in code is refused as an expired sign-in

  Rule: Wrong passwords block sign-in for a while, but never from a browser Eve signed in from before

    Wrong passwords are counted for each browser that has signed in as Eve (it keeps a signed
    device cookie), and together for all other browsers, as OWASP's "device cookies" advise: a
    stranger who guesses Eve's password blocks the strangers' browsers, not Eve's own. A login
    nobody has is counted and blocked the same way, so no answer tells whether it exists.

    Scenario: Ten wrong passwords block sign-in for 15 minutes from browsers that never signed in as Eve
      When someone signs in as "eve" with a wrong password 10 times
      And Eve enters her unique login and password
      Then the sign-in is refused as temporarily blocked until 09:15 UTC
      When 15 minutes pass
      And Eve enters her unique login and password
      Then Eve is asked for the 6-digit code

    Scenario: Eve's right password while sign-in is blocked does not prolong the block
      When someone signs in as "eve" with a wrong password 10 times
      And 10 minutes pass
      And Eve enters her unique login and password
      Then the sign-in is refused as temporarily blocked until 09:15 UTC
      When 5 minutes pass
      And Eve enters her unique login and password
      Then Eve is asked for the 6-digit code

    Scenario: Eve still signs in from a browser she signed in from before
      Given Eve has signed in from her browser
      When someone signs in as "eve" with a wrong password 10 times
      And Eve enters her unique login and password in her browser
      Then Eve is asked for the 6-digit code

    Scenario: Wrong passwords in Eve's browser block only her browser
      Given Eve has signed in from her browser
      When Eve enters a wrong password in her browser 10 times
      And Eve enters her unique login and password in her browser
      Then the sign-in is refused as temporarily blocked until 09:15 UTC
      When Eve enters her unique login and password
      Then Eve is asked for the 6-digit code

    Scenario: A login nobody has is blocked the same way, with the same message
      When someone signs in as "nobody" with a wrong password 10 times
      And someone signs in as "nobody" with Eve's password
      Then the sign-in is refused as temporarily blocked until 09:15 UTC

  Rule: Wrong passwords and wrong codes are counted apart, each with its own lock

    Scenario: Wrong passwords do not lock code entry
      Given Eve has entered her unique login and password
      When someone signs in as "eve" with a wrong password 10 times
      And Eve enters the 6-digit code from the application to sign in
      Then Eve is signed in

    Scenario: Wrong codes do not lock the password
      Given Eve has entered her unique login and password
      When Eve enters a wrong code to sign in 5 times
      Then the sign-in code is refused with "This code is incorrect or has expired. Enter the current code from your app. Code entry is locked until 09:15 UTC."
      When Eve enters her unique login and password
      Then Eve is asked for the 6-digit code

  Rule: Whoever cannot produce a code is told, on the code step, where to go

    The article says whom to contact when the phone is lost; the person without a code reads
    the code step, not the article, so the code step says it (decision-9 of spec/article.md).
    It says it for both applications: the page does not tell who uses which.

    @article-19 @article-20 @article-24 @pages
    Scenario: The code step says where to go without the phone
      When Eve enters her unique login and password
      Then under "Lost your phone?" the page says "Google Authenticator: contact your CSM manager or get in touch with us via online chat. We will ask an admin at your company to approve this request, then reset the two-factor authentication in your account."
      And under "Lost your phone?" the page says "Authy: restore your Authy account on the new phone from Authy's backup; your codes will keep working. If the restore fails, contact your CSM manager or get in touch with us via online chat."
      And under "Lost your phone?" the page links to "Precoro's article on restoring an Authy account" at "https://help.precoro.com/en/support/solutions/articles/35000177574-how-to-restore-an-authy-account"

  Rule: While Precoro cannot save, the page asks to try again, and the code is not used up

    The article is silent on outages. Precoro keeps what happens in its records; when they
    cannot be saved for a moment (a full disk, a file made read-only, a server restarting),
    nothing is done half: the page says so and asks to try again, and nobody is signed in.
    Once Precoro saves again, Eve carries on where she was, without a restart: the code she
    entered was not used up, so the same code, still on her phone, signs her in. (Several app
    servers, PostgreSQL stopped or killed under load, a full disk: tests/web.) It runs where
    Precoro keeps a file (SQLite); in memory there is none that could stop saving.

    @pages @outage
    Scenario: A code entered while Precoro cannot save signs Eve in once it can
      When Eve enters her unique login and password
      And Precoro cannot save for a moment
      And Eve enters the 6-digit code from the application to sign in
      Then the page reads, in this order:
        """
        Please try again
        Precoro is unavailable for a moment. Please try again.
        Try again
        """
      When Precoro can save again
      And Eve clicks Try again
      Then Eve is asked for the 6-digit code
      When Eve enters the 6-digit code from the application to sign in
      Then Eve is signed in
