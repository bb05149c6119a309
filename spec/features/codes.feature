@codes
Feature: Why a 6-digit code is refused
  As a Precoro user with two-factor authentication
  I want Precoro to accept only the current code of my application, only once, and to stop guessers
  So that nobody gets into my account by guessing, replaying or disguising a code

  The help article: "The application will generate a dynamic 6-digit code for you", and at
  every sign-in "go to the authentication application on your phone and enter a dynamic
  6-digit code from there." These rules hold wherever a code is entered (Confirm, sign-in,
  Turn Off); they are shown here at the sign-in code step. Sources: RFC 6238 §5.2 (one use,
  one step of delay), RFC 4226 §7.3 and NIST SP 800-63B §5.2.2 (throttling), and the list of
  attacks in the security reference.

  Settings: 5 wrong codes in a row lock code entry for 15 minutes; each further lock is twice
  as long (at most 24 hours). Eve's clock starts at 09:00:00 UTC on 27 November 2026.

  Background:
    Given Eve is an employee of Acme
    And Eve has turned on two-factor authentication with Google Authenticator
    And 2 minutes pass

  Rule: A code is six ASCII digits; spaces around it and one space or hyphen between its two groups of three are forgiven

    Background:
      Given Eve has entered her unique login and password

    @article-10
    Scenario Outline: <what> is accepted
      When Eve enters <what> to sign in
      Then Eve is signed in

      Examples:
        | what                                                 |
        | the 6-digit code from the application                |
        | the code from the application in two groups of three |
        | the code with a hyphen between the groups            |
        | the code with a leading space                        |
        | the code with a trailing space                       |
        | the code pasted with spaces around it                |

      # No form field carries these: a tab or a newline typed into a text field.
      @domain
      Examples: pasted codes no form field carries
        | what                             |
        | the code with a tab before it    |
        | the code with a trailing newline |

    Scenario Outline: <what> is refused before it is checked, and the right code still works
      When Eve enters <what> to sign in
      Then the sign-in code is refused as malformed
      When Eve enters the 6-digit code from the application to sign in
      Then Eve is signed in

      Examples:
        | what                                                  |
        | only 5 digits of the code                             |
        | the code with a 7th digit                             |
        | the code with a letter for its last digit             |
        | the code in letters                                   |
        | the code with two spaces between the groups           |
        | the code with a space and a hyphen between the groups |
        | the code with a space after its second digit          |
        | an empty code                                         |
        | the code in fullwidth digits                          |
        | the code in Arabic-Indic digits                       |
        | the code followed by 9,994 more digits                |

      # No form field carries these: a tab typed into a text field, a number (a JSON
      # body), no field at all. The step makes them from the current code.
      @domain
      Examples: codes no form field carries
        | what                                   |
        | the code with a tab between the groups |
        | the code as a number                   |
        | no code at all                         |

    Scenario: A malformed code can never be a guess, so it does not bring the lock closer
      When Eve enters the code in fullwidth digits to sign in 5 times
      Then the sign-in code is refused with "Enter the 6-digit code from your authentication application."
      When Eve enters the 6-digit code from the application to sign in
      Then Eve is signed in

    Scenario: A malformed code between wrong ones does not put the lock off
      When Eve enters a wrong code to sign in 4 times
      And Eve enters the code in letters to sign in
      And Eve enters a wrong code to sign in
      Then the sign-in code is refused with "This code is incorrect or has expired. Enter the current code from your app. Code entry is locked until 09:17 UTC."

  Rule: A code is compared as the digits it is, leading zeros and all

    @domain
    Scenario Outline: At <time> UTC the RFC 6238 secret's code <code> is accepted
      Given Rita is an employee of Acme
      And Rita turned on two-factor authentication with the RFC 6238 secret "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ" 2 minutes before <time> UTC
      And Rita has entered her unique login and password at <time> UTC
      When Rita types "<code>" to sign in
      Then Rita is signed in

      Examples:
        | time                | code   |
        | 2005-03-18 01:58:29 | 081804 |
        | 2005-03-18 01:58:31 | 050471 |
        | 2009-02-13 23:31:30 | 005924 |
        | 2033-05-18 03:33:20 | 279037 |
        | 2603-10-11 11:33:20 | 353130 |

  Rule: Each code is accepted once, and so is every code before it

    Background:
      Given Eve has entered her unique login and password
      And Eve has entered the 6-digit code from the application to sign in

    @article-10
    Scenario: The same code again within the same 30 seconds is refused, and the replay is audited
      Given Ann is an admin of Acme
      When Eve enters her unique login and password
      And Eve enters the 6-digit code from the application to sign in
      Then the sign-in code is refused as already used
      And the Audit log of Acme shows these events, oldest first
        | 2026-11-27 09:02:30 | replayed code refused | eve | eve | replayed |

    Scenario: After a code was accepted, the code shown 30 seconds before it is refused
      When Eve enters her unique login and password
      And Eve enters the code shown 30 seconds ago to sign in
      Then the sign-in code is refused as already used

    Scenario: 30 seconds later the application's new code is accepted
      When 30 seconds pass
      And Eve enters her unique login and password
      And Eve enters the 6-digit code from the application to sign in
      Then Eve is signed in

    Scenario: After the code due in 30 seconds was accepted early, the current code is refused
      When 30 seconds pass
      And Eve enters her unique login and password
      And Eve enters the code due in 30 seconds to sign in
      And Eve enters her unique login and password
      And Eve enters the 6-digit code from the application to sign in
      Then the sign-in code is refused as already used

  Rule: The code shown 30 seconds ago or due in 30 seconds is accepted, for a clock up to 30 seconds off

    Background:
      Given Eve has entered her unique login and password

    Scenario Outline: <code> is <verdict>
      When Eve enters <code> to sign in
      Then <outcome>

      Examples:
        | code                                  | verdict  | outcome                              |
        | the code shown a minute ago           | refused  | the sign-in code is refused as wrong |
        | the code shown 30 seconds ago         | accepted | Eve is signed in                     |
        | the 6-digit code from the application | accepted | Eve is signed in                     |
        | the code due in 30 seconds            | accepted | Eve is signed in                     |
        | the code due in a minute              | refused  | the sign-in code is refused as wrong |

    Scenario: A code typed too late is refused as wrong, and the audit trail tells it apart as expired
      Given Ann is an admin of Acme
      When Eve enters the code shown a minute ago to sign in
      Then the sign-in code is refused as wrong
      When Eve enters a wrong code to sign in
      Then the Audit log of Acme shows these events, oldest first
        | 2026-11-27 09:02:30 | sign-in with code failed | eve | eve | expired |
        | 2026-11-27 09:02:30 | sign-in with code failed | eve | eve | wrong   |

  Rule: Five wrong codes in a row lock code entry, across sign-in attempts; while locked even the right code fails

    Background:
      Given Eve has entered her unique login and password

    @article-1
    Scenario: Four wrong codes are refused as wrong; the fifth locks code entry for 15 minutes
      When Eve enters a wrong code to sign in 4 times
      Then the sign-in code is refused with "This code is incorrect or has expired. Enter the current code from your app."
      When Eve enters a wrong code to sign in
      Then the sign-in code is refused with "This code is incorrect or has expired. Enter the current code from your app. Code entry is locked until 09:17 UTC."

    Scenario: Wrong codes add up across sign-in attempts
      Given Eve has entered a wrong code to sign in 3 times
      When Eve enters her unique login and password
      And Eve enters a wrong code to sign in 2 times
      Then the sign-in code is refused with "This code is incorrect or has expired. Enter the current code from your app. Code entry is locked until 09:17 UTC."

    Scenario: While code entry is locked, even the right code is refused
      Given Eve has entered a wrong code to sign in 5 times
      When 14 minutes pass
      And 59 seconds pass
      And Eve enters her unique login and password
      And Eve enters the 6-digit code from the application to sign in
      Then the sign-in code is refused as locked

    Scenario: The lock lifts after 15 minutes
      Given Eve has entered a wrong code to sign in 5 times
      When 15 minutes pass
      And Eve enters her unique login and password
      And Eve enters the 6-digit code from the application to sign in
      Then Eve is signed in

    Scenario: Codes entered while locked do not prolong the lock
      Given Eve has entered a wrong code to sign in 5 times
      When 10 minutes pass
      And Eve enters her unique login and password
      And Eve enters a wrong code to sign in 3 times
      Then the sign-in code is refused as locked
      When 5 minutes pass
      And Eve enters her unique login and password
      And Eve enters the 6-digit code from the application to sign in
      Then Eve is signed in

    Scenario: The next lock is twice as long
      Given Eve has entered a wrong code to sign in 5 times
      When 15 minutes pass
      And Eve enters her unique login and password
      And Eve enters a wrong code to sign in
      Then the sign-in code is refused with "This code is incorrect or has expired. Enter the current code from your app. Code entry is locked until 09:47 UTC."

    Scenario: After a right code, four wrong codes do not lock code entry
      Given Eve has entered a wrong code to sign in 4 times
      And Eve has entered the 6-digit code from the application to sign in
      When 30 seconds pass
      And Eve enters her unique login and password
      And Eve enters a wrong code to sign in 4 times
      Then the sign-in code is refused with "This code is incorrect or has expired. Enter the current code from your app."

    # The count of a hundred guesses is the throttle's: the pages show the lock above.
    @domain
    Scenario: A hundred guesses in a row end locked, long before the hundredth
      When Eve enters a wrong code to sign in 100 times
      And Eve enters the 6-digit code from the application to sign in
      Then the sign-in code is refused as locked
