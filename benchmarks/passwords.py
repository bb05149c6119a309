"""5. Sign-in with password: argon2id at the configured parameters (OWASP's defaults).

The hash is checked once per sign-in, before the code; its cost sets the second
factor's share of a whole sign-in.
"""

import statistics
import time

from benchmarks.timing import wall_seconds
from precoro_2fa import Config
from precoro_2fa.adapters.passwords import Argon2PasswordHasher

PASSWORD = "a long benchmark password"  # noqa: S105 (a fixture, not a secret)


def measure(repeats: int) -> tuple[float, str]:
    """Median milliseconds of one password check, and the parameters it ran with."""
    settings = Config().argon2
    hasher = Argon2PasswordHasher(settings)
    stored = hasher.hash(PASSWORD)
    hasher.verify(stored, PASSWORD)
    times = [wall_seconds(lambda: hasher.verify(stored, PASSWORD)) for _ in range(repeats)]
    parameters = (
        f"argon2id m={settings.memory_cost} KiB, t={settings.time_cost}, p={settings.parallelism}"
    )
    return statistics.median(times) * 1e3, parameters


def cpu_median_ms(repeats: int) -> float:
    """Median CPU milliseconds (``time.process_time``) of one password check."""
    hasher = Argon2PasswordHasher(Config().argon2)
    stored = hasher.hash(PASSWORD)
    times = []
    for _ in range(repeats):
        started = time.process_time()
        hasher.verify(stored, PASSWORD)
        times.append(time.process_time() - started)
    return statistics.median(times) * 1e3
