"""A store that counts what the service layer asks of it: readings and units of work."""

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass

from precoro_2fa.service_layer.ports import Reading, Store, UnitOfWork


@dataclass
class CountedStore:
    """``store``, counting the readings and units of work opened, and those open right now."""

    store: Store
    readings: int = 0
    units_of_work: int = 0
    open: int = 0

    def unit_of_work(self) -> UnitOfWork:
        self.units_of_work += 1
        return _Counted(self, self.store.unit_of_work())

    def reading(self) -> AbstractContextManager[Reading]:
        self.readings += 1
        return self._open(self.store.reading())

    @contextmanager
    def _open(self, reading: AbstractContextManager[Reading]) -> Iterator[Reading]:
        with reading as opened:
            self.open += 1
            try:
                yield opened
            finally:
                self.open -= 1

    def counts(self) -> tuple[int, int]:
        """(readings, units of work) since the last call."""
        counted = (self.readings, self.units_of_work)
        self.readings = self.units_of_work = 0
        return counted


class _Counted(UnitOfWork):
    """The inner unit of work, counted as open from ``__enter__`` to ``__exit__``."""

    def __init__(self, counter: CountedStore, inner: UnitOfWork) -> None:
        self._counter, self._inner = counter, inner

    def __enter__(self) -> "_Counted":
        inner = self._inner.__enter__()
        self.users, self.companies, self.requests = inner.users, inner.companies, inner.requests
        self.attempts, self.sessions, self.audit = inner.attempts, inner.sessions, inner.audit
        self.throttles = inner.throttles
        self.outbox = inner.outbox
        self._counter.open += 1
        return self

    def __exit__(self, *exc: object) -> None:
        self._counter.open -= 1
        self._inner.__exit__(*exc)  # type: ignore[arg-type]

    def commit(self) -> None:
        self._inner.commit()

    def rollback(self) -> None:
        self._inner.rollback()
