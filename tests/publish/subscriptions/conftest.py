"""Fixtures for subscription tests: a loopback web site, and no proxies in the way."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.publish.subscriptions.site import Site, running_site


@pytest.fixture(autouse=True)
def _no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    """urllib honours *_proxy variables; every request here stays on 127.0.0.1."""
    for name in (
        "http_proxy",
        "https_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "all_proxy",
    ):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def site() -> Iterator[Site]:
    with running_site() as running:
        yield running
