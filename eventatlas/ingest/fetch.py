"""Fetching a URL, guarded: nothing read from the network reaches a private address unless the user says so.

Every hop (the URL and each redirect) is checked before a connection is made: http or https only; its host
resolved, and every address it resolves to must be public (not loopback, private, link-local, shared,
multicast, reserved; IPv4, IPv6 and IPv4 inside IPv6 alike). The connection then goes to the address that
was checked, so a name that resolves differently a moment later cannot slip past. At most MAX_REDIRECTS
redirects; the whole fetch, redirects and body included, ends after `timeout` seconds however slowly the
server sends. gzip and deflate bodies are decoded, with the size limit applied to what they expand to.
settings.allow_private_urls (--allow-private-urls) lets a user fetch from their own intranet."""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from eventatlas import errors
from eventatlas.config import Settings
from eventatlas.ingest.sources import Source
from eventatlas.ingest.validate import IngestError, check_size

TIMEOUT_S = 30     # the whole fetch
MAX_REDIRECTS = 5
_CHUNK = 65536
_HEADERS = {
    "User-Agent": "eventatlas/0.1 (news event extraction; +https://pypi.org/project/eventatlas/)",
    "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
              "application/json;q=0.9,text/plain;q=0.8,*/*;q=0.5",
    "Accept-Encoding": "gzip, deflate",
}
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address


class FetchRefused(IngestError, errors.FetchRefused):
    """A URL that may not be fetched: its scheme, an address that is not public, too many redirects."""
    code = errors.FetchRefused.code


@dataclass(frozen=True)
class AddressGuard:
    """Which addresses a fetch may connect to: public ones, every one with allow_private, and the
    networks in `also` (a user's one intranet range, a test server on loopback)."""
    allow_private: bool = False
    also: tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...] = ()

    def refusal(self, address: IPAddress) -> str | None:
        """Why `address` may not be fetched from, or None when it may."""
        if self.allow_private or any(address in net for net in self.also):
            return None
        inner = _embedded_ipv4(address)
        if inner is not None:
            why = self.refusal(inner)
            return f"{why} (inside the IPv6 address {address})" if why else None
        if address.is_global and not address.is_multicast:
            return None
        return f"{address} is {_kind(address)}"


_NAT64 = ipaddress.ip_network("64:ff9b::/96")


def _embedded_ipv4(address: IPAddress) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 one carries (mapped, 6to4, Teredo, NAT64): where packets really go."""
    if not isinstance(address, ipaddress.IPv6Address):
        return None
    if address in _NAT64:
        return ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
    return address.ipv4_mapped or address.sixtofour or (address.teredo or (None, None))[1]


def _kind(address: IPAddress) -> str:
    for test, name in (("is_loopback", "a loopback address"), ("is_link_local", "a link-local address"),
                       ("is_multicast", "a multicast address"), ("is_unspecified", "the unspecified address"),
                       ("is_private", "a private address"), ("is_reserved", "a reserved address")):
        if getattr(address, test):
            return name
    return "not a public address"


def guard_of(settings: Settings) -> AddressGuard:
    return AddressGuard(allow_private=settings.allow_private_urls)


def fetch(url: str, settings: Settings, timeout: float = TIMEOUT_S, guard: AddressGuard | None = None) -> Source:
    """The page at `url` as a Source that carries its content type, charset and final (redirected) URL."""
    guard = guard or guard_of(settings)
    deadline = time.monotonic() + timeout
    current = url
    for _hop in range(MAX_REDIRECTS + 1):
        target = _checked_target(current, guard)
        try:
            status, headers, data = _get(target, current, deadline, settings)
        except TimeoutError:
            raise IngestError(f"fetch failed: no complete answer within {timeout:g} s") from None
        except (ssl.SSLError, ssl.CertificateError) as err:
            raise IngestError(f"fetch failed: TLS error ({getattr(err, 'reason', None) or err})") from None
        except (http.client.HTTPException, OSError) as err:
            raise IngestError(f"fetch failed: {getattr(err, 'strerror', None) or err or type(err).__name__}") from None
        if status in (301, 302, 303, 307, 308) and headers.get("Location"):
            current = urljoin(current, headers["Location"].strip())
            continue
        if status >= 400:
            raise IngestError(f"fetch failed: HTTP {status} {http.client.responses.get(status, '')}".rstrip())
        return Source(name=url, data=data, url=current, content_type=headers.get_content_type(),
                      charset=headers.get_content_charset())
    raise FetchRefused(f"fetch refused: more than {MAX_REDIRECTS} redirects")


@dataclass(frozen=True)
class _Target:
    scheme: str
    host: str
    port: int
    family: int
    sockaddr: tuple


def _checked_target(url: str, guard: AddressGuard) -> _Target:
    """Where `url` may be fetched from, every address of its host checked; FetchRefused otherwise."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise FetchRefused(f"fetch refused: {scheme or 'no'} scheme in {_short(url)} (only http and https)")
    try:
        host, port = parts.hostname, parts.port or (443 if scheme == "https" else 80)
    except ValueError:
        raise FetchRefused(f"fetch refused: {_short(url)} has a port that is not a number") from None
    if not host:
        raise FetchRefused(f"fetch refused: no host in {_short(url)}")
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as err:
        raise IngestError(f"fetch failed: cannot resolve {host} ({getattr(err, 'strerror', None) or err})") from None
    for _family, _type, _proto, _name, sockaddr in found:
        address = ipaddress.ip_address(sockaddr[0].split("%")[0])
        if why := guard.refusal(address):
            raise FetchRefused(f"fetch refused: {host} resolves to {why}; pass --allow-private-urls "
                               f"(settings.allow_private_urls) to fetch from your own network")
    family, _type, _proto, _name, sockaddr = found[0]
    return _Target(scheme, host, port, family, sockaddr)


