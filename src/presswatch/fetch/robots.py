"""robots.txt rules of one origin (protego), and what to assume when there are none.

RFC 9309: a robots.txt that answers 4xx means no rules (everything allowed); one that cannot be
fetched (5xx, timeout, connection refused) means everything is disallowed until it can be.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from protego import Protego


@dataclass(frozen=True, slots=True)
class RobotsRules:
    origin: str
    parser: Protego | None  # None: no rules apply
    unreachable: str | None = None  # why robots.txt could not be read: then nothing is allowed
    fetched_at: float = 0.0  # monotonic time, for expiry

    @classmethod
    def parse(cls, origin: str, text: str, fetched_at: float) -> "RobotsRules":
        return cls(origin, Protego.parse(text), None, fetched_at)

    def allows(self, url: str, user_agent: str) -> bool:
        if self.unreachable is not None:
            return False
        if self.parser is None:
            return True
        return bool(self.parser.can_fetch(url, user_agent))

    def crawl_delay(self, user_agent: str) -> float | None:
        if self.parser is None:
            return None
        delay = self.parser.crawl_delay(user_agent)
        return float(delay) if delay is not None else None

    def sitemaps(self) -> list[str]:
        return list(self.parser.sitemaps) if self.parser is not None else []

    def refusal(self, url: str) -> str:
        path = urlsplit(url).path or "/"
        if self.unreachable is not None:
            return f"{self.origin}/robots.txt could not be read ({self.unreachable}), so nothing there is fetched"
        return f"robots.txt of {self.origin} disallows {path} for PressWatch"


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


__all__ = ["RobotsRules", "origin_of"]
