"""Long lists, newest first, a page at a time (``?page=N``): the audit log and support's
recovery requests (``views.paged``, which reads only the page from the store)."""

from flask import request


def requested_page() -> int:
    """The page the address asks for (``?page=N``); 1 without one, or for a wrong one."""
    return request.args.get("page", 1, type=int) or 1