def _short(url: str) -> str:
    return url if len(url) <= 80 else url[:77] + "..."


def _get(target: _Target, url: str, deadline: float, settings: Settings):
    """(status, headers, body) of one GET to the checked address; TimeoutError at the deadline."""
    sock = socket.socket(target.family, socket.SOCK_STREAM)
    # A watchdog ends the fetch at the deadline whatever it is waiting for: a per-read timeout alone let a
    # server sending a byte a second hold a fetch for as long as it liked.
    expired = threading.Event()
    current = [sock]  # the socket to shut: the TLS one once it wraps the plain one
    watchdog = threading.Timer(max(0.0, deadline - time.monotonic()), _expire, (current, expired))
    watchdog.daemon = True
    watchdog.start()
    try:
        sock.settimeout(max(0.01, deadline - time.monotonic()))
        sock.connect(target.sockaddr)
        if target.scheme == "https":
            sock = current[0] = ssl.create_default_context().wrap_socket(sock, server_hostname=target.host)
        conn = _Connection(target.host, target.port, sock)
        parts = urlsplit(url)
        conn.request("GET", (parts.path or "/") + (f"?{parts.query}" if parts.query else ""), headers=_HEADERS)
        resp = conn.getresponse()
        body = b"" if resp.status in (301, 302, 303, 307, 308) else _body(resp, settings)
    except (OSError, http.client.HTTPException):
        if expired.is_set():
            raise TimeoutError from None
        raise
    finally:
        watchdog.cancel()
        sock.close()
    if expired.is_set():  # the socket was shut under a read that then saw the end of a short body
        raise TimeoutError
    return resp.status, resp.headers, body


def _expire(current: list[socket.socket], expired: threading.Event) -> None:
    expired.set()
    try:
        current[0].shutdown(socket.SHUT_RDWR)
    except OSError:
        pass


class _Connection(http.client.HTTPConnection):
    """An HTTP connection over a socket already connected to the checked address (Host: the name)."""

    def __init__(self, host: str, port: int, sock: socket.socket):
        super().__init__(host, port)
        self.sock = sock

    def connect(self) -> None:  # already connected
        pass


def _body(resp: http.client.HTTPResponse, settings: Settings) -> bytes:
    encoding = (resp.headers.get("Content-Encoding") or "identity").strip().lower()
    if encoding in ("gzip", "x-gzip", "deflate"):
        inflate = zlib.decompressobj(32 + zlib.MAX_WBITS if encoding != "deflate" else zlib.MAX_WBITS)
    elif encoding != "identity":
        raise IngestError(f"fetch failed: the body is compressed with {encoding[:20]}, which eventatlas cannot read")
    else:
        inflate = None
    out = bytearray()
    while chunk := resp.read(_CHUNK):
        if inflate is not None:
            try:  # a few KB may expand to gigabytes: never hold more than the limit
                chunk = inflate.decompress(chunk, settings.max_bytes + 1 - len(out))
            except zlib.error:
                raise IngestError(f"fetch failed: the {encoding} body is damaged") from None
        out += chunk
        check_size(len(out), settings, "page")
    return bytes(out)
