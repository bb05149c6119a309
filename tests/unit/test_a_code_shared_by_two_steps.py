"""Should two steps of the window share a code (one chance in a million), the step nearer to
now is taken, and of the two either side of now, the one before: the code of now, typed
next, still works. With the RFC secret, steps 153567 and 153569 share 468457."""

from precoro_2fa.domain.authenticator import Authenticator
from tests.unit.conftest import GOOGLE, at_step
from tests.unit.rfc import RFC_SECRET

SHARED = "468457"


def test_the_step_before_now_is_taken_and_the_code_of_now_still_works() -> None:
    app = Authenticator(GOOGLE, RFC_SECRET)
    assert app.code_at(153567) == app.code_at(153569) == SHARED != app.code_at(153568)
    now = at_step(153568, 5)
    assert app.matching_step(SHARED, now) == 153567
    app.use(153567)
    assert app.matching_step(app.code_at(153568), now) == 153568
