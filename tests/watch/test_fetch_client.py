"""The polite client against a loopback server: robots.txt, pacing, retries, caps, redirects, 304s."""

from __future__ import annotations

import dataclasses

from fixture_server import FixtureServer, Logged, Reply

from presswatch.fetch.client import PoliteClient, Validators
from presswatch.fetch.settings import FetchSettings, default_user_agent
from presswatch.fetch.urls import canonical_url, unique_urls

ROBOTS = "User-agent: *\nDisallow: /private/\n\nUser-agent: OtherBot\nDisallow: /\n"


def test_robots_disallowed_paths_are_never_requested(server: FixtureServer, settings: FetchSettings) -> None:
    server.routes["/robots.txt"] = Reply(body=ROBOTS, content_type="text/plain")
    server.routes["/private/memo"] = Reply(body="<p>secret</p>")
    server.routes["/news/a"] = Reply(body="<p>public</p>")
    server.routes["/news/to-private"] = Reply(302, headers={"Location": "/private/memo"})
    client = PoliteClient(settings)
    results = client.fetch_many([server.url("/private/memo"), server.url("/news/a"), server.url("/news/to-private")])
    blocked, public, redirected = results
    assert "robots.txt" in (blocked.error or "") and "/private/memo" in blocked.error
    assert public.ok and public.body == b"<p>public</p>"
    assert redirected.error and "disallows /private/memo" in redirected.error
    assert "/private/memo" not in server.paths()
    assert server.paths().count("/robots.txt") == 1  # read once per origin
    assert all(r.headers["User-Agent"] == settings.user_agent for r in server.log)


def test_unreachable_robots_txt_means_nothing_is_fetched(server: FixtureServer, settings: FetchSettings) -> None:
    server.routes["/robots.txt"] = Reply(503, "down", content_type="text/plain")
    server.routes["/news/a"] = Reply(body="<p>public</p>")
    result = PoliteClient(settings).fetch(server.url("/news/a"))
    assert result.error and "robots.txt could not be read" in result.error
    assert "/news/a" not in server.paths()


def test_requests_to_one_host_are_spaced_by_the_delay(server: FixtureServer, settings: FetchSettings) -> None:
    for i in range(4):
        server.routes[f"/news/{i}"] = Reply(body=f"<p>story {i}</p>")
    polite = dataclasses.replace(settings, host_delay_s=0.15, host_concurrency=4)
    urls = [server.url(f"/news/{i}") for i in range(4)] + [server.url(f"/news/{i}", host="localhost") for i in range(2)]
    results = PoliteClient(polite).fetch_many(urls)
    assert all(r.ok for r in results)
    for host in ("127.0.0.1", "localhost"):
        times = sorted(r.at for r in server.log if r.host.startswith(host))
        assert len(times) == (5 if host == "127.0.0.1" else 3)  # robots.txt + pages
        gaps = [b - a for a, b in zip(times, times[1:])]
        # arrival times at the server: the client's 0.15 s spacing less loopback jitter (no delay: ~1 ms)
        assert min(gaps) >= 0.12, gaps


def test_429_retry_after_is_honoured_and_503_retried(server: FixtureServer, settings: FetchSettings) -> None:
    server.routes["/busy"] = [Reply(429, "slow down", headers={"Retry-After": "1"}), Reply(body="<p>now</p>")]
    server.routes["/flaky"] = [Reply(503, "oops"), Reply(503, "oops"), Reply(body="<p>back</p>")]
    server.routes["/down"] = Reply(500, "broken")
    busy, flaky, down = PoliteClient(settings).fetch_many([server.url("/busy"), server.url("/flaky"), server.url("/down")])
    assert busy.ok and busy.attempts == 2
    first, second = server.requests_for("/busy")
    assert second.at - first.at >= 0.95  # the server's Retry-After, not the tiny backoff
    assert flaky.ok and flaky.body == b"<p>back</p>" and flaky.attempts == 3
    assert down.error == "HTTP 500 Internal Server Error after 3 attempts"
    assert len(server.requests_for("/down")) == 3


