"""The one shape of every JSON error answer (``/api/``, ``/feeds/``, ``/openapi.json``):

    {"detail": "what went wrong, for a person to read", "status": 400, "errors": {"field": "message"} | null}

``detail`` is always a string; ``errors`` maps a parameter or field to its own message when the
input was invalid (422, and 400 for a bad parameter), else it is null.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field


class ErrorOut(BaseModel):
    detail: str = Field(description="What went wrong, for a person to read.")
    status: int = Field(description="The HTTP status code, repeated for clients that only keep the body.")
    errors: dict[str, str] | None = Field(None, description="Field or parameter -> message, for invalid input; else null.")


def error_body(status: int, message: str, errors: dict[str, str] | None = None) -> dict[str, Any]:
    return {"detail": message, "status": status, "errors": errors or None}


def validation_errors(errors: list[dict[str, Any]]) -> dict[str, str]:
    """FastAPI's list of problems as parameter -> message (``limit``, ``body.name``)."""
    out: dict[str, str] = {}
    for err in errors:
        loc = [str(p) for p in err.get("loc", ())]
        if loc and loc[0] in ("query", "path", "header", "cookie"):
            loc = loc[1:]
        key = ".".join(loc) or "request"
        out.setdefault(key, str(err.get("msg", "invalid")))
    return out


def summary(errors: dict[str, str]) -> str:
    return "; ".join(f"{key}: {message}" for key, message in errors.items()) or "invalid request"


__all__ = ["ErrorOut", "error_body", "summary", "validation_errors"]
