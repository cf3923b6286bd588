"""CSRF tokens and per-client rate limiting for the forms that write (comments, saving an analysis).

CSRF: a double-submit cookie whose value is also signed with a per-app secret. The page sets the
cookie and puts the same token in a hidden field; a post is accepted only when the field equals the
cookie *and* the signature checks out, so a cross-site form (which can neither read our cookie nor
forge a signature) is refused with 403.

Rate limiting: an in-process token bucket per client address. One process serves the reader, so
in-memory state is enough; the bucket size and refill rate are settings so tests can stay fast.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

CSRF_COOKIE = "presswatch_csrf"
CSRF_FIELD = "csrf_token"


class CsrfSigner:
    """Issues and checks tokens of the form ``<nonce>.<hmac-sha256(secret, nonce)>``."""

    def __init__(self, secret: bytes):
        if len(secret) < 16:
            raise ValueError("the CSRF secret must be at least 16 bytes")
        self._secret = secret

    def _sign(self, nonce: str) -> str:
        return hmac.new(self._secret, nonce.encode("ascii"), hashlib.sha256).hexdigest()

    def new_token(self) -> str:
        nonce = secrets.token_urlsafe(18)
        return f"{nonce}.{self._sign(nonce)}"

    def is_valid(self, token: str | None) -> bool:
        if not token or token.count(".") != 1 or len(token) > 200:
            return False
        nonce, signature = token.split(".")
        try:
            expected = self._sign(nonce)
        except UnicodeEncodeError:
            return False
        return hmac.compare_digest(signature, expected)

    def check_submission(self, form_token: str | None, cookie_token: str | None) -> bool:
        """The double-submit check: same token in form and cookie, and a signature we made."""
        if not form_token or not cookie_token:
            return False
        return hmac.compare_digest(form_token, cookie_token) and self.is_valid(form_token)


@dataclass(frozen=True, slots=True)
class RateLimit:
    """``burst`` posts at once, then one more every ``1 / per_second`` seconds."""

    burst: int = 5
    per_second: float = 1 / 12  # five a minute, sustained

    def __post_init__(self) -> None:
        if self.burst < 1 or self.per_second <= 0:
            raise ValueError("RateLimit needs burst >= 1 and per_second > 0")


class RateLimiter:
    """Token buckets keyed by client; thread-safe (endpoints run on a thread pool)."""

    def __init__(self, limit: RateLimit, *, clock: Callable[[], float] = time.monotonic, max_clients: int = 10_000):
        self.limit = limit
        self._clock = clock
        self._max_clients = max_clients
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # client -> (tokens, stamp)
        self._lock = threading.Lock()

    def acquire(self, client: str) -> float:
        """Take one token for ``client``. Returns 0.0 when allowed, else the seconds to wait."""
        now = self._clock()
        with self._lock:
            tokens, stamp = self._buckets.pop(client, (float(self.limit.burst), now))
            tokens = min(float(self.limit.burst), tokens + (now - stamp) * self.limit.per_second)
            if tokens >= 1.0:
                wait = 0.0
                tokens -= 1.0
            else:
                wait = (1.0 - tokens) / self.limit.per_second
            self._buckets[client] = (tokens, now)
            # Forget the least recently seen clients so memory stays bounded.
            while len(self._buckets) > self._max_clients:
                self._buckets.popitem(last=False)
            return wait


def is_web_url(url: str | None) -> bool:
    """Whether ``url`` may become a link: http(s) with a host, nothing else ("javascript:", "data:",
    "file:" and scheme-relative tricks stay text)."""
    if not url or any(ch in url for ch in "\x00\r\n\t") or url != url.strip():
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


__all__ = ["CSRF_COOKIE", "CSRF_FIELD", "CsrfSigner", "RateLimit", "RateLimiter", "is_web_url"]
