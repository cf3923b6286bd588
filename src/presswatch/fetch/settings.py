"""The polite client's settings: read from the environment once, overridable in code (tests)."""

from __future__ import annotations

import os
from dataclasses import dataclass

from presswatch import __version__
from presswatch.errors import ValidationError

#: Shown in the User-Agent so a site owner can tell who is fetching and how to reach them.
DEFAULT_CONTACT = "set PRESSWATCH_CONTACT_URL"


def default_user_agent() -> str:
    contact = os.environ.get("PRESSWATCH_CONTACT_URL", "").strip() or DEFAULT_CONTACT
    return f"PressWatch/{__version__} (+{contact})"


def _number(name: str, default: float, *, minimum: float = 0.0) -> float:
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ValidationError({name: f"a number, not {raw!r}"}) from None
    if value < minimum:
        raise ValidationError({name: f"a number >= {minimum:g}, not {value:g}"})
    return value


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """How politely and how patiently to fetch. Times are seconds."""

    user_agent: str = ""
    timeout_s: float = 15.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    retries: int = 3  # extra attempts after a 429, a 5xx or a connection error
    backoff_s: float = 1.0  # first wait when the server gives no Retry-After; doubles each time
    max_retry_wait_s: float = 120.0  # a Retry-After longer than this is a failure, not a wait
    host_delay_s: float = 1.0  # between the starts of two requests to the same host
    host_concurrency: int = 2  # requests in flight per host
    max_crawl_delay_s: float = 30.0  # a robots.txt Crawl-delay is obeyed up to this

    def __post_init__(self) -> None:
        if not self.user_agent:
            object.__setattr__(self, "user_agent", default_user_agent())

    @classmethod
    def from_env(cls) -> "FetchSettings":
        d = cls()
        return cls(
            user_agent=os.environ.get("PRESSWATCH_USER_AGENT", "").strip() or default_user_agent(),
            timeout_s=_number("PRESSWATCH_FETCH_TIMEOUT_S", d.timeout_s, minimum=0.001),
            max_bytes=int(_number("PRESSWATCH_FETCH_MAX_BYTES", d.max_bytes, minimum=1)),
            max_redirects=int(_number("PRESSWATCH_FETCH_MAX_REDIRECTS", d.max_redirects)),
            retries=int(_number("PRESSWATCH_FETCH_RETRIES", d.retries)),
            backoff_s=_number("PRESSWATCH_FETCH_BACKOFF_S", d.backoff_s),
            max_retry_wait_s=_number("PRESSWATCH_FETCH_MAX_RETRY_WAIT_S", d.max_retry_wait_s),
            host_delay_s=_number("PRESSWATCH_HOST_DELAY_S", d.host_delay_s),
            host_concurrency=int(_number("PRESSWATCH_HOST_CONCURRENCY", d.host_concurrency, minimum=1)),
        )


__all__ = ["FetchSettings", "default_user_agent"]
