@recovery @google_authenticator
Feature: Restore an account in Google Authenticator
  As an employee who lost access to her Google Authenticator account
  I want Precoro to reset my two-factor authentication once an admin at my company approves
  So that I can log in to Precoro again and set two-factor authentication up again,
  while nobody can have the second factor of my account switched off alone

  Google Authenticator cannot restore an account (the article warns: "Do not remove Google
  Authenticator from your phone!"). The way back is the article's: the user contacts the
  CSM manager or the online chat, Precoro support records the request, an admin at the
  user's own company approves it, and only then support resets two-factor authentication.
  The requester cannot approve their own request: an admin who lost the phone needs another
  admin. A request is decided once and carried out once. "We will ask an admin at your
  company": while a request waits, every admin of the company (but the requester) sees on
  every page that it waits for their approval, with a link to Configuration → Recovery
  requests; the requester's own row offers no Approve or Reject.

  Background:
    Given Ann is an admin of Acme
    And Adam is an admin of Acme
    And Eve is an employee of Acme
    And Bob is an employee of Acme
    And Olga is an admin of Globex
    And Sam is a Precoro support agent
    And Eve has turned on two-factor authentication with Google Authenticator

  Rule: Contact support, an admin at the company approves, support resets, the user sets 2FA up again

    @article-19 @article-20 @article-21 @article-22 @article-23
    Scenario Outline: Eve gets back into Precoro after losing her phone
      Given Eve lost access to her Google Authenticator account
      When Eve <contacts support>
      Then the request is recorded as made to <channel>
      And we ask an admin at her company to approve this request
      When the request is approved by Ann
      And we reset the two-factor authentication in her account
      Then Eve can log in to Precoro without two-factor authentication and set it up again

      Examples:
        | contacts support                      | channel     |
        | contacts her CSM manager              | CSM manager |
        | gets in touch with us via online chat | online chat |

    @pages
    Scenario: Support's page says which admins will be asked to approve
      Given Eve lost access to her Google Authenticator account
      When Eve contacts her CSM manager
      Then support's page says "Request recorded for eve. We will ask an admin at their company to approve it: adam, ann."
      And support's page reads, in this order:
        """
        Support → Recovery requests
        Record a request
        An employee lost access to Google Authenticator and contacted their CSM manager or the online chat. Record the request: an admin of their company will be asked to approve it.
        Record request
        Every request
        """

    @article-19 @article-20
    Scenario: The Two-factor authentication page says where to go if the phone is lost
      When Eve goes to Profile settings and selects Two-factor authentication
      Then under "Lost your phone?" the page says "Google Authenticator: contact your CSM manager or get in touch with us via online chat. We will ask an admin at your company to approve this request, then reset the two-factor authentication in your account."
      And the page does not link to the article on restoring an Authy account

    Scenario: The lost phone's codes are refused once Eve has set two-factor authentication up again
      Given Eve lost access to her Google Authenticator account
      When Eve contacts her CSM manager
      And the request is approved by Ann
      And we reset the two-factor authentication in her account
      Then Eve can log in to Precoro without two-factor authentication and set it up again
      When 30 seconds pass
      Then a code from the lost phone is refused at sign-in with "This code is incorrect or has expired. Enter the current code from your app."

    Scenario: Until the reset, Eve's account still asks for the code
      Given Eve lost access to her Google Authenticator account
      When Eve gets in touch with us via online chat
      And the request is approved by Ann
      Then the request waits for us to reset the two-factor authentication
      And Eve's two-factor authentication is on
      When Eve signs in with her password
      Then Eve is asked for the 6-digit code

    Scenario Outline: We record a request only for a user whose two-factor authentication is on
      When Bob asks <channel> to reset his two-factor authentication
      Then it is refused with "Two-factor authentication is off."
      And no reset request is waiting for Bob

      Examples:
        | channel            |
        | his CSM manager    |
        | us via online chat |

    Scenario: Only Precoro support records a request
      When Ann tries to record a reset request for Eve
      Then it is refused with "Only Precoro support can do this."
      And no reset request is waiting for Eve

  Rule: Only an admin at the user's own company approves or rejects, and never the requester

    @article-21
    Scenario Outline: <who> cannot <decide> Eve's request
      Given Eve contacted her CSM manager
      When <who> tries to <decide> the request
      Then it is refused with "Only an admin of this company can do this."
      And the request is "waiting for approval by an admin of the company"

      Examples:
        | who  | decide  |
        | Bob  | approve |
        | Bob  | reject  |
        | Eve  | approve |
        | Olga | approve |
        | Olga | reject  |
        | Sam  | approve |

    @article-21
    @pages
    Scenario: Every admin of Eve's company sees, on every page, that her request waits for approval
      Given Eve contacted her CSM manager
      When Ann signs in with her password
      Then Ann sees on every page "A recovery request waits for your approval: Configuration → Recovery requests."
      When Adam signs in with his password
      Then Adam sees on every page "A recovery request waits for your approval: Configuration → Recovery requests."
      When Olga signs in with her password
      Then Olga sees no recovery request waiting for her approval
      When Bob signs in with his password
      Then Bob sees no recovery request waiting for his approval

    @pages
    Scenario: Configuration → Recovery requests says what Ann's approval and her rejection did
      Given Bob has turned on two-factor authentication with Google Authenticator
      And Eve contacted her CSM manager
      When the request is approved by Ann
      Then the page reads, in this order:
        """
        The request of eve is approved: support will reset 2FA.
        Configuration → Recovery requests
        """
      When Bob contacts his CSM manager
      And the request is rejected by Ann
      Then the page reads, in this order:
        """
        The request of bob is rejected.
        Configuration → Recovery requests
        """

    @pages @alone
    Scenario: Support → Recovery requests says when no request was ever recorded
      When Sam opens Support → Recovery requests
      Then the page reads, in this order:
        """
        Support → Recovery requests
        Every request
        No recovery requests yet.
        """

    @pages
    Scenario: Configuration → Recovery requests says when no request waits
      When Ann opens Configuration → Recovery requests
      Then the page reads, in this order:
        """
        Configuration → Recovery requests
        No recovery requests.
        """

    @pages
    Scenario: Once approved, the request no longer waits for the admins
      Given Eve contacted her CSM manager
      And the request was approved by Ann
      When Adam signs in with his password
      Then Adam sees no recovery request waiting for his approval

    @article-21
    @pages
    Scenario: An admin is never offered Approve or Reject on her own request
      Given Ann has turned on two-factor authentication with Google Authenticator
      And Ann contacted her CSM manager
      When Ann signs in with her password and a code from her phone
      Then Ann sees no recovery request waiting for her approval
      And on Configuration → Recovery requests, Ann's own request offers neither Approve nor Reject but says "Your own request: another admin of the company approves or rejects it."
      When Adam signs in with his password
      Then Adam sees on every page "A recovery request waits for your approval: Configuration → Recovery requests."

    Scenario Outline: An admin who lost her phone needs another admin to <decide> her request
      Given Ann has turned on two-factor authentication with Google Authenticator
      And Ann lost access to her Google Authenticator account
      And Ann contacted her CSM manager
      When Ann tries to <decide> the request
      Then it is refused with "A request must be approved by another admin of the company."
      And the request is "waiting for approval by an admin of the company"

      Examples:
        | decide  |
        | approve |
        | reject  |

    Scenario: Another admin approves the request of an admin who lost her phone
      Given Ann has turned on two-factor authentication with Google Authenticator
      And Ann lost access to her Google Authenticator account
      And Ann contacted her CSM manager
      When the request is approved by Adam
      And we reset the two-factor authentication in her account
      Then Ann can log in to Precoro without two-factor authentication and set it up again

    Scenario Outline: A request is decided once: <first> by Ann, then <second> by Adam
      Given Eve contacted her CSM manager
      And the request was <first> by Ann
      When Adam tries to <second> the request
      Then it is refused with "This request has already been approved or rejected."
      And the request is "<state>"

      Examples:
        | first    | second  | state                           |
        | approved | approve | approved: waiting for the reset |
        | approved | reject  | approved: waiting for the reset |
        | rejected | approve | rejected                        |
        | rejected | reject  | rejected                        |

  Rule: Support resets two-factor authentication only for an approved request, and only once

    @article-22
    Scenario: A rejected request leaves two-factor authentication on
      Given Eve contacted her CSM manager
      When the request is rejected by Ann
      And we try to reset the two-factor authentication in her account
      Then it is refused with "Two-factor authentication is reset only for an approved request."
      And Eve's two-factor authentication is on

    @article-22
    Scenario: A request waiting for approval cannot be carried out
      Given Eve contacted her CSM manager
      When we try to reset the two-factor authentication in her account
      Then it is refused with "Two-factor authentication is reset only for an approved request."
      And Eve's two-factor authentication is on

    @article-22
    Scenario: An approved request is carried out once, even after Eve has set 2FA up again
      Given Eve lost access to her Google Authenticator account
      And Eve contacted her CSM manager
      And the request was approved by Ann
      When we reset the two-factor authentication in her account
      Then Eve can log in to Precoro without two-factor authentication and set it up again
      When we try to reset the two-factor authentication in her account
      Then it is refused with "Two-factor authentication was already reset for this request."
      And Eve's two-factor authentication is on

    @pages
    Scenario: Sam is asked to confirm the reset, and can still step back
      Given Eve contacted her CSM manager
      And the request was approved by Ann
      When Sam presses Reset beside Eve's request
      Then the page reads, in this order:
        """
        Reset two-factor authentication?
        Reset the two-factor authentication of eve (Acme), approved by ann? They will sign in with their password alone and set it up again.
        Reset
        Cancel
        """
      When Sam presses Cancel
      Then the page lists the requests
        | eve | Acme | CSM manager | 2026-11-27 09:00 | approved: waiting for the reset | ann | Reset |
      And Eve's two-factor authentication is on

    Scenario Outline: <who> cannot reset two-factor authentication, even for an approved request
      Given Eve contacted her CSM manager
      And the request was approved by Ann
      When <who> tries to reset the two-factor authentication in Eve's account
      Then it is refused with "Only Precoro support can do this."
      And the request waits for us to reset the two-factor authentication
      And Eve's two-factor authentication is on

      Examples:
        | who  |
        | Ann  |
        | Eve  |
        | Bob  |
        | Olga |

  Rule: Support sees every request, with its company, its state and what it offers

    Support → Recovery requests lists every request, the last recorded first (50 a page):
    those waiting for an admin, those approved and waiting for the reset, and those rejected,
    reset or whose approval expired. Only an approved request still fresh offers Reset.
    Configuration → Recovery requests says the same state of the company's own requests.

    @pages
    Scenario: Sam sees Eve's rejected request, her new one, and Ann's approved one
      Given Ann has turned on two-factor authentication with Google Authenticator
      And Eve contacted her CSM manager
      And the request was rejected by Adam
      And Ann contacted her CSM manager
      And the request was approved by Adam
      And Eve got in touch with us via online chat
      When Sam opens Support → Recovery requests
      Then the page lists the requests
        | eve | Acme | online chat | 2026-11-27 09:01 | waiting for approval by an admin of the company |      |       |
        | ann | Acme | CSM manager | 2026-11-27 09:01 | approved: waiting for the reset                 | adam | Reset |
        | eve | Acme | CSM manager | 2026-11-27 09:01 | rejected                                        | adam |       |

    @pages
    Scenario: An approval a week old shows as expired, and offers no Reset
      Given Eve contacted her CSM manager
      And the request was approved by Ann
      When 7 days pass
      And Sam opens Support → Recovery requests
      Then the page lists the requests
        | eve | Acme | CSM manager | 2026-11-27 09:00 | approval expired | ann |  |
      When Adam opens Configuration → Recovery requests
      Then the page lists the requests
        | eve | CSM manager | 2026-11-27 09:00 | approval expired | ann |  |
      And the page reads, in this order:
        """
        Configuration → Recovery requests
        Employees who lost access to Google Authenticator asked Precoro to reset their two-factor authentication. Approve a request only if you are sure it is theirs.
        """

  Rule: One request at a time, and an approval is carried out within a week

    The article does not say how long an approval holds. A careful team lets it expire: an
    approval left alone for weeks could otherwise wipe the two-factor authentication that
    the user has set up again in the meantime. One open request per user keeps a second
    approval from resetting twice.

    Scenario: A second request is refused while the first one is open
      Given Eve contacted her CSM manager
      When Eve asks us via online chat to reset her two-factor authentication
      Then it is refused with "A reset request for this user is already open."

    Scenario: A second request is refused while an approved one waits for the reset
      Given Eve contacted her CSM manager
      And the request was approved by Ann
      When Eve asks us via online chat to reset her two-factor authentication
      Then it is refused with "A reset request for this user is already open."

    Scenario: An approval six days old is carried out
      Given Eve lost access to her Google Authenticator account
      And Eve contacted her CSM manager
      And the request was approved by Ann
      When 6 days pass
      And we reset the two-factor authentication in her account
      Then Eve can log in to Precoro without two-factor authentication and set it up again

    Scenario: An approval a week old no longer resets two-factor authentication
      Given Eve contacted her CSM manager
      And the request was approved by Ann
      When 7 days pass
      And we try to reset the two-factor authentication in her account
      Then it is refused with "This approval has expired: record a new request for an admin to approve."
      When Eve signs in with her password
      Then Eve is asked for the 6-digit code

  Rule: The audit trail records every step of the recovery, never a code or a secret

    Scenario: A request approved and carried out
      Given Eve contacted her CSM manager
      When 5 minutes pass
      And the request is approved by Ann
      And 5 minutes pass
      And we reset the two-factor authentication in her account
      Then the Audit log of Acme shows these events, oldest first
        | 2026-11-27 09:00:30 | reset requested | sam | eve |  |
        | 2026-11-27 09:05:30 | reset approved  | ann | eve |  |
        | 2026-11-27 09:10:30 | reset performed | sam | eve |  |

    Scenario: A rejected request
      Given Eve contacted her CSM manager
      When the request is rejected by Adam
      Then the Audit log of Acme shows these events, oldest first
        | 2026-11-27 09:00:30 | reset requested | sam  | eve |  |
        | 2026-11-27 09:00:30 | reset rejected  | adam | eve |  |

  Rule: When no other admin of the company can decide, a second Precoro support agent does

    The article asks "an admin at your company" to approve. When the company's only admin
    lost the phone, no one could: the request would wait for ever and the admin stay locked
    out. Decision (decision-10 of spec/article.md): then a second Precoro support agent, not
    the one who recorded the request, approves or rejects it, after the CSM manager has
    confirmed who is asking; four eyes are kept. When support records a request, the page
    says who will be asked.

    Background:
      Given Una is an admin of Unicorp
      And Tom is a Precoro support agent
      And Una has turned on two-factor authentication with Google Authenticator

    @article-21 @article-22
    @pages
    Scenario: Tom approves the request of Unicorp's only admin, recorded by Sam
      Given Una lost access to her Google Authenticator account
      When Una contacts her CSM manager
      Then support's page says "Request recorded for una. No other admin at their company can approve it: another Precoro support agent will, once the CSM manager has confirmed who is asking."
      When the request is approved by Tom
      Then the page reads, in this order:
        """
        The request of una is approved: reset 2FA below.
        Support → Recovery requests
        """
      When we reset the two-factor authentication in her account
      Then the page reads, in this order:
        """
        Two-factor authentication of una is reset: they can sign in with their password and set it up again.
        Support → Recovery requests
        """
      And Una can log in to Precoro without two-factor authentication and set it up again

    @pages
    Scenario: Support's page says who decides the request of Unicorp's only admin
      Given Una contacted her CSM manager
      When Tom opens Support → Recovery requests
      Then the page lists the requests
        | una | Unicorp | CSM manager | 2026-11-27 09:01 | waiting for approval by another Precoro support agent |  | Approve Reject |
      When Sam opens Support → Recovery requests
      Then the page lists the requests
        | una | Unicorp | CSM manager | 2026-11-27 09:01 | waiting for approval by another Precoro support agent |  | You recorded it: another support agent approves or rejects it. |

    Scenario: Sam, who recorded the request, cannot approve it
      Given Una contacted her CSM manager
      When Sam tries to approve the request on Support → Recovery requests
      Then it is refused with "The request of a company's only admin is approved by another Precoro support agent than the one who recorded it."
      And the request is "waiting for approval by another Precoro support agent"

    Scenario: Where the company has another admin, support cannot approve
      Given Uri is an admin of Unicorp
      And Una contacted her CSM manager
      When Tom tries to approve the request on Support → Recovery requests
      Then it is refused with "Only an admin of this company can do this."
      And the request is "waiting for approval by an admin of the company"

  Rule: A refused decision or reset is answered on the page where it was tried, never a dead end

    The rules above run on every driver; these read where the refusal is shown, which only a
    page can show.

    @pages
    Scenario Outline: Ann, who lost her phone, is refused on Configuration → Recovery requests when she tries to <decide> her own request
      Given Ann has turned on two-factor authentication with Google Authenticator
      And Ann lost access to her Google Authenticator account
      And Ann contacted her CSM manager
      When Ann tries to <decide> the request
      Then it is refused with "A request must be approved by another admin of the company."
      And the refusal is shown on the Configuration → Recovery requests page

      Examples:
        | decide  |
        | approve |
        | reject  |

    @pages
    Scenario: Adam is refused on Configuration → Recovery requests when the request was already decided
      Given Eve contacted her CSM manager
      And the request was approved by Ann
      When Adam tries to reject the request
      Then it is refused with "This request has already been approved or rejected."
      And the refusal is shown on the Configuration → Recovery requests page

    @pages
    Scenario: Support is refused on Support → Recovery requests when the request was rejected
      Given Eve contacted her CSM manager
      And the request was rejected by Ann
      When we try to reset the two-factor authentication in her account
      Then it is refused with "Two-factor authentication is reset only for an approved request."
      And the refusal is shown on the Support → Recovery requests page
