"""A process killed (SIGKILL) inside confirm, turn off or reset: the state before, never between.

The child process runs the command on the same database and stops at a hook inside the
transaction (right after its first write, or with every write done and COMMIT not yet
sent: SQLAlchemy's ``after_cursor_execute`` and ``commit`` events of the store's engine),
tells the parent through a pipe, and the parent kills it.
"""

import multiprocessing
import signal
from datetime import datetime, timedelta
from multiprocessing.connection import Connection
from typing import Any

import pyotp
import pytest
from sqlalchemy import event

from precoro_2fa import Channel, Precoro, Role, TwoFactorStatus, bootstrap
from precoro_2fa.adapters.sql import SqlStore
from tests.conftest import PASSWORD, TEST_CONFIG
from tests.store.conftest import enrolled, rows
from tests.store.contenders import TIMEOUT, SetClock
from tests.store.databases import TEST_KEY

EVE, SUPPORT, ADMIN = "eve@acme.test", "sam@precoro.test", "ada@acme.test"
Command = tuple[str, tuple[object, ...]]


def stop_here(pipe: Connection) -> None:
    pipe.send("stopped inside the transaction")
    signal.pause()


def run_until_hook(url: str, at: datetime, command: Command, hook: str, pipe: Connection) -> None:
    store = SqlStore(url, TEST_KEY, migrate=False)
    app = bootstrap(store, TEST_CONFIG, SetClock(at))

    def stop_after_a_write(_connection: Any, _cursor: Any, statement: str, *_: Any) -> None:
        if statement.startswith(("INSERT", "UPDATE")):
            stop_here(pipe)

    if hook == "first write":
        event.listen(store.engine, "after_cursor_execute", stop_after_a_write)
    else:
        event.listen(store.engine, "commit", lambda _connection: stop_here(pipe))
    name, arguments = command
    getattr(app, name)(*arguments)
    pipe.send("finished: the hook was never reached")


def kill_inside(url: str, at: datetime, command: Command, hook: str) -> None:
    context = multiprocessing.get_context("spawn")
    ours, theirs = context.Pipe()
    child = context.Process(target=run_until_hook, args=(url, at, command, hook, theirs))
    child.start()
    try:
        assert ours.poll(TIMEOUT), "the child never reached the hook"
        assert ours.recv() == "stopped inside the transaction"
    finally:
        child.kill()
        child.join(TIMEOUT)
    assert child.exitcode == -signal.SIGKILL


def confirm(app: Precoro, clock: SetClock) -> Command:
    app.add_company("acme", "Acme")
    app.add_user(EVE, PASSWORD, "acme")
    secret = app.choose_application(EVE, app.turn_on(EVE).applications[0]).secret
    return "confirm", (EVE, pyotp.TOTP(secret).at(clock.at))


def turn_off(app: Precoro, clock: SetClock) -> Command:
    phone = enrolled(app, EVE)
    clock.at += timedelta(seconds=30)
    return "turn_off", (EVE, phone.at(clock.at))


def reset(app: Precoro, clock: SetClock) -> Command:
    enrolled(app, EVE)
    app.add_user(ADMIN, PASSWORD, "acme", Role.ADMIN)
    app.add_support_agent(SUPPORT, PASSWORD)
    request = app.request_reset(SUPPORT, EVE, Channel.ONLINE_CHAT)
    app.approve(ADMIN, request.id)
    return "reset", (SUPPORT, request.id)


AFTER = {
    "confirm": TwoFactorStatus.ON,
    "turn_off": TwoFactorStatus.OFF,
    "reset": TwoFactorStatus.OFF,
}


@pytest.mark.parametrize("hook", ["first write", "every write done"])
@pytest.mark.parametrize("prepare", [confirm, turn_off, reset])
def test_a_process_killed_inside_a_command_leaves_the_state_before_it(
    app: Precoro, set_clock: SetClock, url: str, prepare: Any, hook: str
) -> None:
    command = prepare(app, set_clock)
    before = rows(url)
    kill_inside(url, set_clock.at, command, hook)
    assert rows(url) == before
    name, arguments = command
    getattr(app, name)(*arguments)
    after = rows(url)
    assert after["users"] != before["users"]
    assert len(after["audit_events"]) > len(before["audit_events"])
    assert app.two_factor_view(EVE).status is AFTER[name]
