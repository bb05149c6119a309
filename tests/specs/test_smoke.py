from pytest_bdd import scenarios

scenarios("_smoke.feature")
