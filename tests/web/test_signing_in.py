"""Sign in: login and password, then the 6-digit code; sessions and cookies."""

import hashlib
import re
from collections.abc import Callable

from cachelib import SimpleCache
from freezegun.api import FrozenDateTimeFactory

from precoro_2fa import Precoro, Rejection, SignInExpired, bootstrap
from precoro_2fa.adapters.memory import InMemoryStore
from precoro_2fa.domain.sign_in import INCORRECT_LOGIN_OR_PASSWORD, SIGN_IN_EXPIRED
from precoro_2fa.entrypoints.web import create_app
from precoro_2fa.entrypoints.web.context import TRUSTED_BROWSER as TRUSTED
from tests.conftest import TEST_CONFIG, Phone
from tests.web.visitor import ADMIN, ANNA, BOB, PASSWORDS, Visitor, session_cookie

Visitors = Callable[[], Visitor]
TurnOn = Callable[[str], Phone]


def without_token(page: str) -> str:
    return re.sub(r'name="csrf_token"[^>]*value="[^"]+"', "", page)


def test_without_two_factor_the_password_leads_to_the_dashboard(visitor: Visitors) -> None:
    anna = visitor()
    assert anna.sign_in(ANNA).headers["Location"] == "/"
    anna.follow()
    assert "<h1>Dashboard</h1>" in anna.text
    assert "anna@acme.test · Acme" in anna.text


def test_with_two_factor_the_code_step_follows_the_password(
    visitor: Visitors, with_two_factor: TurnOn
) -> None:
    phone = with_two_factor(ANNA)
    anna = visitor()
    assert anna.sign_in(ANNA).headers["Location"] == "/sign-in/code"
    anna.follow()
    assert "enter the dynamic 6-digit code" in anna.text
    assert anna.enter_code(phone.code()).headers["Location"] == "/"
    assert "<h1>Dashboard</h1>" in anna.follow().text


def test_unknown_login_and_wrong_password_get_the_same_answer(visitor: Visitors) -> None:
    unknown = visitor().sign_in("nobody@acme.test", "whatever password")
    wrong = visitor().sign_in(ANNA, "not her password")
    assert unknown.status_code == wrong.status_code == 422
    assert INCORRECT_LOGIN_OR_PASSWORD in unknown.text
    assert without_token(unknown.text) == without_token(wrong.text).replace(
        ANNA, "nobody@acme.test"
    )


def test_a_wrong_code_is_refused_and_the_right_one_then_passes(
    visitor: Visitors, with_two_factor: TurnOn
) -> None:
    phone = with_two_factor(ANNA)
    anna = visitor()
    anna.sign_in(ANNA)
    wrong = "000000" if phone.code() != "000000" else "111111"
    assert anna.enter_code(wrong).status_code == 422
    assert anna.notices == [Rejection.WRONG.message]
    assert anna.enter_code(phone.code()).status_code == 303


def test_a_code_used_once_is_refused_at_the_next_sign_in(
    visitor: Visitors, with_two_factor: TurnOn
) -> None:
    phone = with_two_factor(ANNA)
    first = visitor()
    first.sign_in(ANNA)
    first.enter_code(phone.code())
    second = visitor()
    second.sign_in(ANNA)
    assert second.enter_code(phone.code()).status_code == 422
    assert second.notices == [Rejection.REPLAYED.message]


def test_another_users_code_does_not_complete_the_sign_in(
    visitor: Visitors, with_two_factor: TurnOn
) -> None:
    with_two_factor(ANNA)
    bobs_phone = with_two_factor(BOB)
    anna = visitor()
    anna.sign_in(ANNA)
    assert anna.enter_code(bobs_phone.code()).status_code == 422
    assert anna.get("/").headers["Location"] == "/sign-in/code"


def test_an_expired_code_step_sends_back_to_the_password(
    visitor: Visitors, with_two_factor: TurnOn, clock: FrozenDateTimeFactory
) -> None:
    phone = with_two_factor(ANNA)
    anna = visitor()
    anna.sign_in(ANNA)
    clock.tick(6 * 60)
    assert anna.enter_code(phone.code()).headers["Location"] == "/sign-in"
    anna.follow()
    assert anna.notices == [SignInExpired().message]
    assert anna.get("/").headers["Location"] == "/sign-in"


