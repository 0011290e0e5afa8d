"""Where a webhook may be sent, and how its URL is shown.

A webhook address must be public: a host that is (or resolves to) a loopback, private,
link-local, shared, reserved, multicast or unspecified address is refused, unless it falls in a
network an admin allowed (setting ``webhook_allow_networks``). The address is checked when a
target is saved and again at every send; the sender's HTTP client resolves the host itself,
checks every address and connects to a checked one (never re-resolving), so DNS that changes
its answer between the check and the connection (DNS rebinding) cannot reach an internal
service. URLs carrying credentials (``user:password@``) are refused, and every URL shown
(target listings, audit entries, errors) has credentials and secret-looking query values
replaced by ``***`` (:func:`huashu.net.redact.redact_url`). The sender's requests go
through the shared HTTP layer (:mod:`huashu.net`) over :func:`webhook_client`.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import httpcore
import httpx

from huashu.domain import InputError
from huashu.net.redact import SECRET_PARAMS as SECRET_PARAMS
from huashu.net.redact import redact_url as redact_url

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def url_credentials(url: str) -> bool:
    """Whether ``url`` carries a user name or password."""
    try:
        parts = urlsplit(url)
        return parts.username is not None or parts.password is not None
    except ValueError:
        return False


class BlockedAddress(InputError):
    """A webhook host that is, or resolves to, an address the guard refuses."""


class _RefusedConnect(httpcore.ConnectError):
    """Raised by the guarded network backend; httpx turns it into ``httpx.ConnectError``."""


def _kind(ip: Address) -> str | None:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_multicast:
        return "multicast"
    if ip.is_private:
        return "private"
    if not ip.is_global:
        return "non-public"
    return None


_KIND_ZH = {
    "loopback": "本机回环",
    "link-local": "链路本地",
    "unspecified": "未指定",
    "multicast": "组播",
    "private": "内网",
    "non-public": "非公网",
}


@dataclass(frozen=True)
class AddressGuard:
    """Refuses non-public webhook addresses outside ``allow`` (the admin allow-list)."""

    allow: tuple[Network, ...] = ()

    @classmethod
    def from_settings(cls, settings: Any) -> AddressGuard:
        return cls(tuple(settings.webhook_allow_networks))

    @classmethod
    def allowing(cls, *networks: str) -> AddressGuard:
        return cls(tuple(ipaddress.ip_network(n, strict=False) for n in networks))

    def refusal(self, ip: Address) -> str | None:
        """Why ``ip`` is refused (its kind), or None when it may be reached."""
        kind = _kind(ip)
        if kind is None:
            return None
        plain = ip.ipv4_mapped if isinstance(ip, ipaddress.IPv6Address) else None
        if any(a in net for net in self.allow for a in (ip, plain) if a is not None):
            return None
        return kind

    def _blocked(self, host: str, ip: Address, kind: str) -> BlockedAddress:
        shown = host if host == str(ip) else f"{host} ({ip})"
        return BlockedAddress(
            f"webhook host {shown} is a {kind} address; webhooks go to public addresses only "
            "(an admin may allow a network with the setting webhook_allow_networks)",
            message_zh=f"Webhook 主机 {shown} 是{_KIND_ZH[kind]}地址；Webhook 只能发往公网地址"
            "（管理员可通过 webhook_allow_networks 设置放行指定网段）",
            code="blocked_address",
            details={"host": host, "address": str(ip), "kind": kind},
        )

    def resolve(self, host: str, port: int) -> list[str]:
        """Every address ``host`` resolves to, each checked; raises :class:`BlockedAddress`
        when any is refused, and ``OSError`` when the host does not resolve."""
        host = host.strip("[]")
        try:
            literal: Address | None = ipaddress.ip_address(host)
        except ValueError:
            literal = None
        if literal is not None:
            found = [literal]
        else:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            found = [ipaddress.ip_address(str(info[4][0]).split("%")[0]) for info in infos]
        for ip in found:
            kind = self.refusal(ip)
            if kind is not None:
                raise self._blocked(host, ip, kind)
        return list(dict.fromkeys(str(ip) for ip in found))

    def check_url(self, url: str, *, resolve: bool = True) -> None:
        """Refuse ``url`` when its host is refused. A host that does not resolve passes here
        (it is checked again, and refused or not, when a message is sent)."""
        parts = urlsplit(url)
        host = parts.hostname or ""
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            ipaddress.ip_address(host)
        except ValueError:
            if not resolve:
                return
        try:
            self.resolve(host, port)
        except OSError:
            return


class _GuardedBackend(httpcore.NetworkBackend):
    """Resolves and checks the host, then connects to a checked address."""

    def __init__(self, guard: AddressGuard) -> None:
        self.guard = guard
        self.inner = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        try:
            addresses = self.guard.resolve(host, port)
        except BlockedAddress as err:
            raise _RefusedConnect(err.message) from err
        except OSError as err:
            raise httpcore.ConnectError(str(err)) from err
        last: Exception | None = None
        for address in addresses:
            try:
                return self.inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as err:
                last = err
        raise last or httpcore.ConnectError(f"no address for {host}")

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not webhook targets")

    def sleep(self, seconds: float) -> None:
        self.inner.sleep(seconds)


def webhook_client(guard: AddressGuard, timeout: float) -> httpx.Client:
    """An HTTP client for webhooks: no redirects, no proxy from the environment, and every
    connection made through ``guard`` (module docstring)."""
    transport = httpx.HTTPTransport(trust_env=False)
    transport._pool = httpcore.ConnectionPool(
        ssl_context=httpx.create_ssl_context(),
        network_backend=_GuardedBackend(guard),
    )
    return httpx.Client(
        transport=transport, timeout=timeout, follow_redirects=False, trust_env=False
    )
