@recovery @authy
Feature: Restore an account in Authy
  As an employee who uses Authy and lost or replaced her phone
  I want to restore my Authy account on the new phone from Authy's backup
  So that my codes keep working without waiting for support or an admin

  The article sends Authy users to "this article", Precoro's own help article on restoring
  an Authy account. Authy's backup brings back the same secret, so Precoro has nothing to
  do: codes from the restored app are accepted like before, one use each. When an Authy user
  asks support for help, support points her to Authy's restore first and records no request.

  Decision (decision-12 of spec/article.md): the link says whose article it is, "Precoro's
  article on restoring an Authy account" (a link labelled "Authy's article" that leads to
  Precoro's would mislead), and the scenario checks its words and its address as written
  here.

  Decision: the admin-approved reset stays open to Authy users as a last resort, once
  Authy's restore has failed (backups were never turned on, or the backup password is lost).
  Without it such a user would be locked out of Precoro for good; and it is no easier to
  get than for Google Authenticator users: support records the request only when told the
  restore failed, and an admin at the user's own company still has to approve it.

  Background:
    Given Ann is an admin of Acme
    And Eve is an employee of Acme
    And Bob is an employee of Acme
    And Olga is an admin of Globex
    And Sam is a Precoro support agent
    And Eve has turned on two-factor authentication with Authy

  Rule: Authy restores the account on a new phone, with no support involved

    Background:
      Given Eve turned on Authy's backups

    @article-6 @article-24
    Scenario: Codes from the restored Authy keep working
      Given Eve lost her phone
      When Eve restores Authy on her new phone from Authy's backup
      And Eve signs in with her password and a code from her phone
      Then Eve is signed in
      And Eve's two-factor authentication is on with Authy
      And no reset request is waiting for Eve

    Scenario: The restored Authy can turn two-factor authentication off
      Given Eve lost her phone
      When Eve restores Authy on her new phone from Authy's backup
      And Eve turns off two-factor authentication with a code from her phone
      Then two-factor authentication is turned off
      And Eve's two-factor authentication is off

    Scenario: A code already used on the old phone is not accepted again from the restored one
      When Eve signs in with her password and a code from her phone
      And Eve restores Authy on her new phone from Authy's backup
      And Eve signs in with her password and a code from her phone
      Then the sign-in code is refused with "This code has already been used. Wait for the next code in your app."
      When 30 seconds pass
      And Eve signs in with her password and a code from her phone
      Then Eve is signed in

    Scenario: A phone restored from another account's backup gets no code of Eve's
      Given Bob has turned on two-factor authentication with Authy
      And Bob turned on Authy's backups
      And Eve lost her phone
      When Eve restores Authy on her new phone from Bob's Authy backup
      And Eve signs in with her password and a code from her phone
      Then the sign-in code is refused as wrong
      When Eve restores Authy on her new phone from Authy's backup
      And 30 seconds pass
      And Eve signs in with her password and a code from her phone
      Then Eve is signed in

  Rule: Support points an Authy user to Authy's restore first

    @article-24 @pages
    Scenario: The Two-factor authentication page points Eve to Authy's restore
      When Eve goes to Profile settings and selects Two-factor authentication
      Then under "Lost your phone?" the page says "Authy: restore your Authy account on the new phone from Authy's backup; your codes will keep working. If the restore fails, contact your CSM manager or get in touch with us via online chat."
      And under "Lost your phone?" the page links to "Precoro's article on restoring an Authy account" at "https://help.precoro.com/en/support/solutions/articles/35000177574-how-to-restore-an-authy-account"

    @article-24
    Scenario Outline: Eve asks <channel> for help and is pointed to Authy's restore
      Given Eve lost her phone
      When Eve asks <channel> to reset her two-factor authentication
      Then it is refused with "Restore your Authy account on the new phone from Authy's backup (see Precoro's article on restoring an Authy account); your codes will keep working."
      And no reset request is waiting for Eve
      And Eve's two-factor authentication is on with Authy

      Examples:
        | channel            |
        | her CSM manager    |
        | us via online chat |

  Rule: When Authy's restore failed, the admin-approved reset is the last resort

    @article-24
    Scenario Outline: Eve gets back into Precoro after Authy's restore failed
      Given Eve lost her phone
      When Eve <contacts support> after Authy's restore failed
      Then we ask an admin at her company to approve this request
      When the request is approved by Ann
      And we reset the two-factor authentication in her account
      Then Eve can log in to Precoro without two-factor authentication and set it up again

      Examples:
        | contacts support                      |
        | contacts her CSM manager              |
        | gets in touch with us via online chat |

    Scenario Outline: Even then, <who> cannot approve the request
      Given Eve lost her phone
      And Eve contacted her CSM manager after Authy's restore failed
      When <who> tries to approve the request
      Then it is refused with "Only an admin of this company can do this."
      And the request is "waiting for approval by an admin of the company"
      And Eve's two-factor authentication is on with Authy

      Examples:
        | who  |
        | Bob  |
        | Olga |
        | Sam  |

    Scenario: Even then, the reset waits for the admin's approval
      Given Eve lost her phone
      And Eve contacted her CSM manager after Authy's restore failed
      When we try to reset the two-factor authentication in her account
      Then it is refused with "Two-factor authentication is reset only for an approved request."
      And Eve's two-factor authentication is on with Authy

    Scenario: A rejected last-resort request leaves Authy in place
      Given Eve contacted her CSM manager after Authy's restore failed
      When the request is rejected by Ann
      And we try to reset the two-factor authentication in her account
      Then it is refused with "Two-factor authentication is reset only for an approved request."
      And Eve's two-factor authentication is on with Authy
      When Eve signs in with her password and a code from her phone
      Then Eve is signed in
