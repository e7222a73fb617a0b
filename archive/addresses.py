"""The client's address, the one every per-client decision uses (the login throttle first).

Behind `PROXY_COUNT` reverse proxies (README, "Serving in production") every request arrives from the
last proxy, and each proxy appends the address it received the request from to X-Forwarded-For. The
client is therefore the PROXY_COUNT-th entry from the right: whatever stands to its left was written
by the client and is not believed. With no proxy the header is ignored and REMOTE_ADDR is the client.

The header is read by django-ipware (the library django-axes documents); django-axes calls this
function through AXES_CLIENT_IP_CALLABLE so the throttle and the rest of the site agree.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from ipware.ip import get_client_ip


def client_address(request: HttpRequest) -> str | None:
    """The address of the client that sent `request`, as the configured proxies report it."""
    proxies = settings.PROXY_COUNT
    if proxies > 0:
        # python-ipware counts the proxies *inside* the header (client, proxy1, ...): the proxy that
        # connects to us is REMOTE_ADDR, not an entry, hence one less. Not strict: a malformed entry
        # the client wrote is skipped rather than spoiling the proxies' entries to its right.
        address, _ = get_client_ip(
            request,
            proxy_count=proxies - 1,
            request_header_order=["HTTP_X_FORWARDED_FOR"],
            strict=False,
        )
        if address is not None:
            return address
    # No proxy, or a request that reached the server without passing the proxy (it listens on
    # 127.0.0.1): the socket's peer is the client.
    return request.META.get("REMOTE_ADDR")
