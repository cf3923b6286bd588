"""The one HTTP client every network call goes through: polite, patient, bounded.

- robots.txt is read once per origin (and again after a day) and obeyed, Crawl-delay included;
- requests to one host start at least ``host_delay_s`` apart, at most ``host_concurrency`` at a time;
- an honest User-Agent (``PRESSWATCH_USER_AGENT``);
- each attempt has a total time limit; bodies are streamed and reading stops past ``max_bytes``;
- redirects are followed by hand (each hop checked against robots.txt), at most ``max_redirects``,
  and a loop is a failure;
- 429, 5xx and connection errors are retried with exponential backoff, honouring ``Retry-After``;
- a URL fetched before is asked for conditionally (If-None-Match / If-Modified-Since) and a 304
  is a result of its own, not a failure.

Nothing here raises for a bad page: every outcome is a ``FetchResult`` whose ``error`` says why.
"""

from __future__ import annotations

import asyncio
import email.utils
import ssl
import time
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urljoin

import httpx

from presswatch.fetch.robots import RobotsRules, origin_of
from presswatch.fetch.settings import FetchSettings
from presswatch.fetch.urls import canonical_url, host_of

ROBOTS_TTL_S = 24 * 3600.0
_REDIRECTS = frozenset((301, 302, 303, 307, 308))


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server said about a page's version last time: sent back on the next fetch."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        out: dict[str, str] = {}
        if self.etag:
            out["If-None-Match"] = self.etag
        if self.last_modified:
            out["If-Modified-Since"] = self.last_modified
        return out

    def __bool__(self) -> bool:
        return bool(self.etag or self.last_modified)


@dataclass(frozen=True, slots=True)
class FetchResult:
    """One URL's outcome. ``error`` is None for a usable 2xx (or a 304: ``not_modified``)."""

    url: str  # the canonical URL asked for
    final_url: str  # after redirects
    status: int | None  # of the last response; None when none came
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""
    fetched_at: str = ""  # ISO 8601, UTC: when the last response came
    error: str | None = None
    not_modified: bool = False
    attempts: int = 0
    reason_phrase: str = ""

    @property
    def ok(self) -> bool:
        return self.error is None and not self.not_modified

    def header(self, name: str) -> str | None:
        lower = name.lower()
        return next((v for k, v in self.headers if k.lower() == lower), None)

    @property
    def content_type(self) -> str:
        return self.header("Content-Type") or ""

    @property
    def validators(self) -> Validators:
        return Validators(self.header("ETag"), self.header("Last-Modified"))


