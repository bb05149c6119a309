Feature: smoke
  Scenario: confirm
    Given "eve@acme.test" is an employee of "Acme"
    And "eve@acme.test" has turned on two-factor authentication with Google Authenticator
    When 30 seconds pass
    Then two-factor authentication is on for "eve@acme.test"
