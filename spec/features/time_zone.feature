@time_zone
Feature: Times in the reader's own time zone
  As a Precoro employee, an admin of a company or a support agent
  I want the times on Precoro's pages said in my own time zone
  So that "locked until 18:17" or "since 11:00" is the time on my own clock

  The article's pages show no times; the pages of the reference app do (the audit log,
  Configuration → Users, the recovery requests, a lock's end, a grace period's end). Each
  shows them in the time zone the person chose in Profile settings, else in the browser's
  (a small script of the app's own tells it), else in UTC, and names that time zone beside
  the time: in the heading of a column of times, or after the time in a sentence.

  Decision: only what is shown changes. The store, the audit log's data (each time on a
  page carries its UTC value in a <time datetime> element) and the CSV export stay in UTC.
  An email has no browser: it says its times in the time zone its reader chose, else in UTC.
  A time zone not on the list is refused, and the one chosen before stays.

  Background:
    Given Ann is an admin of Acme
    And Eve is an employee of Acme
    And Eve has turned on two-factor authentication with Google Authenticator

  Rule: Pages show times in the time zone chosen in Profile settings, else in the browser's

    @pages
    Scenario: Until a time zone is chosen, pages show times in the browser's
      Given Ann's browser is set to Europe/Warsaw
      When Ann opens Configuration → Users
      Then the times are shown in Europe/Warsaw
      And the page reads, in this order:
        """
        Configuration → Users
        """
      And Eve has two-factor authentication on since "2026-11-27 10:00"

    @pages
    Scenario: The time zone chosen in Profile settings wins over the browser's
      Given Ann's browser is set to Europe/Warsaw
      When Ann chooses the time zone America/New_York in Profile settings
      Then the page says "Your time zone has been updated."
      And the page reads, in this order:
        """
        Profile settings
        Profile settings
        Two-factor authentication
        Time zone
        Pages and emails show times in the time zone you choose here. Until you choose one, pages use your browser's (Europe/Warsaw) and emails UTC.
        Time zone
        Update
        """
      When Ann opens Configuration → Audit log
      Then the times are shown in America/New_York
      And the page reads, in this order:
        """
        Configuration → Audit log
        Filter
        Export as CSV
        """
      And the audit log shows "two-factor authentication turned on" by Eve at "2026-11-27 04:00:00"

    @pages
    Scenario: Choosing "Your browser's time zone" again
      Given Ann's browser is set to Asia/Tokyo
      And Ann has chosen the time zone America/New_York
      When Ann chooses "Your browser's time zone" in Profile settings
      And Ann opens Configuration → Users
      Then the times are shown in Asia/Tokyo
      And Eve has two-factor authentication on since "2026-11-27 18:00"

    Scenario: The end of a code lock is said in the browser's time zone
      Given Eve's browser is set to Asia/Tokyo
      When Eve signs in with her password
      And Eve enters a wrong code to sign in 5 times
      Then the sign-in code is refused with "This code is incorrect or has expired. Enter the current code from your app. Code entry is locked until 18:15 Asia/Tokyo."

  Rule: A time zone not on the list is refused, and the one chosen before stays

    @pages
    Scenario Outline: Profile settings refuse the time zone "<typed>"
      Given Ann has chosen the time zone America/New_York
      When Ann sends Profile settings' Update with the time zone "<typed>" by hand
      Then it is refused with "Choose a time zone from the list."
      And the refusal is shown on the Profile settings page
      When Ann opens Configuration → Users
      Then the times are shown in America/New_York

      Examples:
        | typed            |
        | Mars/Olympus     |
        | europe/kyiv      |
        | ../../etc/passwd |

  Rule: An email says its times in the time zone its reader chose, else in UTC

    Scenario: Eve chose Europe/Warsaw: the email about turning 2FA off says the time there
      Given Eve has chosen the time zone Europe/Warsaw
      When 30 seconds pass
      And Eve turns off two-factor authentication with a code from her phone
      Then Eve's email "Two-factor authentication is off" says the time "2026-11-27 10:01 Europe/Warsaw"

    Scenario: Eve chose no time zone: the email says the time in UTC
      Given Eve's browser is set to Asia/Tokyo
      When 30 seconds pass
      And Eve turns off two-factor authentication with a code from her phone
      Then Eve's email "Two-factor authentication is off" says the time "2026-11-27 09:01 UTC"
