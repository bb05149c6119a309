"""The served app forgets what has expired, and sends again the emails the mail server did
not take, every ``PURGE_EVERY``: ``Purger``."""

import logging
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

from precoro_2fa import Precoro
from precoro_2fa.service_layer.housekeeping import Purged

PURGE_EVERY = timedelta(minutes=10)

T = TypeVar("T")

log = logging.getLogger(__name__)


class Purger:
    """A daemon thread in each gunicorn worker that runs ``precoro.purge()`` every ``every``,
    then ``precoro.deliver_notifications()``: an email queued while the mail server was down
    is sent within ``every`` of its coming back, even if nobody changes anything meanwhile.

    Why in each worker: a worker opens its own store after gunicorn forks it (a database
    connection must not cross a fork), and the thread uses that store; the master process
    opens none. Several workers purging is harmless: a purge deletes what has expired, and a
    second one finds nothing more. Why a thread rather than every N requests: no request
    waits for it, and an idle server purges too. A failed purge is logged and the next round
    tries again (a delivery too); the thread never stops the server.
    """

    def __init__(
        self,
        precoro: Precoro,
        every: timedelta = PURGE_EVERY,
        stop: threading.Event | None = None,
    ) -> None:
        self._precoro, self._every = precoro, every
        self.stop = stop or threading.Event()

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.run, name="precoro-2fa purge", daemon=True)
        thread.start()
        return thread

    def run(self) -> None:
        """A purge and a delivery each time ``every`` passes, until ``stop`` is set."""
        while not self.stop.wait(self._every.total_seconds()):
            self.purge_once()
            self.deliver_once()

    def purge_once(self) -> Purged | None:
        purged = _logged_if_failed(self._precoro.purge, "the periodic purge failed")
        if purged is not None:
            log.info("%s", purged)
        return purged

    def deliver_once(self) -> int | None:
        failed = "the periodic delivery of emails failed"
        sent = _logged_if_failed(self._precoro.deliver_notifications, failed)
        if sent:
            log.info("sent the emails waiting in the outbox: %d", sent)
        return sent


def _logged_if_failed(round_: Callable[[], T], failed: str) -> T | None:
    """``round_``'s answer; None if it raised (whatever the database raised: logged, and the
    next round tries again)."""
    try:
        return round_()
    except Exception:
        log.exception(failed)
        return None
