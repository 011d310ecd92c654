"""/add's fetcher: private addresses refused (also after a redirect), limits enforced."""

from __future__ import annotations

import pytest

from bot.kb import fetch as fetch_mod
from bot.kb.fetch import FetchError, fetch
from tests.webserver import WebServer

PAGE = b"<html><body><article><p>" + b"The allies met in Tokyo. " * 40 + b"</p></article></body></html>"


@pytest.fixture
def site():
    with WebServer() as server:
        yield server


def test_a_page_is_fetched_when_private_addresses_are_allowed(site):
    url = site.page("/news/talks.html", PAGE)
    got = fetch(url, max_bytes=1_000_000, allow_private=True)
    assert got.data == PAGE and got.suffix == ".html" and got.url == url


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:9/admin", "http://localhost/", "http://169.254.169.254/latest/meta-data/",
    "http://10.1.2.3/", "http://192.168.0.1/", "http://[::1]/", "http://[::ffff:127.0.0.1]/",
    "http://0.0.0.0/",
])
def test_private_loopback_and_link_local_addresses_are_refused(url):
    with pytest.raises(FetchError, match="private network"):
        fetch(url, max_bytes=1000)


def test_every_redirect_is_checked(site, monkeypatch):
    """127.0.0.1 stands in for a public host here; 'localhost' for an internal one."""
    real = fetch_mod.refused_address
    monkeypatch.setattr(fetch_mod, "refused_address",
                        lambda host, port: real(host, port) if host == "localhost" else None)
    site.page("/internal", b"secret", "text/plain")
    start = site.redirect("/go", site.url("/internal", host="localhost"))
    with pytest.raises(FetchError, match="private network"):
        fetch(start, max_bytes=1000)
    assert site.hits["/internal"] == 0, "the internal page was never requested"


@pytest.mark.parametrize("setup, message", [
    (lambda s: [s.redirect(f"/r{i}", s.url(f"/r{i + 1}")) for i in range(7)] and s.url("/r0"),
     "too many redirects"),
    (lambda s: s.page("/pic.png", b"\x89PNG", "image/png"), "unsupported content type image/png"),
    (lambda s: s.page("/big.pdf", b"%PDF" + b"0" * 5000, "application/pdf"), "too large"),
    (lambda s: s.page("/gone", b"", "text/html", status=404), "HTTP 404"),
    (lambda s: "ftp://example.org/file.pdf", "only http"),
])
def test_limits(site, setup, message):
    url = setup(site)
    with pytest.raises(FetchError, match=message):
        fetch(url, max_bytes=4096, allow_private=True)


@pytest.mark.parametrize("content_type, url, suffix", [
    ("text/html; charset=utf-8", "http://x.org/a", ".html"),
    ("application/pdf", "http://x.org/a", ".pdf"),
    ("application/octet-stream", "http://x.org/statement.pdf", ".pdf"),
    ("application/octet-stream", "http://x.org/data.bin", None),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "http://x/a", ".docx"),
])
def test_suffix_for(content_type, url, suffix):
    assert fetch_mod.suffix_for(content_type, url) == suffix


def test_credentials_are_not_sent_to_a_redirect_target_on_another_host(site):
    """127.0.0.1 and localhost are two hosts here; the token must stay with the first."""
    site.page("/file.pdf", b"%PDF-1.4 data", "application/pdf")
    start = site.redirect("/private/file.pdf", site.url("/file.pdf", host="localhost"))
    got = fetch(start, max_bytes=1000, allow_private=True, any_type=True,
                headers={"Authorization": "Bearer xoxb-secret"})
    assert got.data == b"%PDF-1.4 data"
    assert site.auth["/private/file.pdf"] == "Bearer xoxb-secret"
    assert site.auth["/file.pdf"] is None
