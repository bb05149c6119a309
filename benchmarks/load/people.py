"""The people of the load benchmark: logins with a TOTP secret each, and one password.

A code is accepted once per 30-second step, so a person signs in at most once per step:
``StepPool`` hands out people whose last sign-in was at an earlier step, and waits for
the next step if there is none (counted in ``waits``: the pool was too small).
"""

import base64
import json
import math
import secrets
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path

PASSWORD = "a long benchmark password"  # noqa: S105 (a fixture, not a secret)
STEP_SECONDS = 30
MARGIN = 1.2
"""People per sign-in a step: ``rate * 30 * 1.2`` people are needed for ``rate`` sign-ins/s."""


@dataclass(frozen=True, slots=True)
class Person:
    login: str
    secret: str
    """Base32, 160 bits, as an authentication app holds it."""


def people_needed(rate: float) -> int:
    """Enough people for ``rate`` sign-ins/s, rounded up to a hundred."""
    return math.ceil(rate * STEP_SECONDS * MARGIN / 100) * 100


def new_people(count: int) -> list[Person]:
    return [
        Person(f"person{number:05d}@load.test", base64.b32encode(secrets.token_bytes(20)).decode())
        for number in range(count)
    ]


def save(people: list[Person], file: Path) -> None:
    listed = [[person.login, person.secret] for person in people]
    file.write_text(json.dumps({"password": PASSWORD, "people": listed}))


def load(file: Path) -> list[Person]:
    return [Person(login, secret) for login, secret in json.loads(file.read_text())["people"]]


def step_now() -> int:
    return int(time.time()) // STEP_SECONDS


class StepPool:
    """Hands out each person at most once per time step, the longest-rested first."""

    def __init__(self, people: list[Person], last_steps: dict[str, int]) -> None:
        rested = sorted(people, key=lambda person: last_steps.get(person.login, -1))
        self._ready = deque((person, last_steps.get(person.login, -1)) for person in rested)
        self._out: set[str] = set()
        self.waits = 0

    def take(self) -> Person:
        while not self._ready or self._ready[0][1] >= step_now():
            self.waits += 1
            if self._ready:  # everyone has signed in at this step
                time.sleep(STEP_SECONDS - time.time() % STEP_SECONDS + 0.01)
            else:  # everyone is out, signing in
                time.sleep(0.05)
        person, _ = self._ready.popleft()
        self._out.add(person.login)
        return person

    def give_back(self, person: Person, last_step: int) -> None:
        """``last_step``: the latest step the person's code may have been accepted at."""
        self._out.discard(person.login)
        self._ready.append((person, last_step))

    def last_steps(self) -> dict[str, int]:
        """For the next run: people still out may have a code accepted at the next step."""
        steps = {person.login: step for person, step in self._ready}
        return steps | dict.fromkeys(self._out, step_now() + 1)
