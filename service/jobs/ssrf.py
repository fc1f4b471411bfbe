"""Where a callback may go: http(s) URLs whose host resolves only to public addresses.

A callback URL is resolved when the job is submitted and again right before each delivery,
and the delivery connects to the very address that was checked (see `callbacks.post`), so a
host that later re-resolves to an internal address (DNS rebinding) is refused. The
CALLBACK_ALLOWED_HOSTS setting lets named hosts, addresses or CIDRs through (internal
receivers, tests).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from requests.adapters import HTTPAdapter

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
SCHEMES = {"http": 80, "https": 443}


class Refused(ValueError):
    """The URL may not be called; the message says why, for the API's field error."""


@dataclass(frozen=True)
class Target:
    """A vetted callback: the URL's parts and the address to connect to."""

    scheme: str
    host: str
    port: int
    address: IPAddress

    @property
    def netloc(self) -> str:
        """`host[:port]` as the Host header carries it."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == SCHEMES[self.scheme] else f"{host}:{self.port}"

    @property
    def pinned_netloc(self) -> str:
        """The checked address and port, for the URL actually connected to."""
        address = f"[{self.address}]" if self.address.version == 6 else str(self.address)
        return f"{address}:{self.port}"


@dataclass(frozen=True)
class AllowList:
    """CALLBACK_ALLOWED_HOSTS parsed: host names, and networks (a lone IP is a /32 or /128)."""

    hosts: frozenset[str] = frozenset()
    networks: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()

    @classmethod
    def parse(cls, spec: str | None) -> AllowList:
        hosts, networks = set(), []
        for entry in (spec or "").split(","):
            entry = entry.strip().lower().strip("[]")
            if not entry:
                continue
            try:
                networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                hosts.add(entry.rstrip("."))
        return cls(frozenset(hosts), tuple(networks))

    def admits(self, address: IPAddress) -> bool:
        return any(address in network for network in self.networks)


def kind(address: IPAddress) -> str | None:
    """Why an address is not public ("loopback", "private" ...), or None if it is."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour  # ::ffff:a.b.c.d, 2002:AABB:CCDD::
        if embedded:
            return kind(embedded)
    for name in ("loopback", "link_local", "multicast", "unspecified", "reserved", "private"):
        if getattr(address, f"is_{name}"):
            return name.replace("_", "-")
    return None if address.is_global else "non-public"


def resolve(host: str, port: int) -> list[IPAddress]:
    """Every address `host` resolves to, in the resolver's order."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise Refused(f"The host {host!r} does not resolve.") from exc
    found = dict.fromkeys(ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos)
    return list(found)


def vet(
    url: str, allowed: AllowList, resolver: Callable[[str, int], list[IPAddress]] = resolve
) -> Target:
    """The Target to deliver `url` to, or Refused: not http(s), credentials in it, or a host
    with any address that is not public and not allowed."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise Refused(f"Not a valid URL: {exc}.") from None
    scheme, host = parts.scheme.lower(), (parts.hostname or "").rstrip(".")
    if scheme not in SCHEMES:
        raise Refused("Only http and https callback URLs are allowed.")
    if not host:
        raise Refused("The URL has no host.")
    if parts.username is not None or parts.password is not None:
        raise Refused("Credentials in the URL are not allowed.")
    port = port or SCHEMES[scheme]
    addresses = resolver(host, port)
    if not addresses:
        raise Refused(f"The host {host!r} does not resolve.")
    if host not in allowed.hosts:
        for address in addresses:
            why = kind(address)
            if why and not allowed.admits(address):
                raise Refused(
                    f"The host {host!r} resolves to {address}, a {why} address; callbacks go "
                    "only to public addresses unless CALLBACK_ALLOWED_HOSTS names them."
                )
    return Target(scheme, host, port, addresses[0])


class PinnedAdapter(HTTPAdapter):
    """Connects to the address in the URL while verifying TLS for `hostname` (SNI and the
    certificate), so the address checked by `ssrf.vet` is the one connected to."""

    def __init__(self, hostname: str, **kwargs):
        self.hostname = hostname
        super().__init__(**kwargs)

    def build_connection_pool_key_attributes(self, request, verify, cert=None):
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(
            request, verify, cert
        )
        if host_params["scheme"] == "https":
            pool_kwargs["server_hostname"] = self.hostname
            pool_kwargs["assert_hostname"] = self.hostname
        return host_params, pool_kwargs
