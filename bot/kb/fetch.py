"""Fetching a page someone asked to add, without letting them make the server fetch for them.

`/add <url>` runs a request from inside the team's network, so a URL naming a private,
loopback or link-local address (the cloud metadata service at 169.254.169.254, an admin
page on localhost, an intranet host) is refused unless an operator allowed private URLs.
Every address the host name resolves to is checked, again on every redirect, and the
connection is made to an address that was checked (a host that resolves to a public
address for the check and a private one for the connection is still refused). Responses
are bounded: time-outs, at most 5 redirects, at most `max_bytes` read, and only the
content types a reader exists for.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

MAX_REDIRECTS = 5
TIMEOUT = httpx.Timeout(20.0, connect=10.0)  # per connect / read / write
DEADLINE = 90.0  # seconds for the whole fetch: a server trickling bytes cannot hold a worker
USER_AGENT = "allybot/0.1 (fetches pages a team member asked to add)"

# Content type -> the suffix (and so the reader) the saved file gets.
CONTENT_TYPES = {
    "text/html": ".html",
    "application/xhtml+xml": ".html",
    "application/pdf": ".pdf",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "text/x-markdown": ".md",
    "message/rfc822": ".eml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}
_GENERIC = ("application/octet-stream", "binary/octet-stream", "application/x-download", "")


class FetchError(Exception):
    """Why a URL was not fetched, in words for the person who asked."""


@dataclass
class Fetched:
    url: str  # after redirects
    data: bytes
    content_type: str
    suffix: str  # ".html", ".pdf", ...


def refused_address(host: str, port: int) -> str | None:
    """The first address of `host` on a private, loopback, link-local or reserved network."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise FetchError(f"the host {host} was not found") from None
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        if not ip.is_global or ip.is_multicast:
            return str(ip)
    return None


class _CheckedBackend(httpcore.SyncBackend):
    """Connects only to checked addresses: the check and the connection use one lookup."""

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        if (bad := refused_address(host, port)) is not None:
            raise FetchError(f"{host} is on a private network ({bad}); allybot does not fetch private, "
                             "loopback or link-local addresses")
        return super().connect_tcp(host, port, timeout, local_address, socket_options)


def _client(allow_private: bool) -> httpx.Client:
    transport = httpx.HTTPTransport(retries=1)
    if not allow_private:
        transport._pool._network_backend = _CheckedBackend()  # every connection, redirects too
    return httpx.Client(
        transport=transport, timeout=TIMEOUT, follow_redirects=False, trust_env=False,
        headers={"User-Agent": USER_AGENT},
    )


def _check_url(url: str, allow_private: bool) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FetchError("only http:// and https:// links can be added")
    if not allow_private:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        if (bad := refused_address(parts.hostname, port)) is not None:
            raise FetchError(f"{parts.hostname} is on a private network ({bad}); allybot does not "
                             "fetch private, loopback or link-local addresses")


def suffix_for(content_type: str, url: str) -> str | None:
    """The reader's suffix for a response: by its content type, else (generic type) by its URL."""
    kind = content_type.split(";")[0].strip().lower()
    if kind in CONTENT_TYPES:
        return CONTENT_TYPES[kind]
    if kind in _GENERIC:
        suffix = PurePosixPath(urlsplit(url).path).suffix.lower()
        if suffix in set(CONTENT_TYPES.values()) | {".htm", ".markdown"}:
            return suffix
    return None


def fetch(url: str, *, max_bytes: int, allow_private: bool = False,
          headers: dict[str, str] | None = None, any_type: bool = False) -> Fetched:
    """GET `url` within the limits in the module docstring; FetchError says why not.

    `any_type` skips the content-type check, for a file whose name already says its type
    (a file shared in Slack).
    """
    deadline = time.monotonic() + DEADLINE
    origin = urlsplit(url).netloc.lower()
    with _client(allow_private) as client:
        for _ in range(MAX_REDIRECTS + 1):
            _check_url(url, allow_private)
            try:
                # Credentials (the bot token) go to the origin only, never to a redirect target.
                sent = headers if urlsplit(url).netloc.lower() == origin else None
                with client.stream("GET", url, headers=sent) as response:
                    if response.is_redirect:
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError(f"the page redirected without saying where ({response.status_code})")
                        url = urljoin(url, location)
                        continue
                    if response.status_code >= 400:
                        raise FetchError(f"the page answered HTTP {response.status_code}")
                    content_type = response.headers.get("content-type", "")
                    suffix = "" if any_type else suffix_for(content_type, url)
                    if suffix is None:
                        raise FetchError(f"unsupported content type {content_type.split(';')[0] or '(none)'}")
                    declared = response.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > max_bytes:
                        raise FetchError(_too_large(int(declared), max_bytes))
                    data = bytearray()
                    for chunk in response.iter_bytes():
                        data += chunk
                        if len(data) > max_bytes:
                            raise FetchError(_too_large(len(data), max_bytes, at_least=True))
                        if time.monotonic() > deadline:
                            raise FetchError("the page took too long to download")
                    return Fetched(str(response.url), bytes(data), content_type, suffix)
            except httpx.TimeoutException:
                raise FetchError("the page took too long to answer") from None
            except httpx.HTTPError as exc:
                raise FetchError(f"the page could not be fetched ({type(exc).__name__})") from None
        raise FetchError(f"too many redirects (more than {MAX_REDIRECTS})")


def _too_large(size: int, limit: int, at_least: bool = False) -> str:
    more = "over " if at_least else ""
    return f"too large ({more}{size / 1e6:.1f} MB; the limit is {limit / 1e6:.0f} MB)"
