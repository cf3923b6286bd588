"""Bounds on one worker: a time budget per document, and workers that end with their parent.

The budget is a real-time interval timer whose signal raises :class:`BudgetExceeded` in the code that
is running (extraction, the parse), so the document becomes a failure record and the worker goes on
with the next one. Signals reach only a process's main thread: elsewhere (a web server's thread
pool) the budget is not enforced.
"""

from __future__ import annotations

import contextlib
import ctypes
import signal
import sys
import threading
from collections.abc import Iterator

from presswatch.errors import BudgetExceeded

_PR_SET_PDEATHSIG = 1


def _on_alarm(_signum: int, _frame: object) -> None:
    raise BudgetExceeded("")


@contextlib.contextmanager
def time_budget(seconds: float, what: str = "the document") -> Iterator[None]:
    """Raise :class:`BudgetExceeded` inside the block once ``seconds`` have passed (0: no budget)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except BudgetExceeded:
        raise BudgetExceeded(
            f"{what} took longer than {seconds:g} s; raise PRESSWATCH_DOCUMENT_TIMEOUT_S to give it more time"
        ) from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def die_with_parent() -> None:
    """Ask the kernel to end this process when the process that started it dies (Linux), so a
    killed ingest leaves no orphaned workers behind."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


__all__ = ["die_with_parent", "time_budget"]
