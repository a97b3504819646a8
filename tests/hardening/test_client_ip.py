"""The address login throttling counts: REMOTE_ADDR, or the proxy's X-Forwarded-For entry."""

from __future__ import annotations

import pytest
from django.test import RequestFactory

from quizapp.accounts.client_ip import client_ip_address


def _request(forwarded: str | None = None):
    headers = {"X-Forwarded-For": forwarded} if forwarded is not None else {}
    return RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", headers=headers)


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_ip_address(_request("198.51.100.7")) == "10.0.0.2"


@pytest.mark.parametrize(
    "hops, forwarded, expected",
    [
        (1, "198.51.100.7", "198.51.100.7"),
        (1, "6.6.6.6, 198.51.100.7", "198.51.100.7"),  # the client's own entry is not trusted
        (2, "6.6.6.6, 198.51.100.7, 10.0.0.9", "198.51.100.7"),
        (2, "198.51.100.7", "10.0.0.2"),  # fewer entries than proxies: not via them
        (1, "", "10.0.0.2"),
        (1, None, "10.0.0.2"),
    ],
)
def test_the_entry_appended_by_the_nearest_trusted_proxy_counts(
    settings, hops, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = hops
    assert client_ip_address(_request(forwarded)) == expected
