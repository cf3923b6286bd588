"""Bounds on one worker (kept here for existing imports; the code lives in ``presswatch.budget``,
below the stages that run under it)."""

from presswatch.budget import die_with_parent, time_budget

__all__ = ["die_with_parent", "time_budget"]