def test_a_new_session_id_after_each_sign_in_step(
    visitor: Visitors, with_two_factor: TurnOn
) -> None:
    phone = with_two_factor(ANNA)
    anna = visitor()
    anna.get("/sign-in")
    before = anna.session_id
    anna.sign_in(ANNA)
    after_password = anna.session_id
    anna.enter_code(phone.code())
    after_code = anna.session_id
    assert None not in (before, after_password, after_code)
    assert len({before, after_password, after_code}) == 3


def test_a_session_id_planted_before_sign_in_is_worthless_after_it(
    visitor: Visitors, with_two_factor: TurnOn
) -> None:
    """Session fixation: the attacker knows the id the victim had before signing in."""
    phone = with_two_factor(ANNA)
    anna = visitor()
    anna.get("/sign-in")
    planted = anna.session_id
    anna.sign_in(ANNA)
    half_signed_in = anna.session_id
    anna.enter_code(phone.code())
    for stale in (planted, half_signed_in):
        attacker = visitor()
        attacker.client.set_cookie(session_cookie(attacker.app), stale or "")
        assert attacker.get("/").headers["Location"] == "/sign-in"


def test_the_session_cookie_is_http_only_and_same_site_lax(visitor: Visitors) -> None:
    anna = visitor()
    anna.sign_in(ANNA)
    cookie = anna.client.get_cookie(session_cookie(anna.app))
    assert cookie is not None
    assert cookie.http_only
    assert cookie.same_site == "Lax"


def test_sign_out_ends_the_session(visitor: Visitors) -> None:
    anna = visitor()
    anna.sign_in(ANNA)
    signed_in = anna.session_id
    assert anna.sign_out().headers["Location"] == "/sign-in"
    assert anna.follow().status_code == 200
    assert anna.notices == ["You have signed out."]
    assert anna.session_id != signed_in
    assert anna.get("/").headers["Location"] == "/sign-in"


def test_a_signed_in_user_is_sent_from_the_sign_in_pages_to_the_dashboard(
    visitor: Visitors,
) -> None:
    anna = visitor()
    anna.sign_in(ANNA)
    assert anna.get("/sign-in").headers["Location"] == "/"
    assert anna.get("/sign-in/code").headers["Location"] == "/"


def test_pages_are_not_cached_framed_or_scripted(visitor: Visitors) -> None:
    page = visitor().get("/sign-in")
    assert page.headers["Cache-Control"] == "no-store"
    assert page.headers["X-Frame-Options"] == "DENY"
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]


def test_the_code_step_of_a_completed_sign_in_cannot_be_completed_again(
    visitor: Visitors, with_two_factor: TurnOn, clock: FrozenDateTimeFactory
) -> None:
    """The code step's session, replayed after the sign-in it completed: its attempt is over."""
    phone = with_two_factor(ANNA)
    anna = visitor()
    anna.sign_in(ANNA)
    code_step = anna.session_id
    assert anna.enter_code(phone.code()).status_code == 303
    clock.tick(30)
    replay = visitor()
    replay.client.set_cookie(session_cookie(replay.app), code_step or "")
    assert replay.get("/sign-in/code").headers["Location"] == "/sign-in"
    replay.follow()
    assert replay.notices == [SIGN_IN_EXPIRED]


def test_a_session_whose_login_the_store_no_longer_knows_ends_at_the_next_click(
    precoro: Precoro,
) -> None:
    """Two apps sharing one session cache, the second over a store without Bob: as a session
    that outlived its database, Bob's browser is sent to the sign-in page, signed out."""
    sessions = SimpleCache()
    first = create_app(precoro, secret_key="test secret key", sessions=sessions)
    empty = bootstrap(InMemoryStore(), config=TEST_CONFIG)
    second = create_app(empty, secret_key="test secret key", sessions=sessions)
    bob = Visitor(first)
    bob.sign_in(BOB)
    assert bob.session_id is not None
    kept = sessions.get(hashlib.sha256(bob.session_id.encode()).hexdigest())
    assert kept is not None
    stranger = Visitor(second)
    stranger.client.set_cookie(session_cookie(second), bob.session_id)
    answer = stranger.get("/profile/two-factor/turn-off")
    assert (answer.status_code, answer.headers["Location"]) == (303, "/sign-in")
    assert stranger.session_id is None  # the browser's cookie deleted, wherever it was set
    deleted = answer.headers["Set-Cookie"]
    assert deleted.startswith("precoro_session=; Expires=Thu, 01 Jan 1970 00:00:00 GMT")
    assert "; HttpOnly; Path=/; SameSite=Lax" in deleted  # as it was set
    assert sessions.get(hashlib.sha256(bob.session_id.encode()).hexdigest()) is None
    assert bob.get("/").headers["Location"] == "/sign-in"  # on the first app too


