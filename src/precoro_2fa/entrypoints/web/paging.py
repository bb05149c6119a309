"""Long lists, newest first, ``PAGE_SIZE`` a page (``?page=N``): the audit log and support's
recovery requests."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from flask import request

PAGE_SIZE = 50

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    shown: Sequence[T]
    number: int
    count: int


def page_of(newest_first: Sequence[T]) -> Page[T]:
    """The page the address asks for; a page out of range shows the nearest one."""
    count = max(1, -(-len(newest_first) // PAGE_SIZE))
    number = min(max(request.args.get("page", 1, type=int) or 1, 1), count)
    return Page(newest_first[(number - 1) * PAGE_SIZE : number * PAGE_SIZE], number, count)
