"""Which addresses a download may reach: a URL from a feed item, an import or the inbox
must not make narrate fetch, and publish, what sits on the user's own network.

A URL the user typed may go anywhere. A URL that came from elsewhere (an
article a feed or a reading list names, a `.url` file dropped into the inbox)
is fetched under `PUBLIC_ONLY`: its host, and the host of every redirect from
it, must resolve to public addresses only, and the connection goes to the
address that was checked (a name that resolves once to a public address and
then to a private one gains nothing). The reach of a download is set for a
block of work with `reaching(...)` (a context variable, so everything fetched
inside it, however deep, is held to it) and read by narrate/core/http.py.

`is_public` decides what public means; tests replace it to let a loopback
address stand in for a public host, so no test reaches beyond 127.0.0.1.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from urllib.parse import urlsplit

from narrate.core.errors import InputError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


def is_public(address: IPAddress) -> bool:
    """A globally routed unicast address: not loopback, private, link-local, shared,
    reserved, documentation or multicast (an IPv6 address mapping an IPv4 one is
    judged as that one)."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


def kind_of(address: IPAddress) -> str:
    """What an address that is not public is, in words, for messages."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    for test, name in (
        (address.is_loopback, "a loopback"),
        (address.is_link_local, "a link-local"),
        (address.is_multicast, "a multicast"),
        (address.is_unspecified, "an unspecified"),
        (address.is_private, "a private"),
    ):
        if test:
            return name
    return "a non-public"


class RefusedAddress(InputError):
    """A URL from a feed, an import or the inbox leads to an address that is not public."""


@dataclass(frozen=True, slots=True)
class Reach:
    """What a download may connect to: anywhere, or public addresses only."""

    public_only: bool
    why: str = ""  # where the URL came from, for the message ("a feed item", ...)

    def check_host(self, url: str, host: str, port: int | None) -> list[IPAddress]:
        """The addresses `host` resolves to, all of them allowed; RefusedAddress if one is not.

        An OSError (the name does not resolve) is left to the caller, as a
        connection's own failure would be.
        """
        found = resolve(host, port)
        if self.public_only:
            for address in found:
                if not is_public(address):
                    raise self.refusal(url, host, address)
        return found

    def refusal(self, url: str, host: str, address: IPAddress) -> RefusedAddress:
        shown = host if host == str(address) else f"{host} ({address})"
        return RefusedAddress(
            f"not fetched: {url} leads to {shown}, {kind_of(address)} address; "
            f"{self.why or 'a URL narrate was handed'} may reach only public ones",
            "allow it with --allow-private if that is your own server",
        )


ANYWHERE = Reach(public_only=False)
_current: ContextVar[Reach] = ContextVar("narrate_reach", default=ANYWHERE)


def current_reach() -> Reach:
    """The reach downloads have here (ANYWHERE unless a `reaching` block says otherwise)."""
    return _current.get()


@contextmanager
def reaching(reach: Reach) -> Iterator[None]:
    """Hold every download made inside the block (in this thread) to `reach`."""
    token = _current.set(reach)
    try:
        yield
    finally:
        _current.reset(token)


def resolve(host: str, port: int | None) -> list[IPAddress]:
    """Every address `host` resolves to (an address literal is itself), in the resolver's order."""
    literal = host.strip("[]").split("%")[0]
    try:
        return [ipaddress.ip_address(literal)]
    except ValueError:
        pass
    infos = socket.getaddrinfo(host, port or 0, type=socket.SOCK_STREAM)
    found: list[IPAddress] = []
    for *_, sockaddr in infos:
        address = ipaddress.ip_address(str(sockaddr[0]).split("%")[0])
        if address not in found:
            found.append(address)
    return found


def on_public_host(url: str) -> bool:
    """Whether the URL's host resolves to public addresses only (False when it does not resolve)."""
    try:
        parts = urlsplit(url)
        if not parts.hostname:
            return False
        return all(is_public(a) for a in resolve(parts.hostname, parts.port))
    except (OSError, ValueError):
        return False
