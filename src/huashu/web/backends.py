"""What a route hands to a service: the app's store and runtime (``request.app.state``, set
in the lifespan). Routes never open a store session themselves."""

from __future__ import annotations

from starlette.requests import HTTPConnection

from huashu.runtime import Runtime
from huashu.store import Store


def store_of(request: HTTPConnection) -> Store:
    store: Store = request.app.state.store
    return store


def runtime_of(request: HTTPConnection) -> Runtime:
    rt: Runtime = request.app.state.runtime
    return rt
