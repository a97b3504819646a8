"""How often anyone may ask for what costs others something: a reset e-mail, an account, a
guess at a join code. Counted in Django's cache, so every app server shares the count when
REDIS_URL is set (with the local-memory cache each process counts alone, which still stops
a burst).

A fixed window: the first attempt starts it, and it empties when it expires. Simple, and an
attacker gains at most twice the limit across a window's edge.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from quizapp.accounts.client_ip import client_ip_address


@dataclass(frozen=True)
class RateLimit:
    scope: str
    limit: int
    window_seconds: int
    what: str  # "password-reset e-mails", for the refusal page

    def hit(self, key: str) -> bool:
        """Count one attempt for ``key``; True once it is past the limit in this window."""
        name = self._name(key)
        cache.add(name, 0, timeout=self.window_seconds)
        try:
            return cache.incr(name) > self.limit
        except ValueError:  # the window expired between add() and incr()
            cache.set(name, 1, timeout=self.window_seconds)
            return False

    def reached(self, key: str) -> bool:
        """True when ``key`` has used up this window's attempts (counting none)."""
        return (cache.get(self._name(key)) or 0) >= self.limit

    def _name(self, key: str) -> str:
        return f"rate:{self.scope}:{hashlib.sha256(key.encode()).hexdigest()[:32]}"

    def refusal(self, request: HttpRequest) -> HttpResponse:
        minutes = self.window_seconds // 60
        context = {"what": self.what, "limit": self.limit, "minutes": minutes}
        return render(request, "registration/too_many.html", context, status=429)


# One address gets a few reset e-mails an hour, however many addresses ask for it.
RESET_PER_ADDRESS = RateLimit("reset-address", 3, 3600, "password-reset e-mails to one address")
RESET_PER_CLIENT = RateLimit("reset-client", 10, 3600, "password-reset requests")
SIGNUP_PER_CLIENT = RateLimit("signup", 10, 3600, "sign-ups")
# Wrong codes only: a join code is the class's key, so guesses are what must be slow.
JOIN_GUESSES_PER_USER = RateLimit("join", 10, 3600, "wrong join codes")


def client_key(request: HttpRequest) -> str:
    return client_ip_address(request) or "unknown"