def test_a_retry_after_beyond_the_limit_is_a_failure_not_a_wait(server: FixtureServer, settings: FetchSettings) -> None:
    server.routes["/later"] = Reply(429, "tomorrow", headers={"Retry-After": "86400"})
    result = PoliteClient(settings).fetch(server.url("/later"))
    assert result.error and "retry after 86400 s" in result.error
    assert len(server.requests_for("/later")) == 1


def test_oversized_slow_and_looping_pages_fail_with_reasons(server: FixtureServer, settings: FetchSettings) -> None:
    server.routes["/huge"] = Reply(body=b"x" * 200_000)
    server.routes["/slow"] = Reply(body="<p>late</p>", delay=2.5)
    server.routes["/loop-a"] = Reply(301, headers={"Location": "/loop-b"})
    server.routes["/loop-b"] = Reply(301, headers={"Location": "/loop-a"})
    for i in range(6):
        server.routes[f"/hop{i}"] = Reply(302, headers={"Location": f"/hop{i + 1}"})
    no_retry = dataclasses.replace(settings, retries=0)
    huge, slow, loop, hops = PoliteClient(no_retry).fetch_many(
        [server.url("/huge"), server.url("/slow"), server.url("/loop-a"), server.url("/hop0")]
    )
    assert huge.error and huge.error.startswith("too large") and huge.body == b""
    assert slow.error == "timed out after 1 s"
    assert loop.error and "redirect loop" in loop.error
    assert hops.error and "more than 3 redirects" in hops.error
    assert "/hop5" not in server.paths()


def test_a_body_longer_than_announced_stops_at_the_cap(server: FixtureServer, settings: FetchSettings) -> None:
    # a server that announces no length: the cap is enforced while streaming
    server.routes["/unannounced"] = Reply(body=b"z" * 120_000, announce_length=False)
    small = dataclasses.replace(settings, max_bytes=100_000)
    result = PoliteClient(small).fetch(server.url("/unannounced"))
    assert result.error and "too large" in result.error


def test_refetch_is_conditional_and_304_is_not_a_failure(server: FixtureServer, settings: FetchSettings) -> None:
    def page(req: Logged) -> Reply:
        if req.headers.get("If-None-Match") == '"v1"':
            return Reply(304)
        return Reply(body="<p>v1</p>", headers={"ETag": '"v1"', "Last-Modified": "Tue, 03 Nov 2026 08:00:00 GMT"})

    server.routes["/news/etag"] = page
    client = PoliteClient(settings)
    first = client.fetch(server.url("/news/etag"))
    second = client.fetch(server.url("/news/etag"))
    assert first.ok and first.validators == Validators('"v1"', "Tue, 03 Nov 2026 08:00:00 GMT")
    assert second.not_modified and second.error is None and not second.ok
    later = PoliteClient(settings).fetch(server.url("/news/etag"), validators=first.validators)  # from the database
    assert later.not_modified
    asked = server.requests_for("/news/etag")
    assert "If-None-Match" not in asked[0].headers
    assert asked[1].headers["If-Modified-Since"] == "Tue, 03 Nov 2026 08:00:00 GMT"


def test_urls_are_canonicalised_and_deduplicated() -> None:
    urls = ["HTTP://Example.ORG:80/news/a?utm_source=x&b=2&a=1#top", "http://example.org/news/a?a=1&b=2", "https://example.org/b"]
    assert unique_urls(urls) == ["http://example.org/news/a?a=1&b=2", "https://example.org/b"]
    assert canonical_url("http://127.0.0.1:8123/x?fbclid=9") == "http://127.0.0.1:8123/x"


def test_user_agent_is_honest_by_default(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PRESSWATCH_CONTACT_URL", "https://newsroom.example/bot")
    assert default_user_agent().startswith("PressWatch/") and "+https://newsroom.example/bot" in default_user_agent()
    monkeypatch.setenv("PRESSWATCH_USER_AGENT", "Custom/1.0")
    assert FetchSettings.from_env().user_agent == "Custom/1.0"
