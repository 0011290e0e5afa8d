"""The asynchronous client of the HTTP layer (:mod:`huashu.net.http`): the same policy,
errors and redaction, for one event loop."""

from __future__ import annotations

import asyncio
import random
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import tenacity

from huashu.net.http import Accept, Call, Clock, Exchange, Retrier, host_key, utcnow
from huashu.net.policy import HttpPolicy


@dataclass
class _Pool:
    """One host's slots and its idle single-connection clients."""

    slots: asyncio.Semaphore
    idle: list[httpx.AsyncClient] = field(default_factory=list)


class AsyncHttpClient:
    """The asynchronous client (one event loop; use as ``async with``). Each host gets up to
    ``per_host`` single-connection httpx clients, made as needed: a request in flight holds
    one, so no request waits on a shared connection pool's bookkeeping (which costs several
    times the request itself at high concurrency)."""

    def __init__(
        self,
        policy: HttpPolicy,
        *,
        name: str = "http",
        headers: Mapping[str, str] | None = None,
        secrets: Iterable[str] = (),
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        rng: random.Random | None = None,
        clock: Clock = utcnow,
    ) -> None:
        self._retrier = Retrier(policy, name=name, secrets=secrets, rng=rng, clock=clock)
        self._headers = dict(headers or {})
        self._transport = transport
        self._sleep = sleep
        self._pools: dict[tuple[str, str, int | None], _Pool] = {}
        self._clients: list[httpx.AsyncClient] = []
        self._ssl: ssl.SSLContext | None = None

    @property
    def policy(self) -> HttpPolicy:
        return self._retrier.policy

    async def __aenter__(self) -> AsyncHttpClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        clients, self._clients, self._pools = self._clients, [], {}
        for client in clients:
            await client.aclose()

    @asynccontextmanager
    async def _connection(self, url: str) -> AsyncIterator[httpx.AsyncClient]:
        key = host_key(url)
        pool = self._pools.get(key)
        if pool is None:
            pool = self._pools[key] = _Pool(asyncio.Semaphore(self.policy.per_host))
        async with pool.slots:
            client = pool.idle.pop() if pool.idle else self._new_client()
            try:
                yield client
            finally:
                pool.idle.append(client)

    def _new_client(self) -> httpx.AsyncClient:
        if self._ssl is None:
            self._ssl = ssl.create_default_context()
        client = httpx.AsyncClient(
            headers=self._headers,
            timeout=self.policy.timeout,
            limits=httpx.Limits(max_connections=1, max_keepalive_connections=1),
            transport=self._transport,
            verify=self._ssl,
            follow_redirects=False,
        )
        self._clients.append(client)
        return client

    async def request(
        self,
        method: str,
        url: str,
        *,
        json: Any = None,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        timeout: httpx.Timeout | float | None = None,
        secrets: Iterable[str] = (),
        accept: Accept | None = None,
    ) -> Exchange:
        """See :meth:`HttpClient.request`; a retry's wait holds no slot."""
        call = self._retrier.call(
            method,
            url,
            json=json,
            content=content,
            headers=headers,
            timeout=timeout,
            secrets=secrets,
            accept=accept,
        )
        retrying = tenacity.AsyncRetrying(sleep=self._sleep, **self._retrier.retrying_kwargs())
        response: httpx.Response = await retrying(self._once, call)
        return Exchange(response, call.tries)

    async def _once(self, call: Call) -> httpx.Response:
        call.tries += 1
        async with self._connection(call.url) as client:
            try:
                response = await client.request(call.method, call.url, **call.kwargs)
            except httpx.TransportError as err:
                raise self._retrier.unanswered(call, err) from err
        if call.accept(response.status_code):
            return response
        raise self._retrier.not_accepted(call, response)
