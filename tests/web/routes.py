"""Every route of the app, as (method, path, endpoint), with its URL arguments filled in."""

from flask import Flask

UNUSED_METHODS = {"HEAD", "OPTIONS"}


def every_route(app: Flask, argument: str = "no-such-id") -> list[tuple[str, str, str]]:
    routes = []
    for rule in app.url_map.iter_rules():
        path = rule.build({name: argument for name in rule.arguments}, append_unknown=False)
        assert path is not None
        for method in sorted((rule.methods or set()) - UNUSED_METHODS):
            routes.append((method, path[1], rule.endpoint))
    return sorted(routes)
