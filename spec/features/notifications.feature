@notifications
Feature: Notifications by email
  As a Precoro user, an admin of a company or a support agent
  I want an email when something happens to two-factor authentication that concerns me
  So that a change I did not make does not go unnoticed, and a request does not wait unseen

  Changing or disabling two-factor authentication notifies the user (OWASP MFA Cheat Sheet).
  Each email is written in the same transaction as the change it tells about, so nothing is
  sent for a change that did not happen, and sent over SMTP once that transaction is
  committed; a message the mail server did not take is sent again later. No email ever holds
  a code, a secret or a link that signs anyone in. The scenarios read the messages that a
  real SMTP server received.

  Background:
    Given Ann is an admin of Acme
    And Ben is an admin of Acme
    And Eve is an employee of Acme
    And Sam is a Precoro support agent

  Rule: The person is told when their two-factor authentication is turned on, turned off or reset

    Scenario: Eve is told when she turns two-factor authentication on, and when she turns it off
      When Eve turns on two-factor authentication with Google Authenticator
      Then Eve receives an email "Two-factor authentication is on"
      When 30 seconds pass
      And Eve turns off two-factor authentication with a code from her phone
      Then Eve receives an email "Two-factor authentication is off"
      And no email tells a code or a secret

    Scenario: A refused code changes nothing, and nothing is sent
      Given Eve has turned on two-factor authentication with Google Authenticator
      When Eve tries to turn off two-factor authentication with a wrong code
      Then Eve receives no email "Two-factor authentication is off"

  Rule: Every admin is told when a recovery request waits, support when it is approved, and the person when it is reset

    Scenario: Eve's lost phone, from the request to the reset
      Given Eve has turned on two-factor authentication with Google Authenticator
      And Eve lost access to her Google Authenticator account
      When Eve contacts her CSM manager
      Then every admin of Acme receives an email "A recovery request waits for your approval"
      When the request is approved by Ann
      Then Precoro support receives an email "A recovery request was approved"
      When we reset the two-factor authentication in her account
      Then Eve receives an email "Your two-factor authentication was reset"
      And no email tells a code or a secret

  Rule: Without a mail server, each person reads the emails in the Mailbox

    The reference app also runs without a mail server, as its demo does (`precoro-2fa demo`).
    Nothing is sent then, and nothing is lost: the menu offers a Mailbox, where each person
    reads the emails Precoro would have sent them, newest first. With a mail server the
    emails go out by SMTP and the menu has no Mailbox.

    @pages
    Scenario: With a mail server, the menu has no Mailbox
      When Eve signs in with her password
      Then the menu offers Dashboard, Purchase orders, Profile settings

    @pages @without_mail_server
    Scenario: Without a mail server, Eve reads in her Mailbox that two-factor authentication is on
      When Eve opens Mailbox from the menu
      Then the page reads, in this order:
        """
        Mailbox
        No email yet.
        """
      When Eve turns on two-factor authentication with Google Authenticator
      Then the menu offers Dashboard, Purchase orders, Profile settings, Mailbox
      When Eve opens Mailbox from the menu
      Then the page reads, in this order:
        """
        Mailbox
        Sign out
        Mailbox
        This demo app has no mail server: the emails Precoro would send you are shown here, newest first. With precoro-2fa serve --smtp HOST:PORT they are sent by email instead.
        Two-factor authentication is on
        """
