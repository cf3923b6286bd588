"""Feed health: is each source still bringing stories in?

Per source: last success, last new item, new items per day over the last 7 and 30 days, consecutive
errors and the last error. A source is **stalled** when it has brought nothing new for
``QUIET_DAYS`` while, over the four weeks before, it brought something on most days; it is
**failing** while its polls keep erroring.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from presswatch.store import Store
from presswatch.store.monitor import MonitorStore, Source, SourceAlert
from presswatch.watch.sources import iso

QUIET_DAYS = 2
BASELINE_DAYS = 28
#: share of the baseline days with a new item that counts as "publishes daily"
DAILY_SHARE = 0.7
#: a source polled less than this long is too new to call stalled
MIN_HISTORY_DAYS = 7
FAILING_AFTER = 3  # consecutive errors


@dataclass(frozen=True, slots=True)
class SourceHealth:
    id: int
    name: str
    url: str
    kind: str
    every_s: int
    status: str  # ok | stalled | failing | new
    stalled: bool
    last_polled_at: str | None
    last_success_at: str | None
    last_new_item_at: str | None
    items_per_day_7: float
    items_per_day_30: float
    consecutive_errors: int
    last_error: str | None
    next_due_at: str

    def to_record(self) -> dict[str, Any]:
        return asdict(self)


def _parse(value: str) -> datetime:
    when = datetime.fromisoformat(value)
    return when if when.tzinfo else when.replace(tzinfo=timezone.utc)


def source_health(store: Store, source: Source, now: datetime | None = None) -> SourceHealth:
    now = now or datetime.now(timezone.utc)
    times = [_parse(t) for t in MonitorStore(store).item_times(source.id, iso(now - timedelta(days=30 + QUIET_DAYS)))]
    last7 = sum(1 for t in times if t > now - timedelta(days=7))
    last30 = sum(1 for t in times if t > now - timedelta(days=30))
    quiet_from = now - timedelta(days=QUIET_DAYS)
    baseline_from = quiet_from - timedelta(days=BASELINE_DAYS)
    added = _parse(source.added_at)
    history_days = min(BASELINE_DAYS, max(0, (quiet_from - max(added, baseline_from)).days))
    active_days = len({t.date() for t in times if baseline_from <= t < quiet_from})
    quiet = not any(t >= quiet_from for t in times)
    stalled = (quiet and history_days >= MIN_HISTORY_DAYS and active_days >= DAILY_SHARE * history_days)
    if source.consecutive_errors >= FAILING_AFTER:
        status = "failing"
    elif stalled:
        status = "stalled"
    elif source.last_success_at is None:
        status = "new"
    else:
        status = "ok"
    return SourceHealth(
        id=source.id, name=source.name, url=source.url, kind=source.kind, every_s=source.every_s, status=status,
        stalled=stalled, last_polled_at=source.last_polled_at, last_success_at=source.last_success_at,
        last_new_item_at=source.last_new_item_at, items_per_day_7=round(last7 / 7, 2),
        items_per_day_30=round(last30 / 30, 2), consecutive_errors=source.consecutive_errors,
        last_error=source.last_error, next_due_at=source.next_due_at,
    )


def sources_health(store: Store, now: datetime | None = None) -> list[SourceHealth]:
    """Health of every source, in the order they were added."""
    return [source_health(store, s, now) for s in MonitorStore(store).sources()]


ALERTING = ("stalled", "failing")


def _alert_detail(health: SourceHealth, previous: str | None) -> str:
    if health.status == "failing":
        return f"{health.consecutive_errors} polls in a row failed; the last: {health.last_error or 'no reason given'}"
    if health.status == "stalled":
        return (f"nothing new since {health.last_new_item_at or 'it was added'}, from a source that brought "
                f"{health.items_per_day_30:g} new items a day over the last 30 days")
    return f"back to normal after being {previous}: last success {health.last_success_at}, last new item {health.last_new_item_at or 'none'}"


def note_health_change(store: Store, source: Source, now: datetime | None = None) -> SourceAlert | None:
    """After a poll: record an alert when the source has just turned stalled or failing, or has
    recovered from it (the last alert says what it was). Returns the alert recorded, if any."""
    now = now or datetime.now(timezone.utc)
    monitor = MonitorStore(store)
    current = monitor.source(source.id)
    health = source_health(store, current, now)
    previous = monitor.last_alert_status(current.id)
    was_alerting = previous in ALERTING
    if health.status in ALERTING and health.status != previous:
        status = health.status
    elif health.status == "ok" and was_alerting:
        status = "ok"
    else:
        return None
    return monitor.add_alert(current, status=status, at=iso(now), detail=_alert_detail(health, previous))


def health_alerts(store: Store, limit: int = 50) -> list[SourceAlert]:
    """The latest health alerts (a source turning stalled or failing, or recovering), newest first."""
    return MonitorStore(store).alerts(limit)


__all__ = ["ALERTING", "SourceAlert", "SourceHealth", "health_alerts", "note_health_change", "source_health", "sources_health"]