def test_a_backup_code_after_the_code_step_expired_sends_back_to_the_password(
    precoro: Precoro, visitor: Visitors, with_two_factor: TurnOn, clock: FrozenDateTimeFactory
) -> None:
    with_two_factor(ANNA)
    precoro.update_account_settings(ADMIN, False, backup_codes=True)
    anna = visitor()
    anna.sign_in(ANNA)
    clock.tick(6 * 60)
    assert anna.post("/sign-in/code", backup_code="abcde-fghij").headers["Location"] == "/sign-in"
    anna.follow()
    assert anna.notices == [SIGN_IN_EXPIRED]


def test_a_session_kept_in_the_app_s_cache_lasts_its_8_hours_after_a_change(
    visitor: Visitors, clock: FrozenDateTimeFactory
) -> None:
    """The demo app keeps sessions in its own cache: a session written again (a changed time
    zone) lives its 8 hours from then, as one written at sign-in does, and no longer."""
    bob = visitor()
    bob.sign_in(BOB)
    clock.tick(10 * 60)
    assert "<h1>Dashboard</h1>" in bob.get("/").text  # kept as written at sign-in
    assert bob.post("/profile", time_zone="Asia/Tokyo").status_code == 303
    clock.tick(7 * 3600)
    assert "<h1>Dashboard</h1>" in bob.get("/").text  # 8 hours from the change; written again
    clock.tick(8 * 3600)
    assert bob.get("/").headers["Location"] == "/sign-in"  # idle 8 hours: over at that second


def test_trusting_this_browser_keeps_a_cookie_for_the_company_s_days_out_of_scripts_reach(
    precoro: Precoro, visitor: Visitors, with_two_factor: TurnOn
) -> None:
    phone = with_two_factor(ANNA)
    precoro.update_account_settings(ADMIN, False, trust_browser_days=30)
    anna = visitor()
    anna.sign_in(ANNA)
    page = anna.post("/sign-in/code", code=phone.code(), trust_browser="y")
    [trusted] = [c for c in page.headers.getlist("Set-Cookie") if c.startswith(f"{TRUSTED}=")]
    assert "; Max-Age=2592000;" in trusted  # 30 days
    assert "; HttpOnly;" in trusted and trusted.endswith("; SameSite=Lax")


def test_behind_https_the_trusted_browser_cookie_is_secure(
    precoro: Precoro, with_two_factor: TurnOn
) -> None:
    phone = with_two_factor(ANNA)
    precoro.update_account_settings(ADMIN, False, trust_browser_days=30)
    app = create_app(precoro, "test secret key", SimpleCache(), https_proxies=1)
    client, https = app.test_client(), "https://precoro.example"
    proxied = {"X-Forwarded-Proto": "https", "Referer": f"{https}/sign-in"}

    def submit(path: str, **fields: str) -> str:
        page = client.get(path, base_url=https, headers=proxied)
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text)
        assert token is not None, page.text
        form = {"csrf_token": token.group(1), **fields}
        sent = client.post(path, base_url=https, headers=proxied, data=form)
        assert sent.status_code == 303, sent.text
        return "\n".join(sent.headers.getlist("Set-Cookie"))

    submit("/sign-in", login=ANNA, password=PASSWORDS[ANNA])
    cookies = submit("/sign-in/code", code=phone.code(), trust_browser="y")
    [trusted] = [c for c in cookies.splitlines() if c.startswith(f"{TRUSTED}=")]
    assert "; Secure;" in trusted