def _now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def retry_after_s(value: str | None, *, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (a number of seconds or an HTTP date)."""
    if not value or not value.strip():
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    base = time.time() if now is None else now
    return max(0.0, when.timestamp() - base)


class _Failed(Exception):
    def __init__(self, reason: str, response: httpx.Response | None = None, body: bytes = b"") -> None:
        super().__init__(reason)
        self.reason = reason
        self.response = response
        self.body = body


@dataclass
class _Run:
    """Per event loop: the httpx client and the per-host locks (asyncio objects belong to one loop)."""

    http: httpx.AsyncClient
    pacing: dict[str, asyncio.Lock] = field(default_factory=dict)
    slots: dict[str, asyncio.Semaphore] = field(default_factory=dict)
    robots_locks: dict[str, asyncio.Lock] = field(default_factory=dict)


class PoliteClient:
    """Fetch pages, feeds and sitemaps politely. ``fetch_many`` runs URLs concurrently across hosts
    while keeping each host's delay and concurrency limit.

    ``transport`` and ``sleep`` are for tests (an httpx transport, an awaitable sleep)."""

    def __init__(
        self,
        settings: FetchSettings | None = None,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.settings = settings or FetchSettings.from_env()
        self._transport = transport
        self._sleep = sleep
        self._clock = clock
        self._robots: dict[str, RobotsRules] = {}
        self._next_start: dict[str, float] = {}  # host -> earliest start of its next request
        self._validators: dict[str, Validators] = {}  # learned in this client's life
        self._ssl: ssl.SSLContext | None = None  # built once: loading the CA bundle costs ~60 ms a time
        self.requests = 0  # every HTTP request made, robots.txt included

    # --- public -----------------------------------------------------------------------------
    def fetch(self, url: str, *, validators: Validators | None = None) -> FetchResult:
        """``validators``: what the caller knows of the page (None: what this client learned, if anything)."""
        return self.fetch_many([url], validators={url: validators} if validators is not None else None)[0]

    def fetch_many(
        self, urls: Sequence[str], *, validators: Mapping[str, Validators | None] | None = None
    ) -> list[FetchResult]:
        """One result per URL, in the order given (URLs are canonicalised; give them deduplicated)."""
        return asyncio.run(self.afetch_many(urls, validators=validators))

    async def afetch_many(
        self, urls: Sequence[str], *, validators: Mapping[str, Validators | None] | None = None
    ) -> list[FetchResult]:
        given = dict(validators or {})
        async with self._http() as http:
            run = _Run(http)
            return list(await asyncio.gather(*(self._fetch(run, u, given.get(u), u in given) for u in urls)))

    def robots_for(self, url: str) -> RobotsRules | None:
        """The robots.txt rules read for ``url``'s origin so far (None before any fetch there)."""
        return self._robots.get(origin_of(url))

    # --- plumbing -----------------------------------------------------------------------------
    def _http(self) -> httpx.AsyncClient:
        s = self.settings
        if self._ssl is None:
            self._ssl = httpx.create_ssl_context()
        return httpx.AsyncClient(
            headers={"User-Agent": s.user_agent, "Accept-Encoding": "gzip, deflate"},
            verify=self._ssl,
            timeout=httpx.Timeout(s.timeout_s),
            follow_redirects=False,
            transport=self._transport,
            trust_env=False,
        )

    def _delay_for(self, origin: str) -> float:
        delay = self.settings.host_delay_s
        rules = self._robots.get(origin)
        if rules is not None:
            asked = rules.crawl_delay(self.settings.user_agent)
            if asked:
                delay = max(delay, min(asked, self.settings.max_crawl_delay_s))
        return delay

    async def _pace(self, run: _Run, url: str) -> None:
        """Wait for this host's turn: request starts at least the host delay apart."""
        host = host_of(url)
        lock = run.pacing.setdefault(host, asyncio.Lock())
        async with lock:
            wait = self._next_start.get(host, 0.0) - self._clock()
            if wait > 0:
                await self._sleep(wait)
            self._next_start[host] = self._clock() + self._delay_for(origin_of(url))

    async def _fetch(self, run: _Run, url: str, validators: Validators | None, explicit: bool) -> FetchResult:
        """``explicit``: the caller said what it knows (perhaps nothing), so the client's own memory
        of the page is not used."""
        try:
            url = canonical_url(url)
        except Exception as exc:  # ValidationError
            return FetchResult(url, url, None, fetched_at=_now_iso(), error=str(exc))
        if not explicit:
            validators = self._validators.get(url)
        current, seen, attempts = url, {url}, 0
        extra = validators.headers() if validators else {}
        while True:
            rules = await self._rules(run, current)
            if not rules.allows(current, self.settings.user_agent):
                return FetchResult(url, current, None, fetched_at=_now_iso(), error=rules.refusal(current), attempts=attempts)
            try:
                response, body, tries = await self._attempts(run, current, extra)
            except _Failed as failed:
                return self._failed(url, current, failed, attempts)
            attempts += tries
            if response.status_code in _REDIRECTS and response.headers.get("Location"):
                target = urljoin(current, response.headers["Location"])
                try:
                    target = canonical_url(target)
                except Exception:
                    return self._result(url, current, response, body, attempts, f"redirect to a URL that is not http(s): {target!r}")
                if target in seen:
                    return self._result(url, current, response, body, attempts, f"redirect loop: {current} leads back to {target}")
                if len(seen) > self.settings.max_redirects:
                    return self._result(url, current, response, body, attempts,
                                        f"more than {self.settings.max_redirects} redirects; stopped at {current}")
                seen.add(target)
                current, extra = target, {}
                continue
            if response.status_code == 304:
                return FetchResult(url, current, 304, tuple(response.headers.multi_items()), b"", _now_iso(),
                                   None, True, attempts, response.reason_phrase)
            error = None
            if not 200 <= response.status_code < 300:
                error = f"HTTP {response.status_code} {response.reason_phrase}".strip()
            result = self._result(url, current, response, body, attempts, error)
            if result.ok and result.validators:
                self._validators[url] = result.validators
            return result

    def _result(self, url: str, final: str, response: httpx.Response, body: bytes, attempts: int,
                error: str | None) -> FetchResult:
        return FetchResult(url, final, response.status_code, tuple(response.headers.multi_items()), body,
                           _now_iso(), error, False, attempts, response.reason_phrase)

    def _failed(self, url: str, final: str, failed: _Failed, attempts: int) -> FetchResult:
        r = failed.response
        return FetchResult(url, final, r.status_code if r is not None else None,
                           tuple(r.headers.multi_items()) if r is not None else (), failed.body, _now_iso(),
                           failed.reason, False, attempts + 1, r.reason_phrase if r is not None else "")

    async def _attempts(self, run: _Run, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes, int]:
        """GET with retries on 429/5xx and connection errors. Raises _Failed with the reason."""
        s = self.settings
        for attempt in range(s.retries + 1):
            last = attempt == s.retries
            host = host_of(url)
            slot = run.slots.setdefault(host, asyncio.Semaphore(s.host_concurrency))
            async with slot:
                await self._pace(run, url)
                self.requests += 1
                try:
                    response, body = await self._get_once(run, url, headers)
                except _Failed as failed:
                    if last or failed.response is not None:  # too large: no point retrying
                        raise
                    wait = s.backoff_s * 2**attempt
                    reason = failed.reason
                else:
                    if response.status_code != 429 and response.status_code < 500:
                        return response, body, attempt + 1
                    reason = f"HTTP {response.status_code} {response.reason_phrase}".strip()
                    if last:
                        raise _Failed(f"{reason} after {attempt + 1} attempts", response, body)
                    asked = retry_after_s(response.headers.get("Retry-After"))
                    if asked is not None and asked > s.max_retry_wait_s:
                        raise _Failed(f"{reason}: the server asks to retry after {asked:.0f} s, "
                                      f"over the {s.max_retry_wait_s:.0f} s limit", response, body)
                    wait = asked if asked is not None else s.backoff_s * 2**attempt
            await self._sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _get_once(self, run: _Run, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
        cap = self.settings.max_bytes
        try:
            async with asyncio.timeout(self.settings.timeout_s):
                async with run.http.stream("GET", url, headers=headers) as response:
                    declared = response.headers.get("Content-Length")
                    if declared and declared.isdigit() and int(declared) > cap:
                        raise _Failed(f"too large: {int(declared)} bytes announced, over the {cap} byte limit; not read",
                                      response)
                    chunks: list[bytes] = []
                    size = 0
                    async for chunk in response.aiter_bytes():
                        size += len(chunk)
                        if size > cap:
                            raise _Failed(f"too large: over the {cap} byte limit; stopped reading", response)
                        chunks.append(chunk)
                    return response, b"".join(chunks)
        except TimeoutError:
            raise _Failed(f"timed out after {self.settings.timeout_s:g} s") from None
        except httpx.TimeoutException:
            raise _Failed(f"timed out after {self.settings.timeout_s:g} s") from None
        except httpx.DecodingError as exc:
            raise _Failed(f"the response could not be decoded ({exc})") from None
        except httpx.TransportError as exc:
            raise _Failed(f"could not connect ({type(exc).__name__}: {exc})") from None

    async def _rules(self, run: _Run, url: str) -> RobotsRules:
        origin = origin_of(url)
        lock = run.robots_locks.setdefault(origin, asyncio.Lock())
        async with lock:
            known = self._robots.get(origin)
            if known is not None and self._clock() - known.fetched_at < ROBOTS_TTL_S:
                return known
            rules = await self._read_robots(run, origin)
            self._robots[origin] = rules
            return rules

    async def _read_robots(self, run: _Run, origin: str) -> RobotsRules:
        url = f"{origin}/robots.txt"
        now = self._clock()
        for _hop in range(self.settings.max_redirects + 1):
            try:
                response, body, _ = await self._attempts(run, url, {})
            except _Failed as failed:
                if failed.response is not None and 400 <= failed.response.status_code < 500:
                    return RobotsRules(origin, None, None, now)
                return RobotsRules(origin, None, failed.reason, now)
            if response.status_code in _REDIRECTS and response.headers.get("Location"):
                url = urljoin(url, response.headers["Location"])
                continue
            if 200 <= response.status_code < 300:
                return RobotsRules.parse(origin, body.decode("utf-8", errors="replace"), now)
            if 400 <= response.status_code < 500:
                return RobotsRules(origin, None, None, now)
            return RobotsRules(origin, None, f"HTTP {response.status_code}", now)
        return RobotsRules(origin, None, "too many redirects", now)


def fetch_urls(urls: Iterable[str], client: PoliteClient | None = None) -> list[FetchResult]:
    """Canonicalise and deduplicate ``urls``, then fetch each once."""
    from presswatch.fetch.urls import unique_urls

    return (client or PoliteClient()).fetch_many(unique_urls(urls))


__all__ = ["FetchResult", "PoliteClient", "Validators", "fetch_urls", "retry_after_s"]
