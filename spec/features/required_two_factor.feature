@required_two_factor
Feature: Required two-factor authentication
  As an admin of a company
  I want to require two-factor authentication for all current and future employees
  So that no account of my company is protected by a password alone

  The article: open Configuration → Account Settings, check the box "Required two-factor
  authentication" and press the Update button. Employees who haven't yet enabled two-factor
  authentication then get warning notices, and any of their clicks in Precoro lead to the
  two-factor authentication settings page (signing out stays possible). They have to enable
  it and won't be able to disable it; nor will those who had turned it on before the box was
  checked (decision-11 of spec/article.md). This works automatically for new employees. Only
  an admin of the company changes the setting, and only for their own company; unticking
  the box lifts the requirement. Combined with recovery: after a reset, a user of such a company
  is sent straight back to set two-factor authentication up again.

  Background:
    Given Ann is an admin of Acme
    And Eve is an employee of Acme
    And Olga is an admin of Globex
    And Gus is an employee of Globex
    And Sam is a Precoro support agent

  Rule: An admin of the company checks the box in Configuration → Account Settings and presses Update

    @article-25 @article-26 @article-27 @article-45
    Scenario: Ann requires two-factor authentication for everyone at Acme
      When Ann opens Configuration → Account Settings
      And checks the box "Required two-factor authentication"
      And presses the Update button
      Then Ann's click on any other page leads to the two-factor authentication settings
      When Ann turns on two-factor authentication with Google Authenticator
      Then Acme requires two-factor authentication
      And Account Settings shows the box "Required two-factor authentication" checked for Ann
      And the Audit log of Acme shows these events, oldest first
        | 2026-11-27 09:00:00 | required two-factor authentication changed | ann |  | ticked |

    @article-25 @article-26 @article-27 @pages
    Scenario: Account Settings says what the box does, in the article's words
      When Ann opens Configuration → Account Settings
      Then the page reads, in this order:
        """
        Configuration → Account Settings
        Users
        Recovery requests
        Audit log
        Required two-factor authentication
        Employees who haven't yet enabled two-factor authentication will get warning notices, and any of their clicks will lead to the two-factor authentication settings page. This also applies to new employees.
        Allow backup codes
        When two-factor authentication is turned on, employees get ten one-time backup codes, each usable once instead of the 6-digit code at sign-in.
        Grace period (hours)
        With Required two-factor authentication: for that many hours employees get the warning notice but can still work; 0 leads every click to the settings page at once.
        Trust this browser for (days)
        "Trust this browser" after the 6-digit code: that browser skips the code for so many days (at most 30); 0 is off.
        Update
        """

    @pages
    Scenario: The Audit log of a company where nothing has happened says so
      When Olga opens Configuration → Audit log
      Then the page reads, in this order:
        """
        Configuration → Audit log
        Nothing has happened yet.
        """

    @pages
    Scenario: After Update, Account Settings says the settings are saved
      Given Ann has turned on two-factor authentication with Google Authenticator
      When Ann opens Configuration → Account Settings
      And checks the box "Required two-factor authentication"
      And presses the Update button
      Then the page says "Account Settings have been updated."
      And Account Settings shows the box "Required two-factor authentication" checked for Ann

    Scenario: Pressing Update again without changing the box changes nothing
      Given Ann has required two-factor authentication for Acme
      And Ann has turned on two-factor authentication with Google Authenticator
      When 5 minutes pass
      And Ann opens Configuration → Account Settings
      And presses the Update button
      Then Acme requires two-factor authentication
      And the Audit log of Acme shows these events, oldest first
        | 2026-11-27 09:00:00 | required two-factor authentication changed | ann |  | ticked |

    @article-26
    Scenario Outline: <who> cannot open Acme's Account Settings
      When <who> tries to open Configuration → Account Settings
      Then it is refused with "Only an admin of this company can do this."

      Examples:
        | who |
        | Eve |
        | Sam |

    @pages
    Scenario: A long Audit log shows fifty events a page, with Older and Newer between the pages
      Given Ann has ticked and unticked the box "Required two-factor authentication" 30 times
      When Ann opens Configuration → Audit log
      Then the page reads, in this order:
        """
        Configuration → Audit log
        Older
        """
      When Ann clicks Older
      Then the page reads, in this order:
        """
        Configuration → Audit log
        Newer
        """

    @pages
    Scenario: The page that refuses Eve says why, and leads back to Precoro
      When Eve tries to open Configuration → Account Settings
      Then the page reads, in this order:
        """
        Sorry
        Only an admin of this company can do this.
        Back to Precoro
        """

    Scenario Outline: <who> cannot require it by sending the update without the page
      When <who> tries to update Account Settings with the box "Required two-factor authentication" checked
      Then it is refused with "Only an admin of this company can do this."
      And Acme does not require two-factor authentication
      When Eve signs in with her password
      Then Eve sees no warning notice

      Examples:
        | who |
        | Eve |
        | Sam |

    Scenario: An admin of another company cannot affect Acme
      When Olga opens Configuration → Account Settings
      And checks the box "Required two-factor authentication"
      And presses the Update button
      And Olga turns on two-factor authentication with Google Authenticator
      Then Globex requires two-factor authentication
      And Acme does not require two-factor authentication
      When Eve signs in with her password
      Then Eve sees no warning notice
      When Gus signs in with his password
      Then Gus sees the warning notice "Your company requires two-factor authentication. Please turn it on in Profile settings → Two-factor authentication to continue."

  Rule: Employees without two-factor authentication get a warning notice, and any click leads to the settings page

    Background:
      Given Ann has required two-factor authentication for Acme

    @article-28
    Scenario: Eve gets the warning notice when she signs in
      When Eve signs in with her password
      Then Eve sees the warning notice "Your company requires two-factor authentication. Please turn it on in Profile settings → Two-factor authentication to continue."

    @article-28
    Scenario: The two-factor authentication settings page shows the warning notice too
      When Eve goes to Profile settings and selects Two-factor authentication
      Then the page shows the warning notice "Your company requires two-factor authentication. Please turn it on in Profile settings → Two-factor authentication to continue."

    @article-29
    Scenario Outline: Eve's click on <page> leads to <destination>
      When Eve signs in with her password
      Then Eve's click on <page> leads to <destination>

      Examples:
        | page                                   | destination                            |
        | any other page                         | the two-factor authentication settings |
        | the two-factor authentication settings | the two-factor authentication settings |
        | sign out                               | sign out                               |

    @article-45
    Scenario: Ann, an admin without two-factor authentication, is covered too
      When Ann signs in with her password
      Then Ann sees the warning notice "Your company requires two-factor authentication. Please turn it on in Profile settings → Two-factor authentication to continue."
      And Ann's click on any other page leads to the two-factor authentication settings

    Scenario: Employees who already turned two-factor authentication on see no notice
      Given Bob is an employee of Acme
      And Bob has turned on two-factor authentication with Authy
      When Bob signs in with his password and a code from his phone
      Then Bob is signed in with no warning notice
      And Bob's click on any other page leads to any other page

    Scenario: Employees of other companies are not affected
      When Gus signs in with his password
      Then Gus sees no warning notice
      And Gus's click on any other page leads to any other page

  Rule: Employees have to enable two-factor authentication and won't be able to disable it

    Background:
      Given Ann has required two-factor authentication for Acme

    @article-25 @article-30
    Scenario Outline: Eve enables two-factor authentication with <application> and may go anywhere
      When Eve turns on two-factor authentication with <application>
      Then two-factor authentication is activated
      And Eve's two-factor authentication is on with <application>
      When 30 seconds pass
      And Eve signs in with her password and a code from her phone
      Then Eve is signed in with no warning notice
      And Eve's click on any other page leads to any other page

      Examples:
        | application          |
        | Google Authenticator |
        | Authy                |

    @article-30
    @pages
    Scenario Outline: Eve cannot disable two-factor authentication (<application>)
      Given Eve has turned on two-factor authentication with <application>
      When Eve goes to Profile settings and selects Two-factor authentication
      Then the page offers no Turn Off button
      When Eve opens the Turn Off page by its address and tries to turn it off with a code from her phone
      Then Turn Off is refused with "Your company requires two-factor authentication: it cannot be turned off. You can change the authentication application instead."
      And the refusal is shown on the two-factor authentication settings page
      And Eve's two-factor authentication is on with <application>

      Examples:
        | application          |
        | Google Authenticator |
        | Authy                |

  Rule: Those who turned it on before the box was checked cannot disable it either (decision-11)

    The article says "your employees who haven't yet enabled two-factor authentication …
    won't be able to disable it". A company that requires two-factor authentication surely
    wants nobody to drop it, least of all those who already had it: while the box is
    checked, nobody of the company turns it off, whenever they turned it on.

    @article-30
    @pages
    Scenario Outline: Bob turned it on with <application> before Ann checked the box, and cannot turn it off
      Given Bob is an employee of Acme
      And Bob has turned on two-factor authentication with <application>
      When Ann opens Configuration → Account Settings
      And checks the box "Required two-factor authentication"
      And presses the Update button
      And Bob goes to Profile settings and selects Two-factor authentication
      Then the page offers no Turn Off button
      When Bob opens the Turn Off page by its address and tries to turn it off with a code from his phone
      Then Turn Off is refused with "Your company requires two-factor authentication: it cannot be turned off. You can change the authentication application instead."
      And the refusal is shown on the two-factor authentication settings page
      And Bob's two-factor authentication is on with <application>

      Examples:
        | application          |
        | Google Authenticator |
        | Authy                |

  Rule: This process works automatically for any new employees of the company

    Background:
      Given Ann has required two-factor authentication for Acme

    @article-25 @article-31 @article-45
    Scenario Outline: Nina joins Acme as an <role> after the box was checked
      When Nina joins Acme as an <role>
      And Nina signs in with her password
      Then Nina sees the warning notice "Your company requires two-factor authentication. Please turn it on in Profile settings → Two-factor authentication to continue."
      And Nina's click on any other page leads to the two-factor authentication settings

      Examples:
        | role     |
        | employee |
        | admin    |

  Rule: Unticking the box lifts the requirement

    Background:
      Given Ann has required two-factor authentication for Acme

    Scenario: Ann unticks the box
      Given Ann has turned on two-factor authentication with Google Authenticator
      When 5 minutes pass
      And Ann opens Configuration → Account Settings
      And unticks the box "Required two-factor authentication"
      And presses the Update button
      Then Acme does not require two-factor authentication
      And the Audit log of Acme shows these events, oldest first
        | 2026-11-27 09:00:00 | required two-factor authentication changed | ann |  | ticked   |
        | 2026-11-27 09:05:30 | required two-factor authentication changed | ann |  | unticked |
      When Eve signs in with her password
      Then Eve sees no warning notice
      And Eve's click on any other page leads to any other page

    @pages
    Scenario: Once the box is unticked, Turn Off works again
      Given Eve has turned on two-factor authentication with Authy
      And Ann has lifted Required two-factor authentication for Acme
      When Eve goes to Profile settings and selects Two-factor authentication
      Then the page offers the Turn Off button
      When Eve turns off two-factor authentication with a code from her phone
      Then two-factor authentication is turned off
      And Eve's two-factor authentication is off

  Rule: After a reset, a user of such a company is sent straight to set two-factor authentication up again

    Background:
      Given Ann has required two-factor authentication for Acme
      And Eve has turned on two-factor authentication with Google Authenticator
      And Eve lost access to her Google Authenticator account
      And Eve contacted her CSM manager
      And the request was approved by Ann
      And we reset the two-factor authentication in her account

    @article-23 @article-29
    Scenario: Eve logs in with the password alone and lands on the settings page
      When Eve signs in with her password
      Then Eve sees the warning notice "Your company requires two-factor authentication. Please turn it on in Profile settings → Two-factor authentication to continue."
      And Eve's click on any other page leads to the two-factor authentication settings
      And Eve's click on sign out leads to sign out

    @pages
    Scenario: Eve sets two-factor authentication up again and may go anywhere
      When Eve turns on two-factor authentication with Authy
      Then two-factor authentication is activated
      And Eve's click on any other page leads to any other page
      When Eve goes to Profile settings and selects Two-factor authentication
      Then the page shows no warning notice
      And the page offers no Turn Off button

  Rule: Before checking the box, an admin sees who has two-factor authentication, and what Update will do to him

    Scenario: Configuration → Users lists Acme's people, with their application and since when
      Given Eve has turned on two-factor authentication with Google Authenticator
      And Bob is an employee of Acme
      When 2 days pass
      And Ann opens Configuration → Users
      Then the Users page lists
        | ann | admin    | off |                      |                  |
        | bob | employee | off |                      |                  |
        | eve | employee | on  | Google Authenticator | 2026-11-27 09:00 |

    Scenario: Account Settings say how many people have two-factor authentication on
      Given Eve has turned on two-factor authentication with Google Authenticator
      When Ann opens Configuration → Account Settings
      Then Account Settings say "1 of 2 people have two-factor authentication on."

    Scenario: Ann, who has no two-factor authentication herself, is told before Update that she will be sent to set it up
      When Ann opens Configuration → Account Settings
      Then Account Settings warn "You have not turned on two-factor authentication yourself: once it is required, you will be sent to set it up."
      When Ann opens Configuration → Account Settings
      And checks the box "Required two-factor authentication"
      And presses the Update button
      Then Ann's click on any other page leads to the two-factor authentication settings

    Scenario: An admin who has two-factor authentication gets no such warning
      Given Ann has turned on two-factor authentication with Authy
      When Ann opens Configuration → Account Settings
      Then Account Settings give no warning
